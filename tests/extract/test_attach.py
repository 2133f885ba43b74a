"""When, where and how many, attached to the events of articles we wrote."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from newsledger.extract import extract
from newsledger.ingest.layout import build_article

FRIDAY = date(2024, 3, 15)


def _events(text: str, published: date | None = FRIDAY):
    article = replace(build_article(text, "test.txt"), published=published)
    return extract(article).events


def _only(events, event_type):
    found = [e for e in events if e.type == event_type]
    assert len(found) == 1, [(e.type, e.mentions[0].trigger) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "day", "precision"),
    [
        ("On Wednesday, militants attacked a checkpoint near Kirkuk.", "2024-03-13", "day"),
        ("Police arrested 12 protesters yesterday in Nairobi.", "2024-03-14", "day"),
        ("Rebels shelled the town overnight.", "2024-03-15", "day"),
        ("Last week, rebels attacked an army convoy near Goma.", "2024-03-04", "week"),
        ("Last month, rebels seized the town of Goma.", "2024-02-01", "month"),
        ("Earlier this month, troops raided a camp near Jenin.", "2024-03-01", "month"),
        ("In late January, jets bombed a bridge near Kherson.", "2024-01-01", "month"),
        ("Troops shelled the village on Jan. 28.", "2024-01-28", "day"),
        ("Gunmen killed two farmers on 28 January 2024.", "2024-01-28", "day"),
        ("Rebels ambushed a convoy on 2024-01-28.", "2024-01-28", "day"),
        ("Gunmen attacked a bus on January 28.", "2024-01-28", "day"),
    ],
)
def test_each_date_form_dates_the_event_it_governs(sentence, day, precision):
    event = max(_events(sentence), key=lambda e: e.confidence)
    assert (event.date, event.date_precision) == (day, precision)
    assert event.date_text and event.date_text.lower() in sentence.lower()


def test_a_past_weekday_is_never_after_publication_and_a_future_one_is():
    attack = _only(_events("Rebels attacked a police post on Friday."), "ASSAULT")
    assert attack.date == "2024-03-15"
    meeting = _events("The two ministers will meet on Monday in Cairo.")[0]
    assert meeting.date == "2024-03-18"


def test_an_event_without_a_time_expression_has_no_date():
    attack = _only(_events("Rebels attacked a police post near Goma."), "ASSAULT")
    assert attack.date is None and attack.date_precision is None


def test_an_article_with_no_year_dates_only_what_it_writes_in_full():
    events = _events(
        "On Wednesday, militants attacked a checkpoint. Gunmen killed two farmers on "
        "28 January 2024.",
        published=None,
    )
    attack = next(e for e in events if e.mentions[0].trigger == "attacked")
    killing = next(e for e in events if e.mentions[0].trigger == "killed")
    assert attack.date is None
    assert killing.date == "2024-01-28"


def test_a_sentence_without_a_date_takes_the_previous_sentences_when_tenses_agree():
    events = _events(
        "Last week, the army said it had retaken the town.\n\n"
        "Soldiers killed four militants in the fighting."
    )
    killing = next(e for e in events if e.mentions[0].trigger == "killed")
    assert (killing.date, killing.date_precision) == ("2024-03-04", "week")


@pytest.mark.parametrize(
    ("sentence", "country", "name"),
    [
        ("Three soldiers were killed in a drone attack in Jordan.", "JOR", "Jordan"),
        ("Police arrested 20 protesters in Tbilisi, Georgia.", "GEO", "Tbilisi"),
        ("Police arrested 20 protesters in Atlanta, Georgia.", "USA", "Atlanta"),
        ("Iraqi forces attacked a convoy near Al-Qaim.", "IRQ", "Al-Qaim"),
        ("Protesters marched in Washington against the war.", "USA", "Washington"),
    ],
)
def test_the_place_where_the_event_happened(sentence, country, name):
    event = max(_events(sentence), key=lambda e: e.confidence)
    assert event.location is not None
    assert (event.location.country, event.location.name) == (country, name)
    assert event.location.lat is not None and event.location.precision in ("place", "country")


def test_a_river_named_jordan_is_not_the_country():
    event = _only(_events("Settlers attacked farmers near the Jordan River."), "ASSAULT")
    assert event.location is None or event.location.country != "JOR"


def test_a_government_named_by_its_capital_is_not_a_place():
    events = _events("Washington condemned the raid on the village.")
    assert all(e.location is None for e in events)


def test_several_places_for_one_event():
    event = _only(
        _events("Militias carried out attacks on U.S. bases in Iraq and Syria on Monday."),
        "ASSAULT",
    )
    assert {loc.country for loc in event.locations} == {"IRQ", "SYR"}


def test_events_without_a_place_fall_back_to_the_dateline_marked_as_such():
    events = _events("Kirkuk, March 15 (IQW) -- Gunmen killed two shepherds on Thursday.")
    killing = _only(events, "ASSAULT")
    assert killing.location.country == "IRQ"
    assert killing.location.precision == "dateline"


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Militants attacked a base, killing three soldiers and wounding 25 others.",
         (3, 3), (25, 25)),
        ("At least 16 people were killed in the airstrikes.", (16, None), None),
        ("More than 40 people were killed when rebels attacked the market.", (41, None), None),
        ("A drone strike on the market killed a dozen people and wounded dozens.",
         (12, 12), (24, None)),
        ("Up to 25 people were killed in the shelling.", (None, 25), None),
    ],
)  # fmt: skip
def test_tolls_attach_to_the_event_that_caused_them(sentence, killed, injured):
    event = _only(_events(sentence), "ASSAULT")
    assert (event.fatalities.min, event.fatalities.max) == killed
    if injured:
        assert (event.injuries.min, event.injuries.max) == injured
    else:
        assert event.injuries is None


def test_the_victims_affiliation_informs_the_recipient():
    event = _only(_events("A drone attack killed three American soldiers in Jordan."), "ASSAULT")
    assert (event.recipient.country, event.recipient.sector) == ("USA", "MIL")


# -- the day of a saying is the report's: the next sentence's act does not inherit it ----


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Gunmen ambushed a convoy escorted by soldiers near Djibo on Sunday, killing 15, "
            "security sources said on Tuesday.\n\nThe convoy was carrying food to the town "
            "when it was attacked near the village of Namsiguia.",
            "2024-03-10",
        ),
        (
            "Militants stormed a hotel in Mogadishu on Wednesday, killing six, police said on "
            "Thursday.\n\nThe hotel was attacked while ministers were meeting inside.",
            "2024-03-13",
        ),
        (
            "Bandits raided a village in Zamfara on Monday, residents told reporters on "
            "Wednesday.\n\nThe village was attacked at dawn, residents said.",
            "2024-03-11",
        ),
        (
            "Rebels shelled the town of Sake on Tuesday, the army said in a statement on "
            "Thursday.\n\nResidents said the town was hit by dozens of shells.",
            "2024-03-12",
        ),
    ],
)
def test_an_act_told_after_a_dated_saying_stays_with_the_act_day(text, day):
    assaults = [e for e in _events(text) if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].date == day
