"""Extraction's cost per event counted in machine instructions, to compare two versions
of the code on a machine whose timings move.

On this shared 2-core machine the same extraction takes 10 to 15% more or less CPU time
from one run to the next (RESULTS.md), more than most single changes to extraction save.
The number of instructions a process executes does not move that way: valgrind's
callgrind tool counts every one. The script parses the first `--count` articles of a
generated corpus once, natively, and keeps the docs in a spaCy DocBin in `--work-dir`.
Then two processes run under callgrind with the same hash seed: both load the pipeline,
the tables and the docs and read the articles; one also runs `extract_doc` over every
doc. The difference between their totals is extraction's instructions.

To compare versions, run it twice with the same `--work-dir`: once as is, once with
`PYTHONPATH=/path/to/other/checkout/src`. Both read the same docs.

Instructions are not seconds: a change that saves instructions but misses the cache more
can still be slower. Use it to tell whether a change cuts work, and `throughput.py --parts
cpu` for what that is worth in time.

Needs valgrind (the Debian package `valgrind`, run beside the project, not installed into
it). Under callgrind Python runs about 50 times slower: 20 dense articles take 2 to 3
minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from throughput import STYLES, BenchmarkError, generate_corpus

_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def parse_child(corpus: Path, count: int, docs: Path) -> dict[str, Any]:
    """Parse the first `count` articles as newsledger does and store the docs."""
    from itertools import islice

    from spacy.tokens import DocBin

    from newsledger.errors import InputError
    from newsledger.extract.extraction import parse_many
    from newsledger.ingest import read_sources

    articles = [a for a in read_sources([corpus]) if not isinstance(a, InputError)]
    stored = DocBin(store_user_data=False)
    for doc, _ in parse_many(islice(articles, count)):
        stored.add(doc)
    docs.write_bytes(stored.to_bytes())
    return {"articles": len(stored)}


def count_child(corpus: Path, docs: Path, extract: bool) -> dict[str, Any]:
    """Load everything; run `extract_doc` over every doc only when `extract`."""
    from spacy.tokens import DocBin

    from newsledger.errors import InputError
    from newsledger.extract.extraction import extract_doc, warm_up
    from newsledger.ingest import read_sources
    from newsledger.nlp import load_pipeline

    warm_up()
    parsed = list(DocBin().from_bytes(docs.read_bytes()).get_docs(load_pipeline().vocab))
    articles = [a for a in read_sources([corpus]) if not isinstance(a, InputError)]
    pairs = list(zip(articles, parsed, strict=False))
    if any(doc.text != article.text for article, doc in pairs):
        raise BenchmarkError(f"{docs} does not hold the parses of {corpus}")
    events = sum(len(extract_doc(a, doc).events) for a, doc in pairs) if extract else None
    return {"articles": len(pairs), "events": events}


def run_counted(corpus: Path, docs: Path, extract: bool) -> dict[str, Any]:
    """One child under callgrind: its JSON result and the instructions it executed."""
    command = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        sys.executable, str(Path(__file__).resolve()), "_count", str(corpus), str(docs),
    ]  # fmt: skip
    if extract:
        command.append("--extract")
    done = subprocess.run(
        command, capture_output=True, text=True, env=os.environ | {"PYTHONHASHSEED": "0"}
    )
    collected = _COLLECTED.findall(done.stderr)
    if done.returncode != 0 or not collected:
        raise BenchmarkError(
            f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}"
        )
    return json.loads(done.stdout) | {"instructions": int(collected[-1])}


def _revision() -> str:
    """The commit of the code measured: the first PYTHONPATH entry's, else this one's."""
    first = os.environ.get("PYTHONPATH", "").split(os.pathsep)[0]
    source = first or str(Path(__file__).resolve().parents[1])
    found = subprocess.run(
        ["git", "-C", source, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return found.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_parse"]:
        print(json.dumps(parse_child(Path(argv[1]), int(argv[2]), Path(argv[3]))))
        return 0
    if argv[:1] == ["_count"]:
        print(json.dumps(count_child(Path(argv[1]), Path(argv[2]), "--extract" in argv)))
        return 0
    parser = argparse.ArgumentParser(
        description="Count the machine instructions newsledger's extraction executes "
        "per event, under valgrind.",
        epilog="example: python benchmarks/instructions.py --count 20 --style dense "
        "--work-dir /tmp/benchwork",
    )
    parser.add_argument("--count", type=int, default=20, help="articles (default 20)")
    parser.add_argument("--style", choices=STYLES, default="dense", help="default dense")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--work-dir", type=Path, required=True, help="corpus and docs kept here")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be 1 or more")
    if shutil.which("valgrind") is None:
        print("error: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 1
    try:
        args.work_dir.mkdir(parents=True, exist_ok=True)
        corpus = generate_corpus(args.count, args.seed, args.style, args.work_dir)
        docs = args.work_dir / f"docs-{args.style}-{args.count}-seed{args.seed}.spacy"
        if not docs.exists():
            command = [sys.executable, str(Path(__file__).resolve()), "_parse"]
            subprocess.run(
                [*command, str(corpus), str(args.count), str(docs)], check=True, capture_output=True
            )
        print(f"counting under callgrind ({args.count} articles) ...", file=sys.stderr)
        with ThreadPoolExecutor(2) as pool:
            loaded, extracted = pool.map(
                lambda extract: run_counted(corpus, docs, extract), (False, True)
            )
    except (BenchmarkError, subprocess.CalledProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    spent = extracted["instructions"] - loaded["instructions"]
    events, articles = extracted["events"], extracted["articles"]
    print(
        f"| {_revision()} | {args.style} | {articles} | {events:,} | {spent / 1e9:.3f} | "
        f"{spent / max(events, 1) / 1e6:.2f} | {spent / articles / 1e6:.1f} |"
    )
    print(
        "columns: code | style | articles | events | extraction, 10^9 instructions | "
        "10^6 per event | 10^6 per article",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
