"""Long commands show a progress line on a terminal, and keep pipes clean.

The command runs with its stderr on a real pseudo-terminal (os.openpty), as in a shell;
stdout stays a pipe, so the closing summary can still be read by scripts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROTEST_ARTICLE, TALKS_ARTICLE, write


def _ingest(folder: Path, db: Path, stderr_on_terminal: bool) -> tuple[str, str]:
    """(stdout, stderr) of `newsledger ingest FOLDER --db DB`."""
    command = [sys.executable, "-m", "newsledger", "ingest", str(folder), "--db", str(db)]
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    if not stderr_on_terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        return done.stdout, done.stderr
    primary, secondary = os.openpty()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=secondary, text=True, env=env
    )
    os.close(secondary)
    screen = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the command closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    stdout = process.stdout.read()
    process.wait(timeout=300)
    os.close(primary)
    return stdout, screen.decode("utf-8", "replace")


def test_ingest_draws_progress_on_a_terminal_and_not_into_a_pipe(tmp_path: Path):
    folder = tmp_path / "corpus"
    write(folder / "zambia.txt", PROTEST_ARTICLE)
    write(folder / "nile.md", TALKS_ARTICLE)

    stdout, terminal = _ingest(folder, tmp_path / "tty.db", stderr_on_terminal=True)
    assert stdout.strip() == "ingested 2, unchanged 0, failed 0"
    assert "articles" in terminal  # the progress line: "... 2 articles 0:00:01"
    assert "\x1b[" in terminal  # drawn with terminal control codes

    stdout, piped = _ingest(folder, tmp_path / "pipe.db", stderr_on_terminal=False)
    assert stdout.strip() == "ingested 2, unchanged 0, failed 0"
    assert "articles" not in piped and "\x1b[" not in piped
