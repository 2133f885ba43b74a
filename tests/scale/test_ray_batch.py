"""`newsledger batch --engine ray` end to end: one local Ray run for the whole module.

The Ray path must give the very events the local path gives (`newsledger extract
--json`), write Parquet that DuckDB reads as it is, and load into a ledger once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

pytest.importorskip("ray")
duckdb = pytest.importorskip("duckdb")

from newsledger.extract import extract  # noqa: E402
from newsledger.ingest import Limits  # noqa: E402
from newsledger.ingest.records import record_article  # noqa: E402
from newsledger.scale.parquet import prepare_output  # noqa: E402
from newsledger.scale.pool import Guard  # noqa: E402
from newsledger.scale.ray_batch import extract_piece  # noqa: E402
from newsledger.scale.shards import JSON_LINES, Piece  # noqa: E402

pytestmark = pytest.mark.slow

RECORDS = [
    {
        "id": "kirkuk-1",
        "title": "Gunmen kill four police officers at Kirkuk checkpoint",
        "text": "Kirkuk, March 12 (IQW) -- Gunmen attacked a police checkpoint south of "
        "Kirkuk on Sunday, killing four officers and wounding seven, a provincial "
        "official said.\n\nNo group claimed the attack.",
        "url": "https://www.iraqwire.example/2024/03/12/kirkuk",
        "source": "Iraq Wire",
        "published": "2024-03-12",
    },
    {
        "id": "nairobi-1",
        "title": "Protesters march on parliament",
        "text": "Nairobi, June 25 (KNW) -- Thousands of protesters marched on parliament "
        "in Nairobi on Tuesday against a new finance bill. Police fired tear gas at "
        "the crowd and arrested 30 people.",
        "source": "Kenya News Wire",
        "published": "2024-06-25",
    },
    {
        "id": "cairo-1",
        "title": "Ministers meet over river dispute",
        "text": "Cairo, May 6 (NLW) -- Egyptian Foreign Minister Karim Adel met his "
        "Ethiopian counterpart in Cairo on Monday. The two ministers agreed to resume "
        "technical negotiations next month.",
        "published": "2024-05-06",
    },
    {"id": "empty-1", "title": "A record with no text", "text": "", "published": "2024-05-06"},
    {
        "id": "brussels-1",
        "text": "Brussels, February 23 (EUW) -- The European Union imposed new sanctions "
        "on Russia on Friday. Moscow condemned the decision and threatened to retaliate.",
        "published": "2024-02-23",
    },
    {
        # no id: the article's id is its content hash
        "title": "Harvest festival draws record crowds",
        "text": "Crowds filled the market square for the annual harvest festival, which "
        "organisers called the largest in a decade.",
        "published": "2024-09-01",
    },
    {
        # coded from the user's dictionary (--actors): Cameroonian, not the local Nigeria
        "id": "warri-1",
        "title": "Militants attack pipeline near Warri",
        "text": "Warri, April 3 (NDW) -- The Red Delta Brigade attacked an oil pipeline "
        "near Warri on Wednesday, the army said.",
        "published": "2024-04-03",
    },
]
ACTORS_CSV = "alias,name,country,sector\nRed Delta Brigade,Red Delta Brigade,CMR,REB\n"
PARQUET_RECORDS = {
    "id": ["aden-1", "goma-1"],
    "text": [
        "Aden, January 9 (YMW) -- An airstrike hit a fuel depot near Aden on Tuesday, "
        "killing at least three people.",
        "Goma, March 15 (CNW) -- Rebels shelled the outskirts of Goma on Friday, "
        "wounding 11 civilians, the army said.",
    ],
    "published": [date(2024, 1, 9), date(2024, 3, 15)],
}


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1"}
    environment.pop("NEWSLEDGER_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args],
        capture_output=True, text=True, cwd=cwd, env=environment, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One Ray batch over a JSON Lines and a Parquet shard, and the local extraction of
    the JSON Lines shard to hold it against."""
    folder = tmp_path_factory.mktemp("ray")
    (folder / "in.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    pq.write_table(pa.table(PARQUET_RECORDS), folder / "shard.parquet")
    (folder / "actors.csv").write_text(ACTORS_CSV)
    batch = _cli(folder, "batch", "--engine", "ray", "in.jsonl", "shard.parquet", "out",
                 "--num-cpus", "2", "--actors", "actors.csv")  # fmt: skip
    local = _cli(folder, "extract", "in.jsonl", "--json", "--actors", "actors.csv")
    return folder, batch, local


def _table(folder: Path, name: str) -> list[dict]:
    return pq.read_table(folder / "out" / name).to_pylist()


def test_batch_reports_the_bad_record_by_line_and_exits_1(run):
    _, batch, _ = run
    assert batch.returncode == 1, batch.stderr
    assert batch.stdout.splitlines() == ["batched 8, failed 1"]
    assert "error: in.jsonl:4: record has no 'text'" in batch.stderr.splitlines()


def test_ray_and_local_paths_give_identical_extractions(run):
    folder, _, local = run
    assert local.returncode == 1  # the same record fails on the local path
    expected = {d["article"]["id"]: d for d in map(json.loads, local.stdout.splitlines())}
    stored = {row["id"]: row for row in _table(folder, "articles")}
    assert len(expected) == 6
    for article_id, contract in expected.items():
        # the text has its own column; the extraction JSON leaves it out
        assert stored[article_id]["text"] == contract["article"].pop("text")
        assert json.loads(stored[article_id]["extraction"]) == contract
        assert stored[article_id]["hash"] == contract["article"]["hash"]


def test_event_rows_match_the_local_events_field_by_field(run):
    folder, _, local = run
    texts = {row["id"]: row["text"] for row in _table(folder, "articles")}
    expected = []
    for contract in map(json.loads, local.stdout.splitlines()):
        article = contract["article"]
        for position, event in enumerate(contract["events"]):
            expected.append(_flat(article, position, event, texts[article["id"]]))
    rows = [r for r in _table(folder, "events") if r["article_id"] in texts]
    rows = [r | {"date": r["date"].isoformat() if r["date"] else None} for r in rows]
    local_ids = {e["article_id"] for e in expected}
    assert [r for r in rows if r["article_id"] in local_ids] == expected
    kirkuk = next(r for r in rows if r["article_id"] == "kirkuk-1" and r["type"] == "ASSAULT")
    assert (kirkuk["date"], kirkuk["location_country"]) == ("2024-03-10", "IRQ")
    assert (kirkuk["fatalities_min"], kirkuk["injuries_min"]) == (4, 7)
    assert {"PROTEST", "CONSULT", "COERCE"} <= {r["type"] for r in rows}


def _flat(article: dict, position: int, event: dict, text: str) -> dict:
    """The events/ row of one contract event, written out independently of the code."""
    actor, recipient = event["actor"] or {}, event["recipient"] or {}
    place, acled = event["location"] or {}, event["acled"] or {}
    dead, hurt = event["fatalities"] or {}, event["injuries"] or {}
    first = event["mentions"][0]
    return {
        "article_id": article["id"], "article_hash": article["hash"], "position": position,
        "id": event["id"], "type": event["type"], "mode": event["mode"],
        "cameo": event["cameo"], "goldstein": event["goldstein"],
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        **{f"actor_{k}": actor.get(k) for k in ("text", "name", "country", "sector")},
        **{f"recipient_{k}": recipient.get(k) for k in ("text", "name", "country", "sector")},
        "date": event["date"], "date_precision": event["date_precision"],
        "location_name": place.get("name"), "location_country": place.get("country"),
        "lat": place.get("lat"), "lon": place.get("lon"),
        "fatalities_min": dead.get("min"), "fatalities_max": dead.get("max"),
        "injuries_min": hurt.get("min"), "injuries_max": hurt.get("max"),
        **{k: event[k] for k in ("verbal", "negated", "hypothetical", "future", "generic",
                                 "historical", "confidence")},
        "sentence": text[first["start"] : first["end"]],
    }  # fmt: skip


def test_parquet_shard_gives_the_events_of_in_process_extraction(run, nlp):
    folder, _, _ = run
    stored = {row["id"]: row for row in _table(folder, "articles")}
    for number, record_id in enumerate(PARQUET_RECORDS["id"]):
        record = {key: values[number] for key, values in PARQUET_RECORDS.items()}
        article = record_article(record, f"shard.parquet:row {number + 1}")
        expected = json.loads(json.dumps(extract(article).to_dict(with_text=False)))
        assert json.loads(stored[record_id]["extraction"]) == expected
        assert stored[record_id]["origin"] == f"shard.parquet:row {number + 1}"


def test_duckdb_queries_the_events_folder_directly(run):
    folder, _, local = run
    events = [e for d in map(json.loads, local.stdout.splitlines()) for e in d["events"]]
    pattern = folder / "out" / "events" / "*.parquet"
    counts = dict(
        duckdb.sql(
            f"select type, count(*) from '{pattern}' where article_id not in "
            "('aden-1', 'goma-1') group by 1"
        ).fetchall()
    )
    assert counts == Counter(e["type"] for e in events)


def test_load_stores_every_event_once(run):
    folder, _, _ = run
    first = _cli(folder, "load", "out", "--db", "ledger.db")
    assert (first.returncode, first.stdout.strip()) == (0, "loaded 8, unchanged 0, failed 0")
    again = _cli(folder, "load", "out", "--db", "ledger.db")
    assert again.stdout.strip() == "loaded 0, unchanged 8, failed 0"
    listed = _cli(folder, "events", "--db", "ledger.db", "--all", "--format", "json")
    assert sorted(e["id"] for e in json.loads(listed.stdout)) == sorted(
        row["id"] for row in _table(folder, "events")
    )


def test_the_users_actor_dictionary_reaches_the_ray_workers(run):
    """The driver ships the dictionary's text, so a cluster's workers need no path to it
    (the driver does not set $NEWSLEDGER_ACTORS for them to inherit either)."""
    folder, _, _ = run
    (attack,) = [e for e in _table(folder, "events") if e["article_id"] == "warri-1"]
    assert (attack["type"], attack["actor_country"], attack["actor_sector"]) == (
        "ASSAULT",
        "CMR",
        "REB",
    )


def test_a_malformed_actor_dictionary_stops_batch_before_ray_starts(tmp_path):
    (tmp_path / "in.jsonl").write_text(json.dumps(RECORDS[0]) + "\n")
    (tmp_path / "bad.csv").write_text("alias,name,country,sector\nRed Delta,,,\n")
    result = _cli(tmp_path, "batch", "--engine", "ray", "in.jsonl", "out", "--actors", "bad.csv")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and "bad.csv:2" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["batch", "load"])
