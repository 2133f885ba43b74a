"""Extract again every stored article an older extractor version coded.

Articles are taken in the order they were stored and each one is replaced in a
transaction of its own (`replace.py`), which also sets its version: a run that is
killed is resumed by running it again, since the articles done no longer qualify. An
article whose extraction fails (the per-article guard, an extractor error) keeps its
old extraction and version and is reported; the rest go on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from packaging.version import Version

from newsledger import __version__
from newsledger.article import Article
from newsledger.errors import Failures, InputError, LedgerError
from newsledger.reextract.replace import replace_extraction
from newsledger.reextract.stored import ARTICLE_COLUMNS, stored_article
from newsledger.reextract.versions import is_older
from newsledger.scale.pool import Guard, extract_stream

if TYPE_CHECKING:
    from newsledger.ledger import Ledger

_PAGE = 256  # articles read from the ledger at a time


@dataclass
class ReextractReport(Failures):
    total: int = 0  # articles older than the target when the run began
    reextracted: int = 0

    @property
    def seen(self) -> int:
        return self.reextracted + self.failed

    def summary(self) -> str:
        line = f"reextracted {self.reextracted}, failed {self.failed}"
        if not self.total:
            line += f" (every article is already at {__version__} or the version asked)"
        return line


def outdated_versions(db: sqlite3.Connection, target: Version) -> list[str]:
    """The stored extractor versions older than `target` (compared in Python: SQL would
    compare "0.10" and "0.9" as text)."""
    stored = [row[0] for row in db.execute("SELECT DISTINCT extractor_version FROM articles")]
    return sorted(v for v in stored if is_older(v, target))


def reextract(
    ledger: Ledger,
    target: Version,
    *,
    workers: int = 1,
    guard: Guard = Guard(),
    on_start: Callable[[ReextractReport], None] = lambda report: None,
    on_error: Callable[[InputError], None] = lambda error: None,
    on_progress: Callable[[ReextractReport], None] = lambda report: None,
) -> ReextractReport:
    """Replace the extraction of every article older than `target`; returns the counts."""
    db = ledger.connection
    versions = outdated_versions(db, target)
    report = ReextractReport(total=_count(db, versions))
    on_start(report)
    if not versions:
        return report
    for result in extract_stream(_articles(db, versions), workers=workers, guard=guard):
        if isinstance(result, InputError):
            report.record(result)
            on_error(result)
        else:
            try:
                replace_extraction(db, result)
            except sqlite3.OperationalError as exc:  # full disk, lost lock: stop here
                raise LedgerError(
                    f"{ledger.path}: cannot write the ledger ({exc}); the articles done so "
                    "far are kept, and running reextract again resumes"
                ) from exc
            except Exception as exc:  # this article only: its transaction rolled back
                error = InputError(
                    result.article.origin or result.article.id,
                    f"cannot be stored ({type(exc).__name__}: {exc}); its old extraction stays",
                )
                report.record(error)
                on_error(error)
            else:
                report.reextracted += 1
        on_progress(report)
    return report


def _count(db: sqlite3.Connection, versions: list[str]) -> int:
    if not versions:
        return 0
    marks = ",".join("?" * len(versions))
    query = f"SELECT count(*) FROM articles WHERE extractor_version IN ({marks})"
    return db.execute(query, versions).fetchone()[0]


def _articles(db: sqlite3.Connection, versions: list[str]) -> Iterator[Article]:
    """The articles still at those versions, a page at a time in storing order; each page
    is read whole before any of its articles is replaced."""
    marks = ",".join("?" * len(versions))
    after = 0
    while True:
        rows = db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE rowid > ? AND extractor_version "
            f"IN ({marks}) ORDER BY rowid LIMIT {_PAGE}",
            (after, *versions),
        ).fetchall()
        if not rows:
            return
        after = rows[-1]["rowid"]
        for row in rows:
            yield stored_article(row)
