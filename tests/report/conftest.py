"""Fixtures of the report tests: the demo ledger and its report, built once per session,
and Debian's chromium for the browser test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.conftest import newsledger_cli

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def demo_ledger(tmp_path_factory) -> Path:
    """`newsledger demo` run once: the bundled sample corpus in a ledger."""
    folder = tmp_path_factory.mktemp("demo")
    result = newsledger_cli(folder, "demo", "--db", "demo.db")
    assert result.returncode == 0, result.stderr
    return folder / "demo.db"


@pytest.fixture(scope="session")
def demo_report(demo_ledger: Path) -> Path:
    """`newsledger report` on the demo ledger, as HTML."""
    result = newsledger_cli(demo_ledger.parent, "report", "--db", "demo.db", "--out", "r.html")
    assert result.returncode == 0, result.stderr
    return demo_ledger.parent / "r.html"


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium; a missing one fails the run under CI=true, else skips."""
    if CHROMIUM.exists():
        return CHROMIUM
    message = "Debian's chromium is not installed at /usr/bin/chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}: CI must run the browser test (apt-get install chromium)")
    pytest.skip(f"{message} (`make test` installs it when run as root)")
