"""Quotes, claims and contradictions as ledger rows (schema 3): moved out of the JSON of
older ledgers, written with each new article, and listed by `newsledger quotes|claims`."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.article import Article
from newsledger.cli import cli
from newsledger.errors import LedgerError
from newsledger.extract.model import Actor, Claim, Contradiction, Extraction, Quantity, Quote
from newsledger.ledger import Filters, Ledger
from newsledger.ledger.query import select_claims, select_quotes
from newsledger.ledger.schema import latest_version

# Written by newsledger as released with schema 2, from two sample articles (Kenya fuel
# protests, a drone strike in Yemen): its quotes exist only in extractions.quotes JSON.
SCHEMA_2_LEDGER = Path(__file__).parent / "fixtures" / "ledger_schema2.sqlite"


def _copy(tmp_path: Path, name: str) -> Path:
    """The fixture is never opened in place: opening migrates it."""
    return Path(shutil.copyfile(SCHEMA_2_LEDGER, tmp_path / name))


def _rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def _quotes_in_json(path: Path) -> list[tuple]:
    """The quotes an old ledger holds as JSON, as schema 3 rows should hold them."""
    expected = []
    for article_hash, quotes in _rows(path, "SELECT article_hash, quotes FROM extractions"):
        for position, quote in enumerate(json.loads(quotes)):
            speaker = quote["speaker"] or {}
            expected.append((
                f"{article_hash[:12]}-q{position + 1}", article_hash, position,
                speaker.get("text"), speaker.get("name"), speaker.get("role"),
                speaker.get("country"), speaker.get("sector"), 0, quote["text"],
                int(quote["direct"]), quote["cue"], quote["start"], quote["end"], "[]",
            ))  # fmt: skip
    return sorted(expected, key=lambda row: (row[1], row[2]))


_QUOTE_ROWS = (
    "SELECT id, article_hash, position, speaker_text, speaker_name, speaker_role, "
    'speaker_country, speaker_sector, anonymous, text, direct, cue, start, "end", events '
    "FROM quotes ORDER BY article_hash, position"
)
_UNCHANGED = {"articles": "hash", "events": "id", "extractions": "article_hash"}


def _as_before(path: Path, before: Path, table: str, key: str) -> list[tuple]:
    """The table's rows in the columns it had before the migration (later schemas add
    columns, such as schema 4's `events.incident`)."""
    columns = ", ".join(f'"{row[1]}"' for row in _rows(before, f"PRAGMA table_info({table})"))
    return _rows(path, f"SELECT {columns} FROM {table} ORDER BY {key}")


def test_a_schema_2_ledger_gets_its_quotes_as_rows_and_keeps_everything_else(tmp_path):
    path, before = _copy(tmp_path, "ledger.db"), _copy(tmp_path, "before.db")
    assert _rows(before, "PRAGMA user_version") == [(2,)]
    expected = _quotes_in_json(before)
    assert len(expected) == 14  # 8 in the Kenya story, 6 in the Yemen one

    Ledger(path).close()

    assert _rows(path, "PRAGMA user_version") == [(latest_version(),)]
    assert _rows(path, _QUOTE_ROWS) == expected
    for table, key in _UNCHANGED.items():
        assert _as_before(path, before, table, key) == _as_before(before, before, table, key)
    assert _counts(path) == [(14, 0, 0)]
    # Every moved offset still slices the quoted words out of the stored text.
    sliced = _rows(path, 'SELECT substr(a.text, q.start + 1, q."end" - q.start), q.text '
                         "FROM quotes q JOIN articles a ON a.hash = q.article_hash")  # fmt: skip
    assert all(piece == text for piece, text in sliced)
    _assert_search_index_is_whole(path)


def test_quotes_lists_the_moved_quotes_of_a_schema_2_ledger(run_cli, tmp_path):
    path = _copy(tmp_path, "ledger.db")  # not opened before: `quotes` migrates it
    expected = _quotes_in_json(path)  # sqlite3 alone reads without migrating

    listed = run_cli("quotes", "--db", str(path), "--format", "json")

    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    kenya, yemen = "80bd62f9cad9", "f58b35d959c3"  # published 2024-03-14 and 2024-06-03
    assert [row["id"] for row in rows] == [f"{kenya}-q{n}" for n in range(1, 9)] + [
        f"{yemen}-q{n}" for n in range(1, 7)
    ]
    assert sorted((r["id"], r["text"], r["speaker_text"]) for r in rows) == sorted(
        (row[0], row[9], row[3]) for row in expected
    )
    found = run_cli("quotes", "--db", str(path), "--search", "farmers", "--format", "json")
    assert [(r["speaker_name"], r["direct"]) for r in json.loads(found.stdout)] == [
        ("Nabil al-Sharabi", 1)
    ]


