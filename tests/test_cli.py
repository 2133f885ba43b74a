"""The command line end to end, through a real subprocess and a real SQLite file."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import PROTEST_ARTICLE, TALKS_ARTICLE, write

from newsledger.extract.ontology import PLOVER_TYPES

COMMANDS = ["extract", "ingest", "articles", "events", "demo"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    write(folder / "zambia.txt", PROTEST_ARTICLE)
    write(folder / "nested" / "nile.md", TALKS_ARTICLE)
    records = [
        {
            "id": "wire-7",
            "title": "Rebels release aid workers held since spring",
            "text": "Bamako, August 2 (SAW) -- Rebels in northern Mali released three "
            "aid workers on Friday. The Malian army said it had not paid a ransom.",
            "url": "https://www.sahelaw.example/2024/08/02/release",
            "source": "Sahel Wire",
            "published": "2024-08-02",
        }
    ]
    write(folder / "dump.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    return folder


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_a_worked_example(run_cli, command):
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout
    assert "newsledger " + command in result.stdout


def test_extract_json_follows_the_contract(run_cli, tmp_path):
    path = write(tmp_path / "zambia.txt", PROTEST_ARTICLE)
    result = run_cli("extract", str(path), "--published", "2023-10-03", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"article", "events", "quotes", "claims", "contradictions"}
    article = data["article"]
    assert article["title"] == "Police fire tear gas at teachers marching on parliament"
    assert article["source"] == "Zambia News Wire"
    assert article["url"] == "https://www.zambianewswire.example/2023/10/03/teachers-march"
    assert article["published"] == "2023-10-03"
    assert article["dateline"]["place"] == "Lusaka"
    assert article["dateline"]["agency"] == "ZNW"
    assert len(article["hash"]) == 64
    assert data["events"], "the article reports a protest and arrests"
    text = article["text"]
    assert text == _clean_text(run_cli, path), "the printed text is the one stored"
    for event in data["events"]:
        assert event["type"] in PLOVER_TYPES
        for key in ("id", "mode", "cameo", "acled", "actor", "recipient", "date",
                    "date_precision", "location", "fatalities", "injuries", "verbal",
                    "negated", "hypothetical", "confidence", "mentions"):  # fmt: skip
            assert key in event
        for mention in event["mentions"]:
            sentence = text[mention["start"] : mention["end"]]
            assert mention["text"] == sentence
            assert mention["trigger"] in sentence
            assert sentence == sentence.strip()
            assert mention["start"] == 0 or text[mention["start"] - 1].isspace()
            assert text[mention["end"] : mention["end"] + 1] in ("", " ", "\n")
    types = {e["type"] for e in data["events"]}
    assert {"COERCE", "PROTEST"} <= types
    speakers = [q["speaker"]["text"] for q in data["quotes"] if q["direct"] and q["speaker"]]
    assert any("Miriam Chanda" in s for s in speakers)


def _clean_text(run_cli, path: Path) -> str:
    """The article's clean text as the ledger stores it (offsets point into it)."""
    db = path.parent / "text.db"
    run_cli("ingest", str(path), "--db", str(db))
    return _rows(db, "SELECT text FROM articles")[0][0]


def test_every_offset_in_the_json_checks_against_the_printed_text(run_cli, corpus):
    result = run_cli("extract", str(corpus), "--json")
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)
    assert len(results) == 3 and sum(len(r["events"]) for r in results) >= 5
    for data in results:
        text = data["article"]["text"]
        for event in data["events"]:
            for mention in event["mentions"]:
                assert text[mention["start"] : mention["end"]] == mention["text"] != ""
                trigger = text[mention["trigger_start"] : mention["trigger_end"]]
                assert trigger == mention["trigger"]
            for role in ("actor", "recipient"):
                actor = event[role]
                if actor and actor["start"] is not None:
                    assert text[actor["start"] : actor["end"]] == actor["text"]
        for quote in data["quotes"]:
            assert quote["text"] in text[quote["start"] : quote["end"]]


