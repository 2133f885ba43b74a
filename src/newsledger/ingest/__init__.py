"""Readers: any source (file, folder, standard input) to a stream of Articles.

`read_sources` yields an Article for each document it could read and an InputError for
each one it could not, so that one bad file never stops a batch.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.decode import UTF16_BOMS, decode_text, decode_windows_1252
from newsledger.ingest.detect import Format, detect_format, read_head
from newsledger.ingest.layout import build_article
from newsledger.ingest.records import read_csv, read_json_lines

__all__ = ["Limits", "read_sources", "read_path", "check_limits", "source_head", "Format"]

STDIN = "-"


@dataclass(frozen=True)
class Limits:
    """Guards against inputs that are not news articles.

    `max_file_bytes` bounds a single-document file (text, HTML, PDF, feed); JSON Lines and
    CSV dumps are streamed and bounded per record by `max_article_chars`, which is also
    spaCy's default `max_length`.
    """

    max_file_bytes: int = 20_000_000
    max_article_chars: int = 1_000_000

    @property
    def max_record_bytes(self) -> int:
        """The longest first record read whole to decide a format: UTF-8 needs at most
        four bytes a character (a longer one is judged by its opening)."""
        return 4 * self.max_article_chars


def read_sources(
    paths: Iterable[str | Path], limits: Limits = Limits()
) -> Iterator[Article | InputError]:
    """Articles from files, folders (recursive, hidden files skipped) and '-' for stdin."""
    for raw in paths:
        if str(raw) == STDIN:
            yield from _checked(_read_stream(sys.stdin.buffer, "<stdin>", limits), limits)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield from _checked(read_path(file, limits), limits)
            if not found:
                yield InputError(str(path), "a folder with no files to read")
        else:
            yield from _checked(read_path(path, limits), limits)


def read_path(path: Path, limits: Limits = Limits()) -> Iterator[Article | InputError]:
    origin = str(path)
    if not path.exists():
        yield InputError(origin, "no such file or directory")
        return
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield InputError(origin, f"cannot open ({exc.strerror or exc})")
        return
    with stream:
        yield from _read_stream(stream, origin, limits, size=path.stat().st_size)


def source_head(source: str, limits: Limits = Limits()) -> bytes | None:
    """The bytes that decide the format of a file or of standard input ('-'), read as
    read_sources reads them; None for a folder or a path that cannot be read.

    Reading standard input consumes it, so sys.stdin is replaced by a stream that yields
    those bytes again: read_sources(['-']) afterwards still reads the whole input.
    """
    if source == STDIN:
        head, replayed = read_head(sys.stdin.buffer, limits.max_record_bytes)
        sys.stdin = _ReplayedStdin(replayed, sys.stdin)
        return head
    path = Path(source)
    if not path.is_file():
        return None
    try:
        with path.open("rb") as stream:
            return read_head(stream, limits.max_record_bytes)[0]
    except OSError:
        return None  # read_path reports why, in its turn


class _ReplayedStdin(io.TextIOWrapper):
    """Standard input after its head was read, holding on to the stream it replaces:
    were that one collected, it would close the bytes still to be read."""

    def __init__(self, replayed: io.BufferedReader, replaced: TextIO) -> None:
        super().__init__(replayed, encoding=replaced.encoding, errors=replaced.errors)
        self.replaced = replaced


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _read_stream(
    stream: BinaryIO, origin: str, limits: Limits, size: int | None = None
) -> Iterator[Article | InputError]:
    head, buffered = read_head(stream, limits.max_record_bytes)
    kind = detect_format(head, origin)
    if kind in (Format.JSON_LINES, Format.CSV):
        # Undecodable bytes become lone surrogates, so the records before them are still
        # read and the error names the line (a decode error names a byte in some chunk).
        # A UTF-16 byte-order mark is certain; without one, UTF-8 with lines in Windows-1252.
        utf16 = head.startswith(UTF16_BOMS)
        text = io.TextIOWrapper(
            buffered,
            encoding="utf-16" if utf16 else "utf-8-sig",
            errors="surrogateescape",
            newline="",
        )
        reader = read_json_lines if kind is Format.JSON_LINES else read_csv
        try:
            yield from reader(_decoded_lines(text, utf16), origin)
        except _Undecodable as exc:
            yield InputError(f"{origin}:{exc.line}", exc.reason)
        return
    if kind is Format.EMPTY:
        yield InputError(origin, "empty file")
        return
    if kind is Format.BINARY:
        yield InputError(origin, "binary file, not text, HTML, PDF, feed, JSON Lines or CSV")
        return
    data = b"" if (size or 0) > limits.max_file_bytes else buffered.read(limits.max_file_bytes + 1)
    if max(size or 0, len(data)) > limits.max_file_bytes:
        megabytes = max(size or 0, len(data)) / 1e6
        yield InputError(
            origin,
            f"file too large for one article ({megabytes:.1f} MB, limit "
            f"{limits.max_file_bytes / 1e6:.0f} MB); split it or use JSON Lines",
        )
        return
    try:  # each reader's libraries load when an input first needs them
        if kind is Format.PDF:
            from newsledger.ingest.pdf import read_pdf

            yield read_pdf(data, origin)
        elif kind is Format.FEED:
            from newsledger.ingest.feed import read_feed

            yield from read_feed(data, origin)
        elif kind is Format.HTML:
            from newsledger.ingest.html import read_html

            yield read_html(decode_text(data, origin), origin)
        else:
            yield build_article(decode_text(data, origin), origin)
    except InputError as error:
        yield error


class _Undecodable(Exception):
    """A line of a JSON Lines or CSV dump that is not text in the dump's encoding."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(line, reason)
        self.line = line
        self.reason = reason


_UNDECODED = re.compile("[\udc80-\udcff]")


def _decoded_lines(lines: Iterable[str], utf16: bool) -> Iterator[str]:
    """The lines up to the first one that did not decode; a line of a UTF-8 dump that is
    not UTF-8 is read as Windows-1252 (Excel's CSV, for one) when it reads as text."""
    for number, line in enumerate(lines, 1):
        if _UNDECODED.search(line):
            if utf16:
                raise _Undecodable(number, "not valid UTF-16 (re-save the file as UTF-8)")
            # The escaped bytes come back as they were, so the whole line is decoded again.
            legacy = decode_windows_1252(line.encode("utf-8", errors="surrogateescape"))
            if legacy is None:
                raise _Undecodable(
                    number, "neither UTF-8 nor Windows-1252 text (re-save the file as UTF-8)"
                )
            line = legacy
        yield line


def _checked(
    items: Iterable[Article | InputError], limits: Limits
) -> Iterator[Article | InputError]:
    for item in items:
        yield check_limits(item, limits)


def check_limits(item: Article | InputError, limits: Limits) -> Article | InputError:
    """The article, or an error when it is longer than `limits` allow."""
    if isinstance(item, Article) and len(item.text) > limits.max_article_chars:
        return InputError(
            item.origin,
            f"article too long ({len(item.text):,} characters, limit {limits.max_article_chars:,})",
        )
    return item
