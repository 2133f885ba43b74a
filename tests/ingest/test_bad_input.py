"""Inputs that are not (readable) news articles: each gives an InputError naming the file
and the reason, yielded in the stream, and never stops the rest of the batch."""

from __future__ import annotations

import io
import json
import random
import time
from pathlib import Path

import pytest
from pypdf import PdfWriter

from newsledger.article import Article
from newsledger.errors import InputError, NewsledgerError
from newsledger.ingest import Limits, read_sources

GOOD = """\
Bridge reopens to traffic

The repaired bridge over the Sava reopened on Friday, the roads agency said.

Lorries must still use the bypass until the spring, the agency added.
"""


def errors_and_articles(
    items: list[Article | InputError],
) -> tuple[list[InputError], list[Article]]:
    errors = [item for item in items if isinstance(item, InputError)]
    articles = [item for item in items if isinstance(item, Article)]
    assert len(errors) + len(articles) == len(items)
    return errors, articles


def read_bad_between_good(write_file, read_all, bad: Path) -> InputError:
    """Read a good file, the bad one and another good file; return the one error."""
    before = write_file("before.txt", GOOD)
    after = write_file("zz-after.txt", GOOD.replace("Friday", "Saturday"))
    errors, articles = errors_and_articles(read_all(before, bad, after))
    assert len(errors) == 1, errors
    assert [article.origin for article in articles] == [str(before), str(after)]
    error = errors[0]
    assert isinstance(error, NewsledgerError)
    assert str(error).startswith(f"{bad}: ")
    assert error.origin == str(bad)
    return error


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n"], ids=["zero-bytes", "whitespace"])
def test_empty_file(write_file, read_all, content: bytes) -> None:
    error = read_bad_between_good(write_file, read_all, write_file("empty.txt", content))
    assert error.reason == "empty file"


@pytest.mark.parametrize("name", ["photo.jpg", "story.txt", "dump.jsonl"])
def test_binary_file(write_file, read_all, name: str) -> None:
    noise = b"\x00\x01\x00" + random.Random(7).randbytes(4096) + b"\x00" * 16
    error = read_bad_between_good(write_file, read_all, write_file(name, noise))
    assert error.reason.startswith("binary file, not text")


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4 garbage that is not a PDF at all\n",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer\n%%EOF\n",
    ],
)
def test_corrupt_pdf(write_file, read_all, content: bytes) -> None:
    error = read_bad_between_good(write_file, read_all, write_file("report.pdf", content))
    assert error.reason.startswith("corrupt PDF")


def encrypted(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(data))
    writer.encrypt(user_password="secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf(write_file, read_all, make_pdf) -> None:
    data = encrypted(make_pdf("Budget vote delayed", ["The vote was put off to May."]))
    error = read_bad_between_good(write_file, read_all, write_file("budget.pdf", data))
    assert error.reason == "encrypted PDF, cannot read text (decrypt it first)"


def test_pdf_without_text_layer(write_file, read_all) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 40)  # a drawing, as a scan would be an image: no text to read
    path = write_file("scan.pdf", bytes(pdf.output()))
    error = read_bad_between_good(write_file, read_all, path)
    assert error.reason == "PDF has no text layer (scanned? run OCR first)"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><div><p>unclosed",
        "<html><body><div><p>Rescue teams pulled three people from the rubble on <b>Thursday",
        "<html><body></div></span><p>Rescue teams pulled three people from the rubble.</td>",
    ],
)
def test_invalid_html_is_read_or_reported_never_leaks_tags(write_file, read_all, markup) -> None:
    path = write_file("broken.html", markup)
    items = read_all(path)
    assert len(items) == 1
    (item,) = items
    if isinstance(item, InputError):
        assert str(item).startswith(f"{path}: ")
        assert item.reason
    else:
        assert item.text.strip()
        assert "<" not in item.text and ">" not in item.text


def test_unclosed_html_keeps_the_words_it_has(write_file, read_all) -> None:
    markup = "<html><body><div><p>Rescue teams pulled three people from the rubble on Thursday"
    (article,) = read_all(write_file("broken.html", markup))
    assert isinstance(article, Article)
    assert article.text == "Rescue teams pulled three people from the rubble on Thursday"


def test_html_page_without_article_text(write_file, read_all) -> None:
    path = write_file("menu.html", "<html><head><title>Menu</title></head><body></body></html>")
    error = read_bad_between_good(write_file, read_all, path)
    assert error.reason == "no article text found in the HTML page"


