"""The API's query parameters, asked over loopback: a parameter an endpoint does not take
and a parameter given twice are refused rather than ignored, and a value that names
nothing is refused in the very words the command line uses."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

# Every GET endpoint with its format suffixes, and a value each needs to answer 200.
ENDPOINTS = [
    "/api/events", "/api/events.json", "/api/events.csv",
    "/api/incidents", "/api/incidents.csv", "/api/incidents.geojson",
    "/api/articles", "/api/articles.csv", "/api/quotes", "/api/claims", "/api/actors",
    "/api/search?q=soldiers", "/api/search.csv?q=soldiers", "/api/timeline",
    "/api/ledger", "/api/articles/sw-mopti",
]  # fmt: skip
EVENT_PARAMS = "since, until, type, country, actor, source, search, all, limit, cursor"


def ask(server, path: str, params: list[tuple[str, str]] | None = None) -> httpx.Response:
    return httpx.get(f"{server.url}{path}", params=params, timeout=30)


def _with(path: str, *params: tuple[str, str]) -> tuple[str, list[tuple[str, str]]]:
    base, _, query = path.partition("?")
    given = [tuple(query.split("="))] if query else []
    return base, [*given, *params]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_parameter_the_endpoint_does_not_take_is_a_400_naming_it(server, path):
    base, params = _with(path)
    assert ask(server, base, params).status_code == 200
    answer = ask(server, base, [*params, ("bogus", "1")])
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["error"].startswith(f"unknown parameter 'bogus'; {base} takes ")


def test_a_misspelt_filter_is_refused_with_the_name_it_meant_and_the_list(server):
    answer = ask(server, "/api/events", [("contry", "Sudan")])
    assert answer.status_code == 400
    assert answer.json()["error"] == (
        f"unknown parameter 'contry'; did you mean 'country'? /api/events takes {EVENT_PARAMS}"
    )


def test_an_endpoint_with_no_parameters_says_so(server):
    answer = ask(server, "/api/ledger", [("verbose", "1")])
    assert answer.status_code == 400
    assert answer.json()["error"] == "unknown parameter 'verbose'; /api/ledger takes no parameters"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", [("type", "assault"), ("type", "agree")]),
        ("/api/events.csv", [("type", "assault"), ("type", "ASSAULT")]),
        ("/api/incidents", [("country", "MLI"), ("country", "SDN")]),
        ("/api/articles", [("limit", "1"), ("limit", "2")]),
        ("/api/timeline", [("since", "2024-01-01"), ("since", "2024-03-01")]),
    ],
)
def test_a_parameter_given_twice_is_refused_not_cut_to_its_last_value(server, path, params):
    name = params[0][0]
    answer = ask(server, path, params)
    assert answer.status_code == 400
    assert f"give {name} once" in answer.json()["error"]


def test_limit_and_cursor_are_taken_by_every_list(server):
    first = ask(server, "/api/events.csv", [("all", "true"), ("limit", "1")])
    assert first.status_code == 200
    cursor = first.headers["x-next-cursor"]
    second = ask(server, "/api/events.csv", [("all", "true"), ("limit", "1"), ("cursor", cursor)])
    assert second.status_code == 200 and second.text != first.text


# What the dashboard sends (filters.js FILTERS) to each endpoint it asks (overview.js).
DASHBOARD_FILTERS = [("since", "2024-01-01"), ("until", "2024-12-31"), ("country", "MLI"),
                     ("actor", "gunmen"), ("type", "ASSAULT"), ("source", "wire")]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/api/incidents.json", None),
        ("/api/incidents.geojson", None),
        ("/api/timeline", None),
        ("/api/articles.json", {"since", "until", "source"}),
    ],
)
def test_the_dashboards_own_requests_are_all_taken(server, path, names):
    params = [(k, v) for k, v in DASHBOARD_FILTERS if names is None or k in names]
    answer = ask(server, path, params)
    assert answer.status_code == 200, answer.text


def _cli_error(server, command: str, option: str, value: str) -> str:
    """What the real command line says of `--option value`, after click's prefix."""
    ran = subprocess.run(
        [sys.executable, "-m", "newsledger", command, "--db", str(server.db), option, value],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 2, ran.stderr
    prefix = f"Error: Invalid value for '{option}': "
    (line,) = [line for line in ran.stderr.splitlines() if line.startswith(prefix)]
    return line.removeprefix(prefix)


@pytest.mark.parametrize(
    ("command", "option", "path", "value"),
    [
        ("events", "--since", "/api/events", "2024-13-01"),
        ("events", "--until", "/api/timeline", "yesterday"),
        ("incidents", "--since", "/api/incidents", "1709251200"),  # not a Unix time either
        ("quotes", "--since", "/api/quotes", "2024-3-1"),
        ("events", "--type", "/api/events", "attack"),
        ("incidents", "--type", "/api/incidents.csv", "killing"),
        ("events", "--country", "/api/events", "Narnia"),
        ("events", "--country", "/api/actors", "Sudn"),
        ("quotes", "--country", "/api/quotes", "Atlantis"),
        ("claims", "--kind", "/api/claims", "apples"),
        ("incidents", "--min-sources", "/api/incidents", "0"),
    ],
)
def test_a_bad_value_is_refused_in_the_command_lines_words(server, command, option, path, value):
    name = option.removeprefix("--").replace("-", "_")
    answer = ask(server, path, [(name, value)])
    assert answer.status_code == 400
    said = _cli_error(server, command, option, value)
    # click ends some messages with a full stop; the API's never do.
    assert answer.json()["error"] == f"Invalid value for {name!r}: {said.removesuffix('.')}"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ([("limit", "0")], "Invalid value for 'limit': 0 is not in the range x>=1"),
        ([("limit", "5000")], "Invalid value for 'limit': 5000 is not in the range x<=1000"),
        ([("limit", "ten")], "Invalid value for 'limit': 'ten' is not a valid integer"),
        ([("all", "maybe")], "Invalid value for 'all': 'maybe' is not a valid boolean"),
    ],
)
def test_a_bad_page_or_switch_is_refused_as_click_refuses_it(server, params, message):
    answer = ask(server, "/api/events", params)
    assert answer.status_code == 400 and answer.json()["error"].startswith(message)