def test_a_malformed_actor_dictionary_is_one_usage_error_before_any_reading(run_cli, corpus):
    bad = write(corpus.parent / "mine.csv", "alias,name,country,sector\nKorvali Brigade,,XX1,REB\n")
    db = corpus.parent / "x.db"
    for args in (["extract", str(corpus)], ["ingest", str(corpus), "--db", str(db)]):
        result = run_cli(*args, "--actors", str(bad))
        assert result.returncode == 2
        assert result.stderr.strip() == f"error: {bad}:2: country 'XX1' is not a 3-letter code"
        assert result.stdout == ""
    assert not db.exists(), "nothing was read or stored"
    through_env = run_cli("extract", str(corpus), env={"NEWSLEDGER_ACTORS": str(bad)})
    assert through_env.returncode == 2 and through_env.stderr.count("error:") == 1


def test_extract_without_json_prints_a_readable_summary(run_cli, tmp_path):
    path = write(tmp_path / "zambia.txt", PROTEST_ARTICLE)
    result = run_cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    assert "Police fire tear gas at teachers marching on parliament" in result.stdout
    assert "Zambia News Wire" in result.stdout
    assert "COERCE" in result.stdout
    assert "Lusaka [ZMB]" in result.stdout, "each event shows where it happened"


def test_extract_several_files_prints_an_array(run_cli, corpus):
    result = run_cli(
        "extract", str(corpus / "zambia.txt"), str(corpus / "nested" / "nile.md"), "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["article"]["source"] for d in data] == ["Zambia News Wire", "Nile Wire"]


def test_extract_json_lines_prints_one_result_per_line_in_input_order(run_cli, tmp_path):
    lines = [
        {"id": f"r{i}", "text": f"Protesters marched in Accra on day {i} of the strike."}
        for i in range(1, 5)
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(x) for x in lines))
    result = run_cli("extract", str(path), "--json")
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["article"]["id"] for o in outputs] == ["r1", "r2", "r3", "r4"]


