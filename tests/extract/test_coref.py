"""One event per happening: mentions of one happening in an article merge."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from newsledger.extract import extract
from newsledger.ingest.layout import build_article

THREE_MENTIONS = (
    "Kirkuk, March 15 (IQW) -- A car bomb exploded near a police station in Kirkuk on "
    "Monday, killing five people and wounding dozens, police said.\n\n"
    "The bombing was the deadliest in the city this year. Local officials blamed "
    "Islamic State militants.\n\n"
    "Police said the Kirkuk attack was carried out by a suicide bomber who drove a "
    "stolen car.\n"
)


def _events(text: str):
    article = replace(build_article(text, "test.txt"), published=date(2024, 3, 15))
    return extract(article).events


def test_a_happening_mentioned_three_times_is_one_event_with_its_best_facts():
    assaults = [e for e in _events(THREE_MENTIONS) if e.type == "ASSAULT"]
    assert len(assaults) == 1
    event = assaults[0]
    assert [m.trigger for m in event.mentions] == ["killing", "bombing", "attack"]
    assert (event.date, event.date_precision) == ("2024-03-11", "day")
    assert (event.location.name, event.location.precision) == ("Kirkuk", "place")
    assert (event.fatalities.min, event.fatalities.max) == (5, 5)
    assert event.injuries.min == 24


def test_attacks_in_different_places_stay_apart():
    assaults = [
        e
        for e in _events(
            "Rebels attacked an army post in Goma on Monday. "
            "The attack in Bunia on Tuesday killed four soldiers."
        )
        if e.type == "ASSAULT"
    ]
    assert len(assaults) == 2
    assert {e.location.name for e in assaults} == {"Goma", "Bunia"}
