"""Copies of one report: syndicated or mirrored articles with (nearly) the same text under
another title, URL or outlet. They are one source, not corroboration.

Two stored articles published within `copy_days` of each other whose opening
`copy_chars` characters have a rapidfuzz ratio of at least `copy_ratio` are copies; a
group of copies is counted as its first article (earliest publication, then hash), which
is what `articles.copy_of` names. Comparing only articles of nearby days keeps this
linear in practice; rapidfuzz is the library for the ratio (MinHash would only pay off
for far larger windows).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from rapidfuzz import fuzz

from newsledger.link.features import fold
from newsledger.link.settings import LinkSettings


def mark_copies(db: sqlite3.Connection, hashes: list[str], settings: LinkSettings) -> None:
    """Set `copy_of` for the given articles and the stored groups of copies they join:
    every member names the group's first article, which names none."""
    for article_hash in hashes:
        row = db.execute(
            "SELECT hash, published, text FROM articles WHERE hash = ?", (article_hash,)
        ).fetchone()
        if row is None or row["published"] is None:
            continue
        day = date.fromisoformat(row["published"])
        nearby = db.execute(
            "SELECT hash, text, copy_of FROM articles WHERE published BETWEEN ? AND ? "
            "AND hash != ?",
            (
                (day - timedelta(days=settings.copy_days)).isoformat(),
                (day + timedelta(days=settings.copy_days)).isoformat(),
                article_hash,
            ),
        ).fetchall()
        mine = fold(row["text"][: settings.copy_chars])
        roots = {
            other["copy_of"] or other["hash"]
            for other in nearby
            if fuzz.ratio(mine, fold(other["text"][: settings.copy_chars])) >= settings.copy_ratio
        }
        if not roots:
            continue
        roots.add(article_hash)
        marks = ",".join("?" * len(roots))
        members = db.execute(
            f"SELECT hash, published FROM articles WHERE hash IN ({marks}) OR copy_of IN ({marks})",
            [*sorted(roots), *sorted(roots)],
        ).fetchall()
        first = min(members, key=lambda m: (m["published"] or "", m["hash"]))["hash"]
        db.executemany(
            "UPDATE articles SET copy_of = ? WHERE hash = ?",
            [(None if m["hash"] == first else first, m["hash"]) for m in members],
        )
