"""Writing rows of a known schema to CSV, JSON Lines and Parquet, each type written the
way its format reads it back: booleans as `true`/`false` in CSV and JSON and as a bool
column in Parquet, dates as ISO strings in text and as date32 in Parquet, a missing
value as an empty CSV cell, JSON `null` or a Parquet null.

A file is written whole or not at all: the rows go to a temporary file in the same
folder, which is renamed over the target only once everything is written, so a failed
export (a full disk, a bad value) leaves no partial file and keeps an older file as it
was. `--out -` writes the text formats to standard output.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import shutil
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from newsledger.errors import NewsledgerError
from newsledger.export.columns import Column

PARQUET_HINT = "pip install 'newsledger[parquet]'"
STDOUT = "-"


@dataclass(frozen=True)
class Output:
    """Where an export goes: `name` as the user wrote it, and the file (None for
    standard output)."""

    name: str
    path: Path | None

    @property
    def described(self) -> str:
        return "standard output" if self.path is None else self.name


def check_out_path(out: str, binary: bool = False) -> Output:
    """Where to write, checked before any work: a folder that does not exist, a file
    where a folder should be, or a folder given as the file are clear errors, not a
    trace. `-` is standard output, except for a `binary` format."""
    if out == STDOUT:
        if binary:
            raise NewsledgerError(
                f"{out}: Parquet is not written to standard output (it is binary, and "
                "readers seek in it); give a file name to --out"
            )
        return Output(out, None)
    path = Path(out)
    folder = path.parent
    if not folder.is_dir():
        existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if existing is not None and not existing.is_dir():
            raise NewsledgerError(f"{out}: {existing} is a file, not a folder")
        raise NewsledgerError(f"{out}: the folder {folder} does not exist (create it)")
    if path.is_dir():
        raise NewsledgerError(f"{out}: is a folder; give a file name")
    return Output(out, path)


def pyarrow_modules() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, or a one-line error saying how to install them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise NewsledgerError(
            f"Parquet needs pyarrow, which is not installed: {PARQUET_HINT}"
        ) from exc
    return pyarrow, pyarrow.parquet


@contextmanager
def opened(output: Output, binary: bool = False) -> Iterator[IO[Any]]:
    """A handle to write `output` through (UTF-8 text with no newline translation, or
    bytes). A file is replaced only when the block ends without an error; an error of
    the system (no space, no permission) becomes one line naming the file."""
    try:
        if output.path is None:
            with _standard_output(binary) as handle:
                yield handle
        else:
            with _replacing(output.path, binary) as handle:
                yield handle
    except BrokenPipeError:
        raise  # the reader of standard output went away: the command ends quietly
    except OSError as exc:
        raise NewsledgerError(f"{output.name}: cannot write ({exc.strerror or exc})") from exc


@contextmanager
def _standard_output(binary: bool) -> Iterator[IO[Any]]:
    raw = sys.stdout.buffer
    if binary:
        yield raw
        raw.flush()
        return
    sys.stdout.flush()
    handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    try:
        yield handle
        handle.flush()
    finally:
        handle.detach()  # standard output stays open for whatever comes next


@contextmanager
def _replacing(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """Write a temporary file beside `path`, then rename it over `path`. A device or a
    pipe (/dev/stdout, /dev/null, a FIFO) is written in place: a rename would replace
    it with a plain file."""
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        with _open(path, binary) as handle:
            yield handle
        return
    target = path.resolve() if path.is_symlink() else path  # write through a link
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 less the umask, as a plain open() would give the file
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with _open(descriptor, binary) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _open(file: Path | int, binary: bool) -> IO[Any]:
    """UTF-8 text with no newline translation, or bytes; `file` a path or a descriptor."""
    if binary:
        return open(file, "wb")
    return open(file, "w", encoding="utf-8", newline="")


def write_csv(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], output: Output, delimiter: str = ","
) -> None:
    with opened(output) as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(row.get(c)) for c in columns])


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_jsonl(rows: Iterable[dict[str, Any]], output: Output) -> None:
    """One object per line, keys in schema order, UTF-8 as is."""
    with opened(output) as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


_ARROW_TYPES = {"str": "string", "int": "int64", "float": "float64", "bool": "bool_",
                "date": "date32"}  # fmt: skip


def write_parquet(rows: list[dict[str, Any]], schema: Sequence[Column], output: Output) -> None:
    """A Parquet file of typed columns; a value that does not fit its column's type
    is one line naming the column, not a trace, and writes nothing."""
    pa, pq = pyarrow_modules()
    columns = []
    for column in schema:
        kind = getattr(pa, _ARROW_TYPES[column.kind])()
        values = [row.get(column.name) for row in rows]
        try:
            if column.kind == "date":
                values = [_day(v) for v in values]
            columns.append(pa.array(values, type=kind))
        except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError) as exc:
            raise NewsledgerError(
                f"{output.name}: column {column.name} holds a value that is not "
                f"{column.kind} ({exc}); nothing was written"
            ) from exc
    table = pa.Table.from_arrays(columns, names=[c.name for c in schema])
    with opened(output, binary=True) as handle:
        pq.write_table(table, handle)


def _day(value: str | date | None) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a date") from exc
    return value
