"""Throughput and memory of newsledger on one machine, against bare spaCy, on the same texts.

For each article count it generates a corpus (benchmarks/generate.py, --style plain or
dense, same seed, so a smaller corpus is the start of a larger one) and runs the parts
chosen with --parts, every measured run in a fresh process:

- extract: `newsledger extract CORPUS --json`, its output written to a file in the work
  folder, against bare spaCy, --repeat times, alternating bare, extract, bare, extract...
  so that both meet the same machine. Each pair gives a ratio, extract articles/s over
  bare articles/s (bare wall time over extract wall time); the report gives every run
  and the median ratio.
- cpu: the CPU time of extraction alone, per event. A child process that imports
  newsledger reads the corpus into Articles as `newsledger extract` does, parses them
  all first (`parse_many`, docs kept in memory), then times `extract_doc` over them
  with time.process_time: total CPU seconds, events, milliseconds per event. Beside
  the ratio above, it says how much of the gap to bare spaCy extraction itself costs.
- ingest: `newsledger ingest CORPUS --db NEW.db --workers N` for each N of --workers
  (without --workers when that version of ingest has no such option: then only N = 1
  runs), against bare spaCy (the median run of the extract part when it ran, else a
  run of its own), and 2 workers against 1.

Bare spaCy is a process that never imports newsledger, so that the reference pays for
none of it: `spacy.load(MODEL)` and `nlp.pipe(texts, batch_size=B)`, where the parent
takes MODEL (newsledger.nlp.MODEL_PACKAGE) and B (the batch size of newsledger's
parse_many) from newsledger and passes them on the child's command line. The child
checks at its end that no newsledger module is loaded and fails if one is.

Rates are end to end: articles / wall-clock seconds of the whole process, start-up and
model loading included, for every run. Memory is the largest RSS of any process of the
run (getrusage RUSAGE_CHILDREN in a wrapper process started for that run alone), the peak
RSS of the process started (for ingest, the parent that writes the ledger and links)
and of its largest worker (VmHWM), and the peak of the summed PSS of the process tree,
both sampled from /proc every 0.25 s (PSS counts pages that forked workers share once,
so it is the tree's real footprint). Each run also
records the load average before and after it and the CPU the rest of the machine used
meanwhile ("other CPU", in cores), so a run that shared the machine shows it.

The report is Markdown on stdout; --write also appends it to benchmarks/RESULTS.md.
Progress goes to stderr.

Examples:
    python benchmarks/throughput.py --counts 300 1000 --style dense --repeat 3 --write
    python benchmarks/throughput.py --counts 300 --style dense --parts extract cpu
    python benchmarks/throughput.py --counts 1000 10000 --parts ingest --write
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
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
STYLES = ("plain", "dense")  # generate.py --style
PARTS = ("extract", "cpu", "ingest")
# Targets of the issue "Throughput on one machine".
EXTRACT_SHARE_OF_SPACY = 0.90  # median of extract articles/s over bare articles/s
TWO_WORKER_SPEEDUP = 1.8
TWO_WORKER_COUNT = 1000  # the speed-up target is set at this many articles
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


def _proc_kb(pid: int, file: str, field: str) -> int:
    """A kB figure of /proc/PID/FILE ("Pss:" of smaps_rollup, "VmHWM:" of status), or 0
    once the process has ended or is not ours to read: it adds nothing we can see."""
    try:
        with open(f"/proc/{pid}/{file}") as figures:
            for line in figures:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class _TreeSampler(threading.Thread):
    """Peak of the summed PSS of a process and all its descendants, and each process's
    own peak RSS (VmHWM, which only grows, so a sample misses at most the growth of its
    last 0.25 s)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb = pid, 0
        self.hwm_kb: dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            tree = _descendants(self.pid)
            total = sum(_proc_kb(pid, "smaps_rollup", "Pss:") for pid in tree)
            self.peak_kb = max(self.peak_kb, total)
            for pid in tree:
                self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), _proc_kb(pid, "status", "VmHWM:"))


