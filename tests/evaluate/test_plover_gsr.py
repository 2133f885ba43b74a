"""`newsledger evaluate plover-gsr`: scoring against gold records in the PLOVER GSR format."""

from __future__ import annotations

import json

import pytest
from tests.conftest import SHARED, write

from newsledger.evaluate.plover_gsr import GoldRecord, read_gold

DEV_GOLD = SHARED / "gold" / "plover_gsr_dev.jsonl"


def _record(rid, event, text, source, target=None):
    return {
        "id": rid,
        "event": event,
        "text": text,
        "source": [{"actorText": s, "code": c} for s, c in source],
        "target": [{"actorText": s, "code": c} for s, c in (target or [])] or "",
        "event_plover_0_8": event,
    }


RECORDS = [
    {"id": "DOC-1", "event": "DOCUMENT", "eventText": "file notes"},
    _record(
        "A-1", "ASSAULT", "Russian jets bombed rebel positions near Idlib.", [("Russian", "RUS")]
    ),
    _record(
        "C-1",
        "CONSULT",
        "The Kenyan president met the Ugandan president in Kampala.",
        [("Kenyan", "KEN")],
        [("Ugandan", "UGA")],
    ),  # fmt: skip
    _record(
        "R-1",
        "REQUEST",
        "Bolivia urged Chile to resume talks.",
        [("Bolivia", "BOL")],
        [("Chile", "CHL")],
    ),  # fmt: skip
    # DISAPPROVE in the older draft, ACCUSE in PLOVER 0.8: the mapped type is scored
    {
        **_record(
            "D-1",
            "DISAPPROVE",
            "Egypt condemned Ethiopia over the dam.",
            [("Egypt", "EGY")],
            [("Ethiopia", "ETH")],
        ),
        "event_plover_0_8": "ACCUSE",
    },  # fmt: skip
    _record("N-1", "PROTEST", "The weather was mild in Lisbon on Sunday.", [("Lisbon", "PRT")]),
]


def test_scores_follow_the_documented_json_shape(run_cli, tmp_path):
    gold = write(tmp_path / "gold.jsonl", "\n".join(json.dumps(r) for r in RECORDS) + "\n")
    result = run_cli("evaluate", "plover-gsr", str(gold), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["n"] == 5, "the DOCUMENT record is skipped"
    assert scores["event_type_accuracy"] == 0.8, "no event for the weather counts as wrong"
    assert scores["actor_country_accuracy"] == 0.8
    assert scores["recipient_country_accuracy"] == 1.0
    assert scores["per_type"]["ASSAULT"] == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1, "predicted": 1
    }  # fmt: skip
    assert scores["per_type"]["PROTEST"]["recall"] == 0.0
    assert scores["confusion"]["PROTEST"] == {"NONE": 1}


def test_readable_report_lists_wrong_sentences_on_request(run_cli, tmp_path):
    gold = write(tmp_path / "gold.jsonl", "\n".join(json.dumps(r) for r in RECORDS) + "\n")
    result = run_cli("evaluate", "plover-gsr", str(gold), "--errors")
    assert result.returncode == 0, result.stderr
    assert "event type accuracy 0.800" in result.stdout
    assert "PROTEST -> NONE: The weather was mild in Lisbon on Sunday." in result.stderr


def test_a_gold_file_without_records_is_a_clear_error(run_cli, tmp_path):
    gold = write(tmp_path / "empty.jsonl", json.dumps(RECORDS[0]) + "\n")
    result = run_cli("evaluate", "plover-gsr", str(gold))
    assert result.returncode == 2
    assert "empty.jsonl" in result.stderr and "no gold records" in result.stderr


@pytest.mark.skipif(not DEV_GOLD.exists(), reason="../shared/gold is not beside this checkout")
def test_dev_gold_meets_the_accuracy_targets(run_cli):
    result = run_cli("evaluate", "plover-gsr", str(DEV_GOLD), "--json")
    scores = json.loads(result.stdout)
    assert scores["event_type_accuracy"] >= 0.75
    assert scores["actor_country_accuracy"] >= 0.80


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'["a", "list"]', "not a JSON object but a list"),
        (b"[1, 2]", "not a JSON object but a list"),
        (b'"a sentence"', "not a JSON object but a string"),
        (b"{not json", "invalid JSON (Expecting property name enclosed in double quotes"),
        (b'{"text": "Caf\xe9 owners protest."}', "not UTF-8 (re-save the file as UTF-8)"),
    ],
)
def test_a_gold_line_that_is_not_an_object_is_one_error_and_the_rest_read(
    tmp_path, line: bytes, reason: str
):
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(line + b"\n" + json.dumps(RECORDS[1]).encode() + b"\n")
    first, second = read_gold(gold)
    assert str(first).startswith(f"{gold}:1: {reason}")
    assert isinstance(second, GoldRecord) and second.id == "A-1"


def test_participants_that_are_not_codes_are_ignored(tmp_path):
    record = {**RECORDS[1], "source": [{"code": ["RUS"]}, {"code": 7}, "RUS", {"code": "RUS"}]}
    gold = write(tmp_path / "gold.jsonl", json.dumps(record) + "\n")
    (item,) = read_gold(gold)
    assert isinstance(item, GoldRecord) and item.actors == frozenset({"RUS"})


def test_malformed_and_binary_gold_files_are_one_line_errors_not_tracebacks(run_cli, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b'["a","list"]\n[1,2]\n' + json.dumps(RECORDS[1]).encode() + b"\n")
    result = run_cli("evaluate", "plover-gsr", str(gold), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"error: {gold}:1: not a JSON object but a list",
        f"error: {gold}:2: not a JSON object but a list",
    ]
    assert json.loads(result.stdout)["n"] == 1

    binary = tmp_path / "photo.jsonl"
    binary.write_bytes(bytes(range(256)) * 8)
    result = run_cli("evaluate", "plover-gsr", str(binary))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"error: {binary}: binary file, not JSON Lines"
    assert "Traceback" not in result.stderr