def page(title: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


MENU = """<ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture and the arts</a></li></ul>"""

# Pages with no story, only the furniture around one: each is an error, never an article
# made of menu labels, a cookie notice or headlines of other stories.
FURNITURE_ONLY = {
    "menu-and-footer": page(
        "Home | Delta Daily",
        f"""<header><a href="/" class="logo">Delta Daily</a></header><nav>{MENU}</nav>
        <footer><a href="/about">About us</a> <a href="/privacy">Privacy policy</a>
        <p>Delta Daily, 12 River Road, Marenda. Call our newsroom on 555 0100.</p></footer>""",
    ),
    "menu-and-footer-in-plain-divs": page(
        "Home | Delta Daily",
        f"""<div class="top">{MENU}</div><div class="bottom"><a href="/about">About us</a>
        <p>Copyright 2024 Delta Daily Media Group. All rights reserved.</p></div>""",
    ),
    "cookie-banner-and-links": page(
        "Valley Monitor",
        """<div id="cookie-banner" class="consent-notice"><p>To give you the best experience
        and show you relevant advertising, cookies are stored on your device. By clicking
        Accept all, you agree to the storing of cookies for these purposes.</p>
        <button>Accept all</button><button>Manage preferences</button>
        <a href="/cookies">Cookie policy</a></div>
        <div><a href="/news">News</a> | <a href="/weather">Weather</a> |
        <a href="/jobs">Jobs</a> | <a href="/obituaries">Obituaries</a></div>""",
    ),
    "cookie-notice-in-a-plain-div": page(
        "Valley Monitor",
        """<div class="bar"><p>We use cookies to improve your experience on our site and to
        show you relevant advertising; read how in our policy.</p></div>
        <div><a href="/news">News</a> <a href="/weather">Weather</a></div>""",
    ),
    "index-of-headlines": page(
        "World news | Harbour Radio",
        """<nav><a href="/">Home</a> <a href="/world">World</a></nav><main><h1>World news</h1>
        <ul><li><a href="/a">Ferry service resumes after three days of storms on the island</a></li>
        <li><a href="/b">Council approves new sea wall along the northern shore</a></li>
        <li><a href="/c">Dock workers strike over pay at the country's largest port</a></li>
        <li><a href="/d">Ceasefire talks resume in Doha after January stalemate.</a></li></ul>
        </main><footer><p>&copy; 2024 Harbour Radio</p></footer>""",
    ),
    "login-form": page(
        "Sign in | Relief Wire",
        """<main><h1>Sign in to your account</h1><form action="/login" method="post">
        <label for="email">Email address</label><input id="email" type="email">
        <label for="password">Password</label><input id="password" type="password">
        <label><input type="checkbox"> Keep me signed in on this computer for thirty days</label>
        <button type="submit">Sign in</button></form>
        <p><a href="/forgot">Forgot your password?</a> <a href="/join">Create an account</a></p>
        </main>""",
    ),
    "login-box-with-a-welcome-sentence": page(
        "Sign in | Relief Wire",
        """<div class="login-box"><h2>Welcome back</h2><p>Sign in to read every story,
        save articles for later and manage the newsletters you receive from us.</p>
        <form><input type="email"><input type="password"></form></div>""",
    ),
}


@pytest.mark.parametrize("markup", FURNITURE_ONLY.values(), ids=FURNITURE_ONLY.keys())
def test_html_page_with_only_furniture_is_one_error(write_file, read_all, markup) -> None:
    path = write_file("page.html", markup)
    error = read_bad_between_good(write_file, read_all, path)
    assert str(error) == f"{path}: no article text found in the HTML page"


def test_cli_reports_a_furniture_page_on_one_line_and_goes_on(run_cli, tmp_path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a-story.txt").write_text(GOOD, encoding="utf-8")
    home = tmp_path / "pages" / "home.html"
    home.write_text(FURNITURE_ONLY["menu-and-footer"], encoding="utf-8")
    result = run_cli("ingest", str(tmp_path / "pages"), "--db", str(tmp_path / "ledger.db"))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert f"error: {home}: no article text found in the HTML page" in errors
    assert not any("Home" in line for line in errors)
    assert "ingested 1," in result.stdout


FEED_WITH_EMPTY_ENTRY = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Radio</title>
<item><title>Ferry service resumes</title><guid>h-1</guid>
<description>The island ferry resumed sailing on Monday, the operator said.</description></item>
<item><title>Photo gallery: the storm</title><guid>h-2</guid></item>
<item><title>Sea wall approved</title><guid>h-3</guid>
<description>&lt;p&gt;The council voted on Tuesday for a new sea wall.&lt;/p&gt;</description>
</item>
<item><title>Blank story</title><guid>h-4</guid>
<description>&lt;p&gt; &lt;/p&gt;</description></item>
</channel></rss>
"""


def test_feed_entry_without_text_is_reported_and_the_others_read(write_file, read_all) -> None:
    path = write_file("harbour.xml", FEED_WITH_EMPTY_ENTRY)
    errors, articles = errors_and_articles(read_all(path))
    assert [article.id for article in articles] == ["h-1", "h-3"]
    assert [str(error) for error in errors] == [
        f"{path}#entry2: feed entry 'Photo gallery: the storm' has no text",
        f"{path}#entry4: feed entry 'Blank story' has no text",
    ]


def test_feed_without_entries(write_file, read_all) -> None:
    path = write_file("empty-feed.xml", "<rss version='2.0'><channel><title>X</title></channel>")
    error = read_bad_between_good(write_file, read_all, path)
    assert error.reason.startswith("not a readable RSS/Atom feed")


class CountingFile(io.FileIO):
    """A raw file that counts the bytes read from it."""

    total = 0

    def readinto(self, buffer) -> int | None:  # type: ignore[override]
        count = super().readinto(buffer)
        CountingFile.total += count or 0
        return count


def test_huge_file_is_refused_without_reading_it(write_file, read_all, monkeypatch) -> None:
    line = b"The council met again on Monday to discuss the budget for next year.\n"
    path = write_file("huge.txt", line * (50_000_000 // len(line) + 1))
    assert path.stat().st_size > 50_000_000
    CountingFile.total = 0
    monkeypatch.setattr(Path, "open", lambda self, mode="r": io.BufferedReader(CountingFile(self)))
    started = time.perf_counter()
    errors, articles = errors_and_articles(read_all(path))
    elapsed = time.perf_counter() - started
    assert [str(error) for error in errors] == [
        f"{path}: file too large for one article (50.0 MB, limit 20 MB); split it or use JSON Lines"
    ]
    assert articles == []
    assert CountingFile.total < 1_000_000  # only the head, for format detection
    assert elapsed < 2


def test_too_large_file_is_reported_and_batch_continues(write_file, read_all) -> None:
    path = write_file("huge.txt", "The council met on Monday. " * 800_000)
    error = read_bad_between_good(write_file, read_all, path)
    assert "file too large for one article (21.6 MB, limit 20 MB)" in error.reason


def test_article_over_the_character_limit_is_reported(write_file) -> None:
    path = write_file("long.txt", GOOD)
    (error,) = read_sources([path], Limits(max_article_chars=100))
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: article too long (")
    assert "limit 100)" in str(error)


def test_windows_1252_file_is_decoded(write_file, read_all) -> None:
    text = (
        "Caf\u00e9 owners protest new tax\n\n"
        "The owners of more than forty caf\u00e9s closed their doors on Tuesday in protest at "
        "what they called the mayor\u2019s \u201cpunishing\u201d tax on terraces.\n\n"
        "\u201cWe cannot survive another winter like this,\u201d said Jos\u00e9 Ferrer, who "
        "runs a caf\u00e9 near the cathedral.\n"
    )
    path = write_file("tax.txt", text.encode("cp1252"))
    (article,) = read_all(path)
    assert isinstance(article, Article)
    assert article.title == "Caf\u00e9 owners protest new tax"
    assert "the mayor\u2019s \u201cpunishing\u201d tax" in article.text
    assert "\u201cWe cannot survive another winter like this,\u201d said Jos\u00e9" in article.text


def test_missing_path(tmp_path, write_file, read_all) -> None:
    error = read_bad_between_good(write_file, read_all, tmp_path / "no" / "such.txt")
    assert error.reason == "no such file or directory"


def test_json_lines_invalid_line_names_file_and_line(write_file, read_all) -> None:
    good = {"id": "r1", "text": "Talks resumed on Monday in the capital."}
    lines = [json.dumps(good), '{"id": "r2", "text": "unfinished', json.dumps({**good, "id": "r3"})]
    path = write_file("dump.jsonl", "\n".join(lines) + "\n")
    errors, articles = errors_and_articles(read_all(path))
    assert [article.id for article in articles] == ["r1", "r3"]
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{path}:2: invalid JSON (")


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "r2", "title": "No body"}, "record has no 'text'"),
        ({"id": "r2", "text": "   "}, "record has no 'text'"),
        ({"id": "r2", "text": "Talks resumed.", "published": "last Monday"}, "'published' is"),
        (["r2", "Talks resumed."], "a JSON Lines record must be an object"),
    ],
)
def test_json_lines_bad_record_names_file_and_line(write_file, read_all, record, reason) -> None:
    good = json.dumps({"id": "r1", "text": "Talks resumed on Monday in the capital."})
    path = write_file("dump.jsonl", f"{good}\n{json.dumps(record)}\n{good}\n")
    errors, articles = errors_and_articles(read_all(path))
    assert len(articles) == 2
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{path}:2: {reason}")


def test_csv_without_text_column(write_file, read_all) -> None:
    path = write_file("dump.csv", "id,title,body\n1,Talks resume,Talks resumed on Monday.\n")
    error = read_bad_between_good(write_file, read_all, path)
    assert error.reason == "CSV has no 'text' column (expected id,title,text,...)"


def _dump_with_late_line(header: str, good: str, late: str, encoding: str) -> bytes:
    """1,000 ASCII records (`good` % number) after `header`, then `late` in `encoding`."""
    lines = [good % number for number in range(1, 1001)]
    return (header + "\n".join(lines) + "\n").encode() + (late + "\n").encode(encoding)


@pytest.mark.parametrize(
    ("name", "good", "bad"),
    [
        (
            "dump.jsonl",
            '{"id": "r%d", "text": "Talks resumed."}',
            '{"id": "x", "text": "\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b '
            '\u0432 \u041c\u043e\u0441\u043a\u0432\u0435."}',
        ),
        ("dump.csv", "r%d,Talks resumed.", "x,\u0412\u0441\u0442\u0440\u0435\u0447\u0430 "
         "\u0432 \u041c\u043e\u0441\u043a\u0432\u0435."),
    ],
)  # fmt: skip
def test_dump_not_in_utf8_names_the_line_and_keeps_earlier_records(
    write_file, read_all, name: str, good: str, bad: str
) -> None:
    # Far past the first block read, so the line is not found by luck. Cyrillic in
    # Windows-1251 does not read as Windows-1252 text: refused, never misread.
    header = "id,text\n" if name.endswith(".csv") else ""
    path = write_file(name, _dump_with_late_line(header, good, bad, "cp1251"))
    errors, articles = errors_and_articles(read_all(path))
    assert [article.id for article in articles] == [f"r{n}" for n in range(1, 1001)]
    bad_line = 1001 + bool(header)
    assert [str(error) for error in errors] == [
        f"{path}:{bad_line}: neither UTF-8 nor Windows-1252 text (re-save the file as UTF-8)"
    ]


@pytest.mark.parametrize(
    ("name", "good", "legacy"),
    [
        (
            "dump.jsonl",
            '{"id": "r%d", "text": "Talks resumed."}',
            '{"id": "x", "text": "The caf\u00e9 owner\u2019s \u201cstrike\u201d began in '
            'Gen\u00e8ve."}',
        ),
        ("dump.csv", "r%d,Talks resumed.",
         'x,"The caf\u00e9 owner\u2019s \u201cstrike\u201d began in Gen\u00e8ve."'),
    ],
)  # fmt: skip
def test_dump_in_windows_1252_is_decoded_line_by_line(
    write_file, read_all, name: str, good: str, legacy: str
) -> None:
    # An Excel CSV or an old export: UTF-8 (here ASCII) lines, then one far past the
    # first block read in Windows-1252, whose accents and curly quotes must come out right.
    header = "id,text\n" if name.endswith(".csv") else ""
    data = _dump_with_late_line(header, good, legacy, "cp1252")
    errors, articles = errors_and_articles(read_all(write_file(name, data)))
    assert errors == []
    assert articles[-1].id == "x"
    assert articles[-1].text == (
        "The caf\u00e9 owner\u2019s \u201cstrike\u201d began in Gen\u00e8ve."
    )


@pytest.mark.parametrize("hidden", [[], [".DS_Store"], [".git/config"]])
def test_a_folder_with_nothing_to_read_is_reported(tmp_path, read_all, hidden) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in hidden:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x")
    (error,) = read_all(folder)
    assert isinstance(error, InputError)
    assert str(error) == f"{folder}: a folder with no files to read"