def measure_child(command: Sequence[str], stdout_path: Path | None = None) -> dict[str, Any]:
    """Run `command` to its end and return what it cost. Must run in a process of its own:
    RUSAGE_CHILDREN covers every child this process ever waited for. With `stdout_path`
    the command writes its standard output to that file, as `> FILE` would, instead of
    to a pipe whose text this process would hold."""
    load_before = os.getloadavg()
    busy_before = _machine_busy_seconds()
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(stdout_path, "wb")) if stdout_path else subprocess.PIPE
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.PIPE, text=True, env=_clean_env()
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
    children = [kb for pid, kb in sampler.hwm_kb.items() if pid != process.pid]
    return {
        "command": list(command),
        "returncode": process.returncode,
        "wall_s": wall,
        "cpu_s": cpu,
        "max_rss_mb": usage.ru_maxrss / 1024,  # Linux reports kilobytes
        "tree_pss_peak_mb": sampler.peak_kb / 1024,
        "parent_peak_mb": sampler.hwm_kb.get(process.pid, 0) / 1024 or None,
        "child_peak_mb": max(children) / 1024 if children else None,
        "other_cpu_cores": max(0.0, busy - cpu) / wall if wall > 0 else 0.0,
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "stdout": stdout or "",
        "stderr_tail": stderr[-4000:],
    }


def _clean_env() -> dict[str, str]:
    """The caller's environment without NEWSLEDGER_* settings (a default ledger, extra
    actor files) that would make one run differ from another."""
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSLEDGER_")}


# --- the child processes: bare spaCy, and extraction CPU -----------------------------------


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


def newsledger_model() -> str:
    """The spaCy package newsledger loads its pipeline from."""
    from newsledger.nlp import MODEL_PACKAGE

    return MODEL_PACKAGE


def spacy_child(corpus: Path, model: str, batch_size: int) -> dict[str, Any]:
    """Bare spaCy: the model package and `nlp.pipe`, nothing of newsledger. The parent
    names the model and the batch size, so this process needs no newsledger import to
    learn them; it fails if one happened anyway (a plugin, an import added later)."""
    started = time.perf_counter()
    import spacy

    nlp = spacy.load(model)
    loaded = time.perf_counter()
    count = tokens = 0
    for doc in nlp.pipe(_record_texts(corpus), batch_size=batch_size):
        count += 1
        tokens += len(doc)
    finished = time.perf_counter()
    imported = sorted(m for m in sys.modules if m.split(".")[0] == "newsledger")
    if imported:
        raise SystemExit(f"bare spaCy child imported newsledger: {', '.join(imported[:5])}")
    return {
        "articles": count,
        "tokens": tokens,
        "model": model,
        "batch_size": batch_size,
        "load_s": loaded - started,
        "pipe_s": finished - loaded,
        "pipeline": nlp.pipe_names,
        "newsledger_imported": "newsledger" in sys.modules,
    }


