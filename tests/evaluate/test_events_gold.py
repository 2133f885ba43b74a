"""`newsledger evaluate events`: dates, places and tolls against a JSON Lines gold file."""

from __future__ import annotations

import json

import pytest
from tests.conftest import write

from newsledger.errors import InputError
from newsledger.evaluate.events_gold import GoldArticle, read_event_gold
from newsledger.extract.gazetteer import distance_km

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
    assert distance_km(33.31, 44.36, 31.95, 35.93) == pytest.approx(804, rel=0.02)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'["a", "list"]', "not a JSON object but a list"),
        (b"[1, 2]", "not a JSON object but a list"),
        (b"null", "not a JSON object but null"),
        (b'{"text": "Caf\xe9 owners protest.", "events": []}', "not UTF-8 (re-save the file"),
        (b'{"text": "A bomb exploded.", "events": 42}', "a gold article needs 'text' and"),
        (b'{"text": "A bomb.", "events": [], "published": "May"}', "'published' is not a date"),
    ],
)
def test_a_malformed_gold_line_is_one_error_and_the_rest_read(tmp_path, line, reason):
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(line + b"\n" + json.dumps(GOLD[0]).encode() + b"\n")
    first, second = read_event_gold(gold)
    assert isinstance(first, InputError) and str(first).startswith(f"{gold}:1: {reason}")
    assert isinstance(second, GoldArticle) and second.id == "kirkuk"


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (42, "must be a JSON object, not a number"),
        ("car bomb", "must be a JSON object, not a string"),
        ({"type": "ASSAULT"}, "needs a 'mention'"),
        ({"mention": "car bomb", "date": "2024-13-11"}, "'date' is not a YYYY-MM-DD date"),
        ({"mention": "car bomb", "date": 20240311}, "'date' is not a YYYY-MM-DD date"),
        ({"mention": "car bomb", "date": "2024-03-11", "date_precision": "decade"},
         "'date_precision' is not day, week, month, year"),
        ({"mention": "car bomb", "lat": "35.4", "lon": 44.4}, "'lat' is not a number"),
        ({"mention": "car bomb", "fatalities": "5"}, "'fatalities' is not a whole number"),
        ({"mention": "car bomb", "injuries": {"min": "3"}}, "'injuries' is not a whole number"),
        ({"mention": "car bomb", "fatalities": 2.5}, "'fatalities' is not a whole number"),
    ],
)  # fmt: skip
def test_a_gold_event_that_cannot_be_scored_is_left_out_and_named(tmp_path, event, reason):
    article = {**GOLD[0], "events": [event, *GOLD[0]["events"]]}
    gold = write(tmp_path / "gold.jsonl", json.dumps(article) + "\n")
    error, kept = read_event_gold(gold)
    assert str(error).startswith(f"{gold}:1: event 1: {reason}")
    assert str(error).endswith("; left out")
    assert isinstance(kept, GoldArticle) and kept.events == tuple(GOLD[0]["events"])


def test_malformed_gold_entries_are_one_line_errors_not_tracebacks(run_cli, tmp_path):
    bad = {**GOLD[0], "id": "bad", "events": [42]}
    lines = ['["a","list"]', "[1,2]", json.dumps(bad), json.dumps(GOLD[0])]
    gold = write(tmp_path / "gold.jsonl", "\n".join(lines) + "\n")
    result = run_cli("evaluate", "events", str(gold), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"error: {gold}:1: not a JSON object but a list",
        f"error: {gold}:2: not a JSON object but a list",
        f"error: {gold}:3: event 1: must be a JSON object, not a number; left out",
    ]
    assert json.loads(result.stdout)["events"] == 1

    binary = tmp_path / "photo.jsonl"
    binary.write_bytes(bytes(range(256)) * 8)
    result = run_cli("evaluate", "events", str(binary))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"error: {binary}: binary file, not JSON Lines"
    assert "Traceback" not in result.stderr
