"""POST /api/ingest over loopback: off without a token, refused without the right one,
accepted with it; JSON Lines bodies and file uploads read by `ingest`'s readers; bad
input answered with a clear 4xx JSON error; uploads that cannot write anywhere but the
ledger; bodies over the cap refused."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

import httpx
import pytest
from tests.serve.servers import copy_ledger, serve_app, serve_cli

from newsledger.serve.app import create_app

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _record(record_id: str, place: str, killed: int) -> str:
    text = (
        f"Gunmen attack {place}\n\n{place.upper()}, May 6 (Test Wire) -- Gunmen attacked a "
        f"village near {place} on Monday, killing {killed} people, officials said."
    )
    return json.dumps(
        {"id": record_id, "title": f"Gunmen attack {place}", "text": text,
         "source": "Test Wire", "url": f"https://testwire.example/{record_id}",
         "published": "2024-05-07"}
    )  # fmt: skip


JSON_LINES = "\n".join([_record("tw-1", "Kaya", 7), _record("tw-2", "Djibo", 9)]) + "\n"


@pytest.fixture(scope="module")
def ingest_server(base_ledger: Path, tmp_path_factory: pytest.TempPathFactory):
    """`newsledger serve` with $NEWSLEDGER_TOKEN set, on its own copy of the ledger."""
    folder = tmp_path_factory.mktemp("ingest-served")
    db = copy_ledger(base_ledger, folder)
    with serve_cli(db, folder / "serve.log", token=TOKEN) as url:
        yield url, db


def _articles(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT id, origin FROM articles"))


def test_ingest_is_off_when_the_server_has_no_token(server):
    answer = httpx.post(f"{server.url}/api/ingest", content=JSON_LINES, headers=AUTH)
    assert answer.status_code == 403
    assert "--token or $NEWSLEDGER_TOKEN" in answer.json()["error"]
    assert httpx.get(f"{server.url}/api/ledger").json()["counts"]["articles"] == 5


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": f"Bearer {TOKEN}x"}],
)  # fmt: skip
def test_ingest_without_the_right_token_is_refused_and_writes_nothing(ingest_server, headers):
    url, db = ingest_server
    before = _articles(db)
    answer = httpx.post(f"{url}/api/ingest", content=JSON_LINES, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer TOKEN" in answer.json()["error"]
    assert _articles(db) == before


def test_json_lines_with_the_token_are_stored_once(ingest_server):
    url, db = ingest_server
    answer = httpx.post(
        f"{url}/api/ingest?published=2024-05-07", content=JSON_LINES, headers=AUTH, timeout=120
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["ingested"], body["unchanged"], body["failed"]) == (2, 0, 0)
    assert [a["id"] for a in body["articles"]] == ["tw-1", "tw-2"] and body["events"] >= 2
    stored = _articles(db)
    assert stored["tw-1"] == "upload:body:1" and stored["tw-2"] == "upload:body:2"
    events = httpx.get(f"{url}/api/events", params={"source": "Test Wire"}).json()["rows"]
    assert {e["article_id"] for e in events} == {"tw-1", "tw-2"}
    again = httpx.post(f"{url}/api/ingest", content=JSON_LINES, headers=AUTH, timeout=120).json()
    assert (again["ingested"], again["unchanged"]) == (0, 2)


def test_a_file_upload_is_stored_under_a_label_and_writes_no_file(ingest_server, tmp_path):
    url, db = ingest_server
    before = set(Path(tempfile.gettempdir()).glob("newsledger-upload-*"))
    text = (
        "Protesters march in Dakar\n\nDAKAR, May 8 (Test Wire) -- Thousands of protesters "
        "marched in Dakar on Wednesday against the postponed election."
    )
    hostile_name = "../../../../tmp/escaped/evil.md"
    answer = httpx.post(
        f"{url}/api/ingest?published=2024-05-08",
        files={"file": (hostile_name, text.encode(), "text/markdown")},
        headers=AUTH,
        timeout=120,
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["ingested"] == 1
    assert "upload:evil.md" in _articles(db).values()
    assert not Path("/tmp/escaped").exists()
    assert set(Path(tempfile.gettempdir()).glob("newsledger-upload-*")) == before


@pytest.mark.parametrize(
    ("request_args", "status", "message"),
    [
        ({"content": b""}, 400, "empty body"),
        ({"content": b"\x00\x01\x02\xff" * 64}, 422, "binary file"),
        ({"content": b'{"id": "x", "title": "no text"}\n'}, 422, "upload:body:1"),
        ({"files": {"note": (None, "no file here")}}, 400, "the form holds no file"),
        ({"files": {"file": ("empty.txt", b"", "text/plain")}}, 422, "upload:empty.txt: empty"),
    ],
)
def test_bad_input_is_a_clear_4xx_json_error(ingest_server, request_args, status, message):
    url, db = ingest_server
    before = _articles(db)
    answer = httpx.post(f"{url}/api/ingest", headers=AUTH, timeout=120, **request_args)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/json"
    assert message in answer.json()["error"]
    assert _articles(db) == before


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("publshed=2024-05-07", "unknown parameter 'publshed'; did you mean 'published'?"),
        ("published=2024-05-07&published=2024-05-08", "give published once"),
        ("published=May%207", "Invalid value for 'published': 'May 7' is not a date in the form "
         "YYYY-MM-DD"),
    ],
)  # fmt: skip
def test_a_bad_query_parameter_is_refused_and_nothing_is_stored(ingest_server, query, message):
    url, db = ingest_server
    before = _articles(db)
    body = _record("tw-9", "Dori", 4) + "\n"
    answer = httpx.post(f"{url}/api/ingest?{query}", content=body, headers=AUTH, timeout=120)
    assert answer.status_code == 400 and message in answer.json()["error"]
    assert _articles(db) == before


def test_a_body_over_the_cap_is_refused_with_413(base_ledger, tmp_path):
    app = create_app(copy_ledger(base_ledger, tmp_path), token=TOKEN, max_body_bytes=2_000)
    with serve_app(app) as url:
        declared = httpx.post(f"{url}/api/ingest", content=b"x" * 5_000, headers=AUTH)
        streamed = httpx.post(
            f"{url}/api/ingest", content=iter([b"{}" * 600] * 3), headers=AUTH
        )  # chunked: no length is declared, so the count stops it
    for answer in (declared, streamed):
        assert answer.status_code == 413
        assert "request body too large (limit 0.002 MB)" in answer.json()["error"]
