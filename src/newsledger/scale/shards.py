"""Shards for `newsledger batch`: JSON Lines and Parquet files of records, cut into pieces.

A piece is a run of whole lines (JSON Lines) or whole row groups (Parquet), small enough
that one big file spreads over many workers. Pieces are planned once, on the driver, and
read where they are processed, so only their coordinates travel. Records become Articles
through the same code as the JSON Lines reader, and errors name FILE:LINE (or FILE:row N).

Paths are local paths or URIs that pyarrow opens (s3://, gs://, hdfs://).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest import Limits, check_limits
from newsledger.ingest.detect import Format, detect_format
from newsledger.ingest.records import read_record_line, record_article

JSON_LINES = "jsonl"
PARQUET = "parquet"
RECORD_COLUMNS = ("id", "title", "text", "url", "source", "published")

_PARQUET_MAGIC = b"PAR1"
_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Shard:
    """One input file: `path` is where to open it (an absolute path, or a URI), `origin`
    how errors name it (the path as the user wrote it)."""

    path: str
    origin: str
    format: str
    size: int


@dataclass(frozen=True)
class Piece:
    """Part of a shard. JSON Lines: bytes [start, stop), whose first line is line `first`.
    Parquet: row groups [start, stop), whose first row is row `first`. Both count from 1."""

    index: int
    path: str
    origin: str
    format: str
    start: int
    stop: int
    first: int


def filesystem(location: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem of a local path or a URI, and the path within it."""
    if "://" in location:
        return pafs.FileSystem.from_uri(location)
    return pafs.LocalFileSystem(), str(Path(location).resolve())


def _location(origin: str, path: str) -> str:
    """Where a worker opens a file: the URI as given, or the absolute local path (a
    worker's working folder is not the driver's)."""
    return origin if "://" in origin else path


def find_shards(paths: Iterable[str]) -> Iterator[Shard | InputError]:
    """Every shard under `paths` (folders are read recursively, skipping names that start
    with '.' or '_', such as Spark's _SUCCESS), in path order."""
    for raw in paths:
        fs, path = filesystem(raw)
        info = fs.get_file_info(path)
        if info.type == pafs.FileType.NotFound:
            yield InputError(raw, "no such file or directory")
        elif info.type == pafs.FileType.Directory:
            found = fs.get_file_info(pafs.FileSelector(path, recursive=True))
            for file in sorted(found, key=lambda f: f.path):
                relative = file.path[len(path) :].lstrip("/")
                hidden = any(part[:1] in (".", "_") for part in relative.split("/"))
                if file.type == pafs.FileType.File and not hidden:
                    yield _shard(fs, file, _join(raw, relative))
        else:
            yield _shard(fs, info, raw)


def _join(folder: str, relative: str) -> str:
    return f"{folder.rstrip('/')}/{relative}" if "://" in folder else str(Path(folder) / relative)


def _shard(fs: pafs.FileSystem, info: pafs.FileInfo, origin: str) -> Shard | InputError:
    try:
        with fs.open_input_file(info.path) as handle:
            head = handle.read(8192)
    except OSError as exc:
        return InputError(origin, f"cannot open ({exc})")
    location = _location(origin, info.path)
    if head[:4] == _PARQUET_MAGIC:
        return Shard(location, origin, PARQUET, info.size)
    kind = detect_format(head, origin)
    if kind is Format.JSON_LINES and head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Shards are cut into byte ranges at line ends, which UTF-16 does not allow.
        return InputError(origin, "UTF-16 JSON Lines shard (re-save the file as UTF-8)")
    if kind is Format.JSON_LINES:
        return Shard(location, origin, JSON_LINES, info.size)
    if kind is Format.EMPTY:
        return InputError(origin, "empty file")
    return InputError(
        origin, f"{kind} file, not a JSON Lines or Parquet shard (newsledger ingest reads it)"
    )


