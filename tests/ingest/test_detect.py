"""Format detection (ingest/detect.py) decides the same whatever one read of a source
returns: a JSON Lines dump whose first record is longer than a read is still records, from a
file, a FIFO, a pipe on standard input and the real command line."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest import Format, Limits, read_sources, source_head
from newsledger.ingest.detect import HEAD_BYTES, detect_format, read_head

KB = 1_000
# Just under the default article limit (1,000,000 characters), title included.
NEAR_LIMIT = 990_000


def report(size: int, number: int) -> str:
    """About `size` characters of wire copy in paragraphs, different for every record."""
    sentences = (
        f"Officials in Tamsa said on day {n} that {n % 40 + 2} families had received flour "
        f"and medicine from convoy {number}."
        for n in range(size // 40 + 1)
    )
    paragraphs, paragraph = [], []
    for sentence in sentences:
        paragraph.append(sentence)
        if len(paragraph) == 5:
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    return "\n\n".join(paragraphs)[:size].rsplit(" ", 1)[0] + "."


def dump(first_size: int, count: int = 3, size: int = 300) -> bytes:
    """JSON Lines with a first record of about `first_size` characters of text."""
    records = [
        {"id": f"convoy-{n}", "title": f"Convoy {n} reaches Tamsa",
         "text": report(first_size if n == 1 else size, n), "source": "Relief Wire"}
        for n in range(1, count + 1)
    ]  # fmt: skip
    return "".join(json.dumps(record) + "\n" for record in records).encode("utf-8")


def ids(items: list[Article | InputError]) -> list[str | None]:
    assert all(isinstance(item, Article) for item in items), items
    return [item.id for item in items if isinstance(item, Article)]


def feed_in_chunks(write_end: int, data: bytes, chunk: int = 1_000) -> threading.Thread:
    """Write `data` to a pipe a little at a time, as a slow producer does, then close it."""

    def write() -> None:
        with os.fdopen(write_end, "wb", buffering=0) as pipe:
            for start in range(0, len(data), chunk):
                pipe.write(data[start : start + chunk])

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def stdin_from_pipe(monkeypatch: pytest.MonkeyPatch, data: bytes) -> threading.Thread:
    read_end, write_end = os.pipe()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(os.fdopen(read_end, "rb")))
    return feed_in_chunks(write_end, data)


@pytest.mark.parametrize("first_size", [10 * KB, NEAR_LIMIT], ids=["10KB", "1MB"])
def test_long_first_record_is_read_as_records_from_a_file(write_file, read_all, first_size):
    path = write_file("convoys.jsonl", dump(first_size))
    items = read_all(path)
    assert ids(items) == ["convoy-1", "convoy-2", "convoy-3"]
    assert [item.origin for item in items] == [f"{path}:{n}" for n in (1, 2, 3)]
    assert len(items[0].text) > first_size * 0.9


@pytest.mark.parametrize("first_size", [10 * KB, NEAR_LIMIT], ids=["10KB", "1MB"])
def test_long_first_record_is_read_as_records_from_a_pipe_on_stdin(
    monkeypatch, read_all, first_size
) -> None:
    writer = stdin_from_pipe(monkeypatch, dump(first_size))
    items = read_all("-")
    writer.join(timeout=10)
    assert ids(items) == ["convoy-1", "convoy-2", "convoy-3"]
    assert [item.origin for item in items] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]


@pytest.mark.parametrize("first_size", [10 * KB, NEAR_LIMIT], ids=["10KB", "1MB"])
def test_long_first_record_is_read_as_records_from_a_fifo(tmp_path, read_all, first_size):
    source = tmp_path / "convoys.jsonl"
    source.write_bytes(dump(first_size))
    fifo = tmp_path / "convoys.fifo"
    os.mkfifo(fifo)
    with subprocess.Popen(["sh", "-c", f"cat '{source}' > '{fifo}'"]) as writer:
        items = read_all(fifo)
    assert writer.returncode == 0
    assert ids(items) == ["convoy-1", "convoy-2", "convoy-3"]


def test_sniffing_standard_input_leaves_every_byte_for_the_readers(monkeypatch) -> None:
    data = dump(NEAR_LIMIT)
    writer = stdin_from_pipe(monkeypatch, data)
    head = source_head("-")
    assert head is not None and detect_format(head, "-") is Format.JSON_LINES
    assert sys.stdin.buffer.read() == data
    writer.join(timeout=10)


class Trickle(io.RawIOBase):
    """A source that hands out at most `reads` bytes a read, as a pipe may."""

    def __init__(self, data: bytes, reads: int) -> None:
        self.rest, self.reads = data, reads

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        size = min(self.reads, len(buffer), len(self.rest))
        buffer[:size], self.rest = self.rest[:size], self.rest[size:]
        return size


# The feed and HTML checks read the first 2,000 characters: a short first read of a pipe
# must not leave them a few bytes to judge.
FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Radio</title>
<item><title>Ferry resumes</title><guid>h-1</guid>
<description>The island ferry resumed sailing on Monday, the operator said.</description></item>
<item><title>Sea wall approved</title><guid>h-2</guid>
<description>The council voted on Tuesday for a new sea wall.</description></item>
</channel></rss>
"""
PAGE = b"""<!DOCTYPE html>
<html><head><title>Curfew lifted in Tamsa</title></head><body>
<p>Authorities lifted the night curfew in Tamsa on Monday after a week of calm.</p>
</body></html>
"""
TRICKLED = [
    (dump(10 * KB), Format.JSON_LINES, [f"Convoy {n} reaches Tamsa" for n in (1, 2, 3)]),
    (FEED, Format.FEED, ["Ferry resumes", "Sea wall approved"]),
    (PAGE, Format.HTML, ["Curfew lifted in Tamsa"]),
]


