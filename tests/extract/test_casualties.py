"""Casualty counts: number phrases to bounds, and counts tied to harm words by the parse."""

from __future__ import annotations

import pytest

from newsledger.errors import ResourceError
from newsledger.extract.casualties import Casualty, _Lexicon, find_casualties, parse_number
from newsledger.extract.model import Count


def _found(nlp, text: str) -> list[tuple[str, int | None, int | None, str, str | None]]:
    """(kind, min, max, count text, victims word) for each casualty, as a user reads them."""
    doc = nlp(text)
    return [
        (
            c.kind,
            c.count.min,
            c.count.max,
            c.count.text,
            None if c.victims is None else doc[c.victims].text,
        )
        for c in find_casualties(doc)
    ]


@pytest.mark.parametrize(
    ("words", "bounds"),
    [
        ("three", (3, 3)),
        ("16", (16, 16)),
        ("1,200", (1200, 1200)),
        ("1.5 million", (1_500_000, 1_500_000)),
        ("twenty-five", (25, 25)),
        ("two hundred and fifty", (250, 250)),
        ("a", (1, 1)),
        ("one", (1, 1)),
        ("a dozen", (12, 12)),
        ("two dozen", (24, 24)),
        ("dozens", (24, None)),
        ("scores", (40, None)),
        ("hundreds", (200, None)),
        ("tens of thousands", (20_000, None)),
        ("several", (3, None)),
        ("a few", (2, None)),
        ("no one", (0, 0)),
        ("nobody", (0, 0)),
        ("at least 16", (16, None)),
        ("At least 16", (16, None)),
        ("more than 40", (41, None)),
        ("over 40", (41, None)),
        ("up to 25", (None, 25)),
        ("as many as 25", (None, 25)),
        ("nearly 30", (None, 29)),
        ("almost 30", (None, 29)),
        ("fewer than 10", (None, 9)),
        ("about 20", (20, 20)),
        ("around 20", (20, 20)),
        ("some 20", (20, 20)),
        ("roughly 20", (20, 20)),
        ("an estimated 30", (30, 30)),
        ("between 10 and 15", (10, 15)),
        ("10 to 15", (10, 15)),
        ("10-15", (10, 15)),
        ("two or three", (2, 3)),
        ("at least a dozen", (12, None)),
        ("more than two dozen", (25, None)),
    ],
)
def test_number_phrase_becomes_bounds(words, bounds):
    assert parse_number(words) == bounds


@pytest.mark.parametrize("words", ["many", "few", "the", "more than", "", "troops"])
def test_words_that_are_no_count_give_none(words):
    assert parse_number(words) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Three people were killed in the blast.", ("killed", 3, 3, "Three", "people")),
        ("A bomb exploded in a market, killing three people.", ("killed", 3, 3, "three", "people")),
        ("Gunmen killed at least 16 Iraqis.", ("killed", 16, None, "at least 16", "Iraqis")),
        ("At least 16 Iraqis were killed.", ("killed", 16, None, "At least 16", "Iraqis")),
        ("The group said 16 martyrs fell in the fighting.", ("killed", 16, 16, "16", "martyrs")),
        ("Two soldiers were wounded in the attack.", ("injured", 2, 2, "Two", "soldiers")),
        ("A bomb exploded, wounding 11.", ("injured", 11, 11, "11", None)),
        ("A dozen civilians died in the shelling.", ("killed", 12, 12, "A dozen", "civilians")),
        ("Dozens were injured in the clashes.", ("injured", 24, None, "Dozens", None)),
        ("Hundreds of civilians have been killed.", ("killed", 200, None, "Hundreds", "civilians")),
        ("More than 40 people were killed.", ("killed", 41, None, "More than 40", "people")),
        ("Up to 25 people may have died.", ("killed", None, 25, "Up to 25", "people")),
        ("Nearly 30 people died.", ("killed", None, 29, "Nearly 30", "people")),
        ("An estimated 30 people were hurt.", ("injured", 30, 30, "An estimated 30", "people")),
        ("Between 10 and 15 people died.", ("killed", 10, 15, "Between 10 and 15", "people")),
        ("Several people were killed.", ("killed", 3, None, "Several", "people")),
        ("No one was hurt in the explosion.", ("injured", 0, 0, "No one", None)),
        ("No soldiers were killed.", ("killed", 0, 0, "No", "soldiers")),
        ("A senior commander was killed.", ("killed", 1, 1, "A", "commander")),
        ("A roadside bomb killed a U.S. soldier.", ("killed", 1, 1, "a", "soldier")),
        ("The attack killed three.", ("killed", 3, 3, "three", None)),
        ("The clashes left 20 people dead.", ("killed", 20, 20, "20", "people")),
        ("Three protesters were shot dead.", ("killed", 3, 3, "Three", "protesters")),
        ("Three soldiers killed in Kabul blast", ("killed", 3, 3, "Three", "soldiers")),
        ("Three soldiers lost their lives.", ("killed", 3, 3, "Three", "soldiers")),
        ("The fire claimed the lives of 12 people.", ("killed", 12, 12, "12", "people")),
        ("The killing of three protesters sparked anger.", ("killed", 3, 3, "three", "protesters")),
        ("Three wounded soldiers were evacuated.", ("injured", 3, 3, "Three", "soldiers")),
        ("Three of them were killed.", ("killed", 3, 3, "Three", None)),
        ("Three of the soldiers were killed.", ("killed", 3, 3, "Three", "soldiers")),
        ("None of the guards was hurt.", ("injured", 0, 0, "None", "guards")),
        ("Strikes have killed over 200 people.", ("killed", 201, None, "over 200", "people")),
        ("The bomb killed twenty-five people.", ("killed", 25, 25, "twenty-five", "people")),
    ],
)  # fmt: skip
def test_count_is_read_off_the_harm_word(nlp, sentence, expected):
    assert _found(nlp, sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The explosion killed one U.S. soldier and wounded two others.",
            [("killed", 1, 1, "one", "soldier"), ("injured", 2, 2, "two", "others")],
        ),
        (
            "The attack left five dead and 12 injured.",
            [("killed", 5, 5, "five", None), ("injured", 12, 12, "12", None)],
        ),
        (
            "Three soldiers died and two were injured.",
            [("killed", 3, 3, "Three", "soldiers"), ("injured", 2, 2, "two", None)],
        ),
        (
            "Three people were killed and five wounded.",
            [("killed", 3, 3, "Three", "people"), ("injured", 5, 5, "five", None)],
        ),
        (
            "The blast killed at least 16 and wounded 30, including three children.",
            [("killed", 16, None, "at least 16", None), ("injured", 30, 30, "30", None)],
        ),
        (
            "There were 16 deaths and no injuries.",
            [("killed", 16, 16, "16", None), ("injured", 0, 0, "no", None)],
        ),
        (
            "The bomb killed 12 people and wounded one hundred and fifty.",
            [
                ("killed", 12, 12, "12", "people"),
                ("injured", 150, 150, "one hundred and fifty", None),
            ],
        ),
    ],
)  # fmt: skip
def test_killed_and_injured_in_one_sentence_are_counted_apart(nlp, sentence, expected):
    assert _found(nlp, sentence) == expected


