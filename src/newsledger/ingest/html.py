"""HTML pages: main text with trafilatura, publication date with htmldate."""

from __future__ import annotations

from datetime import date
from functools import cache

import htmldate
import trafilatura
from trafilatura.settings import use_config

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.layout import Hints, build_article


@cache
def _config():
    config = use_config()
    # Signal-based timeouts break in worker threads and pools; our caller guards time.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    return config


def read_html(markup: str, origin: str) -> Article:
    """One page, one Article: navigation, asides and footers are left out."""
    try:
        document = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=False,
            config=_config(),
        )  # fmt: skip
        if document is None or not (document.text or "").strip():
            document = trafilatura.bare_extraction(
                markup, with_metadata=True, favor_recall=True, config=_config()
            )
    except Exception as exc:  # lxml raises several types on broken markup
        raise InputError(origin, f"cannot parse HTML ({type(exc).__name__}: {exc})") from exc
    if document is None or not (document.text or "").strip():
        raise InputError(origin, "no article text found in the HTML page")
    published = _published(markup)
    hints = Hints(
        title=document.title or None,
        source=document.sitename or None,
        url=document.url or None,
        published=published,
        published_from="metadata" if published else None,
    )
    # trafilatura puts one block per line; our cleaner splits paragraphs on blank lines.
    return build_article(document.text.replace("\n", "\n\n"), origin, hints)


def _published(markup: str) -> date | None:
    """The original publication date from the page's metadata, never a guess from text."""
    try:
        found = htmldate.find_date(
            markup, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
        )
    except Exception:  # htmldate raises on odd markup; no date is the honest answer
        return None
    return date.fromisoformat(found) if found else None
