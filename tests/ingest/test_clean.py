"""Cleaning converter debris and Markdown marks out of raw text (ingest/clean.py)."""

from __future__ import annotations

import pytest

from newsledger.ingest.clean import Paragraph, clean_paragraphs

BODY = "Police closed the border crossing at Ravel on Thursday, a spokesman said."
NEXT = "Traffic was diverted to the northern checkpoint, which stayed open overnight."


def texts(raw: str) -> list[str]:
    return [paragraph.text for paragraph in clean_paragraphs(raw)]


@pytest.mark.parametrize(
    "debris",
    [
        "---",
        "***",
        "___",
        "* * *",
        "=====",
        "Image not found or type unknown",
        "   Image not found or type unknown  ",
        "![Police at the crossing](https://img.example/ravel.jpg)",
        '![Police at the crossing](https://img.example/ravel_(1).jpg "Ravel")',
        "[![Police at the crossing](ravel.jpg)](https://img.example/ravel-large.jpg)",
        "Advertisement",
        "Share this article",
        "Read more:",
        "Photo: Ravel police press office",
    ],
)
def test_rules_and_placeholders_are_removed(debris: str) -> None:
    raw = f"{BODY}\n\n{debris}\n\n{NEXT}"
    assert texts(raw) == [BODY, NEXT]


@pytest.mark.parametrize(
    "image",
    [
        "![map](map.png)",
        '![Map of the crossing](https://img.example/map_(1).png "Ravel")',
        "![map][figure-1]",
        "[![map](map.png)](https://img.example/map-large.png)",
    ],
)
def test_an_image_inside_a_paragraph_goes_with_its_alt_text(image: str) -> None:
    raw = f"Police closed the border crossing {image} at Ravel on Thursday, a spokesman said."
    assert texts(raw) == [BODY]


def test_a_link_keeps_its_words() -> None:
    raw = BODY.replace("border crossing", "[border crossing](https://x.example/ravel_(1))")
    assert texts(raw) == [BODY]


@pytest.mark.parametrize("hashes", ["#", "##", "###", "######"])
def test_heading_loses_its_hashes_and_is_marked(hashes: str) -> None:
    paragraphs = clean_paragraphs(f"{hashes} Border crossing closed\n\n{BODY}")
    assert paragraphs[0] == Paragraph("Border crossing closed", marked=True)
    assert paragraphs[1] == Paragraph(BODY, marked=False)


def test_heading_without_blank_line_is_its_own_paragraph() -> None:
    assert texts(f"{BODY}\n## Traffic diverted\n{NEXT}") == [BODY, "Traffic diverted", NEXT]


@pytest.mark.parametrize(
    ("marked_up", "plain"),
    [
        ("on **Thursday** evening", "on Thursday evening"),
        ("on __Thursday__ evening", "on Thursday evening"),
        ("on *Thursday* evening", "on Thursday evening"),
        ("on _Thursday_ evening", "on Thursday evening"),
        ("on ***Thursday*** evening", "on Thursday evening"),
    ],
)
def test_emphasis_marks_are_removed_and_words_kept(marked_up: str, plain: str) -> None:
    raw = f"Police closed the crossing {marked_up}, a spokesman said."
    assert texts(raw) == [f"Police closed the crossing {plain}, a spokesman said."]


@pytest.mark.parametrize("word", ["snake_case_name", "5*3", "under_score"])
def test_marks_inside_words_are_left_alone(word: str) -> None:
    raw = f"The file {word} was cited in the report."
    assert texts(raw) == [raw]


def test_whole_emphasised_paragraph_is_marked() -> None:
    paragraphs = clean_paragraphs(f"*Ravel police say the closure is temporary*\n\n{BODY}")
    assert paragraphs[0] == Paragraph("Ravel police say the closure is temporary", marked=True)


def test_paragraph_broken_mid_sentence_by_blank_line_is_mended() -> None:
    raw = (
        "The two sides failed to agree on the\n\n"
        "sequencing of a withdrawal, a diplomat said.\n\n"
        f"{NEXT}"
    )
    assert texts(raw) == [
        "The two sides failed to agree on the sequencing of a withdrawal, a diplomat said.",
        NEXT,
    ]


@pytest.mark.parametrize(
    "raw",
    [
        f"{BODY}\n\n{NEXT}",  # the first paragraph ends a sentence
        "Talks resumed in Ravel\n\nOfficials from both sides attended.",  # capital start
        "# Talks resumed in\n\nthe capital on Monday.",  # a heading is never continued
    ],
)
def test_complete_paragraphs_are_not_joined(raw: str) -> None:
    assert len(clean_paragraphs(raw)) == 2


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    raw = "Police closed the border crossing\nat Ravel on Thursday,\na spokesman said.\n\n" + NEXT
    assert texts(raw) == [BODY, NEXT]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "See [the ministry statement](https://gov.example/a) now.",
            "See the ministry statement now.",
        ),
        ("See <https://gov.example/a> now.", "See https://gov.example/a now."),
        ("Ministers met.<br>They agreed.", "Ministers met. They agreed."),
        ("Ministers <strong>met</strong> on Monday.", "Ministers met on Monday."),
        ("Ministers met\u00a0on   Monday.", "Ministers met on Monday."),
        ("Ministers met\x07 on Monday.", "Ministers met on Monday."),
        ("> Ministers met on Monday.", "Ministers met on Monday."),
    ],
)
def test_inline_markup_and_odd_spacing_are_cleaned(raw: str, clean: str) -> None:
    assert texts(raw) == [clean]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_split_paragraphs(newline: str) -> None:
    raw = f"{BODY}{newline}{newline}{NEXT}{newline}"
    assert texts(raw) == [BODY, NEXT]


def test_byte_order_mark_is_dropped() -> None:
    assert texts(f"\ufeff{BODY}") == [BODY]


def test_only_debris_leaves_no_paragraphs() -> None:
    assert clean_paragraphs("---\n\nImage not found or type unknown\n\n   \n") == []


def test_bare_address_after_unpunctuated_line_stays_its_own_paragraph() -> None:
    raw = f"{BODY}\n\nReporting by Ana Ruiz\n\nhttps://wire.example/ravel"
    assert texts(raw) == [BODY, "Reporting by Ana Ruiz", "https://wire.example/ravel"]
