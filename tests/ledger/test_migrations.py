"""A ledger survives upgrades: one written at each earlier schema (fixtures/, made by
make_fixtures.py; schema 2's by the release itself) opens with every row it held, and
`reextract` then gives it exactly what today's newsledger stores for its articles."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from tests.reextract.ledgers import snapshot

from newsledger.ledger import Filters, Ledger, select_events
from newsledger.ledger.schema import latest_version
from newsledger.pipeline import ingest
from newsledger.reextract.run import reextract
from newsledger.reextract.versions import target_version
from newsledger.sample import sample_corpus

FIXTURES = Path(__file__).parent / "fixtures"
EARLIER = list(range(1, latest_version()))


def _rows(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(sql).fetchall()


def _copy(version: int, tmp_path: Path) -> Path:
    """Fixtures are never opened in place: opening migrates."""
    source = FIXTURES / f"ledger_schema{version}.sqlite"
    assert source.exists(), f"{source.name} is missing: run {FIXTURES / 'make_fixtures.py'}"
    return Path(shutil.copyfile(source, tmp_path / f"schema{version}.db"))


def test_every_earlier_schema_has_a_ledger_to_test():
    assert {f"ledger_schema{v}.sqlite" for v in EARLIER} <= {p.name for p in FIXTURES.iterdir()}


@pytest.mark.parametrize("version", EARLIER)
def test_a_ledger_of_an_earlier_schema_opens_with_every_row_it_held(version, tmp_path):
    path = _copy(version, tmp_path)
    assert _rows(path, "PRAGMA user_version") == [(version,)]
    articles = "SELECT hash, id, title, text, extractor_version FROM articles ORDER BY hash"
    events = "SELECT id, article_hash, type, record FROM events ORDER BY id"
    extractions = "SELECT * FROM extractions ORDER BY article_hash"
    before = [_rows(path, sql) for sql in (articles, events, extractions)]
    assert len(before[0]) == 2 and len(before[1]) > 10

    with Ledger(path) as ledger:
        listed = select_events(ledger.connection, Filters(include_flagged=True))

    assert _rows(path, "PRAGMA user_version") == [(latest_version(),)]
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert [_rows(path, sql) for sql in (articles, events, extractions)] == before
    assert sorted(row["id"] for row in listed) == [row[0] for row in before[1]]
    assert _rows(path, "SELECT count(*) FROM quotes")[0][0] > 0  # rows since schema 3
    assert _rows(path, "SELECT count(*) FROM watch_sources") == [(0,)]  # schema 6


@pytest.fixture(scope="module")
def today(tmp_path_factory, nlp) -> Path:
    """The two articles of the fixtures as this newsledger stores them."""
    path = tmp_path_factory.mktemp("today") / "ledger.db"
    with Ledger(path) as ledger:
        ingest([sample_corpus() / "kenya_protest.txt", sample_corpus() / "yemen_strike.md"],
               ledger)  # fmt: skip
    return path


@pytest.mark.parametrize("version", EARLIER)
def test_reextract_brings_a_ledger_of_any_earlier_schema_up_to_today(version, today, tmp_path):
    path = _copy(version, tmp_path)
    with closing(sqlite3.connect(path)) as db:  # schema 2's release wrote 0.1.0: older here
        db.execute("UPDATE articles SET extractor_version = '0.0.1'")
        db.commit()
    with Ledger(path) as ledger:
        report = reextract(ledger, target_version(None))
    assert (report.reextracted, report.failed) == (2, 0)
    assert snapshot(path) == snapshot(today)
