"""Actor coding: dictionaries, institutions, armed groups, and people within an article."""

from __future__ import annotations

import pytest

from newsledger.article import Article
from newsledger.extract import extract


def _events(text: str):
    return extract(Article(text=text)).events


@pytest.mark.parametrize(
    ("sentence", "country", "sector"),
    [
        ("The Pentagon deployed two warships to the Red Sea.", "USA", "MIL"),
        ("Washington condemned the missile test.", "USA", "GOV"),
        ("The Kremlin rejected the proposal.", "RUS", "GOV"),
        ("Kata'ib Hezbollah fighters attacked a base near Baghdad.", "IRQ", "UAF"),
        ("Al-Shabaab militants attacked a hotel in Mogadishu.", "SOM", "REB"),
        ("NATO condemned the attack on the convoy.", "IGO", None),
        ("Iranian troops shelled Kurdish villages.", "IRN", "MIL"),
        ("Ugandan police arrested 20 opposition supporters.", "UGA", "COP"),
    ],
)
def test_actor_dictionaries_code_country_and_sector(sentence, country, sector):
    event = max(_events(sentence), key=lambda e: e.confidence)
    assert event.actor.country == country
    if sector:
        assert event.actor.sector == sector


def test_a_named_person_codes_later_short_mentions_in_the_same_article():
    text = (
        "Kenyan Foreign Minister Amina Wekesa met her Tanzanian counterpart on Monday. "
        "Wekesa later accused the rebels of blocking aid. "
        "The minister also urged donors to send food."
    )
    events = _events(text)
    accuse = next(e for e in events if e.type == "ACCUSE")
    assert (accuse.actor.country, accuse.actor.sector) == ("KEN", "GOV")
    assert accuse.actor.name == "Amina Wekesa"
    request = next(e for e in events if e.type == "REQUEST")
    assert (request.actor.country, request.actor.name) == ("KEN", "Amina Wekesa")


def test_a_title_in_apposition_codes_the_person():
    events = _events("Omar Haddad, a spokesman for the Jordanian government, condemned the raid.")
    accuse = next(e for e in events if e.type == "ACCUSE")
    assert (accuse.actor.country, accuse.actor.sector) == ("JOR", "GOV")


def test_a_capital_names_the_government_but_a_demonym_only_the_country():
    events = _events("Beijing criticised Japanese lawmakers.")
    accuse = events[0]
    assert (accuse.actor.country, accuse.actor.sector) == ("CHN", "GOV")
    assert (accuse.recipient.country, accuse.recipient.sector) == ("JPN", "LEG")


def test_the_head_word_decides_between_a_body_and_a_country():
    events = _events("NATO-member Norway agreed to send more troops to Lithuania.")
    assert events[0].actor.country == "NOR"


def test_a_region_does_not_code_as_the_country_inside_its_name():
    events = _events("Latin American leaders condemned the coup in Bolivia.")
    assert events[0].actor.country != "USA"
