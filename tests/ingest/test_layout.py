"""Headline, subtitle, dateline, body and footer of one document (ingest/layout.py)."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.errors import InputError
from newsledger.ingest.layout import Hints, build_article

HEADLINE = "Ceasefire talks resume in Doha"
SUBTITLE = "Mediators say the first round ended without agreement"
DATELINE = "DOHA, March 4 (QNA) --"
LEAD = f"{DATELINE} Negotiators from both sides met on Monday for a second round of talks."
SECOND = "The delegations agreed to meet again next week, according to a statement."


def test_headline_and_subtitle_are_split_from_the_body() -> None:
    article = build_article(f"{HEADLINE}\n\n{SUBTITLE}\n\n{LEAD}\n\n{SECOND}", "talks.txt")
    assert article.title == HEADLINE
    assert article.subtitle == SUBTITLE
    assert article.text == f"{HEADLINE}\n\n{SUBTITLE}\n\n{LEAD}\n\n{SECOND}"


def test_headline_over_subtitle_without_blank_line_is_split() -> None:
    article = build_article(f"{HEADLINE}\n{SUBTITLE}\n\n{LEAD}\n\n{SECOND}", "talks.txt")
    assert (article.title, article.subtitle) == (HEADLINE, SUBTITLE)


def test_headline_right_above_the_dateline_is_not_taken_into_it() -> None:
    article = build_article(f"{HEADLINE}\n{LEAD}\n{SECOND}", "talks.txt")
    assert article.title == HEADLINE
    assert article.dateline is not None and article.dateline.place == "Doha"
    assert article.text.startswith(f"{HEADLINE}\n\n{DATELINE}")


@pytest.mark.parametrize(
    "raw",
    [
        f"{HEADLINE}\n\n{SUBTITLE}\n\n{LEAD}\n\n{SECOND}",
        f"# {HEADLINE}\n\n*{SUBTITLE}*\n\n---\n\n{LEAD}\n\n{SECOND}",
        f"{LEAD}\n\n{SECOND}",
    ],
    ids=["plain", "markdown", "no-headline"],
)
def test_dateline_offsets_slice_the_article_text(raw: str) -> None:
    article = build_article(raw, "talks.md")
    assert article.dateline is not None
    assert article.text[article.dateline.start : article.dateline.end] == DATELINE
    assert article.text[article.body_start :].startswith(LEAD)
    assert article.body_start == article.dateline.start


def test_body_start_points_past_headline_without_dateline() -> None:
    body = "Negotiators from both sides met on Monday for a second round of talks."
    article = build_article(f"{HEADLINE}\n\n{body}\n\n{SECOND}", "talks.txt")
    assert article.dateline is None
    assert article.text[article.body_start :] == f"{body}\n\n{SECOND}"


@pytest.mark.parametrize(
    ("footer", "source"),
    [
        ("**Gulf Wire Radio**", "Gulf Wire Radio"),
        ("Source: Gulf Wire Radio", "Gulf Wire Radio"),
        ("© 2024 Gulf Wire Radio", "Gulf Wire Radio"),
        ("Copyright 2024 Gulf Wire Radio.", "Gulf Wire Radio"),
    ],
)
def test_outlet_footer_line_becomes_source(footer: str, source: str) -> None:
    article = build_article(f"{LEAD}\n\n{SECOND}\n\n{footer}", "talks.md")
    assert article.source == source
    assert article.text == f"{LEAD}\n\n{SECOND}"


def test_url_and_outlet_footer_lines_leave_the_text() -> None:
    url = "https://gulfwire.example/news/2024/03/04/ceasefire-talks"
    raw = f"{LEAD}\n\n{SECOND}\n\n{url}\n\n**Gulf Wire Radio**\n"
    article = build_article(raw, "talks.md")
    assert (article.url, article.source) == (url, "Gulf Wire Radio")
    assert article.text == f"{LEAD}\n\n{SECOND}"
    assert article.published == date(2024, 3, 4)  # the dateline's day, the address's year


def test_outlet_line_after_url_footer_is_taken_without_bold() -> None:
    raw = f"{LEAD}\n\n{SECOND}\n\nGulf Wire Radio\n\nhttps://gulfwire.example/a"
    article = build_article(raw, "talks.txt")
    assert (article.source, article.url) == ("Gulf Wire Radio", "https://gulfwire.example/a")
    assert "Gulf Wire" not in article.text


def test_last_sentence_of_the_body_is_not_taken_for_a_footer() -> None:
    article = build_article(f"{LEAD}\n\n{SECOND}\n\nNo one was hurt.", "talks.txt")
    assert article.source is None
    assert article.text.endswith("No one was hurt.")


def test_metadata_hints_win_over_the_page() -> None:
    hints = Hints(
        title=HEADLINE,
        source="Doha Courier",
        url="https://courier.example/talks",
        published=date(2024, 3, 5),
        published_from="metadata",
        external_id="courier-77",
    )
    article = build_article(f"{LEAD}\n\n{SECOND}\n\n**Gulf Wire Radio**", "page.html", hints)
    assert article.title == HEADLINE
    assert article.text.startswith(f"{HEADLINE}\n\n{DATELINE}")
    assert (article.source, article.url) == ("Doha Courier", "https://courier.example/talks")
    assert (article.published, article.published_from) == (date(2024, 3, 5), "metadata")
    assert article.id == "courier-77"
    assert article.text[article.dateline.start : article.dateline.end] == DATELINE


def test_title_hint_equal_to_headline_is_not_repeated() -> None:
    article = build_article(f"{HEADLINE}\n\n{LEAD}", "page.html", Hints(title=HEADLINE))
    assert article.text.count(HEADLINE) == 1


def test_records_without_headline_keep_their_first_short_line_as_body() -> None:
    hints = Hints(title="Talks resume", has_headline=False)
    article = build_article("Talks went well\n\nBoth sides said so.", "dump.jsonl:1", hints)
    assert article.title == "Talks resume"
    assert article.text == "Talks resume\n\nTalks went well\n\nBoth sides said so."


def test_article_without_external_id_is_identified_by_content_hash() -> None:
    article = build_article(f"{LEAD}\n\n{SECOND}", "talks.txt")
    assert article.id == article.hash
    assert len(article.hash) == 64
    assert build_article(f"{LEAD}\n\n\n{SECOND}\n", "copy.txt").id == article.id


@pytest.mark.parametrize("raw", ["", "   \n\n", "---\n\nImage not found or type unknown\n"])
def test_document_with_no_text_after_cleaning_is_an_input_error(raw: str) -> None:
    with pytest.raises(InputError, match=r"^blank\.md: no article text"):
        build_article(raw, "blank.md")
