"""Extraction on one machine: a pool of worker processes around `nlp.pipe`.

Each worker loads the spaCy pipeline once and parses its chunk of articles in one
`nlp.pipe` batch; the parent reads, deduplicates and writes, so the ledger has one
writer. Chunks are submitted through a window of bounded size: a 100,000-line input is
read as the workers need it, never whole.

Per-article guard: a chunk runs under a time limit; if it overruns (or runs out of
memory), its articles are redone one by one, each under its own limit, and the one that
overruns is skipped with a clear error while the rest go on.
"""

from __future__ import annotations

import resource
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.extract import Extraction, extract, extract_doc, parse_many, warm_up


@dataclass(frozen=True)
class Guard:
    """Limits for one article's extraction; `worker_memory_mb` caps each worker
    process's address space (worker processes only)."""

    seconds_per_article: float = 60.0
    worker_memory_mb: int | None = 4096


class ArticleTimeout(Exception):
    """Extraction ran past the guard's time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ArticleTimeout in this (main) thread after `seconds`; a no-op elsewhere,
    since only the main thread receives signals."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_guarded(articles: list[Article], guard: Guard) -> list[Extraction | InputError]:
    """Extractions for a chunk, in order: one `nlp.pipe` pass when all goes well, else
    article by article so that only the culprit is skipped. Loading is done before
    the clock starts (`warm_up`), so only extraction is timed."""
    warm_up()
    try:
        with time_limit(guard.seconds_per_article * len(articles)):
            return [extract_doc(article, doc) for doc, article in parse_many(articles)]
    except (ArticleTimeout, MemoryError, Exception):  # noqa: BLE001 - isolated below
        pass
    return [_extract_one(article, guard) for article in articles]


def _extract_one(article: Article, guard: Guard) -> Extraction | InputError:
    try:
        with time_limit(guard.seconds_per_article):
            return extract(article)
    except ArticleTimeout:
        return InputError(
            article.origin,
            f"extraction took longer than {guard.seconds_per_article:g} s; skipped "
            "(raise --article-timeout)",
        )
    except MemoryError:
        return InputError(
            article.origin,
            f"extraction ran out of memory ({guard.worker_memory_mb} MB per worker); "
            "skipped (raise --worker-memory-mb)",
        )
    except Exception as exc:  # one article's failure must not end the batch
        return InputError(article.origin, f"extraction failed ({type(exc).__name__}: {exc})")


def extract_stream(
    articles: Iterable[Article],
    workers: int = 1,
    guard: Guard = Guard(),
    chunk_size: int = 16,
) -> Iterator[Extraction | InputError]:
    """Extractions in input order, in this process (workers <= 1) or in a pool."""
    chunks = _chunks(articles, chunk_size)
    if workers <= 1:
        for chunk in chunks:
            yield from extract_guarded(chunk, guard)
        return
    context = get_context("spawn")  # no fork: the parent may run threads (progress bar)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(guard.worker_memory_mb,),
    ) as pool:
        window: deque[Future[list[Extraction | InputError]]] = deque()
        for chunk in chunks:
            window.append(pool.submit(extract_guarded, chunk, guard))
            while len(window) >= 2 * workers:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def _start_worker(memory_mb: int | None) -> None:
    """Cap the worker's memory and load the pipeline and tables before the first chunk."""
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    warm_up()


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
