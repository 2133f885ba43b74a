"""`newsledger evaluate events`: dates, places and tolls against a JSON Lines gold file."""

from __future__ import annotations

import json

import pytest
from tests.conftest import write

from newsledger.evaluate.events_gold import haversine_km

GOLD = [
    {
        "id": "kirkuk",
        "published": "2024-03-15",
        "text": "Kirkuk, March 15 (IQW) -- A car bomb exploded near a police station in "
        "Kirkuk on Monday, killing five people.",
        "events": [
            {"mention": "car bomb", "type": "ASSAULT", "date": "2024-03-11",
             "date_precision": "day", "country": "IRQ", "lat": 35.47, "lon": 44.39,
             "fatalities": 5}
        ],
    },
    {
        "id": "goma",
        "published": "2024-03-15",
        "text": "Goma, March 15 (CDW) -- Last week, rebels attacked an army post near Goma, "
        "killing at least 12 soldiers.",
        "events": [
            {"mention": "army post", "type": "ASSAULT", "date": "2024-03-06",
             "country": "COD", "lat": -1.68, "lon": 29.22,
             "fatalities": {"min": 12, "max": None}},
            {"mention": "no such sentence", "date": "2024-03-01", "country": "COD"},
        ],
    },
]  # fmt: skip


def test_scores_dates_places_and_tolls(run_cli, tmp_path):
    gold = write(tmp_path / "gold.jsonl", "\n".join(json.dumps(g) for g in GOLD) + "\n")
    result = run_cli("evaluate", "events", str(gold), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["events"] == 3
    assert scores["matched"] == pytest.approx(2 / 3, abs=1e-3)
    # Kirkuk is dated to the day; Goma's "last week" holds the gold day but is no day
    assert scores["dates"] == {"n": 3, "exact_day": pytest.approx(1 / 3, abs=1e-3),
                               "within_precision": pytest.approx(2 / 3, abs=1e-3)}  # fmt: skip
    assert scores["locations"]["country_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["locations"]["accuracy_at_161km"] == 1.0
    assert scores["locations"]["median_km"] < 50
    assert scores["casualties"] == {"n": 2, "exact": 1.0, "within_range": 1.0}


def test_readable_report(run_cli, tmp_path):
    gold = write(tmp_path / "gold.jsonl", json.dumps(GOLD[0]) + "\n")
    result = run_cli("evaluate", "events", str(gold))
    assert result.returncode == 0, result.stderr
    assert "dates (n=1): exact day 1.000" in result.stdout
    assert "casualties (n=1): exact 1.000" in result.stdout


def test_a_malformed_gold_line_is_reported_and_the_rest_scored(run_cli, tmp_path):
    gold = write(tmp_path / "gold.jsonl", "{not json\n" + json.dumps(GOLD[0]) + "\n")
    result = run_cli("evaluate", "events", str(gold), "--json")
    assert result.returncode == 0
    assert "gold.jsonl:1" in result.stderr
    assert json.loads(result.stdout)["events"] == 1


def test_haversine_distance_in_kilometres():
    assert haversine_km(33.31, 44.36, 31.95, 35.93) == pytest.approx(804, rel=0.02)
