"""Writing rows of a known schema to CSV, JSON Lines and Parquet, each type written the
way its format reads it back: booleans as `true`/`false` in CSV and JSON and as a bool
column in Parquet, dates as ISO strings in text and as date32 in Parquet, a missing
value as an empty CSV cell, JSON `null` or a Parquet null."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.errors import NewsledgerError
from newsledger.export.columns import Column

PARQUET_HINT = "pip install 'newsledger[parquet]'"


def check_out_path(out: str) -> Path:
    """The file to write; a folder that does not exist is a clear error, not a trace."""
    path = Path(out)
    if not path.parent.is_dir():
        raise NewsledgerError(f"{out}: the folder {path.parent} does not exist (create it)")
    if path.is_dir():
        raise NewsledgerError(f"{out}: is a folder; give a file name")
    return path


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


def write_csv(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], path: Path, delimiter: str = ","
) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
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


def write_jsonl(rows: Iterable[dict[str, Any]], path: Path) -> None:
    """One object per line, keys in schema order, UTF-8 as is."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


_ARROW_TYPES = {"str": "string", "int": "int64", "float": "float64", "bool": "bool_",
                "date": "date32"}  # fmt: skip


def write_parquet(rows: list[dict[str, Any]], schema: Sequence[Column], path: Path) -> None:
    pa, pq = pyarrow_modules()
    arrow_schema = pa.schema([(c.name, getattr(pa, _ARROW_TYPES[c.kind])()) for c in schema])
    dates = [c.name for c in schema if c.kind == "date"]
    table = pa.Table.from_pylist(
        [{**row, **{d: _day(row.get(d)) for d in dates}} for row in rows], schema=arrow_schema
    )
    pq.write_table(table, path)


def _day(value: str | date | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value
