"""RSS and Atom feed files with feedparser: one Article per entry."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, date, datetime

import feedparser
import lxml.html
from lxml.etree import ParserError

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.layout import Hints, build_article

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}


def read_feed(data: bytes, origin: str) -> Iterator[Article | InputError]:
    """Entries in feed order; a broken entry is reported and the rest still read."""
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser raises on some markup: "&#x110000;" (ValueError)
        yield InputError(origin, f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc})")
        return
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        yield InputError(origin, f"not a readable RSS/Atom feed ({reason})")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#entry{number}"
        try:
            yield _entry_article(entry, where, outlet)
        except InputError as error:
            yield error


def _entry_article(entry: feedparser.FeedParserDict, where: str, outlet: str | None) -> Article:
    contents = [c.get("value", "") for c in entry.get("content", [])]
    markup = max(contents + [entry.get("summary", "")], key=len)
    text = html_to_paragraphs(markup)
    if not text.strip():
        shown = repr(entry.get("title", "untitled"))
        shown = shown if len(shown) <= 80 else shown[:80] + "..."  # an error is one short line
        raise InputError(where, f"feed entry {shown} has no text")
    published = _entry_date(entry)
    hints = Hints(
        title=entry.get("title") or None,
        source=outlet,
        url=entry.get("link") or None,
        published=published,
        published_from="metadata" if published else None,
        external_id=entry.get("id") or None,
    )
    return build_article(text, where, hints)


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).date()
    except (ValueError, OverflowError, OSError):  # "0000-00-00" parses to year -1: no date
        return None


def html_to_paragraphs(markup: str) -> str:
    """An HTML fragment as plain paragraphs separated by blank lines."""
    if "<" not in markup:
        return markup
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return markup
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    return root.text_content()