def cpu_child(corpus: Path) -> dict[str, Any]:
    """Extraction CPU per event. The articles are read as `newsledger extract` reads
    them (read_sources), all parsed first with parse_many and the docs kept, so that the
    timed loop runs extract_doc alone. Tables are loaded before (warm_up), as ingest's
    workers do, and timed apart."""
    started = time.process_time()
    from newsledger.errors import InputError
    from newsledger.extract.extraction import extract_doc, parse_many, warm_up
    from newsledger.ingest import read_sources

    warm_up()
    warmed = time.process_time()
    articles, unread = [], []
    for item in read_sources([corpus]):
        if isinstance(item, InputError):
            unread.append(str(item))
        else:
            articles.append(item)
    read = time.process_time()
    parsed = list(parse_many(articles))
    parse_done = time.process_time()
    events = 0
    for doc, article in parsed:
        events += len(extract_doc(article, doc).events)
    extract_done = time.process_time()
    return {
        "articles": len(parsed),
        "unread": unread[:5],
        "tokens": sum(len(doc) for doc, _ in parsed),
        "events": events,
        "warm_up_cpu_s": warmed - started,
        "read_cpu_s": read - warmed,
        "parse_cpu_s": parse_done - read,
        "extract_cpu_s": extract_done - parse_done,
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
    parent_peak_mb: float | None = None  # the process started, sampled VmHWM
    child_peak_mb: float | None = None  # the largest of its workers
    cpu_cores: float | None = None
    other_cores: float | None = None
    events: int | None = None
    detail: dict[str, Any] | None = None
    skipped: str | None = None

    @property
    def rate(self) -> float | None:
        return self.articles / self.wall_s if self.wall_s else None

    @property
    def load_1min(self) -> str:
        """The 1-minute load average before and after the run, as "0.52→1.10"."""
        if not self.detail or "load_before" not in self.detail:
            return "–"
        return f"{self.detail['load_before'][0]:.2f}→{self.detail['load_after'][0]:.2f}"


@dataclass
class Pair:
    """One bare spaCy run and the extract run right after it, on the same corpus."""

    articles: int
    words: int
    number: int
    bare: Run
    extract: Run

    @property
    def ratio(self) -> float:
        """Extract articles/s over bare articles/s: bare wall time over extract's."""
        return (self.bare.wall_s or 0) / (self.extract.wall_s or 1)


@dataclass
class Cpu:
    """What cpu_child reported, with the run's own figures."""

    articles: int
    run: Run
    figures: dict[str, Any]

    @property
    def ms_per_event(self) -> float | None:
        events = self.figures["events"]
        return 1000 * self.figures["extract_cpu_s"] / events if events else None


def _measured(command: Sequence[str], stdout: Path | None = None) -> dict[str, Any]:
    """`command` run under a fresh wrapper process, so its memory figures are its own;
    with `stdout` its output goes to that file."""
    wrapper = [sys.executable, str(Path(__file__).resolve()), "_measure"]
    if stdout:
        wrapper += ["--stdout", str(stdout)]
    done = subprocess.run([*wrapper, "--", *command], capture_output=True, text=True, check=False)
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


def _count_results(output: Path) -> tuple[int, int]:
    """(results, events) in the output of `newsledger extract FILE.jsonl --json`: one
    JSON result a line, read a line at a time."""
    results = events = 0
    with output.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                results += 1
                events += len(json.loads(line)["events"])
    return results, events


def corpus_words(corpus: Path) -> int:
    """Words of title and text over the corpus, as the density figures count them."""
    words = 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                words += len((record.get("title") or "").split()) + len(record["text"].split())
    return words


def run_spacy(corpus: Path, articles: int, model: str, batch_size: int) -> Run:
    command = [sys.executable, str(Path(__file__).resolve()), "_spacy", str(corpus)]
    command += ["--model", model, "--batch-size", str(batch_size)]
    result = _measured(command)
    if result["returncode"] != 0:
        raise BenchmarkError(f"bare spaCy run failed:\n{result['stderr_tail']}")
    detail = json.loads(result["stdout"])
    if detail["articles"] != articles:
        raise BenchmarkError(f"bare spaCy parsed {detail['articles']} of {articles} articles")
    if detail["newsledger_imported"]:
        raise BenchmarkError("the bare spaCy child imported newsledger")
    return _finished(articles, "bare spaCy `nlp.pipe`", None, result, detail=detail | result)


def run_extract(newsledger: str, corpus: Path, articles: int, output: Path) -> Run:
    """`newsledger extract CORPUS --json > output`, then its results and events counted
    and the output removed (a dense 1,000-article corpus gives about 100 MB)."""
    command = [newsledger, "extract", str(corpus), "--json"]
    try:
        result = _measured(command, stdout=output)
        if result["returncode"] != 0:
            raise BenchmarkError(
                f"{' '.join(command)} exited {result['returncode']}:\n{result['stderr_tail']}"
            )
        results, events = _count_results(output)
    finally:
        output.unlink(missing_ok=True)
    if results != articles:
        raise BenchmarkError(f"{' '.join(command)}: {results} results for {articles} articles")
    return _finished(articles, "`newsledger extract --json`", None, result, events=events)


def run_cpu(corpus: Path, articles: int) -> Cpu:
    command = [sys.executable, str(Path(__file__).resolve()), "_cpu", str(corpus)]
    result = _measured(command)
    if result["returncode"] != 0:
        raise BenchmarkError(f"extraction CPU run failed:\n{result['stderr_tail']}")
    figures = json.loads(result["stdout"])
    if figures["articles"] != articles:
        raise BenchmarkError(
            f"extraction CPU run read {figures['articles']} of {articles} articles: "
            f"{figures['unread']}"
        )
    run = _finished(articles, "extraction CPU", None, result, events=figures["events"])
    return Cpu(articles, run, figures)


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
        parent_peak_mb=result.get("parent_peak_mb"),
        child_peak_mb=result.get("child_peak_mb"),
        cpu_cores=result["cpu_s"] / wall if wall > 0 else None,
        other_cores=result["other_cpu_cores"],
        events=events,
        detail=detail or result,
    )


