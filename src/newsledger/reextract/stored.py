"""A stored article as the Article its reader made, so that extraction sees it as
`ingest` did: the same text, hash, metadata and dateline, and where its body starts."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from datetime import date

from newsledger.article import Article, Dateline

ARTICLE_COLUMNS = (
    "rowid, hash, id, title, subtitle, source, url, published, published_from, dateline, "
    "language, origin, text"
)
_DATELINE_FIELDS = {f.name for f in fields(Dateline)}


def stored_article(row: sqlite3.Row) -> Article:
    """The Article of an `articles` row selected with ARTICLE_COLUMNS.

    The stored hash is kept as it is, not computed again: it names the article's events
    and quotes, and it stays the article's identity even if a later release normalises
    text otherwise."""
    dateline = json.loads(row["dateline"]) if row["dateline"] else None
    return Article(
        text=row["text"],
        title=row["title"],
        subtitle=row["subtitle"],
        source=row["source"],
        url=row["url"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        published_from=row["published_from"],
        dateline=(
            Dateline(**{k: v for k, v in dateline.items() if k in _DATELINE_FIELDS})
            if dateline
            else None
        ),
        language=row["language"],
        external_id=row["id"] if row["id"] != row["hash"] else None,
        origin=row["origin"] or "",
        body_start=body_start(row["text"], row["title"], row["subtitle"]),
        hash=row["hash"],
    )


def body_start(text: str, title: str | None, subtitle: str | None) -> int:
    """Where the body begins: readers put the headline and subtitle first, each as a
    paragraph of its own (`ingest/layout.py`); 0 when the text does not start so."""
    heads = "".join(f"{head}\n\n" for head in (title, subtitle) if head)
    return len(heads) if heads and text.startswith(heads) else 0
