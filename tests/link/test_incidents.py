"""Incidents across articles (issue 13), on the multi-outlet corpus written for these
tests (`data/`: 68 articles, 20 incidents, 19 outlets, near-misses and copies) and on
small passages: order independence, copies, near-misses, sources and their tolls, and
why each event joined."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.evaluate.incidents_gold import predicted_clusters, score_clusters
from newsledger.extract import extract, extract_many
from newsledger.ingest import read_sources
from newsledger.ledger import Ledger
from newsledger.ledger.query import Filters, select_events, select_incidents

DATA = Path(__file__).parent / "data"


def _corpus() -> list[Article]:
    """The corpus as `newsledger ingest` reads it (datelines, titles, record fields)."""
    articles = list(read_sources([DATA / "corpus.jsonl"]))
    assert all(isinstance(a, Article) for a in articles)
    return articles  # type: ignore[return-value]


@pytest.fixture(scope="module")
def extractions():
    return list(extract_many(_corpus()))


def _ledger(path: Path, extractions, seed: int | None = None, batch: int = 7) -> Path:
    ordered = list(extractions)
    if seed is not None:
        random.Random(seed).shuffle(ordered)
    with Ledger(path) as ledger:
        for start in range(0, len(ordered), batch):
            ledger.write(ordered[start : start + batch])
    return path


def _membership(path: Path) -> set[frozenset[str]]:
    db = sqlite3.connect(path)
    groups: dict[str, set[str]] = {}
    for event, incident in db.execute("SELECT id, incident FROM events WHERE incident NOT NULL"):
        groups.setdefault(incident, set()).add(event)
    db.close()
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def corpus_ledger(tmp_path_factory, extractions) -> Path:
    return _ledger(tmp_path_factory.mktemp("incidents") / "l.db", extractions)


def test_three_orders_give_the_same_incidents(tmp_path, extractions, corpus_ledger):
    first = _membership(corpus_ledger)
    for seed in (1, 2):
        assert _membership(_ledger(tmp_path / f"{seed}.db", extractions, seed, batch=5)) == first


def test_a_rebuild_gives_the_same_incidents(tmp_path, corpus_ledger):
    copy = tmp_path / "copy.db"
    copy.write_bytes(corpus_ledger.read_bytes())
    before = _membership(copy)
    with Ledger(copy, create=False) as ledger:
        ledger.link(rebuild=True)
    assert _membership(copy) == before


def _state(path: Path) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Every incident record, every event's incident and every copy mark."""
    db = sqlite3.connect(path)
    state = (
        db.execute("SELECT id, record FROM incidents ORDER BY id").fetchall(),
        db.execute("SELECT id, incident FROM events ORDER BY id").fetchall(),
        db.execute("SELECT hash, copy_of FROM articles ORDER BY hash").fetchall(),
    )
    db.close()
    return state


def _copy(ledger: Path, path: Path) -> Path:
    path.write_bytes(ledger.read_bytes())
    return path


@pytest.mark.parametrize("page, hashes_per_query", [(1, 1), (3, 2), (7, 500), (2000, 500)])
def test_a_rebuild_in_pages_writes_what_one_pass_does(
    tmp_path, corpus_ledger, monkeypatch, page, hashes_per_query
):
    # pages of seeds by id: a block linked from an earlier page is not found again
    from newsledger.link import blocks, linker

    monkeypatch.setattr(linker, "_SEED_PAGE", page)
    monkeypatch.setattr(blocks, "_HASHES_PER_QUERY", hashes_per_query)
    path = _copy(corpus_ledger, tmp_path / "paged.db")
    with Ledger(path, create=False) as ledger:
        written = ledger.link(rebuild=True)
    assert _state(path) == _state(corpus_ledger)
    assert written >= len(_membership(path))  # a block's incidents, once per writing