def test_conjoined_victims_each_get_their_own_count(nlp):
    assert _found(nlp, "Gunmen killed three soldiers and two civilians.") == [
        ("killed", 3, 3, "three", "soldiers"),
        ("killed", 2, 2, "two", "civilians"),
    ]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("20 people were killed or wounded.", (None, 20, "20", "people")),
        ("Gunmen killed and wounded 30 worshippers.", (None, 30, "30", "worshippers")),
        ("Five casualties were reported.", (None, 5, "Five", None)),
        ("There were no casualties.", (0, 0, "no", None)),
    ],
)
def test_one_figure_for_both_harms_bounds_each_from_above(nlp, sentence, count):
    assert _found(nlp, sentence) == [("killed", *count), ("injured", *count)]


@pytest.mark.parametrize(
    ("sentence", "bounds", "phrase"),
    [
        ("The death toll rose to more than 200.", (201, None), "death toll rose to more than 200"),
        ("The strike hit a school, raising the death toll to 45.", (45, 45), "death toll to 45"),
        ("By evening the toll stood at 45.", (45, 45), "toll stood at 45"),
        ("The death toll of 45 is expected to rise.", (45, 45), "death toll of 45"),
        ("The number of dead rose to 30.", (30, 30), "number of dead rose to 30"),
    ],
)
def test_death_toll_takes_the_figure_its_verb_gives(nlp, sentence, bounds, phrase):
    doc = nlp(sentence)
    (casualty,) = find_casualties(doc)
    assert casualty.kind == "killed" and casualty.victims is None
    assert (casualty.count.min, casualty.count.max) == bounds
    assert doc.text[casualty.start : casualty.end] == phrase


def test_casualty_points_at_phrase_trigger_and_victims(nlp):
    doc = nlp("The angry announcement came after at least 16 Iraqis were killed in airstrikes.")
    (casualty,) = find_casualties(doc)
    assert casualty == Casualty(
        kind="killed",
        count=Count(16, None, "at least 16"),
        start=doc.text.index("at least"),
        end=doc.text.index(" in airstrikes"),
        trigger=[t.text for t in doc].index("killed"),
        victims=[t.text for t in doc].index("Iraqis"),
    )


def test_victims_token_leads_to_their_affiliation(nlp):
    doc = nlp("The talks halted after three American soldiers were killed in a drone attack.")
    (casualty,) = find_casualties(doc)
    victims = doc[casualty.victims]
    assert victims.text == "soldiers"
    assert "American" in [t.text for t in victims.lefts]


@pytest.mark.parametrize(
    "sentence",
    [
        "The United States keeps 2,500 troops in Iraq.",
        "The treaty, signed in 1988, cost $12 million.",
        "Talks resume on 15 October with 40 delegates.",
        "The talks reached a dead end.",
        "The sanctions hurt a fragile economy.",
        "The army executed a plan to retake the city.",
        "Gunmen killed.",
        "He was killed.",
        "Many people were killed.",
        "The attack caused heavy casualties.",
    ],
)
def test_numbers_and_nouns_outside_a_casualty_count_are_ignored(nlp, sentence):
    assert _found(nlp, sentence) == []


def test_other_numbers_in_the_sentence_are_not_taken(nlp):
    sentence = (
        "The United States has kept 2,500 troops in Iraq since 1988, and on 15 October "
        "an attack that cost $12 million killed four soldiers."
    )
    assert _found(nlp, sentence) == [("killed", 4, 4, "four", "soldiers")]


def test_casualties_come_in_text_order(nlp):
    doc = nlp(
        "Two soldiers were wounded on Monday. On Tuesday a suicide bomber killed 12 people "
        "and injured 30 others. The death toll rose to 14."
    )
    found = find_casualties(doc)
    assert [(c.kind, c.count.min) for c in found] == [
        ("injured", 2),
        ("killed", 12),
        ("injured", 30),
        ("killed", 14),
    ]
    assert [c.start for c in found] == sorted(c.start for c in found)


def test_malformed_word_list_names_the_file():
    with pytest.raises(ResourceError, match="casualties.toml"):
        _Lexicon({"killed": {}})
