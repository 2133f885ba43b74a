"""`newsledger import` (export/importer.py): a jsonl or parquet export loaded into a fresh
ledger exports again byte for byte, with the same ids, hashes and incidents; what is
not an events export is refused with the file and line."""

from __future__ import annotations

import json
import sqlite3

import pytest
from tests.conftest import newsledger_cli


def _run(tmp_path, *args: str):
    result = newsledger_cli(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.parametrize("flags", [(), ("--all",)])
def test_jsonl_export_import_export_is_byte_identical(export, tmp_path, flags):
    original, _ = export("jsonl", *flags)
    copy = tmp_path / "copy.db"
    imported = _run(tmp_path, "import", str(original), "--db", str(copy))
    assert "imported 6 articles" in imported.stdout and "unchanged 0" in imported.stdout
    again = tmp_path / "again.jsonl"
    _run(tmp_path, "export", "--db", str(copy), "--format", "jsonl", *flags, "--out", str(again))
    assert again.read_bytes() == original.read_bytes()


def test_parquet_import_gives_the_same_events_and_incidents(export, tmp_path):
    parquet, _ = export("parquet")
    original, _ = export("jsonl")
    copy = tmp_path / "copy.db"
    _run(tmp_path, "import", str(parquet), "--db", str(copy))
    again = tmp_path / "again.jsonl"
    _run(tmp_path, "export", "--db", str(copy), "--format", "jsonl", "--out", str(again))
    assert again.read_bytes() == original.read_bytes()
    rows = [json.loads(line) for line in again.read_text(encoding="utf-8").splitlines()]
    hashes = {r["article_id"]: r["article_hash"] for r in rows}
    assert hashes["horn-1"].startswith("741e00c6c632")  # the article keeps its hash
    incidents, _ = export("jsonl", "--incidents")
    again_incidents = tmp_path / "incidents.jsonl"
    _run(tmp_path, "export", "--db", str(copy), "--format", "jsonl", "--incidents",
         "--out", str(again_incidents))  # fmt: skip
    ids = [json.loads(line)["id"] for line in again_incidents.read_text().splitlines()]
    assert ids == [json.loads(line)["id"] for line in incidents.read_text().splitlines()]


def test_an_imported_article_holds_its_sentences_at_their_offsets(export, tmp_path):
    original, _ = export("jsonl")
    copy = tmp_path / "copy.db"
    _run(tmp_path, "import", str(original), "--db", str(copy))
    again = _run(tmp_path, "import", str(original), "--db", str(copy))
    assert "imported 0 articles" in again.stdout and "unchanged 6" in again.stdout
    db = sqlite3.connect(copy)
    texts = dict(db.execute("SELECT id, text FROM articles"))
    for line in original.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = texts[row["article_id"]]
        assert text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]


def test_what_is_not_an_events_export_is_refused(export, tmp_path):
    incidents, _ = export("jsonl", "--incidents")
    refused = newsledger_cli(tmp_path, "import", str(incidents), "--db", str(tmp_path / "a.db"))
    assert refused.returncode == 2
    assert f"{incidents}:1: an incidents export" in refused.stderr
    acled, _ = export("acled")
    refused = newsledger_cli(tmp_path, "import", str(acled), "--db", str(tmp_path / "a.db"))
    assert refused.returncode == 2 and f"{acled}:1: not JSON" in refused.stderr
    assert not (tmp_path / "a.db").exists()