@pytest.mark.parametrize("page", [1, 2, 5])
def test_a_page_of_events_without_a_day_does_not_end_the_pass(
    tmp_path, corpus_ledger, monkeypatch, page
):
    # the articles first in id order lose their day: their events are no seeds
    from newsledger.link import linker

    path = _copy(corpus_ledger, tmp_path / "undated.db")
    db = sqlite3.connect(path)
    first = [r[0] for r in db.execute("SELECT hash FROM articles ORDER BY hash LIMIT 6")]
    marks = ",".join("?" * len(first))
    db.execute(f"UPDATE articles SET published = NULL WHERE hash IN ({marks})", first)
    db.execute(f"UPDATE events SET date = NULL WHERE article_hash IN ({marks})", first)
    db.commit()
    db.close()
    whole = _copy(path, tmp_path / "whole.db")
    with Ledger(whole, create=False) as ledger:
        ledger.link(rebuild=True)
    monkeypatch.setattr(linker, "_SEED_PAGE", page)
    with Ledger(path, create=False) as ledger:
        ledger.link(rebuild=True)
    assert _state(path) == _state(whole)
    assert len(_membership(path)) > 20


def test_link_leaves_a_linked_ledger_as_it_is(tmp_path, corpus_ledger):
    # its negated and undated-abroad events have no incident, and never will
    path = _copy(corpus_ledger, tmp_path / "linked.db")
    with Ledger(path, create=False) as ledger:
        assert ledger.link() == 0
    assert _state(path) == _state(corpus_ledger)


@pytest.mark.parametrize("articles", [1, 3, 68])
def test_link_links_only_what_has_no_incident(tmp_path, corpus_ledger, articles):
    path = _copy(corpus_ledger, tmp_path / "unlinked.db")
    db = sqlite3.connect(path)
    chosen = [
        r[0] for r in db.execute("SELECT hash FROM articles ORDER BY hash LIMIT ?", (articles,))
    ]
    marks = ",".join("?" * len(chosen))
    db.execute(
        f"DELETE FROM incidents WHERE id IN (SELECT incident FROM events "
        f"WHERE article_hash IN ({marks}))",
        chosen,
    )
    db.execute(f"UPDATE events SET incident = NULL WHERE article_hash IN ({marks})", chosen)
    db.commit()
    db.close()
    with Ledger(path, create=False) as ledger:
        assert ledger.link() > 0
        assert ledger.link() == 0
    assert _state(path) == _state(corpus_ledger)


def _lead_incident(db: sqlite3.Connection, article: str) -> str | None:
    """The incident of the article's first unflagged event: its headline's happening."""
    row = db.execute(
        "SELECT e.incident FROM events e JOIN articles a ON a.hash = e.article_hash "
        "WHERE a.id = ? AND NOT (e.negated OR e.hypothetical OR e.future OR e.generic "
        "OR e.historical) ORDER BY e.position LIMIT 1",
        (article,),
    ).fetchone()
    return row[0] if row else None


def test_every_near_miss_pair_is_kept_apart(corpus_ledger):
    db = sqlite3.connect(corpus_ledger)
    pairs = json.loads((DATA / "near_misses.json").read_text())
    assert len(pairs) >= 6
    for first, second in pairs:
        a, b = _lead_incident(db, first), _lead_incident(db, second)
        assert a is not None and b is not None
        assert a != b, (first, second)


def test_copies_of_one_report_are_one_source(corpus_ledger):
    db = sqlite3.connect(corpus_ledger)
    db.row_factory = sqlite3.Row
    for group in json.loads((DATA / "copies.json").read_text()):
        marks = ",".join("?" * len(group))
        roots = {
            row["root"]
            for row in db.execute(
                f"SELECT coalesce(copy_of, hash) AS root FROM articles WHERE id IN ({marks})", group
            )
        }
        assert len(roots) == 1, group
        incident = _lead_incident(db, group[0])
        record = json.loads(
            db.execute("SELECT record FROM incidents WHERE id = ?", (incident,)).fetchone()[0]
        )
        listed = [s for s in record["sources"] if set(group) & {s["article"], *s["copies"]}]
        assert len(listed) == 1 and sorted([listed[0]["article"], *listed[0]["copies"]]) == sorted(
            group
        )


