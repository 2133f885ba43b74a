"""What linking events into incidents costs within ingest, and how it grows.

Generates (or reads) a corpus with `generate.py`, extracts it once, writes it to a fresh
ledger in batches of 64 as `newsledger ingest` does, and times `link_articles` inside
those writes. Run on a quiet machine:

    .venv/bin/python benchmarks/linking.py --counts 200 800
    .venv/bin/python benchmarks/linking.py --counts 200 800 --write   # appends to RESULTS.md

Targets (issue 13): linking under 10% of ingest time, and its time per article near
constant as the ledger grows (candidates are blocked by country and date).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import newsledger.ledger.store as store
from newsledger.extract import extract_many
from newsledger.ingest import read_sources
from newsledger.ledger import Ledger

HERE = Path(__file__).parent


def measure(count: int, work: Path) -> dict[str, float]:
    corpus = work / f"corpus_{count}.jsonl"
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--count", str(count), "--seed", "7",
         "--out", str(corpus)],
        check=True, capture_output=True,
    )  # fmt: skip
    spent = [0.0]
    original = store.link_articles

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    store.link_articles = timed
    try:
        start = time.perf_counter()
        extractions = list(extract_many(a for a in read_sources([corpus])))
        extracted = time.perf_counter()
        with Ledger(work / f"ledger_{count}.db") as ledger:
            for first in range(0, len(extractions), 64):
                ledger.write(extractions[first : first + 64])
        done = time.perf_counter()
    finally:
        store.link_articles = original
    with Ledger(work / f"ledger_{count}.db", read_only=True) as ledger:
        db = ledger.connection
        events = db.execute("SELECT count(*) FROM events").fetchone()[0]
        linked = db.execute("SELECT count(*) FROM events WHERE incident IS NOT NULL").fetchone()[0]
        incidents = db.execute("SELECT count(*) FROM incidents").fetchone()[0]
    return {
        "articles": count, "events": events, "linked": linked, "incidents": incidents,
        "extract_s": extracted - start, "write_s": done - extracted, "link_s": spent[0],
        "total_s": done - start,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[200, 800])
    parser.add_argument("--write", action="store_true", help="append the table to RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = [measure(count, Path(folder)) for count in args.counts]
    lines = [
        "| articles | events | linked | incidents | ingest (s) | linking (s) | share "
        "| ms/article |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['events']:,} | {r['linked']:,} | {r['incidents']:,} | "
            f"{r['total_s']:.1f} | {r['link_s']:.2f} | {r['link_s'] / r['total_s']:.1%} | "
            f"{1000 * r['link_s'] / r['articles']:.1f} |"
        )
    table = "\n".join(lines)
    print(table)
    if args.write:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        with (HERE / "RESULTS.md").open("a", encoding="utf-8") as results:
            results.write(
                f"\n## Linking into incidents, run of {stamp}\n\n"
                f"Command: `python benchmarks/linking.py --counts "
                f"{' '.join(map(str, args.counts))} --write` (2 cores; extraction once, then "
                "writes in batches of 64 with linking timed inside them).\n\n"
                f"{table}\n"
            )


if __name__ == "__main__":
    main()
