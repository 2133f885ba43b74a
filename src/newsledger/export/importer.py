"""`newsledger import`: an events file written by `export --format jsonl|parquet` loaded
back into a ledger, so that a ledger can travel as one file and be rebuilt elsewhere.

Each article is rebuilt from its rows' article columns and keeps its id and hash; its
text holds only the evidence sentences, each at its own offsets, with spaces between, so
every offset in the file still points at its sentence. Events keep their ids, flags,
parties, places, tolls and first mention, and are stored through `Ledger.write`, which
links them into incidents again: the same events give the same incident ids. Exporting
the imported ledger with the same options gives the same file, byte for byte.

Rows are stored in an order that keeps the file's order: `events` lists events by date,
then by the order their articles were stored, so articles whose events share a day are
stored in the order the file shows them.

Every value is checked before anything is stored: against its column's type
(`columns.EVENT_SCHEMA`: text, whole number, number, true/false, YYYY-MM-DD date), and
the event type against PLOVER's. A file with one bad value is refused whole, naming
the line and the column, and the ledger is left as it was: a file is stored in one
transaction.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsledger.article import Article
from newsledger.cli_options import db_option
from newsledger.errors import InputError, NewsledgerError
from newsledger.export.columns import EVENT_COLUMNS, EVENT_SCHEMA, INCIDENT_COLUMNS, Column
from newsledger.export.writer import pyarrow_modules
from newsledger.extract.model import Event, Extraction
from newsledger.ledger.filter_values import event_type

if TYPE_CHECKING:
    from newsledger.ledger.store import Ledger

_PARQUET_MAGIC = b"PAR1"
_FLAGS = ("verbal", "negated", "hypothetical", "future", "generic", "historical", "background")
Row = tuple[str, dict[str, Any]]  # where (FILE:LINE or FILE#ROW), the row

# Columns every exported event fills; the others may be null.
_REQUIRED = frozenset(
    ("id", "type", "sentence", "sentence_index", "sentence_start", "sentence_end",
     "article_id", "article_hash", "confidence", *_FLAGS)
)  # fmt: skip
_CHOICES = {
    "date_precision": ("day", "week", "month", "year"),
    "location_precision": ("place", "admin1", "country", "article", "dateline"),
}
_RANGES = {"location_lat": (-90.0, 90.0), "location_lon": (-180.0, 180.0),
           "confidence": (0.0, 1.0), "goldstein": (-10.0, 10.0)}  # fmt: skip
_ARTICLE_COLUMNS = ("article_id", "article_title", "article_source", "article_url",
                    "article_published")  # fmt: skip
_HASH = re.compile(r"[0-9a-f]{64}")
_EVENT_ID = re.compile(r"([0-9a-f]{12})-\d+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# An offset past the longest article `ingest` takes (`--max-chars`) is no offset of ours.


@click.command(name="import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@db_option
def import_command(path: str, db_path: str) -> None:
    """Load an events file written by `export --format jsonl` or `--format parquet`.

    Articles are rebuilt from the file's article columns (an imported article holds
    only its evidence sentences), events keep their ids and are linked into incidents
    again. Articles the ledger already holds are left as they are.

    \b
    Examples:
      newsledger export --format jsonl --out events.jsonl --db gulf.db
      newsledger import events.jsonl --db copy.db
      newsledger import events.parquet --db copy.db
    """
    rows = read_rows(Path(path))
    extractions = rebuild(rows, path)  # every check is made before the ledger is opened
    from newsledger.ledger.store import Ledger  # the writer and linker: loaded only to run

    with Ledger(db_path) as ledger:
        check_ids_are_free(ledger, rows)
        unchanged = len(ledger.known(x.article.hash for x in extractions))
        ledger.write(extractions)  # one transaction: the whole file, or nothing
        moved = relinked_elsewhere(ledger, rows)
    events = sum(len(x.events) for x in extractions)
    click.echo(
        f"imported {len(extractions) - unchanged} articles ({events} events in the file), "
        f"unchanged {unchanged}"
    )
    if moved:
        click.echo(
            f"warning: {path}: {moved} events joined other incidents than the file names "
            "(the file holds part of a ledger, so linking saw fewer events)",
            err=True,
        )


def read_rows(path: Path) -> list[Row]:
    """The rows of an events export, JSON Lines or Parquet (told apart by content)."""
    with path.open("rb") as handle:
        parquet = handle.read(4) == _PARQUET_MAGIC
    rows = list(_parquet_rows(path) if parquet else _jsonl_rows(path))
    if not rows:
        raise NewsledgerError(f"{path}: no events in the file")
    return rows


def _jsonl_rows(path: Path) -> Iterator[Row]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    where, f"not UTF-8 text (byte {exc.start + 1} of the line)"
                ) from exc
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                # json's own message ends "... at" and leaves the place to str(exc)
                reason = exc.msg.removesuffix(" at")
                raise InputError(
                    where,
                    f"not JSON ({reason} at column {exc.colno}); import reads what "
                    "`export --format jsonl` or `--format parquet` writes",
                ) from exc
            yield where, _checked(row, where)


def _parquet_rows(path: Path) -> Iterator[Row]:
    _, pq = pyarrow_modules()
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises its own error types for a bad file
        raise NewsledgerError(f"{path}: not a readable Parquet file ({exc})") from exc
    dates = [c.name for c in EVENT_SCHEMA if c.kind == "date"]
    for number, row in enumerate(table.to_pylist(), 1):
        for name in dates:
            if isinstance(row.get(name), date):
                row[name] = row[name].isoformat()
        where = f"{path}#{number}"  # Parquet has rows, not lines
        yield where, _checked(row, where)


def _checked(row: Any, where: str) -> dict[str, Any]:
    """The row with every value checked against its column (and made exact: a whole
    number written 12.0 is 12, a type written "assault" is ASSAULT); InputError naming
    the line and the column otherwise."""
    if not isinstance(row, dict):
        raise InputError(where, "not an object")
    if "event_ids" in row and set(INCIDENT_COLUMNS) <= set(row):
        raise InputError(
            where, "an incidents export; import reads events (`export --format jsonl`)"
        )
    missing = [c for c in EVENT_COLUMNS if c not in row]
    if missing:
        raise InputError(
            where,
            f"not a newsledger events export (no column {', '.join(missing[:5])}"
            f"{', ...' if len(missing) > 5 else ''})",
        )
    for column in EVENT_SCHEMA:
        try:
            row[column.name] = _value(column, row[column.name])
        except ValueError as exc:
            raise InputError(where, f"column {column.name}: {exc}") from None
    _check_together(row, where)
    return row


def _value(column: Column, value: Any) -> Any:
    """`value` as its column's type, or ValueError saying why it is not."""
    if value is None:
        if column.name in _REQUIRED:
            raise ValueError("is empty; every exported event has one")
        return None
    kind = column.kind
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"{_shown(value)} is not true or false")
        return value
    if kind == "int":
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # 12.0, as pandas writes a whole number with gaps
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{_shown(value)} is not a whole number")
        if value < 0:
            raise ValueError(f"{value} is negative")
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{_shown(value)} is not a number")
        if not math.isfinite(value):
            raise ValueError(f"{_shown(value)} is not a finite number")
        low, high = _RANGES.get(column.name, (-math.inf, math.inf))
        if not low <= value <= high:
            raise ValueError(f"{value} is outside {low:g} to {high:g}")
        return value
    if not isinstance(value, str):
        raise ValueError(f"{_shown(value)} is not text")
    if kind == "date":
        return _iso_day(value)
    if column.name == "type":
        return event_type(value)  # FilterValueError, a ValueError, lists the 16 types
    if column.name in _CHOICES and value not in _CHOICES[column.name]:
        raise ValueError(f"{_shown(value)} is not one of {', '.join(_CHOICES[column.name])}")
    if column.name == "article_hash" and not _HASH.fullmatch(value):
        raise ValueError(f"{_shown(value)} is not a SHA-256 hash (64 lower-case hex digits)")
    return value