def test_clustering_scores_on_the_corpus(corpus_ledger):
    """The issue's bar, by its main-event rule (the highest-toll unflagged event, an
    earlier happening told as background aside): B-cubed F1 0.92 and pairwise precision
    0.95 (README, Incidents, has the measured figures); the headline events' clusters
    are as precise."""
    gold = {
        json.loads(line)["id"]: json.loads(line)["incident"]
        for line in (DATA / "gold.jsonl").read_text().splitlines()
    }
    db = sqlite3.connect(corpus_ledger)
    db.row_factory = sqlite3.Row
    headline = {a: _lead_incident(db, a) or f"article:{a}" for a in gold}
    lead = score_clusters(gold, headline)
    assert lead.pairwise["precision"] >= 0.95 and lead.bcubed["precision"] >= 0.95
    main = score_clusters(gold, predicted_clusters(db))
    assert main.bcubed["f1"] >= 0.92 and main.pairwise["precision"] >= 0.95


def test_a_retold_deadlier_happening_is_not_an_articles_main_event(tmp_path):
    """The toll of a background happening ("came hours after a car bomb killed 11")
    is higher than the news's, yet the article is clustered by its news."""
    reports = [
        ("Militants fired mortar shells at Mogadishu airport on Tuesday, killing two "
         "guards. The attack came hours after a car bomb killed 11 people in Beledweyne.",
         "Horn Wire", "2024-07-09", "m1"),
        ("Mortar shells fired by militants killed two guards at Mogadishu airport on "
         "Tuesday, police said.", "Coast Post", "2024-07-09", "m2"),
        ("A car bomb killed 11 people at a checkpoint in Beledweyne on Tuesday.",
         "Gulf Desk", "2024-07-09", "b1"),
    ]  # fmt: skip
    path = tmp_path / "retold.db"
    with Ledger(path) as ledger:
        ledger.write([extract(_article(*report)) for report in reports])
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    predicted = predicted_clusters(db)
    assert predicted["m1"] == predicted["m2"] != predicted["b1"]
    # the retold bombing still corroborates its own incident
    background = db.execute(
        "SELECT e.incident FROM events e JOIN articles a ON a.hash = e.article_hash "
        "WHERE a.id = 'm1' AND e.background = 1"
    ).fetchall()
    assert [row["incident"] for row in background] == [predicted["b1"]]


# -- small passages -----------------------------------------------------------------------


def _article(text: str, source: str, published: str, ident: str) -> Article:
    return Article(
        text=text, source=source, published=date.fromisoformat(published), external_id=ident
    )


@pytest.fixture
def tolls_ledger(tmp_path) -> Path:
    reports = [
        ("A car bomb killed 12 people at a market in Mogadishu on Monday, police said.",
         "Horn Wire", "2024-07-01", "r1"),
        ("The death toll from Monday's car bombing at a Mogadishu market rose to 20, "
         "hospital officials said.", "Coast Post", "2024-07-02", "r2"),
        ("A car bomb exploded at a market in Mogadishu on Monday, killing 40 people, a "
         "local elder said.", "Gulf Desk", "2024-07-01", "r3"),
        ("Gunmen killed three traders at a market in Kismayo on Monday.", "Horn Wire",
         "2024-07-01", "r4"),
        ("Police said they might raid the Mogadishu market on Monday.", "Coast Post",
         "2024-07-01", "r5"),
    ]  # fmt: skip
    path = tmp_path / "tolls.db"
    with Ledger(path) as ledger:
        ledger.write([extract(_article(*report)) for report in reports])
    return path


def _incident_of(path: Path, article: str) -> dict:
    db = sqlite3.connect(path)
    incident = _lead_incident(db, article)
    row = db.execute("SELECT record FROM incidents WHERE id = ?", (incident,)).fetchone()
    return json.loads(row[0])


