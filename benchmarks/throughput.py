"""Throughput and memory of newsledger on one machine, against bare spaCy, on the same texts.

For each article count it generates a corpus (benchmarks/generate.py, same seed, so a
smaller corpus is the start of a larger one) and times, each in a fresh process:

- bare spaCy: `nlp.pipe` over the articles' texts with the pipeline newsledger loads
  (`newsledger.nlp.load_pipeline`) and the batch size newsledger parses with;
- `newsledger ingest CORPUS --db NEW.db --workers N` for each N of --workers (without
  --workers when that version of ingest has no such option: then only N = 1 runs).

Rates are end to end: articles / wall-clock seconds of the whole process, start-up and
model loading included, for both. Memory is the largest RSS of any process of the run
(getrusage RUSAGE_CHILDREN in a wrapper process started for that run alone) and the
peak of the summed PSS of the process tree, sampled from /proc every 0.25 s (PSS counts
pages that forked workers share once, so it is the tree's real footprint).

The report is Markdown on stdout; --write also appends it to benchmarks/RESULTS.md.
Progress goes to stderr.

Example:
    python benchmarks/throughput.py --counts 1000 10000 --write
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate.py"
RESULTS = HERE / "RESULTS.md"
SAMPLE_SECONDS = 0.25
# Targets of the issue "Throughput on one machine".
PIPELINE_SHARE_OF_SPACY = 0.80
TWO_WORKER_SPEEDUP = 1.7
RSS_GROWTH_MB = 100
CLOSING_LINE = re.compile(r"ingested (\d+), unchanged (\d+), failed (\d+)")


class BenchmarkError(RuntimeError):
    """A run failed or gave a result that cannot be compared; the message says which."""


# --- the wrapper process: one run, its wall time, CPU and memory ----------------------


def _machine_busy_seconds() -> float:
    """CPU seconds all processes on this machine have used since boot (/proc/stat)."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        parents.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(parents.get(pid, ()))
    return tree


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass  # ended, or not ours to read: it adds nothing we can see
    return 0


class _TreeSampler(threading.Thread):
    """Peak of the summed PSS of a process and all its descendants."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb = pid, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            total = sum(_pss_kb(pid) for pid in _descendants(self.pid))
            self.peak_kb = max(self.peak_kb, total)


def measure_child(command: Sequence[str]) -> dict[str, Any]:
    """Run `command` to its end and return what it cost. Must run in a process of its own:
    RUSAGE_CHILDREN covers every child this process ever waited for."""
    load_before = os.getloadavg()
    busy_before = _machine_busy_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_clean_env()
    )
    sampler = _TreeSampler(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    busy = _machine_busy_seconds() - busy_before
    return {
        "command": list(command),
        "returncode": process.returncode,
        "wall_s": wall,
        "cpu_s": cpu,
        "max_rss_mb": usage.ru_maxrss / 1024,  # Linux reports kilobytes
        "tree_pss_peak_mb": sampler.peak_kb / 1024,
        "other_cpu_cores": max(0.0, busy - cpu) / wall if wall > 0 else 0.0,
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "stdout": stdout,
        "stderr_tail": stderr[-4000:],
    }


def _clean_env() -> dict[str, str]:
    """The caller's environment without NEWSLEDGER_* settings (a default ledger, extra
    actor files) that would make one run differ from another."""
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSLEDGER_")}


# --- the bare spaCy process ----------------------------------------------------------------


def _record_texts(corpus: Path) -> Iterator[str]:
    """The text newsledger parses for a JSON Lines record: the title as the first
    paragraph, then the body (see ingest/layout.py)."""
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                title = (record.get("title") or "").strip()
                yield f"{title}\n\n{record['text']}" if title else record["text"]


def newsledger_batch_size() -> int:
    """The `nlp.pipe` batch size newsledger's ingest parses with."""
    from newsledger.extract import parse_many

    return int(inspect.signature(parse_many).parameters["batch_size"].default)


def spacy_child(corpus: Path, batch_size: int | None) -> dict[str, Any]:
    started = time.perf_counter()
    from newsledger.nlp import load_pipeline

    nlp = load_pipeline()
    batch = batch_size or newsledger_batch_size()
    loaded = time.perf_counter()
    count = tokens = 0
    for doc in nlp.pipe(_record_texts(corpus), batch_size=batch):
        count += 1
        tokens += len(doc)
    finished = time.perf_counter()
    return {
        "articles": count,
        "tokens": tokens,
        "batch_size": batch,
        "load_s": loaded - started,
        "pipe_s": finished - loaded,
        "pipeline": nlp.pipe_names,
    }


# --- the benchmark ---------------------------------------------------------------------------


