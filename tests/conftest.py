"""Shared fixtures: the real CLI in a subprocess, the real spaCy pipeline, written articles."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
FOUNDING_ARTICLE = SHARED / "000_5d2059cc555be244.txt"


@pytest.fixture(scope="session")
def nlp():
    from newsledger.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture
def founding_article() -> Path:
    if not FOUNDING_ARTICLE.exists():
        pytest.skip("../shared/000_5d2059cc555be244.txt is not beside this checkout")
    return FOUNDING_ARTICLE


def newsledger_cli(
    cwd: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m newsledger ARGS` in `cwd`, as a user would from a shell; without
    `env`, $NEWSLEDGER_DB is left out so that the default ledger path is used."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("NEWSLEDGER_DB", None) if env is None else None
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=300,
    )


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """`newsledger_cli` in tmp_path."""

    def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
        return newsledger_cli(tmp_path, *args, stdin=stdin, env=env)

    return run


def write(path: Path, text: str) -> Path:
    """Write a fixture file (dedented), creating folders on the way."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


PROTEST_ARTICLE = """
    Police fire tear gas at teachers marching on parliament
    Union vows to continue strike until pay deal is signed

    Lusaka, October 3 (ZNW) -- Zambian police fired tear gas at thousands of striking
    teachers who marched on parliament on Thursday, and officers arrested 14 union members
    outside the building.

    "We will not return to classrooms until the government signs the agreement," union
    leader Miriam Chanda told reporters after the march.

    The education ministry said the strike was illegal and urged teachers to return to work.

    https://www.zambianewswire.example/2023/10/03/teachers-march
    Source: Zambia News Wire
    """

TALKS_ARTICLE = """
    # Ministers hold talks on river dispute

    **Cairo, May 6 (NLW)** -- Egyptian Foreign Minister Karim Adel met his Ethiopian
    counterpart in Cairo on Monday to discuss the filling of a dam on the Nile.

    The two ministers agreed to resume technical negotiations next month, a spokesman
    for the Egyptian foreign ministry said.

    ---

    <https://www.nilewire.example/2024/05/06/dam-talks>

    **Nile Wire**
    """
