"""Store what `newsledger extract sample --json` prints for the bundled sample corpus, as
tests/data/sample_extract.json.gz, the output tests/test_sample_output.py holds every
change to.

Run it only when a change is meant to alter the output (a better rule, a new field), and
say in the commit what changed and why; a change meant to keep it (a speed-up) must not
need it.

    .venv/bin/python scripts/store_sample_output.py
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "newsledger" / "resources" / "sample"
STORED = ROOT / "tests" / "data" / "sample_extract.json.gz"


def sample_output() -> str:
    """The extract output for a copy of the sample corpus in a fresh folder, named
    `sample`, so that each article's origin is the same on every machine."""
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(SAMPLE, Path(folder) / "sample")
        done = subprocess.run(
            [sys.executable, "-m", "newsledger", "extract", "sample", "--json"],
            cwd=folder, capture_output=True, text=True, check=False,
        )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"newsledger extract failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def main() -> None:
    text = sample_output()
    # mtime=0: the same output gives the same file, so git sees no change
    STORED.write_bytes(gzip.compress(text.encode(), compresslevel=9, mtime=0))
    print(f"wrote {STORED.relative_to(ROOT)} ({len(text):,} characters of JSON)")


if __name__ == "__main__":
    main()
