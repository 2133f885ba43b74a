"""Our own columns (export/columns.py): csv, jsonl and parquet load with pandas into the
documented columns and types, incidents have their own columns, `events --format json`
prints the same flat shape, and the README documents every column."""

from __future__ import annotations

import datetime
import json
import re
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from tests.conftest import newsledger_cli

from newsledger.export.acled import ACLED_COLUMNS
from newsledger.export.columns import EVENT_COLUMNS, EVENT_SCHEMA, INCIDENT_COLUMNS
from newsledger.export.polecat import POLECAT_COLUMNS

README = Path(__file__).resolve().parents[2] / "README.md"
BOOLS = [c.name for c in EVENT_SCHEMA if c.kind == "bool"]
DATES = [c.name for c in EVENT_SCHEMA if c.kind == "date"]


def _load(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(path)
    if fmt == "jsonl":
        return pd.read_json(path, lines=True)
    return pd.read_parquet(path)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_events_load_with_pandas_in_the_documented_columns_and_types(export, fmt):
    path, _ = export(fmt, "--all")
    frame = _load(path, fmt)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) >= 10
    for flag in BOOLS:
        assert frame[flag].dtype == bool, flag
    assert frame["hypothetical"].any() and not frame["hypothetical"].all()  # --all
    for name in ("goldstein", "confidence", "location_lat"):
        assert frame[name].dtype == "float64", name
    assert frame["sentence_start"].dtype == "int64"
    bombing = frame[frame["article_id"] == "horn-1"].iloc[0]
    assert bombing["type"] == "ASSAULT" and bombing["actor_country"] == "SOM"
    assert bombing["fatalities_min"] == 12 and bombing["incident"].startswith("inc-")
    if fmt == "parquet":  # date32: dates, not strings or timestamps
        assert all(isinstance(v, datetime.date) for v in frame["article_published"])
        assert str(bombing["date"]) == "2024-07-01"
    else:
        assert str(bombing["date"])[:10] == "2024-07-01"


def test_csv_writes_booleans_as_true_and_false_and_gaps_as_empty(export):
    path, _ = export("csv", "--all")
    text = path.read_text(encoding="utf-8")
    header, first = text.splitlines()[:2]
    cells = dict(zip(header.split(","), first.split(","), strict=False))
    assert cells["negated"] == "false" and cells["verbal"] in ("true", "false")
    assert cells["actor_role"] == ""  # a gap, not "None"
    assert "None" not in text and ",nan," not in text


def test_jsonl_has_real_booleans_and_iso_dates(export):
    path, _ = export("jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert all(type(row["negated"]) is bool for row in rows)
    assert all(row["negated"] is False for row in rows)  # flagged events only with --all
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r["article_published"]) for r in rows)
    assert all(list(row) == list(EVENT_COLUMNS) for row in rows)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_incidents_have_their_own_columns_with_every_source(export, fmt):
    path, result = export(fmt, "--incidents")
    frame = _load(path, fmt)
    assert list(frame.columns) == list(INCIDENT_COLUMNS)
    bombing = frame[frame["location_name"] == "Mogadishu"].iloc[0]
    assert bombing["sources"] == 2 and bombing["outlets"] == 2
    assert bombing["source_outlets"] == "Horn Wire; Coast Post"
    assert (bombing["fatalities_min"], bombing["fatalities_max"]) == (12, 20)
    assert sorted(bombing["article_ids"].split("; ")) == ["coast-1", "horn-1"]
    assert "incidents" in result.stderr


def test_events_json_prints_the_flat_columns_with_booleans(export_ledger, tmp_path):
    result = newsledger_cli(tmp_path, "events", "--db", str(export_ledger), "--format", "json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert events and all(list(e) == list(EVENT_COLUMNS) for e in events)
    first = events[0]
    assert first["negated"] is False and first["future"] is False  # not 0 beside false
    assert "actor" not in first and "recipient" not in first and "mentions" not in first
    assert first["incident"] and first["sentence"]


def _documented_columns() -> set[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Exports\n")
    section = text[start : text.index("\n## ", start + 1)]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split(" | ")[0]
            names.update(re.findall(r"`([^`]+)`", first_cell))
    return names


def test_the_readme_documents_every_column_of_every_format():
    documented = _documented_columns()
    for columns in (EVENT_COLUMNS, INCIDENT_COLUMNS, ACLED_COLUMNS, POLECAT_COLUMNS):
        missing = [c for c in columns if c not in documented]
        assert not missing, missing


def _exports_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Exports\n")
    return text[start : text.index("\n## ", start + 1)]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_the_readme_says_what_pandas_makes_of_text_formats(export, fmt):
    """What the README tells about pandas and our CSV and JSON Lines holds: CAMEO codes
    lose their leading zeros unless read as str, and dates stay strings (but JSON's
    `date`) unless parsed."""
    path, _ = export(fmt, "--all")
    lines = export("jsonl", "--all")[0].read_text(encoding="utf-8").splitlines()
    written = [json.loads(line)["cameo"] for line in lines]
    assert any(code and code.startswith("0") for code in written)  # "040", "02" ...
    read = pd.read_csv if fmt == "csv" else partial(pd.read_json, lines=True)
    guessed = read(path)
    assert guessed["cameo"].dtype.kind in "if", "pandas reads CAMEO codes as numbers"
    assert pd.api.types.is_string_dtype(guessed["article_published"])
    assert (fmt == "jsonl") == pd.api.types.is_datetime64_any_dtype(guessed["date"])
    typed = read(path, dtype={"cameo": str})
    assert [c if isinstance(c, str) else None for c in typed["cameo"]] == written
    section = _exports_section()
    assert 'dtype={"cameo": str}' in section and "parse_dates" in section
