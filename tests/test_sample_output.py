"""The extraction output for the bundled sample corpus, byte for byte as stored.

A speed-up must not change what newsledger finds: `newsledger extract sample --json` is
compared with tests/data/sample_extract.json.gz, written by
scripts/store_sample_output.py (run it only for a change meant to alter the output).
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "store_sample_output.py"


def _store_script():
    spec = importlib.util.spec_from_file_location("store_sample_output", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_corpus_output_is_byte_identical_to_the_stored_one():
    script = _store_script()
    stored = gzip.decompress(script.STORED.read_bytes()).decode()
    now = script.sample_output()
    if now == stored:
        return
    old_lines, new_lines = stored.splitlines(), now.splitlines()
    first = next(
        (n for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b),
        min(len(old_lines), len(new_lines)),
    )
    context = slice(max(0, first - 8), first + 3)
    raise AssertionError(
        f"extract output differs from the stored one at line {first + 1} "
        f"({len(old_lines)} lines stored, {len(new_lines)} now).\n"
        "stored:\n"
        + "\n".join(old_lines[context])
        + "\nnow:\n"
        + "\n".join(new_lines[context])
        + "\nIf the change is meant: python scripts/store_sample_output.py, and say why."
    )


def test_stored_output_holds_every_sample_article_with_events():
    import json

    stored = json.loads(gzip.decompress(_store_script().STORED.read_bytes()))
    assert len(stored) == 16  # 16 articles in 11 files (SAMPLE_CORPUS.md)
    assert sum(len(result["events"]) for result in stored) > 100
    assert all(result["article"]["origin"].startswith("sample/") for result in stored)
