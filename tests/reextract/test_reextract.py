"""Re-extraction after an upgrade: articles an older version coded get this version's
events, quotes, claims and incidents, one article per transaction."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from packaging.version import Version
from tests.reextract.ledgers import as_if_extracted_by_an_older_version, snapshot

from newsledger import __version__
from newsledger.errors import NewsledgerError
from newsledger.ledger import Ledger
from newsledger.pipeline import ingest
from newsledger.reextract.run import reextract
from newsledger.reextract.versions import is_older, target_version
from newsledger.sample import sample_corpus


@pytest.fixture(scope="module")
def sample_ledger(tmp_path_factory, nlp) -> Path:
    """The sample corpus as `ingest` stores it (this version's extraction)."""
    path = tmp_path_factory.mktemp("sample") / "ledger.db"
    with Ledger(path) as ledger:
        ingest([sample_corpus()], ledger)
    return path


def test_reextract_gives_older_articles_exactly_what_ingest_stores_now(sample_ledger, tmp_path):
    path = Path(shutil.copyfile(sample_ledger, tmp_path / "old.db"))
    as_if_extracted_by_an_older_version(path)
    assert snapshot(path) != snapshot(sample_ledger)
    seen = []
    with Ledger(path) as ledger:
        report = reextract(ledger, target_version(None), on_progress=lambda r: seen.append(r.seen))
    assert (report.reextracted, report.failed, report.total) == (15, 0, 15)
    assert seen == list(range(1, 16))
    assert snapshot(path) == snapshot(sample_ledger)


def test_before_limits_reextract_to_the_versions_older_than_it(sample_ledger, tmp_path):
    path = Path(shutil.copyfile(sample_ledger, tmp_path / "old.db"))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE articles SET extractor_version = '0.0.9' WHERE rowid <= 5")
        db.execute("UPDATE articles SET extractor_version = '0.0.10' WHERE rowid > 10")
    with Ledger(path) as ledger:
        report = reextract(ledger, Version("0.0.10"))
        versions = ledger.connection.execute(
            "SELECT extractor_version, count(*) FROM articles GROUP BY 1 ORDER BY 1"
        ).fetchall()
    assert report.reextracted == 5  # 0.0.9 only: versions compare as numbers, not text
    assert [tuple(row) for row in versions] == [("0.0.10", 5), (__version__, 10)]


def test_an_article_whose_extraction_fails_keeps_its_old_one_and_the_rest_go_on(
    sample_ledger, tmp_path, monkeypatch
):
    import newsledger.scale.pool as pool

    path = Path(shutil.copyfile(sample_ledger, tmp_path / "old.db"))
    as_if_extracted_by_an_older_version(path)
    before = snapshot(path)

    real_doc, real_extract = pool.extract_doc, pool.extract

    def broken(real):
        def extract(article, *args):
            if "Kenya" in article.text:
                raise RuntimeError("an extractor bug")
            return real(article, *args)

        return extract

    monkeypatch.setattr(pool, "extract_doc", broken(real_doc))
    monkeypatch.setattr(pool, "extract", broken(real_extract))
    errors = []
    with Ledger(path) as ledger:
        report = reextract(ledger, target_version(None), on_error=errors.append)
        kenya = ledger.connection.execute(
            "SELECT hash, extractor_version FROM articles WHERE text LIKE '%Kenya%'"
        ).fetchall()
    assert report.failed == len(kenya) == len(errors) >= 1
    assert all("extraction failed (RuntimeError: an extractor bug)" in str(e) for e in errors)
    assert {row[1] for row in kenya} == {"0.0.9"}
    after = snapshot(path)
    for table in ("events", "quotes"):
        old = [r for r in before[table] if r[1] in {row[0] for row in kenya}]
        assert old and old == [r for r in after[table] if r[1] in {row[0] for row in kenya}]


def test_versions_compare_as_versions():
    assert is_older("0.9.2", Version("0.10.0"))
    assert not is_older("0.10.0", Version("0.9.2"))
    assert not is_older(__version__, target_version(None))
    assert is_older("not-a-version", Version("0.0.1"))


@pytest.mark.parametrize(
    "before, message",
    [("banana", "--before banana: not a version number"), ("99.0", "newer than this newsledger")],
)
def test_a_before_that_cannot_be_met_is_refused(before, message):
    with pytest.raises(NewsledgerError, match=message):
        target_version(before)
