"""Page layout: headline, subtitle, dateline, body and footer of one cleaned document.

Readers hand over paragraphs plus whatever metadata their format carries; this module
decides which paragraphs are headline and footer, finds the dateline and the publication
date, and builds the Article whose `text` all offsets point into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from newsledger.article import Article
from newsledger.data import compiled_patterns, load_toml
from newsledger.errors import InputError
from newsledger.ingest.clean import Paragraph, clean_paragraphs
from newsledger.ingest.dateline import date_from_url, dateline_date, parse_dateline
from newsledger.ingest.language import detect_language

_TERMINAL = re.compile(r"[.!?]['\"”’)]?$")


@dataclass(frozen=True)
class Hints:
    """Metadata a reader found outside the text (HTML meta, feed fields, JSON columns)."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: str | None = None
    external_id: str | None = None
    has_headline: bool = True


@cache
def _settings() -> dict:
    return load_toml("patterns/cleaning.toml")


def build_article(raw: str, origin: str, hints: Hints | None = None) -> Article:
    """Clean `raw`, split off headline and footer, and return the Article."""
    hints = hints or Hints()
    paragraphs = clean_paragraphs(raw)
    paragraphs, url, source = _split_footer(paragraphs)
    if not paragraphs:
        raise InputError(origin, "no article text after cleaning (empty or only markup)")
    header, body = _split_header(paragraphs) if hints.has_headline else ([], paragraphs)
    if not body:
        header, body = [], paragraphs
    if hints.title and header and header[0].text.casefold() != hints.title.casefold():
        header = [Paragraph(hints.title), *header]
    title = hints.title or (header[0].text if header else None)
    subtitle = " ".join(p.text for p in header[1:]) or None

    heads = [p for p in (title, subtitle) if p]
    body_start = sum(len(h) + 2 for h in heads)
    text = "\n\n".join(heads + [p.text for p in body])
    dateline = parse_dateline(body[0].text, offset=body_start)
    url = hints.url or url
    published, published_from = hints.published, hints.published_from
    if published is None and dateline is not None:
        published = dateline_date(dateline, text, url)
        published_from = "dateline" if published else None
    if published is None:
        published = date_from_url(url)
        published_from = "url" if published else None
    return Article(
        text=text,
        title=title,
        subtitle=subtitle,
        source=hints.source or source,
        url=url,
        published=published,
        published_from=published_from,
        dateline=dateline,
        language=detect_language(text),
        external_id=hints.external_id,
        origin=origin,
        body_start=body_start,
    )


def _split_header(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """Headline and subtitle: the paragraphs before the dateline, or short unmarked lines."""
    for index, paragraph in enumerate(paragraphs[:4]):
        if parse_dateline(paragraph.text):
            return paragraphs[:index], paragraphs[index:]
    header = []
    limit = _settings()["max_title_words"]
    for paragraph in paragraphs[:2]:
        short = len(paragraph.text.split()) <= limit
        if paragraph.marked or (short and not _TERMINAL.search(paragraph.text)):
            header.append(paragraph)
        else:
            break
    return header, paragraphs[len(header) :]


def _split_footer(
    paragraphs: list[Paragraph],
) -> tuple[list[Paragraph], str | None, str | None]:
    """Strip a trailing URL line and outlet line ("**Radio X**", "Source: X")."""
    url = source = None
    url_pattern = re.compile(_settings()["url_line"])
    source_patterns = compiled_patterns("patterns/cleaning.toml", "source_lines")
    max_words = _settings()["max_source_words"]
    while len(paragraphs) > 1:
        last = paragraphs[-1]
        url_match = url_pattern.match(last.text)
        source_match = next((m for p in source_patterns if (m := p.match(last.text))), None)
        if url_match and url is None:
            url = url_match["url"]
        elif source_match and source is None:
            source = source_match["source"].strip()
        elif (
            source is None
            and len(last.text.split()) <= max_words
            and not _TERMINAL.search(last.text)
            and (last.marked or url is not None)
        ):
            source = last.text
        else:
            break
        paragraphs = paragraphs[:-1]
    return paragraphs, url, source
