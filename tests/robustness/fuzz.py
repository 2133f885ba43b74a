"""Every reader on hostile documents (`documents.py`) under hypothesis, checked for the
one property that matters unattended: an Article that holds together or an error of one
line, in good time, never an exception."""

from __future__ import annotations

import logging
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.robustness.documents import BUILDERS, DrawnChoices, SeededChoices

from newsledger.article import Article, content_hash
from newsledger.errors import InputError
from newsledger.ingest import Limits, read_sources
from newsledger.ingest.decode import decode_text
from newsledger.ingest.feed import read_feed
from newsledger.ingest.html import read_html
from newsledger.ingest.layout import build_article
from newsledger.ingest.pdf import read_pdf
from newsledger.ingest.records import read_csv, read_json_lines

READ_SECONDS = 10.0  # one document; far above what any document here takes
LONGEST_ERROR = 500  # characters: an error names the input, it does not echo it

logging.getLogger("pypdf").setLevel(logging.ERROR)  # "EOF marker not found", 10,000 times
_FOLDER = tempfile.TemporaryDirectory(prefix="newsledger-fuzz-")  # removed at exit
_FRONT_DOOR = Path(_FOLDER.name) / "input"


def _front_door(data: bytes) -> Iterable[Article | InputError]:
    """Format detection and every reader behind it, as `ingest` reads a file."""
    _FRONT_DOOR.write_bytes(data)
    return read_sources([_FRONT_DOOR], Limits())


READERS: dict[str, Callable[[Any], Any]] = {
    "text": lambda data: build_article(decode_text(data, "t.txt"), "t.txt"),
    "html": lambda page: read_html(page, "p.html"),
    "pdf": lambda data: read_pdf(data, "r.pdf"),
    "feed": lambda data: read_feed(data, "f.xml"),
    "jsonl": lambda lines: read_json_lines(lines, "d.jsonl"),
    "csv": lambda lines: read_csv(lines, "d.csv"),
    "any": _front_door,
}


def sound(reader: str, document: Any) -> None:
    """Read `document` in time into Articles that hold together or one-line errors."""
    started = time.monotonic()
    try:
        with warnings.catch_warnings():  # feedparser's notice of its date-field mapping
            warnings.simplefilter("ignore", DeprecationWarning)
            result = READERS[reader](document)
            items = [result] if isinstance(result, Article) else list(result)
    except InputError as error:
        items = [error]
    assert time.monotonic() - started < READ_SECONDS
    for item in items:
        if isinstance(item, InputError):
            message = str(item)
            assert len(message.splitlines()) == 1, message
            assert len(message) <= LONGEST_ERROR, message[:200]
            continue
        assert isinstance(item, Article)
        assert item.text.strip() and item.hash == content_hash(item.text)
        assert 0 <= item.body_start <= len(item.text)
        assert item.published is None or isinstance(item.published, date)
        if item.dateline is not None:
            assert 0 <= item.dateline.start <= item.dateline.end <= len(item.text)


def _settings(budget: int) -> settings:
    return settings(max_examples=budget, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))  # fmt: skip


def explore_drawn(reader: str, budget: int) -> int:
    """`budget` documents built from hypothesis's draws (they shrink when one fails)."""
    tried = 0

    @_settings(budget)
    @given(st.data())
    def run(data: st.DataObject) -> None:
        nonlocal tried
        tried += 1
        sound(reader, BUILDERS[reader](DrawnChoices(data)))

    run()
    return tried


def explore_seeded(reader: str, budget: int) -> tuple[str, int, float]:
    """`budget` documents built from seeds that hypothesis draws: cheap enough for
    10,000 a reader. Returns (reader, documents tried, seconds)."""
    tried, started = 0, time.monotonic()

    @_settings(budget)
    @given(st.integers(0, 2**64 - 1))
    def run(seed: int) -> None:
        nonlocal tried
        tried += 1
        sound(reader, BUILDERS[reader](SeededChoices(seed)))

    run()
    return reader, tried, time.monotonic() - started