@dataclass
class Run:
    articles: int
    label: str
    workers: int | None
    wall_s: float | None = None
    max_rss_mb: float | None = None
    tree_pss_mb: float | None = None
    cpu_cores: float | None = None
    other_cores: float | None = None
    events: int | None = None
    detail: dict[str, Any] | None = None
    skipped: str | None = None

    @property
    def rate(self) -> float | None:
        return self.articles / self.wall_s if self.wall_s else None


def _measured(command: Sequence[str]) -> dict[str, Any]:
    """`command` run under a fresh wrapper process, so its memory figures are its own."""
    wrapper = [sys.executable, str(Path(__file__).resolve()), "_measure", "--", *command]
    done = subprocess.run(wrapper, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchmarkError(f"measuring wrapper failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def _ingest_options(newsledger: str) -> str:
    done = subprocess.run(
        [newsledger, "ingest", "--help"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BenchmarkError(f"{newsledger} ingest --help failed:\n{done.stderr[-2000:]}")
    return done.stdout


def _find_newsledger() -> str:
    beside = Path(sys.executable).parent / "newsledger"
    found = str(beside) if beside.exists() else shutil.which("newsledger")
    if not found:
        raise BenchmarkError(
            "the newsledger command is not installed next to this Python or on PATH "
            "(run `make run` or `pip install -e .` first)"
        )
    return found


def _count_events(db: Path) -> int | None:
    try:
        with sqlite3.connect(db) as connection:
            return int(connection.execute("SELECT count(*) FROM events").fetchone()[0])
    except sqlite3.Error:
        return None  # a ledger layout this script does not know: leave the column empty


def _remove_ledger(db: Path) -> None:
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        path.unlink(missing_ok=True)


def run_spacy(corpus: Path, articles: int, batch_size: int | None) -> Run:
    command = [sys.executable, str(Path(__file__).resolve()), "_spacy", str(corpus)]
    if batch_size:
        command += ["--batch-size", str(batch_size)]
    result = _measured(command)
    if result["returncode"] != 0:
        raise BenchmarkError(f"bare spaCy run failed:\n{result['stderr_tail']}")
    detail = json.loads(result["stdout"])
    if detail["articles"] != articles:
        raise BenchmarkError(f"bare spaCy parsed {detail['articles']} of {articles} articles")
    return _finished(articles, "bare spaCy `nlp.pipe`", None, result, detail=detail | result)


def run_ingest(
    newsledger: str, corpus: Path, articles: int, workers: int, has_workers: bool, db: Path
) -> Run:
    label = f"`newsledger ingest`, {workers} worker{'s' if workers > 1 else ''}"
    if not has_workers and workers != 1:
        return Run(articles, label, workers, skipped="ingest has no --workers option yet")
    _remove_ledger(db)
    command = [newsledger, "ingest", str(corpus), "--db", str(db)]
    if has_workers:
        command += ["--workers", str(workers)]
    result = _measured(command)
    output = result["stdout"][-4000:] + result["stderr_tail"]
    closing = CLOSING_LINE.findall(output)  # "ingested N, unchanged M, failed K"
    if result["returncode"] != 0 or not closing:
        raise BenchmarkError(f"{' '.join(command)} exited {result['returncode']}:\n{output}")
    ingested, unchanged, failed = (int(x) for x in closing[-1])
    if (ingested, unchanged, failed) != (articles, 0, 0):
        raise BenchmarkError(
            f"{' '.join(command)}: ingested {ingested}, unchanged {unchanged}, failed "
            f"{failed}; expected {articles} new articles:\n{output}"
        )
    events = _count_events(db)
    _remove_ledger(db)
    return _finished(articles, label, workers, result, events=events)


def _finished(
    articles: int,
    label: str,
    workers: int | None,
    result: dict[str, Any],
    events: int | None = None,
    detail: dict[str, Any] | None = None,
) -> Run:
    """A Run from what measure_child reported."""
    wall = result["wall_s"]
    return Run(
        articles=articles,
        label=label,
        workers=workers,
        wall_s=wall,
        max_rss_mb=result["max_rss_mb"],
        tree_pss_mb=result["tree_pss_peak_mb"],
        cpu_cores=result["cpu_s"] / wall if wall > 0 else None,
        other_cores=result["other_cpu_cores"],
        events=events,
        detail=detail or result,
    )


def generate_corpus(articles: int, seed: int, folder: Path) -> Path:
    corpus = folder / f"articles-{articles}-seed{seed}.jsonl"
    if not corpus.exists():
        command = [sys.executable, str(GENERATOR), "--count", str(articles), "--seed", str(seed)]
        subprocess.run([*command, "--out", str(corpus)], check=True)
    return corpus


# --- the report --------------------------------------------------------------------------


def machine_description() -> list[str]:
    cpus = len(os.sched_getaffinity(0))
    model = "unknown"
    memory = "unknown"
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        model = found[1] if found else model
        found = re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.M)
        memory = f"{int(found[1]) / 1024**2:.1f} GiB" if found else memory
    except OSError:
        pass  # not Linux: the report says unknown
    import spacy

    return [
        f"- CPU: {cpus} cores available ({model}); RAM {memory}",
        f"- Python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"newsledger at {_git_revision()}",
    ]


def _git_revision() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(HERE), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    revision = git("rev-parse", "--short", "HEAD") or "unknown revision"
    return revision + (" with uncommitted changes" if git("status", "--porcelain") else "")


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def table(runs: Sequence[Run]) -> list[str]:
    lines = [
        "| articles | run | wall (s) | articles/s | vs bare spaCy | vs 1 worker "
        "| peak RSS, largest process (MB) | peak PSS, process tree (MB) | events "
        "| CPU used (cores) | other CPU load (cores) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        if run.skipped:
            lines.append(
                f"| {run.articles:,} | {run.label} | not measured: {run.skipped} | | | | | | | | |"
            )
            continue
        spacy, single = _partner(runs, run, None), _partner(runs, run, 1)
        share = run.rate / spacy.rate if run.workers and spacy and spacy.rate else None
        speedup = (
            run.rate / single.rate
            if run.workers and run.workers > 1 and single and single.rate
            else None
        )
        lines.append(
            f"| {run.articles:,} | {run.label} | {_number(run.wall_s)} | {_number(run.rate, 2)} "
            f"| {'–' if share is None else f'{share:.0%}'} "
            f"| {'–' if speedup is None else f'{speedup:.2f}x'} "
            f"| {_number(run.max_rss_mb, 0)} | {_number(run.tree_pss_mb, 0)} "
            f"| {'–' if run.events is None else f'{run.events:,}'} "
            f"| {_number(run.cpu_cores, 2)} | {_number(run.other_cores, 2)} |"
        )
    return lines


def _partner(runs: Sequence[Run], run: Run, workers: int | None) -> Run | None:
    for other in runs:
        if other.articles == run.articles and other.workers == workers and not other.skipped:
            return other
    return None


def targets(runs: Sequence[Run]) -> list[str]:
    lines = []
    counts = sorted({run.articles for run in runs})
    for count in counts:
        spacy = next((r for r in runs if r.articles == count and r.workers is None), None)
        one = next((r for r in runs if r.articles == count and r.workers == 1), None)
        two = next((r for r in runs if r.articles == count and r.workers == 2), None)
        if spacy and one and spacy.rate and one.rate:
            share = one.rate / spacy.rate
            verdict = "met" if share >= PIPELINE_SHARE_OF_SPACY else "not met"
            lines.append(
                f"- {count:,} articles: pipeline (1 worker) at {share:.0%} of bare spaCy "
                f"(target >= {PIPELINE_SHARE_OF_SPACY:.0%}): **{verdict}**"
            )
        if one and two and one.rate and two.rate and not two.skipped:
            speedup = two.rate / one.rate
            verdict = "met" if speedup >= TWO_WORKER_SPEEDUP else "not met"
            lines.append(
                f"- {count:,} articles: 2 workers at {speedup:.2f}x of 1 worker "
                f"(target >= {TWO_WORKER_SPEEDUP}x): **{verdict}**"
            )
        else:
            lines.append(f"- {count:,} articles: 2-worker speed-up not measured")
    if 1000 in counts and 10000 in counts:
        for workers in sorted({r.workers for r in runs if r.workers}):
            small = next(r for r in runs if r.articles == 1000 and r.workers == workers)
            large = next(r for r in runs if r.articles == 10000 and r.workers == workers)
            if small.skipped or large.skipped:
                continue
            growth = (large.max_rss_mb or 0) - (small.max_rss_mb or 0)
            pss_growth = (large.tree_pss_mb or 0) - (small.tree_pss_mb or 0)
            verdict = "met" if growth <= RSS_GROWTH_MB else "not met"
            lines.append(
                f"- {workers} worker(s): peak RSS of the largest process grows {growth:+.0f} MB "
                f"from 1,000 to 10,000 articles (target <= {RSS_GROWTH_MB} MB): **{verdict}**; "
                f"the process tree's peak PSS, the sum over all its processes, grows "
                f"{pss_growth:+.0f} MB"
            )
    else:
        lines.append("- RSS growth from 1,000 to 10,000 articles: not measured (needs both counts)")
    return lines


def report(runs: Sequence[Run], argv: Sequence[str], started: datetime, loads: list) -> str:
    spacy_runs = [r for r in runs if r.workers is None and r.detail]
    notes = [
        f"- bare spaCy, {r.articles:,} articles: start-up and model load "
        f"{r.detail['load_s']:.1f} s; `nlp.pipe` alone {r.articles / r.detail['pipe_s']:.2f} "
        f"articles/s ({r.detail['tokens'] / r.detail['pipe_s']:,.0f} tokens/s, "
        f"{r.detail['tokens']:,} tokens, batch size {r.detail['batch_size']}, "
        f"components {', '.join(r.detail['pipeline'])})"
        for r in spacy_runs
        if r.detail
    ]
    lines = [
        f"## Run of {started:%Y-%m-%d %H:%M} UTC",
        "",
        *machine_description(),
        f"- load average (1, 5, 15 min) before: {_loads(loads[0])}; after: {_loads(loads[1])}",
        f"- command: `python benchmarks/throughput.py {' '.join(argv)}`",
        "",
        *table(runs),
        "",
        "Rates are articles / wall-clock seconds of the whole process (start-up, model "
        "loading and, for ingest, reading and writing the ledger included). "
        '"CPU used" is the run\'s own CPU time, all its processes together, over its wall '
        'time. "Other CPU load" is the CPU the rest of the machine used meanwhile, in '
        "cores: above 0.1, the run shared the machine.",
        "",
        *notes,
        "",
        "Targets:",
        "",
        *targets(runs),
        "",
    ]
    return "\n".join(lines)


def _loads(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_measure"]:
        command = argv[2:] if argv[1:2] == ["--"] else argv[1:]
        print(json.dumps(measure_child(command)))
        return 0
    if argv[:1] == ["_spacy"]:
        child = argparse.ArgumentParser(prog="throughput.py _spacy")
        child.add_argument("corpus", type=Path)
        child.add_argument("--batch-size", type=int)
        args = child.parse_args(argv[1:])
        print(json.dumps(spacy_child(args.corpus, args.batch_size)))
        return 0

    parser = argparse.ArgumentParser(
        description="Measure newsledger ingest against bare spaCy on generated articles.",
        epilog="example: python benchmarks/throughput.py --counts 1000 10000 --write",
    )
    parser.add_argument("--counts", type=int, nargs="+", default=[1000], help="corpus sizes")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="ingest workers")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--spacy-batch-size", type=int, help="nlp.pipe batch size (default: newsledger's own)"
    )
    parser.add_argument(
        "--work-dir", type=Path, help="keep corpora here (default: a temporary folder)"
    )
    parser.add_argument("--write", action="store_true", help=f"append the report to {RESULTS}")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.counts) or any(w < 1 for w in args.workers):
        parser.error("--counts and --workers must be 1 or more")

    started = datetime.now(UTC)
    loads = [os.getloadavg()]
    try:
        newsledger = _find_newsledger()
        has_workers = "--workers" in _ingest_options(newsledger)
        if not has_workers:
            print(
                "note: this ingest has no --workers option; measuring 1 worker only",
                file=sys.stderr,
            )
        with tempfile.TemporaryDirectory(prefix="newsledger-bench-") as scratch:
            folder = args.work_dir or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            runs: list[Run] = []
            for count in args.counts:
                corpus = generate_corpus(count, args.seed, folder)
                print(f"[{count:,}] bare spaCy ...", file=sys.stderr, flush=True)
                runs.append(run_spacy(corpus, count, args.spacy_batch_size))
                _progress(runs[-1])
                for workers in args.workers:
                    print(
                        f"[{count:,}] ingest, {workers} worker(s) ...", file=sys.stderr, flush=True
                    )
                    db = Path(scratch) / f"bench-{count}-{workers}.db"
                    runs.append(run_ingest(newsledger, corpus, count, workers, has_workers, db))
                    _progress(runs[-1])
    except (BenchmarkError, subprocess.CalledProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    loads.append(os.getloadavg())

    text = report(runs, argv, started, loads)
    print(text)
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as results:
            results.write("\n" + text)
        print(f"appended to {RESULTS}", file=sys.stderr)
    return 0


def _progress(run: Run) -> None:
    if run.skipped:
        print(f"    skipped: {run.skipped}", file=sys.stderr)
    else:
        print(
            f"    {run.wall_s:.1f} s, {run.rate:.2f} articles/s, max RSS "
            f"{run.max_rss_mb:.0f} MB, tree PSS {run.tree_pss_mb:.0f} MB, other load "
            f"{run.other_cores:.2f} cores",
            file=sys.stderr,
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