def test_ingesting_the_same_folder_twice_changes_nothing(run_cli, corpus, tmp_path):
    db = tmp_path / "ledger.db"
    first = run_cli("ingest", str(corpus), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().endswith("ingested 3, unchanged 0, failed 0")
    before = _rows(db, "SELECT * FROM events ORDER BY id")
    second = run_cli("ingest", str(corpus), "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip().endswith("ingested 0, unchanged 3, failed 0")
    assert _rows(db, "SELECT * FROM events ORDER BY id") == before
    assert _rows(db, "SELECT count(*) FROM articles") == [(3,)]


def test_a_reformatted_copy_is_the_same_article(run_cli, tmp_path):
    write(tmp_path / "in" / "a.txt", PROTEST_ARTICLE)
    rewrapped = PROTEST_ARTICLE.replace("\n    outside", " outside").replace("  ", " ")
    write(tmp_path / "in" / "b.txt", rewrapped)
    result = run_cli("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "x.db"))
    assert result.stdout.strip().endswith("ingested 1, unchanged 1, failed 0")


def test_bad_files_are_reported_and_the_batch_goes_on(run_cli, corpus, tmp_path):
    db = tmp_path / "ledger.db"
    assert run_cli("ingest", str(corpus), "--db", str(db)).returncode == 0
    stored = _rows(db, "SELECT hash, text FROM articles ORDER BY hash")
    # what was coded stays as it was; its incident may grow with the new article
    coded = ", ".join(c[1] for c in _rows(db, "PRAGMA table_info(events)") if c[1] != "incident")
    events = _rows(db, f"SELECT {coded} FROM events ORDER BY id")

    bad = tmp_path / "bad"
    (bad).mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blob.bin").write_bytes(bytes(range(256)) * 40)
    (bad / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    write(bad / "fine.txt", PROTEST_ARTICLE.replace("Lusaka", "Ndola").replace("14", "9"))
    result = run_cli(
        "ingest", str(bad), str(corpus), str(tmp_path / "missing.txt"), "--db", str(db)
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    for name, reason in [
        ("empty.txt", "empty file"),
        ("blob.bin", "binary"),
        ("broken.pdf", "PDF"),
        ("missing.txt", "no such file"),
    ]:
        assert any(name in line and reason in line for line in errors), (name, errors)
    assert result.stdout.strip().endswith("ingested 1, unchanged 3, failed 4")
    stored_after = _rows(db, "SELECT hash, text FROM articles ORDER BY hash")
    assert set(stored) < set(stored_after) and len(stored_after) == 4
    old_hashes = {h for h, _ in stored}
    events_after = [
        e for e in _rows(db, f"SELECT {coded} FROM events ORDER BY id") if e[1] in old_hashes
    ]
    assert events_after == events


def test_standard_input_is_read_with_a_dash(run_cli, tmp_path):
    db = tmp_path / "stdin.db"
    result = run_cli(
        "ingest", "-", "--db", str(db), "--published", "2023-10-03",
        stdin=PROTEST_ARTICLE.replace("\n    ", "\n"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert _rows(db, "SELECT origin, published, published_from FROM articles") == [
        ("<stdin>", "2023-10-03", "option")
    ]


def test_ledger_path_comes_from_the_environment(run_cli, corpus, tmp_path):
    db = tmp_path / "from_env.db"
    result = run_cli("ingest", str(corpus / "zambia.txt"), env={"NEWSLEDGER_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()
    assert not (tmp_path / "newsledger.db").exists()


def test_articles_and_events_filters_and_formats(run_cli, corpus, tmp_path):
    db = str(tmp_path / "ledger.db")
    assert run_cli("ingest", str(corpus), "--db", db, "--published", "2024-05-06").returncode == 0

    listing = run_cli("articles", "--db", db, "--format", "json")
    titles = {a["title"] for a in json.loads(listing.stdout)}
    assert "Ministers hold talks on river dispute" in titles and len(titles) == 3

    dated = run_cli("articles", "--db", db, "--since", "2024-08-01", "--format", "csv")
    assert dated.stdout.splitlines()[0].startswith("id,published")
    assert [line.split(",")[0] for line in dated.stdout.splitlines()[1:]] == ["wire-7"]

    searched = run_cli("articles", "--db", db, "--search", "dam", "--format", "json")
    assert [a["source"] for a in json.loads(searched.stdout)] == ["Nile Wire"]

    coerce = json.loads(
        run_cli("events", "--db", db, "--type", "coerce", "--format", "json").stdout
    )
    assert coerce and all(e["type"] == "COERCE" for e in coerce)
    assert all(e["sentence"] and e["sentence_end"] > e["sentence_start"] for e in coerce)
    assert all(e["negated"] is False and "actor" not in e for e in coerce)  # one flat shape

    egypt = json.loads(run_cli("events", "--db", db, "--country", "EGY", "--format", "json").stdout)
    assert egypt and all(
        "EGY" in (e["actor_country"], e["recipient_country"], e["location_country"]) for e in egypt
    )

    by_actor = run_cli("events", "--db", db, "--actor", "police", "--format", "csv")
    rows = by_actor.stdout.splitlines()
    assert len(rows) > 1 and all("police" in row.lower() for row in rows[1:])

    nothing = run_cli("events", "--db", db, "--search", "volcano", "--format", "json")
    assert json.loads(nothing.stdout) == []


def test_listing_a_missing_ledger_is_a_clear_error(run_cli, tmp_path):
    result = run_cli("events", "--db", str(tmp_path / "nope.db"))
    assert result.returncode == 2
    assert "nope.db" in result.stderr and "no ledger" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_demo_ingests_the_bundled_sample_corpus(run_cli, tmp_path):
    db = tmp_path / "demo.db"
    result = run_cli("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "ingested 15, unchanged 1, failed 0" in result.stdout
    assert _rows(db, "SELECT count(*) FROM articles") == [(15,)]
    sources = {row[0] for row in _rows(db, "SELECT DISTINCT source FROM articles")}
    assert len(sources) >= 8
    types = {row[0] for row in _rows(db, "SELECT DISTINCT type FROM events")}
    assert {"ASSAULT", "PROTEST", "AGREE", "CONSULT", "SANCTION"} <= types


def test_demo_shows_when_where_and_how_many_and_explains_the_duplicate(run_cli, tmp_path):
    result = run_cli("demo", "--db", str(tmp_path / "demo.db"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = lines.index("date,place,killed,actor,recipient,sentence")
    rows = list(csv.DictReader(lines[header : header + 9]))
    assert len(rows) == 8
    assert all(row["date"] and row["place"] for row in rows), "each row says when and where"
    taiz = next(row for row in rows if "Taiz province" in row["sentence"])
    assert taiz["killed"] == "12+" and taiz["place"] == "Taiz [YEM]"
    assert (
        "unchanged: sudan_aid.txt is the same story as regional_feed.xml#entry1, put in the "
        "sample twice on purpose" in result.stdout
    )


def test_extract_reads_json_lines_from_standard_input(run_cli):
    lines = [
        json.dumps({"id": "s1", "text": "Rebels attacked an army convoy near Goma."}),
        json.dumps({"id": "s2", "text": "Police arrested ten protesters in Lagos."}),
    ]
    result = run_cli("extract", "-", "--json", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["article"]["id"] for o in outputs] == ["s1", "s2"]
    assert [o["events"][0]["type"] for o in outputs] == ["ASSAULT", "COERCE"]


def test_extract_takes_the_article_timeout_its_message_names(run_cli, tmp_path):
    # The guard's message says "raise --article-timeout": extract must take that option.
    slow = " ".join(
        f"Officials in Goma said talks would resume on Monday {n}." for n in range(6000)
    )
    lines = [
        json.dumps({"id": "slow", "text": slow}),
        json.dumps({"id": "quick", "text": "Rebels attacked an army convoy near Goma."}),
    ]
    source = write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    # 1 s is ten times a short article's extraction and is timed apart from loading.
    result = run_cli("extract", str(source), "--json", "--article-timeout", "1")
    assert result.returncode == 1, result.stderr
    assert f"error: {source}:1: extraction took longer than 1 s; skipped" in result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["article"]["id"] for o in outputs] == ["quick"]


def test_a_ledger_in_a_missing_folder_names_the_folder(run_cli, tmp_path):
    source = write(tmp_path / "a.txt", PROTEST_ARTICLE)
    result = run_cli("ingest", str(source), "--db", "nodir/x.db")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: nodir/x.db: the folder nodir does not exist (create it)"
    assert not (tmp_path / "nodir").exists()


@pytest.mark.parametrize(
    "option, value", [("--max-chars", "0"), ("--max-file-mb", "0"), ("--max-file-mb", "-1")]
)
def test_limits_that_would_refuse_every_file_are_usage_errors(run_cli, corpus, option, value):
    result = run_cli("extract", str(corpus), option, value)
    assert result.returncode == 2
    assert option in result.stderr and result.stdout == ""


def test_extract_summary_names_the_contradictions(run_cli, tmp_path):
    text = (
        "Strikes on Rafah kill 16\n\nIsraeli strikes on Rafah killed 16 people on Monday, the "
        "army said. Palestinian health officials said 40 people were killed in the strikes.\n"
    )
    result = run_cli("extract", str(write(tmp_path / "rafah.txt", text)))
    assert result.returncode == 0, result.stderr
    summary = " ".join(result.stdout.split())
    assert "contradiction:" in summary
    assert "Palestinian health officials" in summary and "cannot be true" in summary


def test_help_loads_no_parser_reader_or_dataframe_library():
    """`newsledger --help` (and `import newsledger`) stays quick: spaCy, the HTML and
    PDF readers, pandas, matplotlib and FastAPI load only when a command needs them
    (the time is measured in benchmarks/RESULTS.md, Start-up)."""
    probe = (
        "import sys, newsledger, newsledger.cli;"
        "heavy = ('spacy', 'trafilatura', 'pypdf', 'pandas', 'matplotlib', 'fastapi');"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
