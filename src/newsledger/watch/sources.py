"""What is new in each watched source since the last poll.

A folder or a file is read again only when a file in it is new or has changed (its
size or modification time); a feed URL is asked conditionally and read only when the
server sends a new version. What a poll reads is taken as seen only when the poll is
`done`, after its articles are committed, so a poll cut short (a full disk, a kill)
is read again whole the next time. Articles the ledger already holds are left to the
monitor, which counts them unchanged by their hash before any extraction.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.article import Article
from newsledger.errors import InputError, NewsledgerError
from newsledger.ingest import Limits, check_limits, read_path
from newsledger.ingest.detect import Format, detect_format
from newsledger.watch.fetch import fetch
from newsledger.watch.validators import load_validators, save_validators

Item = Article | InputError


class SourceError(NewsledgerError):
    """A source that could not be polled at all (missing, unreachable, not a feed)."""


@dataclass
class Poll:
    """What one poll of a source found; `done()` marks it seen once it is stored."""

    items: Iterable[Item]
    done: Callable[[], None] = lambda: None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


@dataclass
class PathSource:
    """A file or a folder (read recursively, hidden files skipped, as `ingest` reads it)."""

    path: Path
    limits: Limits
    seen: dict[Path, tuple[int, int]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.path)

    def poll(self, db: sqlite3.Connection) -> Poll:
        if not self.path.exists():
            raise SourceError(f"{self.path}: no such file or directory (watching for it)")
        signatures = {f: s for f in _files(self.path) if (s := _signature(f)) is not None}
        changed = [f for f, s in signatures.items() if self.seen.get(f) != s]

        def items() -> Iterator[Item]:
            for file in changed:
                for item in read_path(file, self.limits):
                    yield check_limits(item, self.limits)

        def done() -> None:
            self.seen = {f: s for f, s in signatures.items() if f.exists()}

        return Poll(items(), done)


@dataclass
class FeedUrl:
    """An RSS or Atom feed over HTTP(S), asked with If-None-Match / If-Modified-Since."""

    url: str
    limits: Limits
    timeout: float

    @property
    def name(self) -> str:
        return self.url

    def poll(self, db: sqlite3.Connection) -> Poll:
        fetched = fetch(
            self.url,
            load_validators(db, self.url),
            timeout=self.timeout,
            max_bytes=self.limits.max_file_bytes,
        )
        if fetched.body is None:
            return Poll(())
        kind = detect_format(fetched.body, self.url)
        if kind is not Format.FEED:
            raise SourceError(f"{self.url}: not an RSS or Atom feed (it reads as {kind})")
        from newsledger.ingest.feed import read_feed  # feedparser, for feed URLs only

        items = (check_limits(item, self.limits) for item in read_feed(fetched.body, self.url))
        return Poll(items, lambda: save_validators(db, self.url, fetched.validators))


Source = PathSource | FeedUrl


def make_source(text: str, limits: Limits, timeout: float) -> Source:
    if is_url(text):
        return FeedUrl(text, limits, timeout)
    return PathSource(Path(text), limits)


def _files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / name for name in sorted(files) if not name.startswith(".")]
    return found


def _signature(file: Path) -> tuple[int, int] | None:
    """(modification time, size), or None for a file that vanished meanwhile."""
    try:
        status = file.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
