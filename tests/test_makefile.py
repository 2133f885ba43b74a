"""The README's two commands: `make run` installs the runtime alone, `make test` the
extras the tests need (Ray, pyarrow, DuckDB: about 700 MB more)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _planned(target: str, venv: Path) -> list[str]:
    """The commands `make TARGET` would run on a machine with no virtual environment."""
    if shutil.which("make") is None:
        pytest.fail("make is needed: the README's quick start runs it")
    # Run as a top-level make even when the suite itself runs under `make test`.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", target, f"VENV={venv}"],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if not line.startswith("make")]


def test_make_run_installs_the_runtime_without_the_dev_extras(tmp_path):
    lines = _planned("run", tmp_path / "venv")
    installs = [line for line in lines if "pip install" in line and "-e" in line]
    assert installs and all("[dev]" not in line and "[ray]" not in line for line in installs)
    assert lines[-1].endswith("newsledger demo")


def test_make_test_installs_the_dev_extras_then_runs_pytest(tmp_path):
    lines = _planned("test", tmp_path / "venv")
    assert any("pip install" in line and ".[dev]" in line for line in lines)
    assert lines[-1].endswith("-m pytest")
