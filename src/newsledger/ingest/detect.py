"""Which reader a source needs, decided from its first bytes (the name only breaks ties)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable
from enum import StrEnum
from functools import cache
from typing import BinaryIO

from newsledger.data import load_toml
from newsledger.ingest.decode import UTF16_BOMS, looks_binary

FILE_NAMES = "ingest/file_names.toml"

# The first block every decision reads; a JSON Lines head reads on to its first line end.
HEAD_BYTES = 8192
_CHUNK_BYTES = 1 << 16
_BYTE_ORDER_MARK = b"\xef\xbb\xbf"
# A JSON object's opening, `{"key"`, for a first line too long to read whole.
_OBJECT_OPENING = re.compile(r'\{\s*"')

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)\b")
_HTML_START = re.compile(r"<(!doctype html|html|head|body|article|div|p|h1|meta|title)\b")


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    PDF = "pdf"
    FEED = "feed"
    JSON_LINES = "jsonl"
    CSV = "csv"
    BINARY = "binary"
    EMPTY = "empty"


def read_head(stream: BinaryIO, max_line_bytes: int) -> tuple[bytes, io.BufferedReader]:
    """The bytes that decide a source's format, and a stream that yields every byte again.

    The head is the same however the source hands out its bytes (a file, a pipe that gives
    a few KB a read, standard input): a full first block and, when the source opens with a
    JSON object, its whole first line up to `max_line_bytes`, so that a long first record
    is not taken for plain text.
    """
    head = _read_up_to(stream, HEAD_BYTES, enough=_first_line_decides)
    if _opens_unfinished_object(head) and len(head) == HEAD_BYTES:
        head += _read_to_line_end(stream, max_line_bytes - len(head))
    return head, io.BufferedReader(_Replayed(head, stream), buffer_size=_CHUNK_BYTES)


def _read_up_to(
    stream: BinaryIO, size: int, enough: Callable[[bytes], bool] = lambda head: False
) -> bytes:
    """`size` bytes, fewer at the end, or fewer once `enough(bytes so far)`: a pipe that
    feeds one record and waits for it to be read must not wait for a full block."""
    read = getattr(stream, "read1", None) or stream.read  # read1: what is there, no wait
    parts: list[bytes] = []
    wanted = size
    while wanted > 0:
        part = read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
        if enough(b"".join(parts)):
            break
    return b"".join(parts)


def _first_line_decides(head: bytes) -> bool:
    """A finished first line that is a JSON object or a record header decides the
    format alone (`detect_format` then needs no more bytes)."""
    line, line_end, _ = head_text(head).lstrip("\ufeff \t\r\n").partition("\n")
    if not line_end:
        return False
    first = line.strip()
    return (first.startswith("{") and _is_json_object(first, finished=True)) or (
        _is_record_header(first)
    )


def _opens_unfinished_object(head: bytes) -> bool:
    """The head starts a JSON object whose first line has not ended yet."""
    start = head.removeprefix(_BYTE_ORDER_MARK).lstrip(b" \t\r\n")
    return start.startswith(b"{") and b"\n" not in start


def _read_to_line_end(stream: BinaryIO, budget: int) -> bytes:
    """The bytes up to and including the next line end, at most `budget` of them."""
    parts: list[bytes] = []
    while budget > 0:
        part = _read_up_to(stream, min(_CHUNK_BYTES, budget), enough=lambda got: b"\n" in got)
        if not part:
            break
        parts.append(part)
        budget -= len(part)
        if b"\n" in part:
            break
    return b"".join(parts)


class _Replayed(io.RawIOBase):
    """The head already read from a stream, then the rest of that stream.

    Closing it leaves the stream open: whoever opened the stream closes it.
    """

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest
        # One read of what is there, not a wait for a full buffer: a pipe feeding records
        # one at a time gets each record read as it comes.
        self._read_rest = getattr(rest, "readinto1", None) or rest.readinto  # type: ignore[attr-defined]

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        return self._read_rest(buffer) or 0


def detect_format(head: bytes, name: str = "") -> Format:
    """The format of a source from its first bytes (`read_head`); the name breaks ties."""
    if not head.strip():
        return Format.EMPTY
    if head.lstrip().startswith(b"%PDF-"):
        return Format.PDF
    if looks_binary(head[:HEAD_BYTES]):
        return Format.BINARY
    text = head_text(head).lstrip("\ufeff \t\r\n")
    lower = text[:2000].lower()
    if (
        lower.startswith("<")
        and _FEED_ROOT.search(lower)
        and not lower.startswith("<!doctype html")
    ):
        return Format.FEED
    if _HTML_START.match(lower) or (lower.startswith("<") and "<body" in lower):
        return Format.HTML
    first_line, line_end, _ = text.partition("\n")
    first_line = first_line.strip()
    if first_line.startswith("{") and _is_json_object(first_line, finished=bool(line_end)):
        return Format.JSON_LINES
    if name.lower().endswith(table_endings()) or _is_record_header(first_line):
        return Format.CSV
    return Format.TEXT


@cache
def table_endings() -> tuple[str, ...]:
    """File endings of record tables (`ingest/file_names.toml`)."""
    return tuple(load_toml(FILE_NAMES)["table_endings"])


@cache
def file_endings() -> frozenset[str]:
    """Endings of the files `ingest` reads, lower case (`ingest/file_names.toml`)."""
    return frozenset(ending.lower() for ending in load_toml(FILE_NAMES)["file_endings"])


def head_text(head: bytes) -> str:
    """The head as text: UTF-16 when it opens with that byte-order mark (a code unit cut
    off at the end is left out), else UTF-8, leaving out the bytes that are not."""
    if head.startswith(UTF16_BOMS):
        return codecs.getincrementaldecoder("utf-16")(errors="ignore").decode(head)
    return head.decode("utf-8", errors="ignore")


def _is_json_object(line: str, finished: bool) -> bool:
    """A JSON object, or for a line cut off by the end of the head, one's opening."""
    if not finished and _OBJECT_OPENING.match(line):
        return True
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _is_record_header(line: str) -> bool:
    """A CSV header naming a text column among known record columns."""
    try:
        cells = {c.strip().lower() for c in next(csv.reader([line]), [])}
    except csv.Error:  # a bare carriage return, a NUL: not a header
        return False
    return "text" in cells and len(cells & {"id", "title", "url", "source", "published"}) >= 1