def _assert_search_index_is_whole(path: Path) -> None:
    """Every quote is found by its own words ('integrity-check' in SQLite 3.40 does not
    compare an external-content index with its table)."""
    with sqlite3.connect(path) as db:
        quotes = db.execute("SELECT rowid, text FROM quotes").fetchall()
        for rowid, text in quotes:
            phrase = 'text:"' + text.replace('"', '""') + '"'
            found = "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?"
            assert rowid in {r for (r,) in db.execute(found, (phrase,))}, text


KHARTOUM = (
    'Khartoum, June 3 -- "We will not negotiate under fire," army spokesman Nabil Abdallah '
    "told reporters. A senior official who asked not to be named said talks would resume "
    "in Jeddah. The health ministry said 12 people were killed, while the army said three "
    "died."
)
CAIRO = (
    "Cairo, July 10 -- Foreign Minister Karim Adel said Egypt would spend $2 billion on "
    '"water security for every Egyptian family".'
)


def _span(text: str, words: str) -> dict[str, int | str]:
    start = text.index(words)
    return {"text": words, "start": start, "end": start + len(words)}


def _khartoum() -> Extraction:
    article = Article(text=KHARTOUM, source="Nile Wire", published=date(2024, 6, 3))
    key = article.hash[:12]
    spokesman = Actor("army spokesman Nabil Abdallah", "Nabil Abdallah", "SDN", "MIL", "spokesman")
    said = [
        Quote(spokesman, direct=True, cue="tell", id=f"{key}-q1", events=(f"{key}-001",),
              **_span(KHARTOUM, "We will not negotiate under fire,")),
        Quote(Actor("A senior official", sector="GOV", role="official"), direct=False,
              cue="say", id=f"{key}-q2", anonymous=True,
              **_span(KHARTOUM, "talks would resume in Jeddah")),
    ]  # fmt: skip
    tolls = [
        Claim("killed", "people", "killed|SDN", Quantity(12, 12), None, id=f"{key}-c1",
              source="The health ministry", reported="2024-06-03",
              **_span(KHARTOUM, "12 people were killed")),
        Claim("killed", "people", "killed|SDN", Quantity(3, 3), None, id=f"{key}-c2",
              source="the army", reported="2024-06-03", **_span(KHARTOUM, "three died")),
    ]  # fmt: skip
    note = "The health ministry says 12 were killed; the army says three."
    return Extraction(article, (), tuple(said), tuple(tolls), (Contradiction((0, 1), note),))


def _cairo() -> Extraction:
    article = Article(text=CAIRO, source="Gulf Wire", published=date(2024, 7, 10))
    key = article.hash[:12]
    minister = Actor("Foreign Minister Karim Adel", "Karim Adel", "EGY", "GOV", "minister")
    quote = Quote(minister, direct=True, cue="say", id=f"{key}-q1",
                  **_span(CAIRO, "water security for every Egyptian family"))  # fmt: skip
    money = Claim("money", "water security", "money|EGY", Quantity(2e9, 2e9), None,
                  id=f"{key}-c1", source="Karim Adel", reported="2024-07-10", unit="USD",
                  **_span(CAIRO, "$2 billion"))  # fmt: skip
    return Extraction(article, quotes=(quote,), claims=(money,))


@pytest.fixture
def ledger_path(tmp_path) -> Path:
    path = tmp_path / "l.db"
    with Ledger(path) as ledger:
        assert ledger.write([_khartoum(), _cairo()]) == 2
    return path


def _counts(path: Path) -> list[tuple]:
    return _rows(path, "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM claims), "
                       "(SELECT count(*) FROM contradictions)")  # fmt: skip


def test_quotes_claims_and_contradictions_are_stored_once(ledger_path):
    assert _counts(ledger_path) == [(3, 3, 1)]
    with Ledger(ledger_path) as ledger:
        assert ledger.write([_cairo(), _khartoum()]) == 0
    assert _counts(ledger_path) == [(3, 3, 1)]
    key = _khartoum().article.hash[:12]
    assert _rows(ledger_path, "SELECT claim_a, claim_b, note FROM contradictions") == [
        (f"{key}-c1", f"{key}-c2", "The health ministry says 12 were killed; the army says three.")
    ]
    _assert_search_index_is_whole(ledger_path)