def plan_pieces(shards: Iterable[Shard], piece_bytes: int) -> Iterator[Piece | InputError]:
    """Pieces of about `piece_bytes` each, numbered in input order."""
    index = 0
    for shard in shards:
        try:
            if shard.format == PARQUET:
                spans = _parquet_spans(shard, piece_bytes)
            else:
                spans = _line_spans(shard, piece_bytes)
        except InputError as error:
            yield error
            continue
        except (OSError, pa.ArrowException) as exc:  # unreadable, or not Parquet after all
            yield InputError(shard.origin, f"cannot read ({exc})")
            continue
        for start, stop, first in spans:
            yield Piece(index, shard.path, shard.origin, shard.format, start, stop, first)
            index += 1


def _line_spans(shard: Shard, piece_bytes: int) -> list[tuple[int, int, int]]:
    """(start, stop, first line) of runs of whole lines, cut at the first line end after
    every `piece_bytes`; one pass that counts line ends, never holding the file."""
    spans = []
    start, first = 0, 1  # the piece being planned
    lines = 0  # line ends before `base`
    base = 0  # file offset of the chunk
    fs, path = _open(shard.path)
    with fs.open_input_stream(path) as stream:
        while chunk := stream.read(_CHUNK):
            done = 0  # bytes of the chunk already counted
            while start + piece_bytes < base + len(chunk):
                end = chunk.find(b"\n", max(done, start + piece_bytes - base))
                if end < 0:
                    break
                lines += chunk.count(b"\n", done, end + 1)
                done = end + 1
                spans.append((start, base + done, first))
                start, first = base + done, lines + 1
            lines += chunk.count(b"\n", done)
            base += len(chunk)
    if start < base:
        spans.append((start, base, first))
    return spans


def _parquet_spans(shard: Shard, piece_bytes: int) -> list[tuple[int, int, int]]:
    """(first group, group after the last, first row) of runs of whole row groups."""
    fs, path = _open(shard.path)
    with fs.open_input_file(path) as handle:
        metadata = pq.ParquetFile(handle).metadata
        if "text" not in metadata.schema.names:
            raise InputError(
                shard.origin, "Parquet shard has no 'text' column (expected id,title,text,...)"
            )
    spans = []
    start, first, row, size = 0, 1, 1, 0
    for group in range(metadata.num_row_groups):
        if group > start and size + metadata.row_group(group).total_byte_size > piece_bytes:
            spans.append((start, group, first))
            start, first, size = group, row, 0
        size += metadata.row_group(group).total_byte_size
        row += metadata.row_group(group).num_rows
    if start < metadata.num_row_groups:
        spans.append((start, metadata.num_row_groups, first))
    return spans


def read_piece(piece: Piece, limits: Limits = Limits()) -> Iterator[Article | InputError]:
    """The Articles of a piece, and an error for each record that cannot be one."""
    reader = _parquet_records if piece.format == PARQUET else _json_lines_records
    for item in reader(piece):
        yield check_limits(item, limits)


def _json_lines_records(piece: Piece) -> Iterator[Article | InputError]:
    fs, path = _open(piece.path)
    with fs.open_input_file(path) as handle:
        handle.seek(piece.start)
        data = handle.read(piece.stop - piece.start)
    if piece.start == 0 and data.startswith(_BOM):
        data = data[len(_BOM) :]
    for number, raw in enumerate(data.split(b"\n"), piece.first):
        if not raw.strip():
            continue
        where = f"{piece.origin}:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield InputError(where, "not UTF-8 (re-save the file as UTF-8)")
            continue
        yield read_record_line(line, where)


def _parquet_records(piece: Piece) -> Iterator[Article | InputError]:
    fs, path = _open(piece.path)
    with fs.open_input_file(path) as handle:
        parquet = pq.ParquetFile(handle)
        columns = [c for c in RECORD_COLUMNS if c in parquet.schema_arrow.names]
        row = piece.first
        groups = range(piece.start, piece.stop)
        for batch in parquet.iter_batches(batch_size=256, row_groups=groups, columns=columns):
            for record in batch.to_pylist():
                yield record_article(record, f"{piece.origin}:row {row}")
                row += 1


def _open(location: str) -> tuple[pafs.FileSystem, str]:
    return filesystem(location) if "://" in location else (pafs.LocalFileSystem(), location)
