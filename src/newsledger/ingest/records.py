"""JSON Lines and CSV dumps: one article per record, read as a stream.

Records carry the columns id, title, text, url, source, published. A bad record is
reported with its line number; the rest of the file is still read.
"""

from __future__ import annotations

import csv
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.layout import Hints, build_article

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_json_lines(lines: Iterable[str], origin: str) -> Iterator[Article | InputError]:
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield read_record_line(line, f"{origin}:{number}")


def read_record_line(line: str, where: str) -> Article | InputError:
    """One JSON Lines record; `where` (FILE:LINE) names it in errors."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return InputError(where, "a JSON Lines record must be an object")
    return record_article(record, where)


def read_csv(lines: Iterable[str], origin: str) -> Iterator[Article | InputError]:
    # Blank lines before the header are skipped (as JSON Lines skips them), and counted so
    # that errors still name the line of the file.
    rest = iter(lines)
    blank = 0
    for first in rest:
        if first.strip():
            rest = itertools.chain([first], rest)
            break
        blank += 1
    reader = csv.DictReader(rest)
    if reader.fieldnames is None or "text" not in reader.fieldnames:
        yield InputError(origin, "CSV has no 'text' column (expected id,title,text,...)")
        return
    try:
        for record in reader:
            yield record_article(record, f"{origin}:{blank + reader.line_num}")
    except csv.Error as exc:
        yield InputError(f"{origin}:{blank + reader.line_num}", f"malformed CSV ({exc})")


def record_article(record: dict[str, Any], where: str) -> Article | InputError:
    """The Article of one record (a JSON object, a CSV row or a Parquet row)."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(where, "record has no 'text'")
    try:
        published = parse_published(record.get("published"))
    except ValueError:
        shown = repr(record.get("published"))
        shown = shown if len(shown) <= 80 else shown[:80] + "..."  # an error is one short line
        return InputError(where, f"'published' is not a date: {shown}")
    hints = Hints(
        title=_field(record, "title"),
        source=_field(record, "source"),
        url=_field(record, "url"),
        published=published,
        published_from="record" if published else None,
        external_id=_field(record, "id"),
        has_headline=False,
    )
    try:
        return build_article(text, where, hints)
    except InputError as error:
        return error


def _field(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return str(value).strip() or None if value is not None else None


def parse_published(value: Any) -> date | None:
    """YYYY-MM-DD or an ISO timestamp; empty means unknown."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