def test_an_incident_keeps_each_sources_toll_and_their_disagreement(tolls_ledger):
    record = _incident_of(tolls_ledger, "r1")
    assert sorted(record["articles"]) == ["r1", "r2", "r3"]
    figures = {s["article"]: s["fatalities"]["min"] for s in record["sources"]}
    assert figures == {"r1": 12, "r2": 20, "r3": 40}
    assert record["fatalities"] == {"min": 12, "max": 40}
    assert record["outlets"] == 3 and record["location"]["country"] == "SOM"
    notes = [c["note"] for c in record["contradictions"]]
    # 12 (Monday) and 40 (Monday) cannot both be true; 20 the next day is a rise, and
    # 40 then 20 is no rise
    pairs = sorted(tuple(c["sources"]) for c in record["contradictions"])
    order = [s["article"] for s in record["sources"]]
    assert (order.index("r1"), order.index("r3")) in pairs or (
        order.index("r3"),
        order.index("r1"),
    ) in pairs
    assert all("cannot be true" in note for note in notes)
    assert not any(
        {order[i], order[j]} == {"r1", "r2"}
        for i, j in (c["sources"] for c in record["contradictions"])
    )


def test_another_city_and_a_hypothetical_raid_stay_out(tolls_ledger):
    record = _incident_of(tolls_ledger, "r1")
    assert "r4" not in record["articles"]  # Kismayo, the same day
    db = sqlite3.connect(tolls_ledger)
    flagged = db.execute(
        "SELECT count(*) FROM events e JOIN articles a ON a.hash = e.article_hash "
        "WHERE a.id = 'r5' AND e.hypothetical AND e.incident IS NOT NULL"
    ).fetchone()[0]
    assert flagged == 0


def test_events_and_incidents_list_each_other(tolls_ledger):
    with Ledger(tolls_ledger, read_only=True) as ledger:
        events = select_events(ledger.connection, Filters())
        incidents = select_incidents(ledger.connection, Filters(min_sources=2))
    assert len(incidents) == 1
    members = set(json.loads(incidents[0]["record"])["events"])
    assert {e["id"] for e in events if e["incident"] == incidents[0]["id"]} == members


def test_incidents_show_why_names_the_features_that_joined(run_cli, tolls_ledger):
    listing = run_cli("incidents", "--db", str(tolls_ledger), "--format", "json")
    assert listing.returncode == 0, listing.stderr
    incident = next(i for i in json.loads(listing.stdout) if len(i["articles"]) > 1)
    for field in ("id", "type", "date", "date_precision", "location", "fatalities", "sources",
                  "articles", "events"):  # fmt: skip
        assert field in incident
    shown = run_cli("incidents", "show", incident["id"], "--db", str(tolls_ledger), "--why")
    assert shown.returncode == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    assert "joined" in text and "place 1.0" in text and "nearest other" in text
    missing = run_cli("incidents", "show", "inc-000000000000", "--db", str(tolls_ledger))
    assert missing.returncode == 2 and "no incident inc-000000000000" in missing.stderr


def test_a_ledger_from_before_incidents_is_linked_by_link(run_cli, tmp_path):
    old = Path(__file__).parents[1] / "ledger" / "fixtures" / "ledger_schema2.sqlite"
    path = tmp_path / "old.db"
    path.write_bytes(old.read_bytes())
    before = run_cli("incidents", "--db", str(path), "--format", "json")
    assert before.returncode == 0 and json.loads(before.stdout) == []  # migrated, not linked
    linked = run_cli("link", "--db", str(path))
    assert linked.returncode == 0, linked.stderr
    assert "incidents:" in linked.stderr
    after = json.loads(run_cli("incidents", "--db", str(path), "--format", "json").stdout)
    db = sqlite3.connect(path)
    unflagged = db.execute(
        "SELECT count(*) FROM events WHERE location_country IS NOT NULL AND NOT (negated OR "
        "hypothetical OR future OR generic OR historical) AND incident IS NULL "
        "AND coalesce(date_precision, '') != 'year'"
    ).fetchone()[0]
    assert after and unflagged == 0
