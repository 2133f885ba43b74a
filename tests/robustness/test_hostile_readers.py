"""Every reader on hostile input, by property-based testing with hypothesis: the answer
is an Article that holds together or an error of one line, never an exception, never
slow (`fuzz.py`, `documents.py`).

The quick runs draw 200 documents a reader from hypothesis (a failure shrinks to a small
document); `pytest -m "not long"` runs them. The long run (marked `long`; the whole
suite, as CI runs it, runs it instead of the quick ones: conftest.py) builds 10,000 a
reader from seeds hypothesis draws, on two processes at once, and prints how many it
tried and how long each reader took.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest
from tests.robustness.fuzz import READERS, explore_drawn, explore_seeded

QUICK, LONG = 200, 10_000


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_reader_answers_hostile_input_with_an_article_or_one_line(reader):
    assert explore_drawn(reader, QUICK) >= QUICK


@pytest.mark.long
def test_every_reader_on_10000_hostile_documents(capsys):
    # HTML costs trafilatura about 6 ms a page, several times any other reader: its
    # 10,000 go in two halves, so that the two processes finish together.
    shards = [("html", LONG // 2), ("html", LONG - LONG // 2)]
    shards += [(reader, LONG) for reader in sorted(READERS) if reader != "html"]
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        runs = list(pool.map(explore_seeded, *zip(*shards, strict=True)))
    tried: dict[str, int] = {}
    seconds: dict[str, float] = {}
    for reader, count, spent in runs:
        tried[reader] = tried.get(reader, 0) + count
        seconds[reader] = seconds.get(reader, 0) + spent
    with capsys.disabled():
        print("\n" + ", ".join(f"{r}: {tried[r]:,} in {seconds[r]:.0f} s" for r in tried))
    assert set(tried) == set(READERS) and min(tried.values()) >= LONG, tried
