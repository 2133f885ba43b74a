"""The read API of `newsledger serve`, asked over loopback like any client would: lists
in JSON and CSV with the command line's filters, cursors, facets, one thing in full,
errors as JSON, the OpenAPI description, and the security headers on every answer."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
from datetime import date

import httpx
import pytest
from tests.serve.articles import HOSTILE_ID, HOSTILE_TEXT, HOSTILE_TITLE, HOSTILE_URL
from tests.serve.conftest import Served
from tests.serve.servers import copy_ledger, serve_app

from newsledger.export.columns import EVENT_COLUMNS
from newsledger.export.reading import flat_events
from newsledger.ledger.query import Filters, select_events
from newsledger.serve.app import create_app

LISTS = ["events", "incidents", "articles", "quotes", "claims", "actors", "search?q=soldiers"]


def get(server, path: str, **params) -> httpx.Response:
    return httpx.get(f"{server.url}{path}", params=params, timeout=30)


@pytest.mark.parametrize("name", LISTS)
def test_every_list_answers_json_and_csv(server, name):
    path, _, query = name.partition("?")
    params = dict([query.split("=")]) if query else {}
    plain = get(server, f"/api/{path}", **params)
    as_json = get(server, f"/api/{path}.json", **params)
    as_csv = get(server, f"/api/{path}.csv", **params)
    assert plain.status_code == as_json.status_code == as_csv.status_code == 200
    body = as_json.json()
    assert body == plain.json()
    assert set(body) == {"rows", "next", "next_url", "total", "facets"}
    assert body["total"] == len(body["rows"]) > 0 and body["next"] is None
    assert as_csv.headers["content-type"].startswith("text/csv")
    header, *lines = csv.reader(io.StringIO(as_csv.text))
    assert header == list(body["rows"][0])
    assert [line[0] for line in lines] == [str(row[header[0]]) for row in body["rows"]]


@pytest.mark.parametrize(
    ("params", "filters"),
    [
        ({"type": "assault", "country": "Mali"}, Filters(type="ASSAULT", country="MLI")),
        ({"since": "2024-03-01", "until": "2024-03-31"},
         Filters(since=date(2024, 3, 1), until=date(2024, 3, 31))),
        ({"actor": "gunmen"}, Filters(actor="gunmen")),
        ({"source": "nile"}, Filters(source="nile")),
        ({"search": "tear gas"}, Filters(search="tear gas")),
        ({"all": "true"}, Filters(include_flagged=True)),
    ],
)  # fmt: skip
def test_events_take_the_command_lines_filters(server, params, filters):
    asked = get(server, "/api/events.json", limit=1000, **params).json()
    with sqlite3.connect(server.db) as db:
        db.row_factory = sqlite3.Row
        expected = select_events(db, filters)
    assert expected, "each filter should find something in the test ledger"
    assert sorted(r["id"] for r in asked["rows"]) == sorted(r["id"] for r in expected)


def test_each_event_names_its_outlet(server):
    rows = get(server, "/api/events.json", country="MLI").json()["rows"]
    assert {r["article_source"] for r in rows} == {"Sahel Wire", "Bamako Daily"}


@pytest.fixture(scope="module")
def flagged(base_ledger, tmp_path_factory):
    """The server on a copy of the test ledger in which a Bamako Daily event is reported
    as not having happened, and as a statement: flags the test articles never set."""
    folder = tmp_path_factory.mktemp("flagged")
    db = copy_ledger(base_ledger, folder)
    with sqlite3.connect(db) as connection:
        connection.execute(
            "UPDATE events SET negated = 1, record = json_set(record, '$.negated', json('true'), "
            "'$.verbal', json('true')) WHERE id = (SELECT min(e.id) FROM events e "
            "JOIN articles a ON a.hash = e.article_hash WHERE a.id = 'bd-mopti')"
        )
    connection.close()
    with serve_app(create_app(db)) as url:
        yield Served(url, db)


def _export(served, tmp_path, fmt: str) -> str:
    out = tmp_path / f"events.{fmt}"
    command = [sys.executable, "-m", "newsledger", "export", "--db", str(served.db),
               "--format", fmt, "--all", "--out", str(out)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return out.read_text(encoding="utf-8")


def _by_id(rows):
    return sorted(rows, key=lambda row: row["id"])


def test_event_rows_are_the_exports_flat_columns_with_real_booleans(flagged, tmp_path):
    rows = get(flagged, "/api/events.json", all="true", limit=1000).json()["rows"]
    exported = [json.loads(line) for line in _export(flagged, tmp_path, "jsonl").splitlines()]
    assert rows and all(list(row) == list(EVENT_COLUMNS) for row in rows)
    assert _by_id(rows) == _by_id(exported)
    (negated,) = [row for row in rows if row["negated"]]
    assert negated["negated"] is True and negated["verbal"] is True
    assert negated["hypothetical"] is False and negated["article_id"] == "bd-mopti"
    printed = subprocess.run(
        [sys.executable, "-m", "newsledger", "events", "--db", str(flagged.db), "--all",
         "--format", "json"],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    assert _by_id(json.loads(printed)) == _by_id(rows)
    unflagged = get(flagged, "/api/events.json", limit=1000).json()["rows"]
    assert negated["id"] not in {row["id"] for row in unflagged}


def test_event_csv_is_the_exports_csv_with_true_and_false(flagged, tmp_path):
    answer = get(flagged, "/api/events.csv", all="true", limit=1000).text
    exported = _export(flagged, tmp_path, "csv")
    header, *lines = answer.splitlines()
    assert header == exported.splitlines()[0] == ",".join(EVENT_COLUMNS)
    assert sorted(lines) == sorted(exported.splitlines()[1:])
    cells = [(row["negated"], row["verbal"]) for row in csv.DictReader(io.StringIO(answer))]
    assert sorted(set(cells)) == [("false", "false"), ("true", "true")]


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/api/events", {"type": "attack"}, "'attack' is not a PLOVER event type"),
        ("/api/incidents", {"country": "Narnia"}, "'Narnia' is not a country name"),
        ("/api/quotes", {"country": "Atlantis"}, "'Atlantis' is not a country name"),
        ("/api/claims", {"kind": "apples"}, "'apples' is not a claim kind"),
        ("/api/events", {"since": "2024-13-01"}, "Invalid value for 'since': '2024-13-01' is"),
        ("/api/events", {"limit": "0"}, "Invalid value for 'limit'"),
        ("/api/events", {"limit": "5000"}, "Invalid value for 'limit'"),
        ("/api/events", {"cursor": "bm90IGEgY3Vyc29y"}, "is not one this list gave"),
        ("/api/events", {"search": '"'}, "has no word to search for"),
        ("/api/events", {"search": "AND OR"}, "bad search query"),
        ("/api/search", {}, "Missing parameter 'q'"),
    ],
)
def test_a_bad_filter_is_a_400_that_says_what_was_wrong(server, path, params, message):
    answer = get(server, path, **params)
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/json"
    assert message in answer.json()["error"]


def test_cursors_walk_a_list_once_and_end_with_null(server):
    everything = get(server, "/api/events", all="true", limit=1000).json()
    seen, url, pages = [], "/api/events?all=true&limit=2", 0
    while url:
        page = httpx.get(f"{server.url}{url}", timeout=30).json()
        seen += [row["id"] for row in page["rows"]]
        assert len(page["rows"]) <= 2 and page["total"] == everything["total"]
        url, pages = page["next_url"], pages + 1
        assert (url is None) == (page["next"] is None)
    assert seen == [row["id"] for row in everything["rows"]]
    assert pages == -(-everything["total"] // 2) and len(set(seen)) == len(seen)


def test_a_cursor_from_another_list_is_refused(server):
    cursor = get(server, "/api/events", limit=1).json()["next"]
    answer = get(server, "/api/incidents", cursor=cursor)
    assert answer.status_code == 400 and "not one this list gave" in answer.json()["error"]


def test_csv_pages_name_the_next_page_in_a_link_header(server):
    answer = get(server, "/api/articles.csv", limit=2)
    assert answer.headers["x-total-count"] == "5"
    link = re.fullmatch(
        r'<(/api/articles\.csv\?limit=2&cursor=[\w-]+)>; rel="next"', answer.headers["link"]
    )
    assert link and answer.headers["x-next-cursor"] in link.group(1)
    assert len(list(csv.DictReader(io.StringIO(answer.text)))) == 2


def test_facets_count_the_whole_filtered_list(server):
    body = get(server, "/api/incidents", limit=1).json()
    assert len(body["rows"]) == 1
    types = {f["value"]: f["count"] for f in body["facets"]["type"]}
    assert sum(types.values()) == body["total"] and types["ASSAULT"] >= 3
    countries = {f["value"]: f["count"] for f in body["facets"]["country"]}
    assert countries["MLI"] == 1 and countries["SDN"] == 1
    sources = {f["value"]: f["count"] for f in body["facets"]["source"]}
    assert sources["Sahel Wire"] == sources["Bamako Daily"] == 1


def test_incidents_filter_by_actor_and_source_and_map_as_geojson(server):
    by_source = get(server, "/api/incidents", source="bamako").json()["rows"]
    assert [r["location_country"] for r in by_source] == ["MLI"]
    assert by_source[0]["sources"] == 2 and by_source[0]["outlet_names"] == [
        "Bamako Daily",
        "Sahel Wire",
    ]
    by_actor = get(server, "/api/incidents", actor="rapid support").json()["rows"]
    assert [r["location_country"] for r in by_actor] == ["SDN"]
    mapped = get(server, "/api/incidents.geojson", type="ASSAULT")
    assert mapped.headers["content-type"] == "application/geo+json"
    features = mapped.json()["features"]
    assert features and all(f["geometry"]["type"] == "Point" for f in features)
    assert {f["properties"]["type"] for f in features} == {"ASSAULT"}


def test_an_incident_in_full_has_its_sources_contradiction_and_events(server):
    (row,) = get(server, "/api/incidents", country="MLI").json()["rows"]
    body = get(server, f"/api/incidents/{row['id']}").json()
    assert {s["outlet"] for s in body["incident"]["sources"]} == {"Sahel Wire", "Bamako Daily"}
    assert "12" in body["incident"]["contradictions"][0]["note"]
    assert {e["article_id"] for e in body["events"]} == {"sw-mopti", "bd-mopti"}


def test_an_article_in_full_points_every_offset_into_its_text(server):
    body = get(server, "/api/articles/sw-mopti").json()
    text = body["article"]["text"]
    assert body["events"] and body["quotes"] and body["claims"]
    for event in body["events"]:
        for mention in event["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
            assert text[mention["trigger_start"] : mention["trigger_end"]] == mention["trigger"]
    for item in body["quotes"] + body["claims"]:
        assert 0 <= item["start"] < item["end"] <= len(text)
    claim = body["claims"][0]
    assert text[claim["start"] : claim["end"]] == claim["text"]
    by_hash = get(server, f"/api/articles/{body['article']['hash']}").json()
    assert by_hash == body


def test_an_event_in_full_names_its_article_and_incident(server):
    event_id = get(server, "/api/events", country="SDN").json()["rows"][0]["id"]
    body = get(server, f"/api/events/{event_id}").json()
    assert body["id"] == event_id and body["type"] == "ASSAULT"
    assert body["article"]["id"] == "np-fasher" and body["incident"].startswith("inc-")


@pytest.mark.parametrize(
    "path", ["/api/events/nope", "/api/incidents/inc-000000000000", "/api/articles/nope", "/api/x"]
)
def test_what_does_not_exist_is_a_json_404(server, path):
    answer = get(server, path)
    assert answer.status_code == 404 and answer.json()["error"]


def test_search_marks_the_matched_words_apart_from_the_text(server):
    rows = get(server, "/api/search", q="tear gas").json()["rows"]
    assert [r["id"] for r in rows] == ["km-protest"]
    matched = [part["text"] for part in rows[0]["snippet"] if part["match"]]
    assert [w.lower() for w in matched] == ["tear", "gas", "tear", "gas"]
    assert "".join(p["text"] for p in rows[0]["snippet"]).startswith("Police fire tear gas")


def test_actors_are_counted_as_actor_and_as_recipient(server):
    rows = get(server, "/api/actors", limit=1000).json()["rows"]
    gunmen = next(r for r in rows if r["name"] == "Gunmen")
    assert gunmen["country"] == "MLI" and gunmen["as_actor"] == 1 and gunmen["events"] == 1


def test_the_timeline_counts_events_and_deaths_a_day(server):
    days = get(server, "/api/timeline", country="MLI").json()["days"]
    assert days == [{"date": "2024-03-04", "events": 2, "fatalities": 26}]


def test_the_ledger_summary_lists_counts_and_types(server):
    body = get(server, "/api/ledger").json()
    assert body["counts"]["articles"] == 5 and "ASSAULT" in body["types"]
    assert body["ingest"] is False


def test_openapi_describes_the_api_and_no_page_loads_a_cdn(server):
    spec = get(server, "/openapi.json").json()
    for path in ("/api/events", "/api/events.csv", "/api/incidents.geojson", "/api/ingest"):
        assert path in spec["paths"]
    assert "limit" in {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert get(server, "/docs").status_code == get(server, "/redoc").status_code == 404


def test_every_answer_carries_a_strict_content_security_policy(server):
    for path in ("/", "/static/app/main.js", "/api/events", "/api/nope", "/openapi.json"):
        answer = get(server, path)
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "server" not in answer.headers


def test_the_dashboard_page_has_no_inline_script_and_loads_only_its_own_files(server):
    page = get(server, "/").text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # every script is a file
    assert not re.search(r"\son\w+=", page)  # no inline event handlers
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page)
    assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets)
    for asset in assets:
        assert get(server, asset).status_code == 200, asset


def test_a_hostile_article_is_served_as_data(server):
    answer = get(server, f"/api/articles/{HOSTILE_ID}")
    assert answer.headers["content-type"] == "application/json"
    article = answer.json()["article"]
    assert article["title"] == HOSTILE_TITLE and article["text"] == HOSTILE_TEXT
    assert article["url"] == HOSTILE_URL


def test_static_files_stay_inside_the_dashboard_folder(server):
    for path in ("/static/%2e%2e/%2e%2e/ledger/store.py", "/static/..%2f..%2f__init__.py"):
        assert httpx.get(f"{server.url}{path}", timeout=30).status_code == 404


def test_only_the_rows_of_the_page_are_flattened(base_ledger, tmp_path, monkeypatch):
    from newsledger.serve import api

    flattened = []

    def counting(db, rows):
        flattened.append(len(rows))
        return flat_events(db, rows)

    monkeypatch.setattr(api, "flat_events", counting)
    with serve_app(create_app(copy_ledger(base_ledger, tmp_path))) as url:
        body = httpx.get(f"{url}/api/events", params={"all": "true", "limit": 2}).json()
    assert body["total"] > 2 and len(body["rows"]) == 2
    assert flattened == [2]
    assert sum(f["count"] for f in body["facets"]["type"]) == body["total"]
