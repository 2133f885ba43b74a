"""Rows to a terminal table, CSV or JSON: tables for people, CSV/JSON for pipes."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "json")


def default_format(stream: TextIO = sys.stdout) -> str:
    return "table" if stream.isatty() else "csv"


def write_rows(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    stream: TextIO = sys.stdout,
    title: str | None = None,
) -> None:
    if fmt == "json":
        json.dump(list(rows), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=title, show_lines=False, expand=False)
        for column in columns:
            table.add_column(column, overflow="fold", max_width=60)
        for row in rows:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
        Console(file=stream, width=None if stream.isatty() else 200).print(table)
