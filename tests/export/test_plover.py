"""PLOVER JSON Lines (export/plover.py): the manual's field names, quad codes from the
type's quad category, the incident id in `link`, and the citation of the article."""

from __future__ import annotations

import json

import pytest
from tests.conftest import newsledger_cli

REQUIRED = {"id", "date", "actor", "recipient", "event", "mode", "context", "quad_code",
            "event_loc", "event_text", "cite_info", "link"}  # fmt: skip


@pytest.fixture(scope="module")
def records(export) -> list[dict]:
    path, _ = export("plover", "--all")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_record_has_the_manuals_fields(records):
    assert len(records) >= 10
    for record in records:
        assert set(record) >= REQUIRED, record["id"]
        assert isinstance(record["event"], list) and len(record["event"]) == 1
        assert isinstance(record["actor"], list) and isinstance(record["recipient"], list)
        assert set(record["cite_info"]) >= {"url", "title", "publication"}


@pytest.mark.parametrize(
    ("event_type", "quad"),
    [("CONSULT", 1), ("THREATEN", 3), ("ASSAULT", 4), ("PROTEST", 4), ("COERCE", 4)],
)
def test_quad_code_follows_the_types_quad_category(records, event_type, quad):
    codes = {r["quad_code"] for r in records if r["event"] == [event_type]}
    assert codes == {quad}


def test_an_event_links_to_its_incident_and_cites_its_article(records):
    bombing = next(r for r in records if r["cite_info"]["publication"] == "Horn Wire")
    assert bombing["link"].startswith("inc-")
    assert bombing["actor"] == [
        {"code": "SOM", "sector": "REB", "entity_text": "Al-Shabaab",
         "identifier_text": "al-Shabaab"}
    ]  # fmt: skip
    assert bombing["mode"] == ["explosives"] and bombing["date"] == "2024-07-01"
    assert bombing["event_loc"]["resolved_place"] == "Mogadishu"
    assert bombing["event_loc"]["country_code"] == "SOM"
    assert bombing["cite_info"]["url"] == "https://hornwire.example/2024/07/01/market-bomb"
    assert bombing["cite_info"]["title"] == "Car bomb kills 12 at Mogadishu market"
    assert bombing["dead"] == 12 and bombing["event_text"]


def test_plover_has_no_incident_rows(export_ledger, tmp_path):
    result = newsledger_cli(
        tmp_path, "export", "--db", str(export_ledger), "--format", "plover", "--incidents",
        "--out", str(tmp_path / "p.jsonl"),
    )  # fmt: skip
    assert result.returncode == 2 and "link" in result.stderr
    assert not (tmp_path / "p.jsonl").exists()
