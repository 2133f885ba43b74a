"""Ingest: sources -> Articles -> extraction (here or in worker processes) -> ledger,
in batches, one writer.

Articles the ledger already holds are counted unchanged before any parsing, so a second
run over the same folder costs only reading and hashing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from newsledger.article import Article
from newsledger.errors import Failures, InputError
from newsledger.extract import Extraction
from newsledger.ingest import Limits, read_sources
from newsledger.ingest.language import CODED_LANGUAGE
from newsledger.ledger import Ledger
from newsledger.scale.pool import Guard, extract_stream

TRUSTED_DATES = ("metadata", "record")


@dataclass
class IngestReport(Failures):
    ingested: int = 0
    unchanged: int = 0
    events: int = 0
    not_english: int = 0  # taken in, but stored without events (only English is coded)

    @property
    def seen(self) -> int:
        return self.ingested + self.unchanged + self.failed

    def summary(self) -> str:
        line = f"ingested {self.ingested}, unchanged {self.unchanged}, failed {self.failed}"
        if self.not_english:
            line += f" ({self.not_english} not in English: stored without events)"
        return line


def with_published(article: Article, published: date | None) -> Article:
    """Apply `--published`: a date from the page or record metadata still wins, but the
    option beats a date inferred from the dateline or the URL."""
    if published is None or article.published_from in TRUSTED_DATES:
        return article
    return replace(article, published=published, published_from="option")


def extract_sources(
    sources: Iterable[str | Path],
    *,
    published: date | None = None,
    limits: Limits = Limits(),
    workers: int = 1,
    guard: Guard = Guard(),
    skip: Callable[[Article], bool] = lambda article: False,
    on_skip: Callable[[Article], None] = lambda article: None,
) -> Iterator[Extraction | InputError]:
    """Extractions (or errors) for every source, in input order, parsed in batches in
    this process or in `workers` worker processes."""
    errors: list[InputError] = []

    def articles() -> Iterator[Article]:
        for item in read_sources(sources, limits):
            if isinstance(item, InputError):
                errors.append(item)
                continue
            article = with_published(item, published)
            if skip(article):
                on_skip(article)
            else:
                yield article

    for result in extract_stream(articles(), workers=workers, guard=guard):
        yield from _drain(errors)
        yield result
    yield from _drain(errors)


def _drain(errors: list[InputError]) -> Iterator[InputError]:
    while errors:
        yield errors.pop(0)


def ingest(
    sources: Iterable[str | Path],
    ledger: Ledger,
    *,
    published: date | None = None,
    limits: Limits = Limits(),
    workers: int = 1,
    guard: Guard = Guard(),
    batch_size: int = 64,
    on_error: Callable[[InputError], None] = lambda error: None,
    on_progress: Callable[[IngestReport], None] = lambda report: None,
    on_not_english: Callable[[Article], None] = lambda article: None,
    on_unchanged: Callable[[Article, str | None], None] = lambda article, held: None,
) -> IngestReport:
    """Read, extract and store; returns the counts the CLI's closing line prints.

    `on_unchanged(article, held)` hears of each article not stored because the ledger
    (or this run) already holds its text; `held` is the origin of the copy kept.
    `on_not_english(article)` hears of each article stored without events because it
    is not in English (its `language` says which it is).
    """
    report = IngestReport()
    seen: dict[str, str] = {}  # hash -> origin, for the articles taken in this run

    def known(article: Article) -> bool:
        return article.hash in seen or bool(ledger.known([article.hash]))

    def count_unchanged(article: Article) -> None:
        report.unchanged += 1
        on_unchanged(article, seen.get(article.hash) or ledger.origin(article.hash))
        on_progress(report)

    def claim(article: Article) -> bool:
        if known(article):
            return True
        seen[article.hash] = article.origin
        return False

    batch: list[Extraction] = []
    stream = extract_sources(
        sources,
        published=published,
        limits=limits,
        workers=workers,
        guard=guard,
        skip=claim,
        on_skip=count_unchanged,
    )
    for item in stream:
        if isinstance(item, InputError):
            report.record(item)
            on_error(item)
        else:
            batch.append(item)
            report.events += len(item.events)
            if item.article.language != CODED_LANGUAGE:
                report.not_english += 1
                on_not_english(item.article)
            if len(batch) >= batch_size:
                report.ingested += ledger.write(batch)
                batch = []
        on_progress(report)
    if batch:
        report.ingested += ledger.write(batch)
    on_progress(report)
    return report
