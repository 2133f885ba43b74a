"""Filters that name nothing are usage errors, and plain words search as meant."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsledger.extract.ontology import PLOVER_TYPES
from newsledger.ledger.filter_values import FilterValueError, country_code, event_type, fts_query


@pytest.mark.parametrize("text, code", [("assault", "ASSAULT"), (" Protest ", "PROTEST")])
def test_event_types_are_read_in_any_case(text, code):
    assert event_type(text) == code


@pytest.mark.parametrize("text", ["ATTACK", "airstrike", "VIOLENCE", "ASSAULTS"])
def test_a_word_that_is_not_a_plover_type_lists_the_valid_ones(text):
    with pytest.raises(FilterValueError) as error:
        event_type(text)
    assert all(name in str(error.value) for name in PLOVER_TYPES)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Sudan", "SDN"), ("sd", "SDN"), ("sdn", "SDN"), ("Syria", "SYR"),
        ("DR Congo", "COD"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
        ("United Kingdom", "GBR"), ("Kosovo", "KOS"), ("igo", "IGO"), ("Myanmar", "MMR"),
        ("Côte d\u2019Ivoire", "CIV"), ("  sudan ", "SDN"), ("XK", "KOS"),
    ],
)  # fmt: skip
def test_countries_are_names_or_codes(text, code):
    assert country_code(text) == code


@pytest.mark.parametrize("text, hint", [("Sudna", "SDN"), ("Narnia", ""), ("XYZ", "")])
def test_an_unknown_country_is_an_error_with_the_closest_names(text, hint):
    with pytest.raises(FilterValueError) as error:
        country_code(text)
    assert "not a country name or ISO 3166 code" in str(error.value)
    assert hint in str(error.value)


@pytest.mark.parametrize(
    "typed, query",
    [
        ("al-Shabaab", '"al-Shabaab"'),
        ("Côte d'Ivoire", 'Côte "d\'Ivoire"'),
        ("O'Neill", '"O\'Neill"'),
        ('"drone attack', "drone attack"),  # a stray quote is a character, not syntax
        ("Kirkuk, Mosul", "Kirkuk Mosul"),
        ("U.S. strikes", '"U.S." strikes'),
        ('"drone attack" AND Jordan', '"drone attack" AND Jordan'),
        ("(Goma OR Bunia) NOT M23", "( Goma OR Bunia ) NOT M23"),
        ("NEAR(drone attack, 5)", "NEAR ( drone attack , 5 )"),
        ("title:al-Shabaab", 'title:"al-Shabaab"'),
        ("shell*", "shell*"),
        ('title:"drone attack"', 'title:"drone attack"'),
        ("title:", ""),  # a column with no word asks nothing
    ],
)
def test_plain_words_are_quoted_for_fts5_and_its_syntax_is_kept(typed, query):
    assert fts_query(typed) == query


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Path:
    """A ledger of three written articles: Somalia, Sudan, Côte d'Ivoire."""
    from newsledger.article import Article
    from newsledger.extract import extract
    from newsledger.ledger import Ledger

    texts = [
        "Mogadishu, March 4 (HAW) -- Al-Shabaab fighters attacked an army base near "
        "Mogadishu on Monday, killing four soldiers, officials said.",
        "Khartoum, March 5 (SNW) -- The Rapid Support Forces shelled a market in El Fasher "
        "on Tuesday, killing nine civilians, residents said.",
        "Abidjan, March 6 (WAW) -- Police in Côte d'Ivoire arrested 30 protesters in "
        "Abidjan on Wednesday after a march against O'Neill Mining turned violent.",
    ]
    path = tmp_path_factory.mktemp("filters") / "l.db"
    with Ledger(path) as open_ledger:
        open_ledger.write([extract(Article(text=t, published=None)) for t in texts])
    return path


def _ids(result) -> set[str]:
    return {row["article_id"] for row in json.loads(result.stdout)}


def test_unknown_type_and_country_are_usage_errors_not_empty_tables(run_cli, ledger):
    for option, value, reason in [
        ("--type", "ATTACK", "is not a PLOVER event type"),
        ("--country", "Narnia", "is not a country name"),
    ]:
        result = run_cli("events", "--db", str(ledger), option, value, "--format", "json")
        assert result.returncode == 2, result.stdout
        assert reason in result.stderr and result.stdout == ""


def test_a_country_name_selects_the_same_events_as_its_code(run_cli, ledger):
    by_name = run_cli("events", "--db", str(ledger), "--country", "Sudan", "--format", "json")
    by_code = run_cli("events", "--db", str(ledger), "--country", "SDN", "--format", "json")
    assert by_name.returncode == 0, by_name.stderr
    rows = json.loads(by_name.stdout)
    assert rows and rows == json.loads(by_code.stdout)
    assert all("El Fasher" in row["sentence"] for row in rows)


@pytest.mark.parametrize(
    "query, expected",
    [("al-Shabaab", "Mogadishu"), ("d'Ivoire", "Abidjan"), ("O'Neill", "Abidjan"),
     ("El Fasher", "Khartoum"), ('"army base" AND Mogadishu', "Mogadishu")],
)  # fmt: skip
def test_search_finds_words_with_hyphens_and_apostrophes(run_cli, ledger, query, expected):
    result = run_cli("articles", "--db", str(ledger), "--search", query, "--format", "json")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(ledger) as db:
        hashes = {h for (h,) in db.execute("SELECT hash FROM articles WHERE text LIKE ?",
                                           (f"{expected},%",))}  # fmt: skip
    assert {row["hash"] for row in json.loads(result.stdout)} == hashes != set()


def test_events_search_quotes_plain_words_too(run_cli, ledger):
    result = run_cli("events", "--db", str(ledger), "--search", "al-Shabaab", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) and all(
        "Mogadishu" in row["sentence"] for row in json.loads(result.stdout)
    )


def test_a_search_of_only_punctuation_is_an_error(run_cli, ledger):
    result = run_cli("articles", "--db", str(ledger), "--search", '"')
    assert result.returncode == 2
    assert "no word to search for" in result.stderr