def _iso_day(value: str) -> str:
    try:
        if _DAY.fullmatch(value):
            date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise ValueError(f"{_shown(value)} is not a date (YYYY-MM-DD)")


def _shown(value: Any) -> str:
    """A value as the file wrote it, cut short: "abc", null, 12.5."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _check_together(row: dict[str, Any], where: str) -> None:
    """What one column says of another: the event id belongs to its article, the
    sentence fits its offsets and holds its trigger, a toll's bounds are in order, and
    details of a party or place come with its words or name."""

    def refuse(column: str, reason: str) -> None:
        raise InputError(where, f"column {column}: {reason}")

    match = _EVENT_ID.fullmatch(row["id"])
    if match is None:
        refuse("id", f"{_shown(row['id'])} is not an event id (12 hex digits, '-', a number)")
    elif match.group(1) != row["article_hash"][:12]:
        refuse("id", f"{row['id']} does not begin with its article_hash's first 12 digits")
    start, end, sentence = row["sentence_start"], row["sentence_end"], row["sentence"]
    if end > _max_offset():
        refuse("sentence_end", f"{end} is past the longest article ({_max_offset():,} characters)")
    if end - start != len(sentence):
        refuse(
            "sentence_end",
            f"sentence_start..sentence_end ({start}..{end}) does not fit the sentence's "
            f"{len(sentence)} characters",
        )
    if row["trigger"] is not None:
        low, high = row["trigger_start"], row["trigger_end"]
        if low is None or high is None:
            refuse("trigger_start", "is empty, but the event has a trigger")
        elif not (
            start <= low <= high <= end and sentence[low - start : high - start] == row["trigger"]
        ):
            refuse(
                "trigger_start",
                f"trigger_start..trigger_end ({low}..{high}) is not where the sentence "
                f"holds the trigger {_shown(row['trigger'])}",
            )
    for count in ("fatalities", "injuries"):
        low, high = row[f"{count}_min"], row[f"{count}_max"]
        if low is not None and high is not None and low > high:
            refuse(f"{count}_min", f"{low} is more than {count}_max {high}")
    for side in ("actor", "recipient"):
        stray = [k for k in ("name", "country", "sector", "role") if row[f"{side}_{k}"] is not None]
        if stray and row[f"{side}_text"] is None:
            refuse(f"{side}_{stray[0]}", f"is given, but {side}_text, the words, is empty")
    stray = [k for k in ("country", "admin1", "lat", "lon", "precision", "text")
             if row[f"location_{k}"] is not None]  # fmt: skip
    if stray and row["location_name"] is None:
        refuse(f"location_{stray[0]}", "is given, but location_name is empty")


def rebuild(rows: list[Row], path: str | Path = "") -> list[Extraction]:
    """One Extraction per article, in the order that keeps the file's order. Rows of
    one article agree on its columns, and no event id comes twice."""
    by_article: dict[str, list[Row]] = {}
    first_of: dict[str, str] = {}
    for where, row in rows:
        if row["id"] in first_of:
            raise InputError(where, f"column id: {row['id']} is already at {first_of[row['id']]}")
        first_of[row["id"]] = where
        same = by_article.setdefault(row["article_hash"], [])
        if same:
            earlier_where, earlier = same[0]
            for column in _ARTICLE_COLUMNS:
                if row[column] != earlier[column]:
                    raise InputError(
                        where,
                        f"column {column}: {_shown(row[column])} differs from "
                        f"{_shown(earlier[column])} at {earlier_where}, an event of the same "
                        "article (article_hash)",
                    )
        same.append((where, row))
    return [_extraction(by_article[h]) for h in _storage_order(rows, path)]


def check_ids_are_free(ledger: Ledger, rows: list[Row]) -> None:
    """An event id the ledger holds for another article than the file's would collide
    when stored: say where (the first such line), before anything is written."""
    wanted = {row["id"]: (index, row["article_hash"]) for index, (_, row) in enumerate(rows)}
    taken: dict[int, str] = {}  # row index -> the other article's hash
    ids = list(wanted)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for event, article in ledger.connection.execute(
            f"SELECT id, article_hash FROM events WHERE id IN ({marks})", chunk
        ):
            index, ours = wanted[event]
            if article != ours:
                taken[index] = article
    if taken:
        index = min(taken)
        where, row = rows[index]
        raise InputError(
            where,
            f"column id: the ledger holds event {row['id']} for another article "
            f"({taken[index][:16]}...); nothing was imported",
        )


def _storage_order(rows: list[Row], path: str | Path = "") -> list[str]:
    """Article hashes in an order consistent with the file: where two rows in a row
    share their day (the event's, else its article's), the first row's article was
    stored first. Ties go to the article seen first."""
    first_seen: dict[str, int] = {}
    after: dict[str, set[str]] = {}
    waiting: dict[str, int] = {}
    for index, (_, row) in enumerate(rows):
        first_seen.setdefault(row["article_hash"], index)
        after.setdefault(row["article_hash"], set())
        waiting.setdefault(row["article_hash"], 0)
    for (_, earlier), (_, later) in zip(rows, rows[1:], strict=False):
        a, b = earlier["article_hash"], later["article_hash"]
        if a != b and _day(earlier) == _day(later) and b not in after[a]:
            after[a].add(b)
            waiting[b] += 1
    ready = [(first_seen[h], h) for h, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, article = heapq.heappop(ready)
        order.append(article)
        for other in after[article]:
            waiting[other] -= 1
            if waiting[other] == 0:
                heapq.heappush(ready, (first_seen[other], other))
    if len(order) != len(first_seen):
        raise NewsledgerError(
            f"{path or 'the file'}: the rows are not in the order `export` writes them "
            "(by date, each article's events together)"
        )
    return order


def _day(row: dict[str, Any]) -> str | None:
    return row["date"] or row["article_published"]


def _extraction(rows: list[Row]) -> Extraction:
    first_where, first = rows[0]
    length = max(row["sentence_end"] for _, row in rows)
    text = [" "] * length
    for where, row in rows:
        start, end, sentence = row["sentence_start"], row["sentence_end"], row["sentence"]
        placed = "".join(text[start:end])
        if placed.strip() and placed != sentence:
            raise InputError(
                where, "column sentence_start: its sentence overlaps another at other offsets"
            )
        text[start:end] = sentence
    published = first["article_published"]
    article = Article(
        text="".join(text),
        title=first["article_title"],
        source=first["article_source"],
        url=first["article_url"],
        published=date.fromisoformat(published) if published else None,
        published_from="record" if published else None,
        external_id=first["article_id"] if first["article_id"] != first["article_hash"] else None,
        origin=first_where,
        hash=first["article_hash"],
    )
    return Extraction(article=article, events=tuple(_event(row) for _, row in rows))


def _event(row: dict[str, Any]) -> Event:
    """The contract's event that a flat row describes (the inverse of `event_row`)."""
    return Event.from_dict(
        {
            "id": row["id"],
            "type": row["type"],
            "mode": row["mode"],
            "cameo": row["cameo"],
            "goldstein": row["goldstein"],
            "acled": {"event_type": row["acled_event_type"],
                      "sub_event_type": row["acled_sub_event_type"]}
            if row["acled_event_type"] else None,
            "actor": _party(row, "actor"),
            "recipient": _party(row, "recipient"),
            "mentions": [{
                "sentence": row["sentence_index"],
                "start": row["sentence_start"],
                "end": row["sentence_end"],
                "trigger": row["trigger"] or "",
                "trigger_start": row["trigger_start"] or 0,
                "trigger_end": row["trigger_end"] or 0,
                "text": row["sentence"],
            }],
            **{flag: row[flag] for flag in _FLAGS},
            "confidence": row["confidence"],
            "date": row["date"],
            "date_precision": row["date_precision"],
            "date_text": row["date_text"],
            "location": None if row["location_name"] is None else {
                k: row[f"location_{k}"]
                for k in ("name", "country", "admin1", "lat", "lon", "precision", "text")
            },
            "fatalities": _count(row, "fatalities"),
            "injuries": _count(row, "injuries"),
        }
    )  # fmt: skip


def _party(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    if row[f"{side}_text"] is None:
        return None
    return {k: row[f"{side}_{k}"] for k in ("text", "name", "country", "sector", "role")}


def _count(row: dict[str, Any], name: str) -> dict[str, Any] | None:
    low, high, words = row[f"{name}_min"], row[f"{name}_max"], row[f"{name}_text"]
    if low is None and high is None and words is None:
        return None
    return {"min": low, "max": high, "text": words or ""}


def relinked_elsewhere(ledger: Ledger, rows: list[Row]) -> int:
    """How many imported events the ledger links to another incident than the file."""
    named = {row["id"]: row["incident"] for _, row in rows}
    stored: dict[str, str | None] = {}
    ids = list(named)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        stored.update(
            ledger.connection.execute(
                f"SELECT id, incident FROM events WHERE id IN ({marks})", chunk
            ).fetchall()
        )
    return sum(1 for event, incident in named.items() if stored.get(event, incident) != incident)


@cache
def _max_offset() -> int:
    """The longest article `ingest` reads: no offset lies past it (the readers load only
    when a file is imported)."""
    from newsledger.ingest import Limits

    return Limits().max_article_chars
