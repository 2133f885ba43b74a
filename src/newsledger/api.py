"""The Python API for analysts: one article's extraction from text or a file, and the
ledger's events, incidents and quotes as pandas DataFrames.

    import newsledger
    result = newsledger.extract("Rebels shelled Goma on Monday.", published="2024-03-05")
    led = newsledger.open("newsledger.db", read_only=True)
    led.events(since="2024-03-01", country="COD", type="ASSAULT")   # a DataFrame

The frames hold the same columns as `newsledger export --format csv|jsonl|parquet`
(README, Exports), so a notebook and an exported file agree.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.export.columns import (
    EVENT_SCHEMA,
    INCIDENT_SCHEMA,
    Column,
    incident_row,
)
from newsledger.export.reading import flat_events, selected_incidents
from newsledger.extract import extract as extract_article
from newsledger.extract.model import Extraction
from newsledger.ingest import read_sources
from newsledger.ingest.detect import file_endings
from newsledger.ingest.layout import Hints, build_article
from newsledger.ledger.filter_builder import DAY_FILTERS, build_filters
from newsledger.ledger.query import QUOTE_COLUMNS, Filters, select_events, select_quotes
from newsledger.pipeline import with_published

if TYPE_CHECKING:
    import pandas

# A string this long, or with a line break, is text, never a file name.
_LONGEST_PATH = 4096


def extract(source: str | Path | Article, *, published: date | str | None = None) -> Extraction:
    """The extraction of one article given as its text, a file path, or an Article.

    A `Path` is read as a file (any format `ingest` reads: text, HTML, PDF, a JSON
    record); a `str` is read as a file when it names one that exists, or is one word
    that can only be a file name ("wires/a1.txt"), else it is the article's text.
    `published` (a date or "YYYY-MM-DD") dates an article whose own metadata gives
    none, as `--published` does.

    Raises InputError when the file cannot be read or holds no single article, and
    ValueError for a `published` that is not a date (a datetime counts as its day).
    """
    day = _day(published, "published") if published is not None else None
    if isinstance(source, Article):
        return extract_article(with_published(source, day))
    if isinstance(source, Path) or _names_a_file(source):
        return extract_article(with_published(_one_article(Path(source)), day))
    hints = Hints(published=day, published_from="option" if day else None)
    return extract_article(build_article(source, "<text>", hints))


def _names_a_file(text: str) -> bool:
    """A file that exists, or one word that can only be a file's name ("report.txt",
    "wires/a1"): an article's text has spaces. A missing file then raises InputError
    instead of being coded as a one-word article."""
    if len(text) > _LONGEST_PATH or "\n" in text:
        return False
    try:
        if Path(text).is_file():
            return True
    except OSError:  # a name too long for the file system
        return False
    word = text.strip()
    return (
        bool(word)
        and not any(c.isspace() for c in word)
        and ("/" in word or os.sep in word or Path(word).suffix.lower() in file_endings())
    )


def _one_article(path: Path) -> Article:
    found = list(read_sources([path]))
    for item in found:
        if isinstance(item, InputError):
            raise item
    if len(found) != 1:
        raise InputError(str(path), f"holds {len(found)} articles; extract takes one")
    article = found[0]
    assert isinstance(article, Article)
    return article


# -- the ledger as DataFrames ----------------------------------------------------------

# pandas dtypes of the export's column kinds: nullable integers and booleans (a toll may
# be unknown), text as pandas strings, days as datetime64 (resample and plot directly).
_DTYPES = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}


def events_frame(db: sqlite3.Connection, **filters: Any) -> pandas.DataFrame:
    """The events the filters select, one row each, in the export's columns
    (`export.columns.EVENT_SCHEMA`, README "Exports")."""
    rows = flat_events(db, select_events(db, _filters(filters, "events")))
    return _frame(rows, EVENT_SCHEMA)


def incidents_frame(db: sqlite3.Connection, **filters: Any) -> pandas.DataFrame:
    """The incidents of the events the filters select, one row each, in the export's
    incident columns (`export.columns.INCIDENT_SCHEMA`); `min_sources` keeps those told
    by that many distinct reports."""
    chosen = _filters(filters, "incidents")
    fewest = chosen.min_sources or 0
    records = selected_incidents(db, replace(chosen, min_sources=None, limit=None))
    rows = [incident_row(r) for r in records if len(r.get("sources") or []) >= fewest]
    return _frame(rows[: chosen.limit] if chosen.limit else rows, INCIDENT_SCHEMA)


def quotes_frame(db: sqlite3.Connection, **filters: Any) -> pandas.DataFrame:
    """The quotes the filters select (since, until, speaker, country, source, search,
    limit), in the columns of `newsledger quotes`; `events` holds a list of event ids."""
    rows = select_quotes(db, _filters(filters, "quotes"))
    kinds = {"anonymous": "bool", "direct": "bool", "published": "date"}
    schema = [Column(name, kinds.get(name, "str"), "", "") for name in QUOTE_COLUMNS]
    frame = _frame([{**row, "events": None} for row in rows], schema)
    frame["events"] = pandas_series([list(row["events"] or []) for row in rows], frame.index)
    return frame


def _filters(given: dict[str, Any], list_name: str) -> Filters:
    """Keyword filters as the list's `Filters` (`build_filters`): TypeError for a filter
    the frame does not take, ValueError for a value that names nothing. Days are read
    here first, as `extract` reads `published`: a datetime counts as its day, and an
    empty one is refused, not taken as no filter."""
    days = {name: _day(given[name], name) for name in DAY_FILTERS if given.get(name) is not None}
    limit = given.get("limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a whole number of 1 or more, not {limit!r}")
    return build_filters(list_name, {**given, **days})


def _day(value: Any, name: str) -> date:
    """A day given as a date, a datetime (its day) or "YYYY-MM-DD"."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{name} must be a date or 'YYYY-MM-DD', not {value!r}")


def _frame(rows: list[dict[str, Any]], schema: Sequence[Column]) -> pandas.DataFrame:
    """Rows as a DataFrame with one dtype per column; pandas is imported only here, so
    the command line never pays for it."""
    import pandas

    frame = pandas.DataFrame.from_records(rows, columns=[c.name for c in schema])
    for column in schema:
        if column.kind == "date":
            frame[column.name] = pandas.to_datetime(frame[column.name], format="ISO8601")
        else:
            frame[column.name] = frame[column.name].astype(_DTYPES[column.kind])
    return frame


def pandas_series(values: list[Any], index: Any) -> Any:
    """A column of Python objects (lists) on a frame's index."""
    import pandas

    return pandas.Series(values, index=index, dtype=object)
