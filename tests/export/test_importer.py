"""`newsledger import` (export/importer.py): a jsonl or parquet export loaded into a fresh
ledger exports again byte for byte, with the same ids, hashes and incidents; what is
not an events export is refused with the file and line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from tests.conftest import newsledger_cli

from newsledger.ledger import Ledger


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


def _edited(original: Path, folder: Path, line: int, **changes) -> Path:
    """The export with some columns of one line changed, as a user would edit it."""
    lines = original.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[line - 1])
    row.update(changes)
    lines[line - 1] = json.dumps(row, ensure_ascii=False)
    path = folder / "edited.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("sentence_start", "abc", '"abc" is not a whole number'),
        ("date", "yesterday", '"yesterday" is not a date (YYYY-MM-DD)'),
        ("article_published", "2024-99-99", '"2024-99-99" is not a date (YYYY-MM-DD)'),
        ("id", None, "is empty; every exported event has one"),
        ("type", "FOO", "'FOO' is not a PLOVER event type; use one of AGREE, CONSULT"),
        ("fatalities_min", "many", '"many" is not a whole number'),
        ("location_lat", "north", '"north" is not a number'),
        ("location_lat", 123.5, "123.5 is outside -90 to 90"),
        ("verbal", 0, "0 is not true or false"),
        ("date_precision", "daily", '"daily" is not one of day, week, month, year'),
    ],
)
def test_a_bad_value_refuses_the_file_with_its_line_and_column(
    export, tmp_path, column, value, reason
):
    original, _ = export("jsonl")
    last = len(original.read_text(encoding="utf-8").splitlines())
    edited = _edited(original, tmp_path, last, **{column: value})
    ledger = tmp_path / "copy.db"
    result = newsledger_cli(tmp_path, "import", str(edited), "--db", str(ledger))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()  # one line, no traceback
    assert line.startswith(f"error: {edited}:{last}: column {column}: {reason}")
    assert not ledger.exists(), "nothing of the file is stored"


def test_a_refused_file_stores_nothing_in_an_existing_ledger(export, tmp_path):
    original, _ = export("jsonl")
    ledger = tmp_path / "copy.db"
    Ledger(ledger).close()
    edited = _edited(original, tmp_path, 3, fatalities_min="many")
    result = newsledger_cli(tmp_path, "import", str(edited), "--db", str(ledger))
    assert result.returncode == 2 and f"{edited}:3: column fatalities_min" in result.stderr
    db = sqlite3.connect(ledger)
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_an_event_id_the_ledger_holds_for_another_article_is_refused(export, tmp_path):
    original, _ = export("jsonl")
    ledger = tmp_path / "copy.db"
    _run(tmp_path, "import", str(original), "--db", str(ledger))
    rows = [json.loads(line) for line in original.read_text(encoding="utf-8").splitlines()]
    moved = rows[0]["article_hash"]
    other = moved[:-1] + ("0" if moved[-1] != "0" else "1")  # same first 12 digits
    edited = tmp_path / "other.jsonl"
    edited.write_text(
        "".join(
            json.dumps({**r, "article_hash": other if r["article_hash"] == moved else
                        r["article_hash"]}, ensure_ascii=False) + "\n"
            for r in rows
        ),
        encoding="utf-8",
    )  # fmt: skip
    result = newsledger_cli(tmp_path, "import", str(edited), "--db", str(ledger))
    assert result.returncode == 2
    assert f"error: {edited}:1: column id: the ledger holds event {rows[0]['id']}" in result.stderr
    db = sqlite3.connect(ledger)
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (6,)


def test_a_corrupt_json_line_says_where(export, tmp_path):
    original, _ = export("jsonl")
    lines = original.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1][:40] + "\x01" + lines[1][40:]  # a raw control character
    corrupt = tmp_path / "corrupt.jsonl"
    corrupt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = newsledger_cli(tmp_path, "import", str(corrupt), "--db", str(tmp_path / "a.db"))
    assert result.returncode == 2
    assert f"error: {corrupt}:2: not JSON (Invalid control character at column 41)" in (
        result.stderr
    )


def test_a_bad_value_in_parquet_names_its_row(export, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    parquet, _ = export("parquet")
    rows = pq.read_table(parquet).to_pylist()
    rows[2]["type"] = "FOO"
    edited = tmp_path / "edited.parquet"
    pq.write_table(pa.Table.from_pylist(rows), edited)
    result = newsledger_cli(tmp_path, "import", str(edited), "--db", str(tmp_path / "a.db"))
    assert result.returncode == 2
    assert f"error: {edited}#3: column type: 'FOO' is not a PLOVER event type" in result.stderr
    assert not (tmp_path / "a.db").exists()