def _median_run(runs: Sequence[Run]) -> Run:
    """The run of median wall time (the lower middle one of an even number)."""
    ordered = sorted(runs, key=lambda run: run.wall_s or 0)
    return ordered[(len(ordered) - 1) // 2]


def generate_corpus(articles: int, seed: int, style: str, folder: Path) -> Path:
    corpus = folder / f"articles-{style}-{articles}-seed{seed}.jsonl"
    if not corpus.exists():
        command = [sys.executable, str(GENERATOR), "--count", str(articles), "--seed", str(seed)]
        subprocess.run([*command, "--style", style, "--out", str(corpus)], check=True)
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


def extract_table(pairs: Sequence[Pair]) -> list[str]:
    lines = [
        "| articles | pair | bare spaCy wall (s) | bare articles/s | extract wall (s) "
        "| extract articles/s | ratio | events | events per 1,000 words "
        "| load 1 min, bare | load 1 min, extract | other CPU, bare (cores) "
        "| other CPU, extract (cores) | peak RSS, bare / extract (MB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: "
        "| ---: | ---: |",
    ]
    for pair in pairs:
        bare, extract = pair.bare, pair.extract
        density = 1000 * extract.events / pair.words if extract.events and pair.words else None
        lines.append(
            f"| {pair.articles:,} | {pair.number} | {_number(bare.wall_s)} "
            f"| {_number(bare.rate, 2)} | {_number(extract.wall_s)} "
            f"| {_number(extract.rate, 2)} | {pair.ratio:.0%} "
            f"| {'–' if extract.events is None else f'{extract.events:,}'} "
            f"| {_number(density)} | {bare.load_1min} | {extract.load_1min} "
            f"| {_number(bare.other_cores, 2)} | {_number(extract.other_cores, 2)} "
            f"| {_number(bare.max_rss_mb, 0)} / {_number(extract.max_rss_mb, 0)} |"
        )
    return lines


def median_ratios(pairs: Sequence[Pair]) -> dict[int, float]:
    counts = sorted({pair.articles for pair in pairs})
    return {
        count: statistics.median(p.ratio for p in pairs if p.articles == count) for count in counts
    }


def cpu_table(cpus: Sequence[Cpu]) -> list[str]:
    lines = [
        "| articles | tokens | parse CPU (s) | extraction CPU (s) | events | ms per event "
        "| ms per article | extraction share of parse + extraction CPU | warm-up CPU (s) "
        "| peak RSS (MB) | other CPU (cores) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cpu in cpus:
        f = cpu.figures
        both = f["parse_cpu_s"] + f["extract_cpu_s"]
        share = f["extract_cpu_s"] / both if both else None
        lines.append(
            f"| {cpu.articles:,} | {f['tokens']:,} | {f['parse_cpu_s']:.1f} "
            f"| {f['extract_cpu_s']:.1f} | {f['events']:,} | {_number(cpu.ms_per_event, 2)} "
            f"| {1000 * f['extract_cpu_s'] / cpu.articles:.1f} "
            f"| {'–' if share is None else f'{share:.1%}'} | {f['warm_up_cpu_s']:.1f} "
            f"| {_number(cpu.run.max_rss_mb, 0)} | {_number(cpu.run.other_cores, 2)} |"
        )
    return lines


def table(runs: Sequence[Run]) -> list[str]:
    lines = [
        "| articles | run | wall (s) | articles/s | vs bare spaCy | vs 1 worker "
        "| peak RSS, largest process (MB) | peak RSS, parent / largest worker (MB) "
        "| peak PSS, process tree (MB) | events "
        "| CPU used (cores) | other CPU load (cores) | load 1 min |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| --- |",
    ]
    for run in runs:
        if run.skipped:
            lines.append(
                f"| {run.articles:,} | {run.label} | not measured: {run.skipped} "
                "| | | | | | | | | | |"
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
            f"| {_number(run.max_rss_mb, 0)} "
            f"| {_number(run.parent_peak_mb, 0)} / {_number(run.child_peak_mb, 0)} "
            f"| {_number(run.tree_pss_mb, 0)} "
            f"| {'–' if run.events is None else f'{run.events:,}'} "
            f"| {_number(run.cpu_cores, 2)} | {_number(run.other_cores, 2)} | {run.load_1min} |"
        )
    return lines


def _partner(runs: Sequence[Run], run: Run, workers: int | None) -> Run | None:
    for other in runs:
        if other.articles == run.articles and other.workers == workers and not other.skipped:
            return other
    return None


def targets(pairs: Sequence[Pair], cpus: Sequence[Cpu], runs: Sequence[Run]) -> list[str]:
    lines = []
    per_event = {cpu.articles: cpu.ms_per_event for cpu in cpus}
    for count, ratio in median_ratios(pairs).items():
        verdict = "met" if ratio >= EXTRACT_SHARE_OF_SPACY else "not met"
        each = ", ".join(f"{p.ratio:.0%}" for p in pairs if p.articles == count)
        cost = per_event.get(count)
        lines.append(
            f"- {count:,} articles: `newsledger extract` at {ratio:.0%} of bare spaCy, median "
            f"of {each} (target >= {EXTRACT_SHARE_OF_SPACY:.0%}): **{verdict}**"
            + (f"; extraction costs {cost:.2f} ms of CPU per event" if cost else "")
        )
    if not pairs:
        lines.append("- `newsledger extract` against bare spaCy: not measured (not in --parts)")
    counts = sorted({run.articles for run in runs})
    for count in counts:
        spacy = next((r for r in runs if r.articles == count and r.workers is None), None)
        one = next((r for r in runs if r.articles == count and r.workers == 1), None)
        two = next((r for r in runs if r.articles == count and r.workers == 2), None)
        if spacy and one and spacy.rate and one.rate:
            lines.append(
                f"- {count:,} articles: ingest, 1 worker, at {one.rate / spacy.rate:.0%} of bare "
                "spaCy (for the record: the share target is `newsledger extract`'s)"
            )
        if one and two and one.rate and two.rate and not two.skipped:
            speedup = two.rate / one.rate
            if count == TWO_WORKER_COUNT:
                verdict = "met" if speedup >= TWO_WORKER_SPEEDUP else "not met"
                lines.append(
                    f"- {count:,} articles: 2 workers at {speedup:.2f}x of 1 worker "
                    f"(target >= {TWO_WORKER_SPEEDUP}x): **{verdict}**"
                )
            else:
                lines.append(
                    f"- {count:,} articles: 2 workers at {speedup:.2f}x of 1 worker (for the "
                    f"record: the {TWO_WORKER_SPEEDUP}x target is set at "
                    f"{TWO_WORKER_COUNT:,} articles)"
                )
        else:
            lines.append(f"- {count:,} articles: 2-worker speed-up not measured")
    if runs and 1000 in counts and 10000 in counts:
        for workers in sorted({r.workers for r in runs if r.workers}):
            small = next(r for r in runs if r.articles == 1000 and r.workers == workers)
            large = next(r for r in runs if r.articles == 10000 and r.workers == workers)
            if small.skipped or large.skipped:
                continue
            growth = (large.max_rss_mb or 0) - (small.max_rss_mb or 0)
            pss_growth = (large.tree_pss_mb or 0) - (small.tree_pss_mb or 0)
            each = {"largest process": growth}
            for role, small_mb, large_mb in (
                ("parent", small.parent_peak_mb, large.parent_peak_mb),
                ("largest worker", small.child_peak_mb, large.child_peak_mb),
            ):
                if small_mb and large_mb:
                    each[role] = large_mb - small_mb
            verdict = "met" if max(each.values()) <= RSS_GROWTH_MB else "not met"
            grown = ", ".join(f"{role} {mb:+.0f} MB" for role, mb in each.items())
            lines.append(
                f"- {workers} worker(s): peak RSS from 1,000 to 10,000 articles grows: {grown} "
                f"(target <= {RSS_GROWTH_MB} MB for every process): **{verdict}**; the "
                f"process tree's peak PSS, the sum over all its processes, grows "
                f"{pss_growth:+.0f} MB"
            )
    else:
        lines.append(
            "- RSS growth from 1,000 to 10,000 articles: not measured (needs both counts "
            "and --parts ingest)"
        )
    return lines


def _bare_notes(runs: Sequence[Run]) -> list[str]:
    return [
        f"- bare spaCy, {r.articles:,} articles: start-up and model load "
        f"{r.detail['load_s']:.1f} s; `nlp.pipe` alone {r.articles / r.detail['pipe_s']:.2f} "
        f"articles/s ({r.detail['tokens'] / r.detail['pipe_s']:,.0f} tokens/s, "
        f"{r.detail['tokens']:,} tokens, model {r.detail['model']}, batch size "
        f"{r.detail['batch_size']}, components {', '.join(r.detail['pipeline'])}); "
        "newsledger not imported (checked at the child's end)"
        for r in runs
        if r.detail and "pipe_s" in r.detail
    ]


def report(
    args: argparse.Namespace,
    pairs: Sequence[Pair],
    cpus: Sequence[Cpu],
    runs: Sequence[Run],
    argv: Sequence[str],
    started: datetime,
    loads: list,
) -> str:
    lines = [
        f"## Run of {started:%Y-%m-%d %H:%M} UTC",
        "",
        *machine_description(),
        f"- corpus: `generate.py --style {args.style} --seed {args.seed}`",
        f"- load average (1, 5, 15 min) before: {_loads(loads[0])}; after: {_loads(loads[1])}",
        f"- command: `python benchmarks/throughput.py {' '.join(argv)}`",
        "",
    ]
    if pairs:
        lines += [
            "### `newsledger extract` against bare spaCy",
            "",
            *extract_table(pairs),
            "",
            "Each pair is a bare spaCy process, then `newsledger extract CORPUS --json` "
            "with its output to a file, on the same corpus; the ratio is extract articles/s "
            "over bare articles/s (bare wall time over extract wall time), whole processes, "
            'start-up included. "Load 1 min" is the load average before→after the run; '
            '"other CPU" the CPU the rest of the machine used during it, in cores: above '
            "0.1, the run shared the machine.",
            "",
            *(
                f"- {count:,} articles: median ratio {ratio:.0%}"
                for count, ratio in median_ratios(pairs).items()
            ),
            "",
        ]
    if cpus:
        lines += [
            "### Extraction CPU per event",
            "",
            *cpu_table(cpus),
            "",
            "One process parses every article first (`parse_many`, docs kept), then times "
            "`extract_doc` alone with `time.process_time`. Warm-up (pipeline and tables "
            "loading) is timed apart.",
            "",
        ]
    if runs:
        lines += [
            "### `newsledger ingest`",
            "",
            *table(runs),
            "",
            "Rates are articles / wall-clock seconds of the whole process (start-up, model "
            "loading and, for ingest, reading and writing the ledger included). "
            '"CPU used" is the run\'s own CPU time, all its processes together, over its '
            'wall time. "Other CPU load" is the CPU the rest of the machine used meanwhile, '
            "in cores: above 0.1, the run shared the machine."
            + (
                " The bare spaCy row is the median of the extract part's bare runs."
                if pairs
                else ""
            ),
            "",
        ]
    bare = [r for r in runs if r.workers is None] or [
        _median_run([p.bare for p in pairs if p.articles == count])
        for count in sorted({p.articles for p in pairs})
    ]
    lines += [*_bare_notes(bare), "", "Targets:", "", *targets(pairs, cpus, runs), ""]
    return "\n".join(lines)


def _loads(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _children(argv: list[str]) -> int | None:
    """The child modes this script runs itself as; None when argv is the benchmark's."""
    if argv[:1] == ["_measure"]:
        rest, stdout = argv[1:], None
        if rest[:1] == ["--stdout"]:
            stdout, rest = Path(rest[1]), rest[2:]
        command = rest[1:] if rest[:1] == ["--"] else rest
        print(json.dumps(measure_child(command, stdout)))
        return 0
    if argv[:1] == ["_spacy"]:
        child = argparse.ArgumentParser(prog="throughput.py _spacy")
        child.add_argument("corpus", type=Path)
        child.add_argument("--model", required=True)
        child.add_argument("--batch-size", type=int, required=True)
        args = child.parse_args(argv[1:])
        print(json.dumps(spacy_child(args.corpus, args.model, args.batch_size)))
        return 0
    if argv[:1] == ["_cpu"]:
        child = argparse.ArgumentParser(prog="throughput.py _cpu")
        child.add_argument("corpus", type=Path)
        args = child.parse_args(argv[1:])
        print(json.dumps(cpu_child(args.corpus)))
        return 0
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    child = _children(argv)
    if child is not None:
        return child

    parser = argparse.ArgumentParser(
        description="Measure newsledger extract and ingest against bare spaCy on generated "
        "articles, and extraction's CPU per event.",
        epilog="example: python benchmarks/throughput.py --counts 300 1000 --style dense "
        "--repeat 3 --write",
    )
    parser.add_argument("--counts", type=int, nargs="+", default=[1000], help="corpus sizes")
    parser.add_argument(
        "--style", choices=STYLES, default="plain", help="generate.py --style (default plain)"
    )
    parser.add_argument(
        "--parts",
        nargs="+",
        choices=PARTS,
        default=list(PARTS),
        help="what to run: extract (against bare spaCy, --repeat pairs), cpu (extraction "
        "CPU per event), ingest (--workers); default all",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="bare/extract pairs per count (default 3)"
    )
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
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    parts = set(args.parts)

    started = datetime.now(UTC)
    loads = [os.getloadavg()]
    pairs: list[Pair] = []
    cpus: list[Cpu] = []
    runs: list[Run] = []
    try:
        newsledger = _find_newsledger()
        model = newsledger_model()
        batch_size = args.spacy_batch_size or newsledger_batch_size()
        has_workers = "--workers" in _ingest_options(newsledger)
        if "ingest" in parts and not has_workers:
            print(
                "note: this ingest has no --workers option; measuring 1 worker only",
                file=sys.stderr,
            )
        with tempfile.TemporaryDirectory(prefix="newsledger-bench-") as scratch:
            folder = args.work_dir or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            for count in args.counts:
                corpus = generate_corpus(count, args.seed, args.style, folder)
                words = corpus_words(corpus)
                tag = f"[{count:,} {args.style}]"
                if "extract" in parts:
                    output = folder / f"extract-{args.style}-{count}.out.jsonl"
                    for number in range(1, args.repeat + 1):
                        _started(f"{tag} pair {number}/{args.repeat}: bare spaCy")
                        bare = run_spacy(corpus, count, model, batch_size)
                        _progress(bare)
                        _started(f"{tag} pair {number}/{args.repeat}: newsledger extract")
                        extract = run_extract(newsledger, corpus, count, output)
                        _progress(extract)
                        pairs.append(Pair(count, words, number, bare, extract))
                        print(f"    ratio {pairs[-1].ratio:.0%}", file=sys.stderr, flush=True)
                if "cpu" in parts:
                    _started(f"{tag} extraction CPU per event")
                    cpus.append(run_cpu(corpus, count))
                    _progress(cpus[-1].run, cpus[-1])
                if "ingest" in parts:
                    measured = [p.bare for p in pairs if p.articles == count]
                    if measured:
                        reference = _median_run(measured)
                    else:
                        _started(f"{tag} bare spaCy")
                        reference = run_spacy(corpus, count, model, batch_size)
                        _progress(reference)
                    runs.append(reference)
                    for workers in args.workers:
                        _started(f"{tag} ingest, {workers} worker(s)")
                        db = Path(scratch) / f"bench-{count}-{workers}.db"
                        runs.append(run_ingest(newsledger, corpus, count, workers, has_workers, db))
                        _progress(runs[-1])
    except (BenchmarkError, subprocess.CalledProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    loads.append(os.getloadavg())

    text = report(args, pairs, cpus, runs, argv, started, loads)
    print(text)
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as results:
            results.write("\n" + text)
        print(f"appended to {RESULTS}", file=sys.stderr)
    return 0


def _started(what: str) -> None:
    print(f"{what} ...", file=sys.stderr, flush=True)


def _progress(run: Run, cpu: Cpu | None = None) -> None:
    if run.skipped:
        print(f"    skipped: {run.skipped}", file=sys.stderr)
        return
    print(
        f"    {run.wall_s:.1f} s, {run.rate:.2f} articles/s, max RSS "
        f"{run.max_rss_mb:.0f} MB, tree PSS {run.tree_pss_mb:.0f} MB, load {run.load_1min}, "
        f"other CPU {run.other_cores:.2f} cores"
        + ("" if run.events is None else f", {run.events:,} events"),
        file=sys.stderr,
        flush=True,
    )
    if cpu and cpu.ms_per_event is not None:
        print(
            f"    extraction {cpu.figures['extract_cpu_s']:.1f} s CPU, "
            f"{cpu.ms_per_event:.2f} ms per event; parsing {cpu.figures['parse_cpu_s']:.1f} s",
            file=sys.stderr,
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
