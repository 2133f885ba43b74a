"""A refused file is left as it was, and a ledger on read-only storage can be queried."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import PROTEST_ARTICLE, TALKS_ARTICLE, write

from newsledger.ledger.schema import latest_version


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES ('not a ledger')")
    return path


def _newer_ledger(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE articles (hash TEXT)")
        db.execute(f"PRAGMA user_version = {latest_version() + 5}")
    return path


def _lookalike(path: Path) -> Path:
    """Another program's file with a user_version and tables named like a ledger's."""
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE articles (id, title); CREATE TABLE events (id);"
            "CREATE TABLE extractions (id); PRAGMA user_version = 1;"
        )
    return path


def _versioned_other(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.executescript("CREATE TABLE settings (key, value); PRAGMA user_version = 1;")
    return path


def _text_file(path: Path) -> Path:
    path.write_text("these are my notes, not a database\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "make, reason",
    [
        (_foreign_sqlite, "not a newsledger ledger"),
        (_newer_ledger, "newer than this newsledger knows"),
        (_text_file, "not a usable SQLite ledger"),
        (_lookalike, "not a newsledger ledger"),
        (_versioned_other, "not a newsledger ledger"),
    ],
)
@pytest.mark.parametrize("command", ["ingest", "events", "articles"])
def test_a_refused_file_is_left_byte_for_byte_as_it_was(run_cli, tmp_path, make, reason, command):
    db = make(tmp_path / "mine.db")
    before = _digest(db)
    article = write(tmp_path / "a.txt", PROTEST_ARTICLE)
    args = [command, str(article)] if command == "ingest" else [command]
    result = run_cli(*args, "--db", str(db))
    assert result.returncode == 2
    assert reason in result.stderr and "mine.db" in result.stderr
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "mine.db"]  # no -wal, -shm


def _on_read_only_storage(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with `folder` on read-only storage: a read-only bind mount for root
    (file modes do not stop root), the folder's write bits removed for anyone else."""
    command = [sys.executable, "-m", "newsledger", *args]
    env = {**os.environ, "NO_COLOR": "1"}
    if os.geteuid() != 0:
        folder.chmod(0o555)
        for file in folder.iterdir():
            file.chmod(0o444)
        try:
            return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        finally:
            folder.chmod(0o755)
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.fail("root needs unshare (util-linux) to mount a folder read-only")
    script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    result = subprocess.run(
        [unshare, "--mount", "sh", "-c", script, str(folder), *command],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    if "mount" in result.stderr and result.returncode != 0 and "newsledger" not in result.stderr:
        pytest.fail(f"could not mount {folder} read-only: {result.stderr.strip()}")
    return result


@pytest.fixture
def stored(run_cli, tmp_path) -> Path:
    """A ledger holding one article, in a folder of its own."""
    folder = tmp_path / "archive"
    folder.mkdir()
    article = write(tmp_path / "zambia.txt", PROTEST_ARTICLE)
    result = run_cli("ingest", str(article), "--db", str(folder / "l.db"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["l.db"]  # WAL files gone on close
    return folder / "l.db"


def test_a_ledger_on_read_only_storage_can_be_queried(stored):
    before = _digest(stored)
    events = _on_read_only_storage(stored.parent, "events", "--db", str(stored),
                                   "--format", "json")  # fmt: skip
    assert events.returncode == 0, events.stderr
    assert any(row["type"] == "PROTEST" for row in json.loads(events.stdout))
    found = _on_read_only_storage(stored.parent, "articles", "--db", str(stored),
                                  "--search", "tear gas", "--format", "json")  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert [row["title"] for row in json.loads(found.stdout)] == [
        "Police fire tear gas at teachers marching on parliament"
    ]
    assert _digest(stored) == before


def test_writing_to_a_read_only_ledger_says_so_and_changes_nothing(stored, tmp_path):
    before = _digest(stored)
    article = write(tmp_path / "nile.md", TALKS_ARTICLE)
    result = _on_read_only_storage(stored.parent, "ingest", str(article), "--db", str(stored))
    assert result.returncode == 2
    assert "l.db: the ledger is read-only" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _digest(stored) == before
    new = _on_read_only_storage(stored.parent, "ingest", str(article),
                                "--db", str(stored.parent / "new.db"))  # fmt: skip
    assert new.returncode == 2
    assert "cannot create a ledger here (the folder is read-only)" in new.stderr


@pytest.mark.parametrize("content", [b"", None], ids=["zero-bytes", "empty-sqlite"])
@pytest.mark.parametrize("command", ["events", "articles"])
def test_a_query_never_turns_an_empty_file_into_a_ledger(run_cli, tmp_path, content, command):
    db = tmp_path / "empty.db"
    if content is None:
        sqlite3.connect(db).close()
    db.write_bytes(content) if content is not None else None
    before = _digest(db)
    result = run_cli(command, "--db", str(db))
    assert result.returncode == 2
    assert "no ledger here" in result.stderr
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]
