"""Background events (issue 13): the earlier happening a report measures its news against
("The attack came hours after a car bomb killed 11 people in Beledweyne") stays an event
with its own toll, time and place, flagged `background`, so that it never becomes the
article's main event; and the coding kinds the incident corpus showed beside it: attacks
on ships off a coast, a town as what an attack is done to, a group's backer, and a
when-clause two steps below the toll. Sentences written for these tests; published
2024-05-02 (a Thursday)."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract import extract
from newsledger.ingest.layout import Hints, build_article

PUBLISHED = date(2024, 5, 2)


def _events(text: str):
    hints = Hints(published=PUBLISHED, published_from="option", has_headline=False)
    return extract(build_article(text, "test.txt", hints)).events


def _killed(events, count: int):
    return next(e for e in events if e.fatalities is not None and e.fatalities.min == count)


# -- what is told as background ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "news_toll", "background_toll", "background_place"),
    [
        # a reference verb before "after"
        ("Gunmen killed four soldiers near Tillaberi on Wednesday. The ambush came hours "
         "after a roadside bomb killed nine villagers in Tera.", 4, 9, "Tera"),
        # a time measure before "after"
        ("Rockets fired from Gaza killed two people in Sderot on Tuesday, a day after an "
         "Israeli air strike killed 12 people in Khan Younis.", 2, 12, "Khan Younis"),
        # "be" with a rank, and "since"
        ("A car bomb killed 14 people in Mogadishu on Monday. It was the deadliest attack "
         "in Somalia since a truck bomb killed 20 people in Beledweyne in 2017.",
         14, 20, "Beledweyne"),
        # an ordinal, and "after" with no measure
        ("Shelling killed six people in Kharkiv on Wednesday. It was the third deadly "
         "strike on the region this month, after a missile killed 17 people in Kupiansk.",
         6, 17, "Kupiansk"),
        # retaliation
        ("Israeli jets killed three Hezbollah fighters in Tyre on Wednesday in retaliation "
         "for a rocket attack that killed two soldiers in Metula.", 3, 2, "Metula"),
    ],
)  # fmt: skip
def test_the_earlier_happening_is_background_with_its_own_toll_and_place(
    sentence, news_toll, background_toll, background_place
):
    events = _events(sentence)
    news, earlier = _killed(events, news_toll), _killed(events, background_toll)
    assert not news.background
    assert earlier.background and earlier.type == "ASSAULT"
    assert earlier.location is not None and earlier.location.name == background_place


@pytest.mark.parametrize(
    "sentence",
    [
        "Police fired tear gas after protesters threw stones at parliament in Nairobi.",
        "Soldiers killed five militants after they attacked a checkpoint in Kidal.",
        "After clashes erupted in Tripoli on Sunday, the government imposed a curfew.",
        "Two days later, gunmen attacked a police station in Kano.",
        "The army said it had retaken the town after heavy fighting near Bakhmut.",
        # the news in a clause on the rank's noun
        "It was the first time since 2019 that troops fired on protesters in Khartoum.",
    ],
)
def test_a_story_told_in_order_is_not_background(sentence):
    assert not any(e.background for e in _events(sentence))


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Militants stormed a base in Mali on Tuesday, two weeks after an ambush killed "
         "30 soldiers in Kidal on April 16.", "2024-04-16"),
        ("Protesters marched in Lagos on Wednesday, days after police killed a student "
         "in Abuja.", None),
        ("The raid came a week after a drone strike on April 24 killed eight people in "
         "Marib.", "2024-04-24"),
        ("Troops shelled Kharkiv on Monday in response to a rocket attack that killed four "
         "people in Belgorod.", None),
    ],
)  # fmt: skip
def test_a_background_event_takes_only_its_own_day(sentence, day):
    earlier = next(e for e in _events(sentence) if e.background)
    assert earlier.date == day


def test_news_told_later_does_not_join_a_background_happening():
    text = (
        "Two bombs struck a camp near Goma on Monday, killing six people. It was the "
        "second attack in two weeks, after shelling of a market killed 19 people. "
        "Thousands who fled the fighting around Sake live in the camps."
    )
    events = _events(text)
    assert not _killed(events, 6).background
    assert _killed(events, 19).background
    assert len(_killed(events, 19).mentions) == 1


# -- ships, towns and backers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Houthi rebels struck a bulk carrier off Mokha on Tuesday.", "Mocha"),
        ("A drone hit a tanker off Fujairah on Sunday.", "Fujairah"),
        ("Pirates attacked a cargo ship off the coast of Eyl on Monday.", "Eyl"),
        ("A missile hit a ferry off Hodeidah on Saturday.", "Hodeidah"),
        ("Gunmen seized a freighter off Lagos on Friday.", "Lagos"),
    ],
)
def test_an_attack_at_sea_is_placed_at_the_coast_it_was_off(sentence, place):
    event = next(e for e in _events(sentence) if e.type in ("ASSAULT", "COERCE"))
    assert event.location is not None and event.location.name == place


@pytest.mark.parametrize(
    ("sentence", "place", "country"),
    [
        ("Separatists shelled Mariupol on Monday.", "Mariupol", "UKR"),
        ("Jihadists attacked Djibo on Sunday.", "Djibo", "BFA"),
        ("Rebels shelled Sake on Monday.", "Sake", "COD"),
        ("Militants stormed Beledweyne on Tuesday.", "Beledweyne", "SOM"),
    ],
)
def test_a_town_attacked_is_where_it_happened(sentence, place, country):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.location is not None
    assert (event.location.name, event.location.country) == (place, country)


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Russian-backed separatists shelled Mariupol on Monday.", "UKR"),
        ("Saudi-backed government forces attacked Houthi positions near Marib.", "YEM"),
        ("Rwanda-backed M23 rebels shelled Sake on Monday.", "COD"),
        ("The Iran-backed Houthis attacked a ship in the Red Sea.", "YEM"),
        ("U.S.-trained Afghan commandos raided a hideout in Helmand.", "AFG"),
    ],
)
def test_a_backer_is_not_the_groups_country(sentence, actor):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.actor is not None and event.actor.country == actor
    assert "-backed" in event.actor.text or "-trained" in event.actor.text  # as written


@pytest.mark.parametrize(
    ("sentence", "place", "day"),
    [
        ("One sailor was killed and two others burned when Huthi rebels struck the carrier "
         "off Mokha on Tuesday.", "Mocha", "2024-04-30"),
        ("Two policemen were killed and four wounded when gunmen ambushed their patrol near "
         "Kidal on Sunday.", "Kidal", "2024-04-28"),
        ("A child was killed and three were hurt when a shell hit a school in Kherson on "
         "Monday.", "Kherson", "2024-04-29"),
        ("Five people died and 20 were injured when a bomb exploded in a market in Quetta on "
         "Wednesday.", "Quetta", "2024-05-01"),
    ],
)  # fmt: skip
def test_a_when_clause_under_a_second_harm_dates_and_places_the_toll(sentence, place, day):
    event = next(e for e in _events(sentence) if e.fatalities is not None)
    assert event.location is not None and event.location.name == place
    assert event.date == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a bare "came after": the time told in the sentence before
        ("On Monday, the ministry summoned the envoy. The summons came after a drone "
         "strike killed six people in Kherson.", "2024-04-29"),
        ("Last week, parliament voted to expel the troops. The vote came after air "
         "strikes killed 16 people near Qaim.", "2024-04-22"),
        # "hours after": the same day
        ("On Tuesday, gunmen attacked a church in Kaya. The attack came hours after a bomb "
         "killed five soldiers near Dori.", "2024-04-30"),
        # days apart: no time of its own
        ("On Tuesday, gunmen attacked a church in Kaya. The attack came two weeks after a "
         "bomb killed five soldiers near Dori.", None),
    ],
)  # fmt: skip
def test_a_background_event_may_take_the_time_told_before_it(text, day):
    earlier = next(e for e in _events(text) if e.background)
    assert earlier.date == day
