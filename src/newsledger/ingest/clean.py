"""From raw converted text to paragraphs: conversion debris out, Markdown marks off.

Converters (HTML to Markdown, PDF to text, copy-paste) leave rules, image placeholders,
emphasis markers and hard-wrapped lines. We remove them before any offset is taken, so
that every offset downstream points into the clean text a user reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsledger.data import compiled_patterns
from newsledger.ingest.dateline import parse_dateline

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_AUTOLINK = re.compile(r"<(https?://[^\s>]+)>")
_EMPHASIS = (
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w*])(\*)(?=\S)(.+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])(_)(?=\S)(.+?)(?<=\S)_(?![\w_])"),
)
_STRAY_MARKS = re.compile(r"(?<!\S)(\*{1,3}|_{1,3})(?!\S)|^\s*>\s?", re.MULTILINE)
_HTML_TAG = re.compile(r"</?(?:br|p|div|span|em|strong|b|i)\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]…]\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Paragraph:
    """One clean paragraph; `marked` when the source set it off as a heading or emphasis."""

    text: str
    marked: bool = False


def clean_paragraphs(raw: str) -> list[Paragraph]:
    """Split raw text into clean paragraphs, mending paragraphs broken mid-sentence."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    raw = _CONTROL.sub("", raw)
    artifacts = compiled_patterns("patterns/cleaning.toml", "artifact_lines")
    lines = [line for line in raw.split("\n") if not any(p.match(line) for p in artifacts)]
    blocks = [b for b in re.split(r"\n\s*\n", "\n".join(lines)) if b.strip()]
    blocks = [part for index, b in enumerate(blocks) for part in _split_block(b, index == 0)]
    paragraphs = [p for p in (_clean_block(block) for block in blocks) if p.text]
    return _mend_broken(paragraphs)


def _split_block(block: str, first: bool) -> list[str]:
    """Lines that stand alone even without a blank line around them.

    Headings, bare addresses and "Source:" lines are paragraphs of their own; so are the
    short unpunctuated lines of an opening block (headline over subtitle), unless the
    whole block is one emphasised headline hard-wrapped over several lines; and a
    dateline after an unpunctuated line starts the body.
    """
    lines = [line for line in block.split("\n") if line.strip()]
    standalone = compiled_patterns("patterns/cleaning.toml", "standalone_lines")
    headline_lines = all(
        len(line.split()) <= 30 and not _SENTENCE_END.search(line) for line in lines
    )
    if first and 1 < len(lines) <= 3 and headline_lines and not _is_emphasised(" ".join(lines)):
        return lines
    parts: list[list[str]] = []
    after_standalone = True
    for line in lines:
        alone = bool(_HEADING.match(line) or any(p.match(line) for p in standalone))
        # "Headline\nNairobi, March 14 (EAN) -- ...": the dateline opens the body.
        opens_body = (
            bool(parts)
            and not _SENTENCE_END.search(parts[-1][-1])
            and parse_dateline(line.strip()) is not None
        )
        if after_standalone or alone or opens_body:
            parts.append([line])
        else:
            parts[-1].append(line)
        after_standalone = alone
    return ["\n".join(part) for part in parts]


def _is_emphasised(text: str) -> bool:
    return any(pattern.fullmatch(text.strip()) for pattern in _EMPHASIS)


def _clean_block(block: str) -> Paragraph:
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    marked = bool(lines) and bool(_HEADING.match(lines[0]))
    text = " ".join(_HEADING.sub("", line) for line in lines)
    text = _HTML_TAG.sub(" ", text)
    for image in compiled_patterns("patterns/cleaning.toml", "images"):
        text = image.sub(" ", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    stripped = text.strip()
    for pattern in _EMPHASIS:
        whole = pattern.fullmatch(stripped)
        if whole:
            marked = True
        text = pattern.sub(lambda m: m.group(2), text)
    text = _STRAY_MARKS.sub(" ", text)
    return Paragraph(_SPACES.sub(" ", text).strip(), marked)


def _mend_broken(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Join "... to end the" + "coalition's mission ..." that a converter split in two."""
    # A bare address starts lower-case too, but stands alone (a footer, not a sentence).
    standalone = compiled_patterns("patterns/cleaning.toml", "standalone_lines")
    mended: list[Paragraph] = []
    for paragraph in paragraphs:
        previous = mended[-1] if mended else None
        if (
            previous is not None
            and not previous.marked
            and not _SENTENCE_END.search(previous.text)
            and paragraph.text[:1].islower()
            and not any(pattern.match(paragraph.text) for pattern in standalone)
        ):
            mended[-1] = Paragraph(f"{previous.text} {paragraph.text}")
        else:
            mended.append(paragraph)
    return mended
