"""The first event finder: types, arguments, flags and offsets on sentences we wrote."""

from __future__ import annotations

import pytest

from newsledger.article import Article
from newsledger.extract import extract


def _events(text: str):
    article = Article(text=text)
    return article, extract(article).events


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor", "recipient"),
    [
        (
            "Russian forces shelled the Ukrainian city of Kharkiv on Monday.",
            "ASSAULT",
            "RUS",
            "UKR",
        ),
        ("Police arrested dozens of Kenyan protesters in Nairobi.", "COERCE", None, "KEN"),
        ("Jordan and Britain agreed to hold joint military exercises.", "AGREE", "JOR", None),
        ("The European Union imposed sanctions on Iran.", "SANCTION", None, "IRN"),
        ("Thousands of farmers protested in Warsaw against grain imports.", "PROTEST", None, None),
        ("Egypt accused Ethiopia of endangering the region.", "ACCUSE", "EGY", "ETH"),
        ("The Iraqi minister urged Washington to withdraw its troops.", "REQUEST", "IRQ", "USA"),
    ],
)
def test_trigger_words_code_to_plover_types_with_countries(sentence, event_type, actor, recipient):
    _, events = _events(sentence)
    assert events, sentence
    first = events[0]
    if event_type:
        assert first.type == event_type
    if actor:
        assert first.actor is not None and first.actor.country == actor
    if recipient:
        assert first.recipient is not None and first.recipient.country == recipient


def test_passive_voice_takes_the_actor_from_by():
    _, events = _events("Two Syrian soldiers were killed by Israeli airstrikes near Damascus.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.actor.country == "ISR"
    assert assault.recipient.country == "SYR" and assault.recipient.sector == "MIL"


def test_negated_and_hypothetical_events_are_flagged():
    _, negated = _events("The army did not attack the village.")
    assert negated[0].negated
    _, hypothetical = _events("Iran might attack Israel, analysts said.")
    assert [e.hypothetical for e in hypothetical if e.type == "ASSAULT"] == [True]


def test_mentions_slice_the_clean_text_to_the_sentence():
    text = "Ceasefire talks resumed.\n\nRebels attacked a police station in Goma. Nobody died."
    article, events = _events(text)
    assault = next(e for e in events if e.type == "ASSAULT")
    mention = assault.mentions[0]
    assert text[mention.start : mention.end] == "Rebels attacked a police station in Goma."
    assert text[mention.trigger_start : mention.trigger_end] == "attacked"


def test_assault_carries_cameo_goldstein_and_acled_codes():
    _, events = _events("Saudi jets carried out airstrikes on Houthi positions.")
    strike = next(e for e in events if e.type == "ASSAULT")
    assert strike.cameo.startswith("19") and strike.goldstein == -10.0
    assert strike.acled == {"event_type": "Explosions/Remote violence",
                            "sub_event_type": "Air/drone strike"}  # fmt: skip


def test_verbal_events_are_marked_verbal():
    _, events = _events("Egypt condemned the raid.")
    assert events[0].type == "ACCUSE" and events[0].verbal
