"""Time expressions: found in parsed sentences and dated against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.data import load_toml
from newsledger.errors import ResourceError
from newsledger.extract.time import TimeGrammar, find_time_expressions, resolve_date

FRIDAY = date(2024, 2, 9)  # the report's publication date in most cases below


def _only(nlp, sentence: str, anchor: date | None = FRIDAY):
    expressions = find_time_expressions(nlp(sentence), anchor)
    assert len(expressions) == 1, (sentence, expressions)
    return expressions[0]


@pytest.mark.parametrize(
    ("sentence", "text", "when", "precision"),
    [
        ("On Wednesday, the army targeted a convoy.", "On Wednesday", date(2024, 2, 7), "day"),
        ("He said in a statement Thursday that talks failed.", "Thursday", date(2024, 2, 8), "day"),
        ("Police arrested him Thursday night.", "Thursday night", date(2024, 2, 8), "day"),
        ("Late Friday, troops withdrew.", "Late Friday", FRIDAY, "day"),
        ("The army attacked on Friday.", "on Friday", FRIDAY, "day"),
        ("Rebels seized the town last Friday.", "last Friday", date(2024, 2, 2), "day"),
        ("Last week, the office said talks had failed.", "Last week", date(2024, 1, 29), "week"),
        ("The minister said this week he would resign.", "this week", date(2024, 2, 5), "week"),
        ("The talks will resume next week.", "next week", date(2024, 2, 12), "week"),
        ("The ministers will meet on Monday.", "on Monday", date(2024, 2, 12), "day"),
        ("Fighting has continued since October.", "since October", date(2023, 10, 1), "month"),
        ("Rebels seized the town yesterday.", "yesterday", date(2024, 2, 8), "day"),
        ("Rebels attacked the town overnight.", "overnight", FRIDAY, "day"),
        ("The bombing took place this morning.", "this morning", FRIDAY, "day"),
        ("The president will speak tomorrow.", "tomorrow", date(2024, 2, 10), "day"),
        ("The strike on Jan. 28 killed three soldiers.", "on Jan. 28", date(2024, 1, 28), "day"),
        ("It struck on 28 January 2024.", "on 28 January 2024", date(2024, 1, 28), "day"),
        ("The strike on 2024-01-28 killed two.", "on 2024-01-28", date(2024, 1, 28), "day"),
        ("The strike on Jan 28, 2024 killed two.", "on Jan 28, 2024", date(2024, 1, 28), "day"),
        ("Officials said earlier this month that talks would resume.", "earlier this month",
         date(2024, 2, 1), "month"),
        ("The offensive began in late January.", "in late January", date(2024, 1, 1), "month"),
        ("The offensive began in mid-January.", "in mid-January", date(2024, 1, 1), "month"),
        ("Talks collapsed in May 2023.", "in May 2023", date(2023, 5, 1), "month"),
        ("Sanctions were imposed last month.", "last month", date(2024, 1, 1), "month"),
        ("Sanctions were imposed last year.", "last year", date(2023, 1, 1), "year"),
        ("The treaty was signed in 1988.", "in 1988", date(1988, 1, 1), "year"),
        ("Two days ago, a drone struck the base.", "Two days ago", date(2024, 2, 7), "day"),
        ("Two weeks ago, protests erupted.", "Two weeks ago", date(2024, 1, 22), "week"),
    ],
)  # fmt: skip
def test_expression_is_dated_from_publication_date(nlp, sentence, text, when, precision):
    expression = _only(nlp, sentence)
    assert (expression.text, expression.date, expression.precision) == (text, when, precision)
    assert sentence[expression.start : expression.end] == text


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        ("The ministers will meet on Friday.", FRIDAY),
        ("The ministers met on Monday.", date(2024, 2, 5)),
        ("The ministers are expected to meet on Monday.", date(2024, 2, 12)),
        ("The company is going to announce results on Tuesday.", date(2024, 2, 13)),
        ("Officials said they would meet on Monday.", date(2024, 2, 12)),
        ("Officials said they would have met on Monday.", date(2024, 2, 5)),
        ("Elections will be held in October.", date(2024, 10, 1)),
    ],
)
def test_bare_weekday_or_month_follows_tense_of_its_verb(nlp, sentence, when):
    assert _only(nlp, sentence).date == when


@pytest.mark.parametrize(
    "sentence",
    [
        "On Wednesday, the army targeted a convoy.",
        "Police arrested him Thursday night.",
        "Fighting has continued since October.",
        "The strike on Jan. 28 killed three soldiers.",
        "Troops withdrew in December.",
        "Protesters gathered on Sunday.",
    ],
)
@pytest.mark.parametrize("anchor", [date(2024, 2, d) for d in range(5, 12)] + [date(2024, 1, 1)])
def test_past_tense_is_never_dated_after_publication(nlp, sentence, anchor):
    expression = _only(nlp, sentence, anchor)
    assert expression.date is not None and expression.date <= anchor


def test_without_anchor_only_written_years_are_dated(nlp):
    doc = nlp("On Wednesday, the army said a strike on 28 January 2024 killed two.")
    dated = [(e.text, e.date, e.precision) for e in find_time_expressions(doc, None)]
    assert dated == [
        ("On Wednesday", None, None),
        ("on 28 January 2024", date(2024, 1, 28), "day"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ceasefire has held for three years.",
        "They agreed to a six-month ceasefire.",
        "Shelling occurs every day.",
        "The war in the 1990s killed thousands.",
        "Troops withdrew over the last year.",
        "The Sunday Times published the report.",
        "Officials may meet again.",
    ],
)
def test_durations_and_names_are_not_dates(nlp, sentence):
    assert [e for e in find_time_expressions(nlp(sentence), FRIDAY) if e.date] == []


def test_token_is_the_preposition_attached_to_the_verb(nlp):
    doc = nlp("The army targeted a convoy on Wednesday and shelled the town since October.")
    expressions = find_time_expressions(doc, FRIDAY)
    assert [(doc[e.token].text, doc[e.token].head.text) for e in expressions] == [
        ("on", "targeted"),
        ("since", "shelled"),
    ]


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Wednesday", "past", (date(2024, 2, 7), "day")),
        ("on Wednesday", "present", (date(2024, 2, 7), "day")),
        ("Wednesday", "future", (date(2024, 2, 14), "day")),
        ("on Friday", "future", (FRIDAY, "day")),
        ("next Friday", "past", (date(2024, 2, 16), "day")),
        ("yesterday evening", "past", (date(2024, 2, 8), "day")),
        ("last night", "past", (date(2024, 2, 8), "day")),
        ("Sept. 5", "past", (date(2023, 9, 5), "day")),
        ("Sept. 5", "future", (date(2024, 9, 5), "day")),
        ("5th of March 2022", "past", (date(2022, 3, 5), "day")),
        ("Wednesday, Jan. 31, 2024", "past", (date(2024, 1, 31), "day")),
        ("February", "past", (date(2024, 2, 1), "month")),
        ("in October", "future", (date(2024, 10, 1), "month")),
        ("next month", "past", (date(2024, 3, 1), "month")),
        ("later this week", "future", (date(2024, 2, 5), "week")),
        ("in early 2023", "past", (date(2023, 1, 1), "year")),
        ("a month ago", "past", (date(2024, 1, 1), "month")),
        ("3 years ago", "past", (date(2021, 1, 1), "year")),
        ("February 30", "past", None),
        ("for three years", "past", None),
        ("the 1990s", "past", None),
        ("every day", "past", None),
    ],
)
def test_resolve_date_reads_one_expression(text, tense, expected):
    assert resolve_date(text, FRIDAY, tense) == expected


def test_month_numbers_out_of_range_name_the_data_file():
    table = {**load_toml("patterns/time.toml"), "months": {"january": 13}}
    with pytest.raises(ResourceError, match=r"time\.toml: \[months\] january"):
        TimeGrammar(table)


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("the weekend", date(2024, 5, 13), "past", date(2024, 5, 6)),  # Monday after
        ("last weekend", date(2024, 5, 15), "past", date(2024, 5, 6)),
        ("this weekend", date(2024, 5, 15), "future", date(2024, 5, 13)),
        ("the weekend", date(2024, 5, 12), "past", date(2024, 5, 6)),  # on its Sunday
        ("next weekend", date(2024, 5, 13), "future", date(2024, 5, 13)),
    ],
)
def test_a_weekend_is_the_week_that_holds_its_saturday_and_sunday(text, anchor, tense, expected):
    assert resolve_date(text, anchor, tense) == (expected, "week")


@pytest.mark.parametrize(
    ("published", "text", "day"),
    [
        (date(2024, 3, 12), "Traders still mourn last Monday's shelling.", date(2024, 3, 4)),
        (date(2024, 3, 13), "Traders still mourn last Monday's shelling.", date(2024, 3, 11)),
        (date(2024, 5, 4), "Rebels seized the town last Friday.", date(2024, 4, 26)),
        (date(2024, 5, 6), "Protesters marched last Saturday.", date(2024, 5, 4)),
        (date(2024, 5, 3), "Rebels seized the town last Friday.", date(2024, 4, 26)),
    ],
)
def test_last_weekday_is_never_the_day_before(nlp, published, text, day):
    """The day before publication is "Monday" or "yesterday"; "last Monday" in a
    Tuesday paper is the Monday of the week before."""
    expression = find_time_expressions(nlp(text), published)[0]
    assert expression.date == day
