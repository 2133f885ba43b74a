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
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from newsledger.article import Article
from newsledger.cli_options import db_option
from newsledger.errors import NewsledgerError
from newsledger.export.columns import EVENT_COLUMNS, EVENT_SCHEMA, INCIDENT_COLUMNS
from newsledger.export.writer import pyarrow_modules
from newsledger.extract.model import Event, Extraction
from newsledger.ledger import Ledger

_PARQUET_MAGIC = b"PAR1"
_BATCH = 100  # articles per transaction
_FLAGS = ("verbal", "negated", "hypothetical", "future", "generic", "historical", "background")
Row = tuple[str, dict[str, Any]]  # where (FILE:LINE or FILE#ROW), the row


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
    extractions = rebuild(rows)
    with Ledger(db_path) as ledger:
        unchanged = len(ledger.known(x.article.hash for x in extractions))
        for start in range(0, len(extractions), _BATCH):
            ledger.write(extractions[start : start + _BATCH])
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
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise NewsledgerError(
                    f"{where}: not JSON ({exc.msg}); import reads what `export --format "
                    "jsonl` or `--format parquet` writes"
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
        where = f"{path}#{number}"
        yield where, _checked(row, where)


def _checked(row: Any, where: str) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise NewsledgerError(f"{where}: not an object")
    if "event_ids" in row and set(INCIDENT_COLUMNS) <= set(row):
        raise NewsledgerError(
            f"{where}: an incidents export; import reads events (`export --format jsonl`)"
        )
    missing = [c for c in EVENT_COLUMNS if c not in row]
    if missing:
        raise NewsledgerError(
            f"{where}: not a newsledger events export (no column {', '.join(missing[:5])}"
            f"{', ...' if len(missing) > 5 else ''})"
        )
    wrong = [f for f in _FLAGS if not isinstance(row[f], bool)]
    if wrong:
        raise NewsledgerError(f"{where}: {wrong[0]} is {row[wrong[0]]!r}, not true or false")
    if row["sentence"] is None or row["sentence_start"] is None or row["sentence_end"] is None:
        raise NewsledgerError(f"{where}: event {row['id']} has no sentence and offsets")
    return row


def rebuild(rows: list[Row]) -> list[Extraction]:
    """One Extraction per article, in the order that keeps the file's order."""
    by_article: dict[str, list[Row]] = {}
    for where, row in rows:
        by_article.setdefault(row["article_hash"], []).append((where, row))
    return [_extraction(by_article[h]) for h in _storage_order(rows)]


def _storage_order(rows: list[Row]) -> list[str]:
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
        raise NewsledgerError("the rows are not in the order `export` writes them")
    return order


def _day(row: dict[str, Any]) -> str | None:
    return row["date"] or row["article_published"]


def _extraction(rows: list[Row]) -> Extraction:
    first_where, first = rows[0]
    length = max(row["sentence_end"] for _, row in rows)
    text = [" "] * length
    for where, row in rows:
        start, end, sentence = row["sentence_start"], row["sentence_end"], row["sentence"]
        if end - start != len(sentence):
            raise NewsledgerError(
                f"{where}: sentence_start..sentence_end ({start}..{end}) does not fit the "
                f"sentence's {len(sentence)} characters"
            )
        placed = "".join(text[start:end])
        if placed.strip() and placed != sentence:
            raise NewsledgerError(f"{where}: its sentence overlaps another at other offsets")
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
