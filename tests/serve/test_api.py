"""The read API of `newsledger serve`, asked over loopback like any client would: lists
in JSON and CSV with the command line's filters, cursors, facets, one thing in full,
errors as JSON, the OpenAPI description, and the security headers on every answer."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from datetime import date

import httpx
import pytest
from tests.serve.articles import HOSTILE_ID, HOSTILE_TEXT, HOSTILE_TITLE, HOSTILE_URL

from newsledger.ledger.query import Filters, select_events

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
    assert {r["source"] for r in rows} == {"Sahel Wire", "Bamako Daily"}


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/api/events", {"type": "attack"}, "'attack' is not a PLOVER event type"),
        ("/api/incidents", {"country": "Narnia"}, "'Narnia' is not a country name"),
        ("/api/quotes", {"country": "Atlantis"}, "'Atlantis' is not a country name"),
        ("/api/claims", {"kind": "apples"}, "'apples' is not a claim kind"),
        ("/api/events", {"since": "2024-13-01"}, "since:"),
        ("/api/events", {"limit": "0"}, "limit:"),
        ("/api/events", {"limit": "5000"}, "limit:"),
        ("/api/events", {"cursor": "bm90IGEgY3Vyc29y"}, "is not one this list gave"),
        ("/api/events", {"search": '"'}, "has no word to search for"),
        ("/api/events", {"search": "AND OR"}, "bad search query"),
        ("/api/search", {}, "q:"),
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