def test_stored_quotes_read_back_as_the_extraction_gave_them(ledger_path):
    with Ledger(ledger_path, read_only=True) as ledger:
        rows = select_quotes(ledger.connection, Filters())
    key = _khartoum().article.hash[:12]
    seen = [(r["speaker_name"], r["speaker_country"], r["anonymous"], r["direct"]) for r in rows]
    assert seen == [
        ("Nabil Abdallah", "SDN", 0, 1),
        (None, None, 1, 0),
        ("Karim Adel", "EGY", 0, 1),
    ]
    assert rows[0]["events"] == [f"{key}-001"] and rows[1]["events"] == []
    assert rows[1]["speaker_text"] == "A senior official" and rows[1]["published"] == "2024-06-03"
    assert [KHARTOUM[r["start"] : r["end"]] for r in rows[:2]] == [r["text"] for r in rows[:2]]


def test_claims_read_back_with_their_range_and_contradiction(ledger_path):
    with Ledger(ledger_path, read_only=True) as ledger:
        killed = select_claims(ledger.connection, Filters(kind="Killed"))
        money = select_claims(ledger.connection, Filters(search="billion"))
    assert [(c["value_min"], c["value_max"], c["source"]) for c in killed] == [
        (12, 12, "The health ministry"),
        (3, 3, "the army"),
    ]
    note = "The health ministry says 12 were killed; the army says three."
    assert [c["contradictions"] for c in killed] == [[note], [note]]
    assert [(c["kind"], c["value_min"], c["unit"]) for c in money] == [("money", 2000000000, "USD")]


def test_a_contradiction_naming_a_missing_claim_writes_nothing(tmp_path):
    broken = _khartoum()
    broken = Extraction(broken.article, (), broken.quotes, broken.claims,
                        (Contradiction((0, 5), "no such claim"),))  # fmt: skip
    with Ledger(tmp_path / "l.db") as ledger:
        with pytest.raises(LedgerError, match=r"contradiction \(0, 5\) points past"):
            ledger.write([broken])
        assert ledger.counts()["articles"] == 0
    assert _counts(tmp_path / "l.db") == [(0, 0, 0)]


def _listed(run_cli, path: Path, *options: str) -> list[str]:
    result = run_cli("quotes", "--db", str(path), *options, "--format", "json")
    assert result.returncode == 0, result.stderr
    return [row["text"] for row in json.loads(result.stdout)]


ABDALLAH, OFFICIAL = "We will not negotiate under fire,", "talks would resume in Jeddah"
ADEL = "water security for every Egyptian family"


@pytest.mark.parametrize(
    "options, quotes",
    [
        ((), [ABDALLAH, OFFICIAL, ADEL]),
        (("--speaker", "abdallah"), [ABDALLAH]),
        (("--speaker", "senior official"), [OFFICIAL]),
        (("--country", "Sudan"), [ABDALLAH]),
        (("--country", "eg"), [ADEL]),
        (("--search", "Jeddah"), [OFFICIAL]),
        (("--search", "Karim"), [ADEL]),  # the speaker is searched too
        (("--search", '"not negotiate"'), [ABDALLAH]),
        (("--since", "2024-07-01"), [ADEL]),
        (("--until", "2024-06-30"), [ABDALLAH, OFFICIAL]),
        (("--source", "gulf"), [ADEL]),
        (("--limit", "1"), [ABDALLAH]),
    ],
)
def test_quotes_filters_select_what_they_name(run_cli, ledger_path, options, quotes):
    assert _listed(run_cli, ledger_path, *options) == quotes


def test_a_country_that_names_nothing_is_a_one_line_error(run_cli, ledger_path):
    result = run_cli("quotes", "--db", str(ledger_path), "--country", "Narnia")
    assert result.returncode == 2 and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and "'Narnia' is not a country name" in errors[0]


def test_claims_lists_by_kind_and_explains_a_wrong_kind(run_cli, ledger_path):
    listed = run_cli("claims", "--db", str(ledger_path), "--kind", "killed", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert [(r["value_min"], r["value_max"], r["text"]) for r in rows] == [
        ("12", "12", "12 people were killed"),
        ("3", "3", "three died"),
    ]
    said_otherwise = run_cli(
        "claims", "--db", str(ledger_path), "--kind", "deaths", "--format", "csv"
    )
    assert said_otherwise.returncode == 0 and said_otherwise.stdout == listed.stdout
    wrong = run_cli("claims", "--db", str(ledger_path), "--kind", "casualtiez")
    assert wrong.returncode == 2 and "'casualtiez' is not a claim kind" in wrong.stderr
    assert "killed, injured" in wrong.stderr


@pytest.mark.parametrize("command", ["quotes", "claims"])
def test_help_has_a_worked_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and f"newsledger {command} --" in result.stdout


def test_claims_search_finds_who_gave_a_figure(ledger_path):
    with Ledger(ledger_path, read_only=True) as ledger:
        found = select_claims(ledger.connection, Filters(search="health ministry"))
    assert [(c["source"], c["value_min"]) for c in found] == [("The health ministry", 12)]