def test_help_has_a_worked_example(tmp_path, command):
    result = _cli(tmp_path, command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout and f"newsledger {command} " in result.stdout


def test_an_output_dir_with_parts_is_refused_without_overwrite(run):
    folder, _, _ = run
    again = _cli(folder, "batch", "--engine", "ray", "in.jsonl", "out")
    assert again.returncode == 2
    assert "out/articles already holds files; pass --overwrite" in again.stderr


def test_a_piece_takes_the_published_option_and_writes_both_parts(tmp_path, nlp):
    record = {"id": "juba-1", "text": "Juba, May 2 (SSW) -- Soldiers clashed with rebels "
              "near Juba on Monday, killing five."}  # fmt: skip
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n" + json.dumps({"id": "x"}) + "\n")
    prepare_output(str(tmp_path / "out"))
    piece = Piece(3, str(source), "in.jsonl", JSON_LINES, 0, source.stat().st_size, 1)
    result = extract_piece(
        piece, str(tmp_path / "out"), published=date(2024, 5, 2), limits=Limits(), guard=Guard()
    )
    assert (result["piece"], result["articles"]) == (3, 1)
    assert result["errors"] == [["in.jsonl:2", "record has no 'text'"]]
    (article,) = pq.read_table(tmp_path / "out" / "articles" / "part-00003.parquet").to_pylist()
    assert article["published"] == date(2024, 5, 2)
    events = pq.read_table(tmp_path / "out" / "events" / "part-00003.parquet").to_pylist()
    assert result["events"] == len(events) > 0
    assert {(e["date"], e["fatalities_min"]) for e in events if e["type"] == "ASSAULT"} == {
        (date(2024, 4, 29), 5)
    }
