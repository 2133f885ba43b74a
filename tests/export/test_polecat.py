"""POLECAT's tab-separated layout (export/polecat.py): its 40 columns in order, one event
per line, loadable by pandas as POLECAT readers load the weekly files."""

from __future__ import annotations

import pandas as pd
from tests.conftest import newsledger_cli

POLECAT_HEADER = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
]  # fmt: skip


def test_polecat_tsv_loads_with_its_header_one_event_per_line(export):
    path, _ = export("polecat")
    events, _ = export("jsonl")
    frame = pd.read_csv(path, sep="\t")
    assert list(frame.columns) == POLECAT_HEADER
    assert len(frame) == len(events.read_text(encoding="utf-8").splitlines())
    bombing = frame[frame["Source"] == "Horn Wire"].iloc[0]
    assert bombing["Event Type"] == "ASSAULT" and bombing["Quad Code"] == 4
    assert bombing["Actor Name"] == "al-Shabaab" and bombing["Actor Country"] == "SOM"
    assert bombing["Primary Actor Sector"] == "REB" and bombing["Intensity"] == -9.0
    assert (bombing["Placename"], bombing["Country"]) == ("Mogadishu", "Somalia")
    assert bombing["Event Date"] == "2024-07-01" and bombing["Feature Type"] == "PPL"
    assert set(frame["Language"]) == {"en"}


def test_incidents_are_refused_in_polecats_own_name(export_ledger, tmp_path):
    result = newsledger_cli(
        tmp_path, "export", "--db", str(export_ledger), "--format", "polecat", "--incidents",
        "--out", str(tmp_path / "p.tsv"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "--incidents: polecat lines are events" in result.stderr
    assert "(plover:" not in result.stderr
    assert not (tmp_path / "p.tsv").exists()
