"""Dates and tolls a coder would sign: tight dates and ranges, counts told outside the
subject, fact box lines, and tolls told with a weak harm word ("died")."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract import extract
from newsledger.extract.casualties import find_casualties
from newsledger.extract.time import date_window, resolve_date
from newsledger.ingest.layout import Hints, build_article

THURSDAY = date(2024, 5, 2)  # the Sunday before is 28 April


def _events(text: str, headline: bool = False):
    hints = Hints(published=THURSDAY, published_from="option", has_headline=headline)
    return extract(build_article(text, "test.txt", hints)).events


def _assault(text: str, headline: bool = False):
    """The one ASSAULT record of a text."""
    found = [e for e in _events(text, headline) if e.type == "ASSAULT"]
    assert len(found) == 1, [(e.type, e.mentions[0].trigger) for e in _events(text, headline)]
    return found[0]


def _bounds(count) -> tuple[int | None, int | None] | None:
    return None if count is None else (count.min, count.max)


# -- dates written tightly or as a range -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "day", "precision"),
    [
        ("On 14March 2024 a car bomb exploded in Kandahar.", "2024-03-14", "day"),
        ("On 3rdApril gunmen killed four people in Jos.", "2024-04-03", "day"),
        ("A suicide bomber attacked a market in Mogadishu on 14-Mar-2024.", "2024-03-14", "day"),
        ("Troops shelled the village on March14, killing two.", "2024-03-14", "day"),
        # ranges: the smallest week (from its Monday) or month that holds every day
        ("Clashes from 2-7 April left 12 dead.", "2024-04-01", "week"),
        ("Clashes between 2 and 7 April left 12 dead.", "2024-04-01", "week"),
        ("Fighting on April 2-7 killed 40 people in Darfur.", "2024-04-01", "week"),
        (
            "Militants attacked villages near Gao from 8 to 12 April, killing 20.",
            "2024-04-08",
            "week",
        ),
        ("Rebels shelled Goma on April 22nd-26th, killing 9.", "2024-04-22", "week"),
        ("Air strikes on Sanaa from 10 to 20 April killed 30 people.", "2024-04-01", "month"),
    ],
)
def test_tight_dates_and_ranges_date_the_event(sentence, day, precision):
    event = _assault(sentence)
    assert (event.date, event.date_precision) == (day, precision)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2-7 April", date(2024, 4, 2), date(2024, 4, 7)),
        ("between 2 and 7 April", date(2024, 4, 2), date(2024, 4, 7)),
        ("April 2 through 7", date(2024, 4, 2), date(2024, 4, 7)),
        ("from 28 March to 3 April", date(2024, 3, 28), date(2024, 4, 3)),
        ("March 28 - April 3, 2023", date(2023, 3, 28), date(2023, 4, 3)),
        ("April 29-May 1", date(2024, 4, 29), date(2024, 5, 1)),
    ],
)
def test_a_range_is_dated_by_a_period_holding_all_its_days_not_its_last(text, first, last):
    day, precision = resolve_date(text, THURSDAY)
    start, end = date_window(day, precision)
    assert start <= first and last <= end
    assert precision != "day"


@pytest.mark.parametrize(
    "text",
    [
        "2 and 7 April",  # two days, not the days between
        "7-2 April",  # no range
        "28 December to 3 January",  # no week, month or year holds it
    ],
)
def test_what_is_no_range_gets_no_range_date(text):
    assert resolve_date(text, THURSDAY) is None


# -- a count outside the subject ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Rebel officials named 11 fighters they said were killed in the air raids.", (11, 11)),
        ("A reporter counted the bodies of at least seven miners after the attack.", (7, None)),
        ("The army identified five soldiers it said had died in the ambush near Gao.", (5, 5)),
        (
            "Hamas published the names of 20 fighters it said were killed by Israeli strikes.",
            (20, 20),
        ),
        ("The Taliban named 8 commanders that the army said were killed in Helmand.", (8, 8)),
        ("Villagers buried 9 farmers who they said were shot dead by militants.", (9, 9)),
        ("Rescuers pulled 23 bodies from the rubble after the air strike on Rafah.", (23, 23)),
        ("Police recovered the bodies of nine villagers after the raid in Zamfara.", (9, 9)),
        ("The corpses of 14 migrants were found after the attack near Tripoli.", (14, 14)),
    ],
)
def test_a_count_told_outside_the_subject_is_the_toll(sentence, killed):
    assert _bounds(_assault(sentence).fatalities) == killed


@pytest.mark.parametrize(
    "sentence",
    [
        "Two UN bodies condemned the attack in Gaza.",
        "Several international bodies condemned the shelling of Kharkiv.",
        "The militants they said had killed the soldiers fled.",  # the doers, not victims
    ],
)
def test_institutions_and_doers_are_no_toll(nlp, sentence):
    assert [c for c in find_casualties(nlp(sentence)) if c.kind == "killed"] == []


# -- an infobox or fact box --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Battle of Foo\n\nCasualties: 30-31 killed, 70 injured", (30, 31), (70, 70)),
        (
            "Battle of Marawi\n\nDate: 23 May - 23 October 2017 (153 days)\n"
            "Location: Marawi, Philippines\nCasualties: 1,200 killed; 1,400 wounded, "
            "400 captured[2]",
            (1200, 1200),
            (1400, 1400),
        ),
        (
            "Battle of Sirte\n\nDate: 3-5 March 2023 (3 days) Location: Sirte, Libya "
            "Casualties: 14 civilians killed and 20 wounded",
            (14, 14),
            (20, 20),
        ),
        ("Kabul airport bombing\n\nDeaths: 183\n\nInjuries: 200+ (est.)", (183, 183), (200, None)),
        ("Battle of Mosul\n\nFatalities: about 40 (2 days)", (40, 40), None),
        ("Battle of Bar\n\nCasualties: 12", (None, 12), (None, 12)),
    ],
)
def test_a_fact_box_gives_the_main_happening_its_toll(text, killed, injured):
    event = _assault(text, headline=True)
    assert _bounds(event.fatalities) == killed
    assert _bounds(event.injuries) == injured


@pytest.mark.parametrize(
    "text",
    [
        "Battle of Foo\n\nDate: 3-5 March 2023 (3 days)\n\nLocation: Foo, Syria",
        "Battle of Foo\n\nCasualties: 2023",
        "Battle of Foo\n\nCasualties: 300 captured, 40 missing",
        "Battle of Foo\n\nThe report counted deaths: 12 in March alone.",
    ],
)
def test_years_durations_and_other_outcomes_are_no_toll(text):
    assert _assault(text, headline=True).fatalities is None


# -- toll sentences with a weak trigger ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed", "day"),
    [
        ("Police said 14 people died in the air strikes on Sunday.", (14, 14), "2024-04-28"),
        (
            "Officials said 20 people died in the bombing in Mosul on Saturday.",
            (20, 20),
            "2024-04-27",
        ),
        (
            "Seven children died in the explosion in Kabul on Sunday, police said.",
            (7, 7),
            "2024-04-28",
        ),
        (
            "Medics said six people were killed in the drone strike on Wednesday.",
            (6, 6),
            "2024-05-01",
        ),
        # a sentence with no act of its own tells the toll of the act told before it
        (
            "Gunmen attacked a church in Kaduna on Sunday. At least 14 worshippers died, "
            "officials said.",
            (14, None),
            "2024-04-28",
        ),
        (
            "Russian missiles hit Kharkiv on Friday.\n\nPolice said 9 people died and 20 "
            "were wounded.",
            (9, 9),
            "2024-04-26",
        ),
        (
            "Militants ambushed an army patrol near Gao on Monday. Five soldiers died, "
            "the army said.",
            (5, 5),
            "2024-04-29",
        ),
        (
            "Fighters stormed a police station in Mandera on Tuesday. Four officers were "
            "confirmed dead, police said.",
            (4, 4),
            "2024-04-30",
        ),
        (
            "A car bomb exploded outside a hotel in Mogadishu on Saturday. Eleven people "
            "died, officials said.",
            (11, 11),
            "2024-04-27",
        ),
        (
            "Gunmen opened fire on a bus near Jos on Wednesday. Six passengers died on the "
            "spot, witnesses said.",
            (6, 6),
            "2024-05-01",
        ),
        (
            "Bandits raided a village in Zamfara on Saturday. Twelve villagers are dead, a "
            "local official said.",
            (12, 12),
            "2024-04-27",
        ),
    ],
)
def test_a_weak_harm_word_gives_the_act_its_toll_and_day(text, killed, day):
    event = _assault(text)
    assert _bounds(event.fatalities) == killed
    assert event.date == day


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Gunmen attacked a church in Kaduna on Sunday. Separately, three people died in a "
            "road accident.",
            None,
        ),
        (
            "Gunmen attacked a church in Kaduna on Sunday. Three people died of cholera in the "
            "camp.",
            None,
        ),
        (
            "Gunmen attacked a church in Kaduna on Sunday, killing 10. Two of the victims died "
            "in hospital.",
            (10, 10),
        ),
        (
            "Gunmen attacked a church in Kaduna on Sunday, killing 10. Two more people died.",
            (10, 10),
        ),
    ],
)
def test_deaths_with_a_cause_of_their_own_or_a_part_are_not_the_acts_toll(text, killed):
    assert _bounds(_assault(text).fatalities) == killed


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked an army camp in Djibo on Tuesday. They seized weapons and "
        "vehicles. Two security sources put the toll at 35 soldiers.",
        "Gunmen stormed a police post near Gao on Monday and looted its armoury. At least 12 "
        "officers died, officials said.",
        "Rebels raided the town of Kalehe on Sunday. They took cattle and burned a clinic. "
        "Nine villagers were killed, residents said.",
        "Fighters overran a checkpoint in Kidal on Friday and seized two trucks. Eight "
        "soldiers died, the army said.",
    ],
)
def test_a_later_death_toll_is_the_assaults_not_the_lootings(text):
    events = [e for e in _events(text) if e.fatalities is not None]
    assert events and all(e.type == "ASSAULT" for e in events)


@pytest.mark.parametrize(
    ("sentence", "event_type", "day"),
    [
        # the day between the speech verb and the clause is the saying's
        ("The army said on Monday its troops had killed 12 militants near Kidal.",
         "ASSAULT", None),
        ("Yemen's Houthis said on Wednesday they had fired missiles at a tanker in the "
         "Gulf of Aden.", "ASSAULT", None),
        ("Police said on Tuesday they arrested five suspects in Kano.", "COERCE", None),
        ("The ministry said on Friday that rebels had torched a village near Bunia.",
         "ASSAULT", None),
        # a day inside the reported clause is the act's
        ("The army said its troops killed 12 militants near Kidal on Monday.", "ASSAULT",
         "2024-04-29"),
        ("Police said they arrested five suspects in Kano on Tuesday.", "COERCE",
         "2024-04-30"),
    ],
)  # fmt: skip
def test_the_day_a_report_was_made_does_not_date_the_act_it_reports(sentence, event_type, day):
    event = next(e for e in _events(sentence) if e.type == event_type)
    assert event.date == day
