"""Quantity claims and contradictions (issue 12): what a figure counts, its range and
source, the key two claims about one quantity share, and which pairs cannot both be
true. Passages written for these tests; published 2024-05-02."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsledger.extract import extract
from newsledger.ingest.layout import Hints, build_article

PUBLISHED = date(2024, 5, 2)
FOUNDING = Path(__file__).resolve().parents[3] / "shared" / "000_5d2059cc555be244.txt"


def _extraction(text: str, source: str | None = "Test Wire"):
    hints = Hints(published=PUBLISHED, published_from="option", has_headline=False)
    article = build_article(text, "test.txt", hints)
    if source is not None:
        article = type(article)(**{**article.__dict__, "source": source})
    return extract(article)


def _claim(extraction, words: str):
    found = [c for c in extraction.claims if words in c.text]
    assert found, f"no claim holds {words!r}: {[c.text for c in extraction.claims]}"
    return found[0]


# -- what a figure counts, and its range ------------------------------------------------------


@pytest.mark.parametrize(
    ("passage", "words", "kind", "low", "high"),
    [
        ("The United States has over 2,000 troops in Iraq.", "2,000 troops", "troops", 2001, None),
        ("Israel launched 12 air strikes on Gaza City on Sunday.", "12 air strikes",
         "strikes", 12, 12),
        ("Police said 47 people had been arrested in Nairobi.", "47 people", "arrested", 47, 47),
        ("Dozens of protesters gathered outside parliament in Accra.", "protesters",
         "protesters", 24, None),
        ("Nearly 100 people are missing after the attack on the village.", "100 people",
         "missing", None, 99),
        ("The fighting has displaced more than 10,000 people in Ituri.", "10,000 people",
         "displaced", 10001, None),
        ("At least 16 Iraqis were killed in the strikes.", "16 Iraqis", "killed", 16, None),
        ("Up to 25 people were wounded in the blast in Kandahar.", "25 people", "injured",
         None, 25),
        ("Qatar pledged $30 million to Sudan's health ministry.", "30 million", "money",
         30_000_000, 30_000_000),
    ],
)  # fmt: skip
def test_a_figure_is_a_claim_of_what_it_counts(passage, words, kind, low, high):
    claim = _claim(_extraction(passage), words)
    assert claim.kind == kind
    assert (claim.value.min, claim.value.max) == (low, high)


def test_money_carries_its_currency():
    claim = _claim(_extraction("Qatar pledged $30 million to Sudan's health ministry."), "30")
    assert claim.unit == "USD"


@pytest.mark.parametrize(
    ("passage", "words", "qualifier"),
    [
        ("The United States has over 2,000 troops in Iraq.", "2,000", "over"),
        ("At least 16 Iraqis were killed in the strikes.", "16", "at least"),
        ("About 300 soldiers were sent to the border.", "300", "about"),
        ("Hundreds of protesters marched in Dakar.", "protesters", "hundreds"),
        ("A car bomb killed 30 people in Mogadishu. The toll rose to 45 on Monday.", "45",
         "rising to"),
    ],
)  # fmt: skip
def test_the_qualifier_of_a_figure_is_kept(passage, words, qualifier):
    assert _claim(_extraction(passage), words).qualifier == qualifier


def test_years_dates_and_percentages_are_no_claims():
    extraction = _extraction("In 2023, 45 percent of voters backed the plan on 12 March.")
    assert extraction.claims == ()


# -- who gives a figure ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("passage", "words", "source"),
    [
        ("Police said 47 people had been arrested in Nairobi.", "47", "Police"),
        ("According to the health ministry, 40 people were killed in the strikes.", "40",
         "the health ministry"),
        ("The Kenya Civic Rights Forum put the number of arrests at more than 120.", "120",
         "The Kenya Civic Rights Forum"),
        ("Gunmen killed 12 villagers in Zamfara on Sunday.", "12", "Test Wire"),
    ],
)  # fmt: skip
def test_a_claim_is_the_speakers_else_the_outlets(passage, words, source):
    claim = _claim(_extraction(passage), words)
    assert claim.source == source
    assert claim.reported == "2024-05-02"


# -- one quantity, compatible or not ----------------------------------------------------------


@pytest.mark.parametrize(
    ("passage", "first", "second"),
    [
        ("The U.S. has over 2,000 troops stationed in Iraq. The United States has 2,500 "
         "troops in Iraq, officials said.", "2,000", "2,500"),
        ("Gunmen killed 12 villagers in Zamfara on Sunday. Police said 15 people were killed "
         "or wounded in the attack.", "12 villagers", "15 people"),
        ("A car bomb killed 30 people in Mogadishu on Sunday, police said. The toll rose to 45 "
         "on Monday, hospital officials said.", "30 people", "45"),
        ("Russia has about 2,000 soldiers in Mali, the report said. Some 2,100 Russian "
         "soldiers are in Mali, diplomats said.", "2,000", "2,100"),
    ],
)  # fmt: skip
def test_claims_that_can_both_be_true_are_no_contradiction(passage, first, second):
    extraction = _extraction(passage)
    a, b = _claim(extraction, first), _claim(extraction, second)
    assert a.kind == b.kind
    assert extraction.contradictions == ()


def test_two_figures_for_the_same_troops_share_a_subject_key():
    extraction = _extraction(
        "The U.S. has over 2,000 troops stationed in Iraq. The United States has 2,500 "
        "troops in Iraq, officials said."
    )
    first, second = _claim(extraction, "2,000"), _claim(extraction, "2,500")
    assert first.subject_key == second.subject_key
    assert first.subject_key.startswith("troops|USA|IRQ")


@pytest.mark.parametrize(
    ("passage", "first", "second"),
    [
        ("Israeli strikes on Rafah killed 16 people on Monday, the army said. Palestinian "
         "health officials said 40 people were killed in the strikes.", "16", "40"),
        ("Police said 47 people had been arrested in Nairobi. The Kenya Civic Rights Forum "
         "put the number of arrests at more than 120.", "47", "120"),
        ("A drone strike killed three soldiers near Gao on Friday, the army said. Rebels said "
         "the strike killed at least 20 soldiers.", "three", "20"),
    ],
)  # fmt: skip
def test_claims_that_cannot_both_be_true_are_a_contradiction(passage, first, second):
    extraction = _extraction(passage)
    a, b = _claim(extraction, first), _claim(extraction, second)
    pairs = {c.claims: c.note for c in extraction.contradictions}
    index = (extraction.claims.index(a), extraction.claims.index(b))
    assert index in pairs
    assert a.source in pairs[index] and "cannot be true" in pairs[index]


@pytest.mark.parametrize(
    "passage",
    [
        # another scope: Iraq alone, then Iraq and Syria
        "US strikes killed 16 people in Iraq on Friday, Iraqi officials said. In all, the "
        "strikes in Iraq and Syria killed 39 people, a monitor said.",
        # another happening: a second attack
        "Gunmen killed 12 villagers in Zamfara on Sunday. In a separate attack in Katsina, "
        "bandits killed 30 people.",
        # another kind: killed, then injured
        "The blast in Peshawar killed 14 people and wounded 60, police said.",
    ],
)
def test_figures_of_another_scope_are_no_contradiction(passage):
    assert _extraction(passage).contradictions == ()


def test_a_toll_points_at_its_claim_and_the_claim_at_its_event():
    extraction = _extraction("At least 16 Iraqis were killed in U.S. airstrikes on Friday.")
    event = next(e for e in extraction.events if e.fatalities is not None)
    claim = next(c for c in extraction.claims if c.id == event.fatalities.claim)
    assert event.id in claim.events
    assert claim.kind == "killed"


# -- the founding article -----------------------------------------------------------------------


@pytest.mark.skipif(not FOUNDING.exists(), reason="../shared is not beside this checkout")
def test_the_founding_articles_quotes_and_troop_figures():
    text = FOUNDING.read_text(encoding="utf-8")
    hints = Hints(published=date(2024, 2, 9), published_from="option")
    extraction = extract(build_article(text, FOUNDING.name, hints))
    rasool = next(q for q in extraction.quotes if "factor for instability" in q.text)
    assert rasool.speaker is not None
    assert rasool.speaker.name == "Yahya Rasool"
    assert rasool.speaker.role is not None and "spokesperson" in rasool.speaker.role
    assert (rasool.speaker.country, rasool.speaker.sector) == ("IRQ", "GOV")
    warned = next(q for q in extraction.quotes if "disastrous consequences" in q.text)
    assert warned.speaker is not None and warned.speaker.name == "Yahya Rasool"
    troops = [c for c in extraction.claims if c.kind == "troops"]
    assert {c.value.min for c in troops} >= {2001, 2500}
    assert len({c.subject_key for c in troops}) == 1
    assert extraction.contradictions == ()


# -- the new-user round ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("passage", "words", "kind", "low"),
    [
        ("Police arrested three suspects in Mombasa.", "three suspects", "arrested", 3),
        ("Troops arrested 30 protesters in Conakry.", "30 protesters", "arrested", 30),
        ("The authorities detained 11 opposition politicians in Dhaka.", "11", "arrested", 11),
        ("Rebuilding Gaza will cost about $11 billion, the World Bank said.", "11 billion",
         "money", 9_900_000_000),
    ],
)  # fmt: skip
def test_common_wire_figures_are_claims(passage, words, kind, low):
    claim = _claim(_extraction(passage), words)
    assert (claim.kind, claim.value.min) == (kind, low)


@pytest.mark.parametrize(
    "passage",
    [
        "Several of the detainees were freed on Monday.",
        "None of the fighters escaped from the camp.",
        "Three of the soldiers were officers.",
    ],
)
def test_a_part_of_a_group_is_no_figure(passage):
    assert _extraction(passage).claims == ()


@pytest.mark.parametrize(
    "passage",
    [
        "Three police officers and five attackers were killed, the governor said.",
        "Four Indian soldiers and two militants were killed in Kupwara, the army said.",
        "Police arrested three suspects. Troops arrested 30 protesters in the capital.",
    ],
)
def test_counts_of_different_groups_are_no_contradiction(passage):
    assert _extraction(passage).contradictions == ()


def test_a_toll_told_later_with_no_cause_of_its_own_meets_the_first():
    extraction = _extraction(
        "A bomb killed four people in Ankara on Monday, police said. The U.N. said at least "
        "12 people had been killed."
    )
    assert [c.claims for c in extraction.contradictions] == [(0, 1)]