@pytest.mark.parametrize("reads", [1, 7, 4096])
@pytest.mark.parametrize(("data", "kind", "read"), TRICKLED, ids=["jsonl", "feed", "html"])
def test_standard_input_that_trickles_in_is_read_by_the_right_reader(
    monkeypatch, read_all, data, kind, read, reads
) -> None:
    buffer = io.BufferedReader(Trickle(data, reads))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(buffer, encoding="utf-8"))
    items = read_all("-")
    assert all(isinstance(item, Article) for item in items), items
    assert [item.title for item in items] == read


@pytest.mark.parametrize("reads", [1, 7, 100, 4096, HEAD_BYTES])
@pytest.mark.parametrize(("data", "kind", "read"), TRICKLED, ids=["jsonl", "feed", "html"])
def test_the_head_does_not_depend_on_how_much_one_read_returns(data, kind, read, reads) -> None:
    whole, _ = read_head(io.BytesIO(data), Limits().max_record_bytes)
    head, stream = read_head(Trickle(data, reads), Limits().max_record_bytes)  # type: ignore[arg-type]
    # A trickle may stop early, once a finished first line decides (a pipe feeding one
    # record and waiting must not wait for a full block), but never decides otherwise.
    assert data.startswith(head) and data.startswith(whole)
    assert detect_format(head) is detect_format(whole) is kind
    assert stream.read() == data


def test_a_first_line_cut_at_the_head_is_judged_by_its_opening() -> None:
    # A caller that reads one fixed block (a shard planner) cuts a long first record.
    assert detect_format(dump(10 * KB)[:HEAD_BYTES], "shard") is Format.JSON_LINES
    assert detect_format(b"{this is not json} said the minister, " * 300) is Format.TEXT


def test_batch_shard_with_a_long_first_record_is_json_lines(write_file) -> None:
    pytest.importorskip("pyarrow")  # the optional `ray` extra plans shards
    from newsledger.scale.shards import JSON_LINES, Shard, find_shards

    path = write_file("convoys.jsonl", dump(10 * KB))
    (shard,) = find_shards([str(path)])
    assert isinstance(shard, Shard) and shard.format == JSON_LINES


@pytest.mark.parametrize(
    ("first_size", "limits"),
    [
        (1_200_000, Limits()),  # read whole, over the article limit
        (10 * KB, Limits(max_article_chars=2_000)),  # longer than the head may read
    ],
    ids=["1.2MB", "over-the-sniffing-bound"],
)
def test_too_long_first_record_is_one_error_not_a_text_article(write_file, first_size, limits):
    path = write_file("convoys.jsonl", dump(first_size))
    items = list(read_sources([path], limits))
    assert [type(item) for item in items] == [InputError, Article, Article]
    assert str(items[0]).startswith(f"{path}:1: article too long (")
    assert "\n" not in str(items[0])


# The real command line, as `generate.py | newsledger ...` runs it.


def test_cli_ingests_every_record_from_standard_input(run_cli, tmp_path) -> None:
    db = tmp_path / "ledger.db"
    result = run_cli("ingest", "-", "--db", str(db), stdin=dump(10 * KB).decode())
    assert result.returncode == 0, result.stderr
    assert "ingested 3," in result.stdout + result.stderr


@pytest.mark.parametrize("source", ["-", "convoys.jsonl"])
def test_cli_extract_json_prints_one_line_per_record(run_cli, tmp_path, source) -> None:
    data = dump(10 * KB)
    if source != "-":
        (tmp_path / source).write_bytes(data)
    result = run_cli("extract", source, "--json", stdin=data.decode() if source == "-" else None)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["article"]["id"] for line in lines] == [
        "convoy-1",
        "convoy-2",
        "convoy-3",
    ]


def test_source_head_of_a_folder_or_missing_path_is_none(tmp_path: Path) -> None:
    assert source_head(str(tmp_path)) is None
    assert source_head(str(tmp_path / "missing.jsonl")) is None
