"""`newsledger watch` as a user starts it, in the background, and waiting on what it does."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def start_watch(folder: Path, *args: str) -> subprocess.Popen[bytes]:
    """`newsledger watch ARGS`, its stdout and stderr in folder/out.log and err.log (files:
    a pipe nobody reads would fill and stall it). Loopback never goes through a proxy."""
    env = {**os.environ, "NO_COLOR": "1", "NO_PROXY": "127.0.0.1,localhost"}
    with (folder / "out.log").open("wb") as out, (folder / "err.log").open("wb") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "newsledger", "watch", *args],
            stdout=out, stderr=err, env=env, start_new_session=True,
        )  # fmt: skip


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}")
        time.sleep(0.05)


def count(db: Path, sql: str = "SELECT count(*) FROM articles") -> int:
    """A count, or 0 while the ledger is not there yet (or is being created)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def log(folder: Path, name: str = "err.log") -> list[str]:
    return (folder / name).read_text(encoding="utf-8").splitlines()
