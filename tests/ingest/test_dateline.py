"""Datelines and the year a text supports (ingest/dateline.py)."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.ingest.dateline import (
    date_from_url,
    dateline_date,
    full_dates,
    month_number,
    parse_dateline,
)
from newsledger.ingest.layout import build_article

SENTENCE = "Officials said on Friday that the talks would continue."


@pytest.mark.parametrize(
    ("opening", "place", "month", "day", "year", "agency"),
    [
        ("Baghdad, February 9 (RHC)-- ", "Baghdad", 2, 9, None, "RHC"),
        ("ADEN, June 3, 2024 (SWN) -- ", "Aden", 6, 3, 2024, "SWN"),
        ("KYIV (Reuters) - ", "Kyiv", None, None, None, "Reuters"),
        ("GAZA CITY, Oct. 12 (AP) \u2014 ", "Gaza City", 10, 12, None, "AP"),
        ("Khan Younis, Jan 5 (WAFA) \u2013 ", "Khan Younis", 1, 5, None, "WAFA"),
        ("WASHINGTON \u2014 ", "Washington", None, None, None, None),
        ("Juba, Sept. 30: ", "Juba", 9, 30, None, None),
    ],
)
def test_dateline_parts_are_read(
    opening: str,
    place: str,
    month: int | None,
    day: int | None,
    year: int | None,
    agency: str | None,
) -> None:
    paragraph = opening + SENTENCE
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert dateline.text == opening.strip()
    assert (dateline.place, dateline.agency) == (place, agency)
    assert (dateline.month, dateline.day, dateline.year) == (month, day, year)
    assert paragraph[dateline.start : dateline.end] == opening.strip()


@pytest.mark.parametrize(
    "paragraph",
    [
        "Officials said - the talks ended without agreement.",
        "The army said on Monday: troops advanced on the town.",
        "Beirut: Israeli strikes hit the southern suburbs overnight.",
        "Police closed the border crossing on Thursday, a spokesman said.",
        "Baghdad, February 40 (RHC)-- Talks continued.",
    ],
)
def test_ordinary_sentences_are_not_datelines(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_dateline_offsets_are_shifted_into_the_article_text() -> None:
    dateline = parse_dateline("ADEN, June 3, 2024 (SWN) -- Forces said.", offset=50)
    assert dateline is not None
    assert (dateline.start, dateline.end) == (50, 50 + len("ADEN, June 3, 2024 (SWN) --"))


@pytest.mark.parametrize(
    ("name", "number"),
    [("February", 2), ("Feb.", 2), ("feb", 2), ("Sept.", 9), ("September", 9), ("May", 5)],
)
def test_month_names_and_abbreviations(name: str, number: int) -> None:
    assert month_number(name) == number


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://rhc.example/2024/02/09/talks-resume", date(2024, 2, 9)),
        ("https://rhc.example/news/2024-2-9-talks", date(2024, 2, 9)),
        ("https://rhc.example/2024/02/09", date(2024, 2, 9)),
        ("https://rhc.example/2024/02/30/talks", None),  # no such day
        ("https://rhc.example/news/talks-resume", None),
        (None, None),
    ],
)
def test_publication_date_in_an_address(url: str | None, expected: date | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    "phrase", ["February 9, 2024", "Feb. 9, 2024", "February 9 2024", "9 February 2024"]
)
def test_full_dates_in_running_text(phrase: str) -> None:
    assert full_dates(f"The accord signed on {phrase} in Baghdad still holds.") == [
        date(2024, 2, 9)
    ]


NO_YEAR = "Baghdad, February 9 (RHC)-- Iraqi officials said on Friday that the talks continued."
AFTER = "The meeting was the first since the two sides signed an accord."


@pytest.mark.parametrize(
    ("extra", "published"),
    [
        ("", None),
        ("\n\nhttps://rhc.example/2024/02/09/talks", date(2024, 2, 9)),
        (" The accord was signed on February 9, 2024 in the capital.", date(2024, 2, 9)),
        (" The accord was signed on 9 February 2023 in the capital.", date(2023, 2, 9)),
        (" The accord was signed on February 10, 2024 in the capital.", None),
        (" The accord was signed in 2019.", None),
    ],
    ids=["nothing", "url", "same-day-in-text", "day-month-year", "other-day", "bare-year"],
)
def test_dateline_without_year_takes_only_a_printed_year(
    extra: str, published: date | None
) -> None:
    article = build_article(f"{NO_YEAR}\n\n{AFTER}{extra}", "wire.txt")
    assert article.dateline is not None and article.dateline.year is None
    assert article.published == published
    assert article.published_from == ("dateline" if published else None)


def test_dated_address_for_another_day_dates_the_article_not_the_dateline() -> None:
    article = build_article(f"{NO_YEAR}\n\n{AFTER}\n\nhttps://rhc.example/2023/05/01/x", "w.txt")
    assert article.published == date(2023, 5, 1)
    assert article.published_from == "url"


def test_dateline_with_year_dates_the_article() -> None:
    article = build_article("ADEN, June 3, 2024 (SWN) -- Forces loyal to the government said.", "a")
    assert article.published == date(2024, 6, 3)
    assert article.published_from == "dateline"


def test_dateline_without_day_gives_no_date() -> None:
    dateline = parse_dateline("KYIV (Reuters) - Ukraine said on Tuesday it shot down drones.")
    assert dateline is not None
    text = "Ukraine said it shot down drones on February 9, 2024."
    assert dateline_date(dateline, text, "https://r.example/2024/02/09/x") is None


def test_impossible_day_gives_no_date() -> None:
    dateline = parse_dateline("Baghdad, February 30 (RHC)-- Talks continued.")
    assert dateline is not None
    assert dateline_date(dateline, "Talks continued on February 30, 2024.", None) is None


@pytest.mark.parametrize(
    "opening, place",
    [
        ("YAOUNDÉ, March 3 (Wire) -- ", "Yaoundé"),
        ("POPAYÁN (Wire) -- ", "Popayán"),
        ("São Paulo, May 2 (AP) -- ", "São Paulo"),
        ("ÜRÜMQI, Jan 5 (Xinhua) - ", "Ürümqi"),
        ("Asunción, Oct 1 (EFE) -- ", "Asunción"),
        ("PORT-AU-PRINCE, June 23 (CW) -- ", "Port-Au-Prince"),  # a hyphen inside a name
        ("WINSTON-SALEM (AP) - ", "Winston-Salem"),
    ],
)
def test_a_dateline_place_may_have_accents_and_hyphens(opening, place):
    dateline = parse_dateline(opening + "Troops were deployed on Monday.", offset=0)
    assert dateline is not None and dateline.place == place
