"""The extremes the property runs only brush, once each: entity expansion and external
entities in feeds, decompression bombs, megabytes of markup, nesting past any parser's
depth, a token of a million characters, impossible dates. Each is read in good time
into an Article or one clear line, and nothing leaves the machine."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import zlib

import pytest
from tests.robustness.documents import assemble_pdf
from tests.robustness.fuzz import sound

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest import Limits, read_sources
from newsledger.ingest.feed import read_feed
from newsledger.ingest.html import read_html
from newsledger.ingest.pdf import read_pdf

STORY = "Gunmen attacked a village near Kaya on Monday, killing 12 people, officials said."


def _rss(doctype: str, description: str) -> bytes:
    return (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>W</title>'
        f"<item><title>Attack</title><description>{description}</description></item>"
        "</channel></rss>"
    ).encode()


def _timed(read):
    started = time.monotonic()
    try:
        result = read()
        result = list(result) if not isinstance(result, Article) else [result]
    except InputError as error:
        result = [error]
    return result, time.monotonic() - started


def test_a_billion_laughs_feed_is_cut_short_by_the_parser():
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)
    )
    feed = _rss(f"<!DOCTYPE rss [{entities}]>", f"&l9; {STORY}")
    items, seconds = _timed(lambda: read_feed(feed, "laughs.xml"))
    assert seconds < 20
    assert all(len(getattr(item, "text", "")) < 1_000_000 for item in items)  # not 3e9 lols
    sound("feed", feed)


def test_external_entities_are_never_fetched_or_read():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        for doctype, use in [
            ('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
            (f'<!DOCTYPE rss [<!ENTITY x SYSTEM "{url}/x.txt">]>', "&x;"),
            (f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{url}/evil.dtd"> %p;]>', ""),
            (f'<!DOCTYPE rss SYSTEM "{url}/rss.dtd">', ""),
        ]:
            items = list(read_feed(_rss(doctype, f"{STORY} {use}"), "xxe.xml"))
            assert all("root:" not in getattr(item, "text", "") for item in items)
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody came to fetch an entity or a DTD


def _flate_bomb(megabytes: int) -> bytes:
    """`megabytes` MB of spaces in a content stream, compressed about a thousandfold."""
    packer, block = zlib.compressobj(9), b" " * (1 << 20)
    packed = packer.compress(b"BT /F1 12 Tf 72 712 Td (" + STORY.encode() + b") Tj ET\n")
    packed += b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()
    return assemble_pdf([
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d/Filter/FlateDecode>>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ])  # fmt: skip


def test_a_pdf_decompression_bomb_is_refused_without_filling_memory(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_flate_bomb(1024))  # 1 GB inflated, about 1 MB on disk
    assert bomb.stat().st_size < 2_000_000
    process = subprocess.Popen(
        [sys.executable, "-m", "newsledger", "extract", str(bomb)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    stderr = process.stderr.read()
    assert os.waitstatus_to_exitcode(status) == 1, stderr
    [line] = stderr.strip().splitlines()
    assert line.startswith(f"error: {bomb}: corrupt PDF (Limit reached while decompressing.")
    assert usage.ru_maxrss < 1_000_000  # KB: well under the gigabyte the bomb holds


def test_megabytes_of_markup_are_refused_at_once():
    page = "<html><body><article>" + f"<p>{STORY}</p>" * 190_000 + "</article></body></html>"
    items, seconds = _timed(lambda: read_html(page, "huge.html"))
    assert seconds < 10
    assert [str(item) for item in items] == [
        "huge.html: HTML page too large to read (190,003 elements, limit 50,000); save the "
        "article's text and read that"
    ]


def test_nesting_past_the_parsers_depth_reads_in_good_time():
    page = "<html><body>" + "<div>" * 100_000 + f"<p>{STORY}</p>" + "</div>" * 100_000
    _, seconds = _timed(lambda: read_html(page + "</body></html>", "deep.html"))
    assert seconds < 10
    sound("html", page)


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("token.txt", "x" * 1_000_001, "article too long (1,000,001 characters"),
        ("line.txt", "word " * 250_000, "article too long (1,249,999 characters"),
        ("record.jsonl", json.dumps({"id": "1", "text": "y" * 1_000_001}), "article too long"),
        ("cell.csv", "id,text\n1," + "z" * 1_000_001 + "\n", "article too long"),
    ],
)
def test_a_million_characters_on_one_line_is_one_clear_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content)
    started = time.monotonic()
    items = list(read_sources([path], Limits()))
    assert time.monotonic() - started < 20
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert reason in str(items[0]) and len(str(items[0]).splitlines()) == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("feb30.xml", _rss("", STORY).replace(b"<item>", b"<item><pubDate>Fri, 30 Feb 2024 "
                                              b"10:00:00 GMT</pubDate>")),
        ("year0.xml", _rss("", STORY).replace(b"<item>", b"<item><pubDate>0000-00-00</pubDate>")),
        ("feb30.html", f'<html><head><meta name="date" content="2024-02-30"></head><body>'
                       f"<p>{STORY}</p></body></html>".encode()),
        ("feb30.txt", f"Kaya, February 30 (SW) -- {STORY}".encode()),
    ],
)  # fmt: skip
def test_a_date_no_calendar_has_is_no_date(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    [article] = read_sources([path], Limits())
    assert isinstance(article, Article) and article.published is None


def test_an_impossible_date_in_a_record_is_a_clear_error(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "1", "text": STORY, "published": "2024-02-30"}))
    assert [str(e) for e in read_sources([path], Limits())] == [
        f"{path}:1: 'published' is not a date: '2024-02-30'"
    ]


def test_a_gzip_file_is_binary_not_a_bomb(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    path.write_bytes(packer.compress(b"\0" * (64 << 20)) + packer.flush())
    assert [e.reason for e in read_sources([path], Limits())] == [
        "binary file, not text, HTML, PDF, feed, JSON Lines or CSV"
    ]


def test_a_pdf_whose_page_tree_contains_itself_is_a_clear_error():
    pdf = assemble_pdf([
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[2 0 R]/Count 1>>",
    ])  # fmt: skip
    items, seconds = _timed(lambda: read_pdf(pdf, "loop.pdf"))
    assert seconds < 10 and isinstance(items[0], InputError), items
