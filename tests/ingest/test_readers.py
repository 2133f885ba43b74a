"""Every reader, reached through read_sources and read_path (ingest/__init__.py)."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest import Format, read_path
from newsledger.ingest.detect import detect_format

PLAIN = """\
Port workers strike over pay

LAGOS, July 8, 2024 (NAN) -- Dock workers at the country's largest port walked off
the job on Monday, demanding higher wages and safer equipment, their union said.

The strike halted the unloading of at least six container ships, according to port
officials, who urged both sides to return to talks.
"""

MARKDOWN = """\
# Ceasefire talks resume in Doha

*Mediators say the first round ended without agreement*

---

Image not found or type unknown

DOHA, March 4 (QNA) -- Negotiators from both sides met on **Monday** for a second
round of talks, officials said.

The talks had stalled in January after the two sides failed to agree on the

sequencing of a withdrawal, a diplomat said.

https://gulfwire.example/news/2024/03/04/ceasefire-talks

**Gulf Wire Radio**
"""

HTML = """\
<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Flooding cuts road to port | Delta Daily</title>
<meta property="og:site_name" content="Delta Daily">
<meta property="og:title" content="Flooding cuts road to port">
<meta property="article:published_time" content="2024-05-14T08:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li>
<li><a href="/sport">Sport section</a></li></ul></nav>
<main><article>
<h1>Flooding cuts road to port</h1>
<p>MARENDA, May 13 (DDN) -- Heavy rain on Monday washed away a bridge on the main road
to the port of Marenda, stranding hundreds of lorries, the transport authority said.</p>
<p>Engineers expect to open a temporary crossing within a week, the authority said in a
statement, adding that no one had been hurt when the bridge collapsed.</p>
<p>Traders warned that food prices in the capital could rise if the closure lasted
longer than a few days, as most imports pass through Marenda.</p>
</article>
<aside><h3>Most read</h3><p>Celebrity chef opens new restaurant downtown to long queues
of fans.</p></aside>
</main>
<footer><p>Copyright 2024 Delta Daily. All rights reserved. Subscribe to our newsletter.</p>
</footer>
</body></html>
"""

HTML_BOILERPLATE = (
    "World news menu",  # nav
    "Sport section",
    "Most read",  # aside
    "Celebrity chef",
    "All rights reserved",  # footer
    "Subscribe",
)

RSS = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Harbour Radio</title><link>https://harbour.example/</link><description>News</description>
<item><title>Ferry service resumes after storm</title>
<link>https://harbour.example/2024/01/15/ferry</link>
<guid isPermaLink="false">harbour-1001</guid><pubDate>Mon, 15 Jan 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The island ferry resumed sailing on Monday after three days of storms,
the operator said.&lt;/p&gt;&lt;p&gt;Passengers queued from dawn at the harbour.&lt;/p&gt;
</description></item>
<item><title>Council approves new sea wall</title>
<link>https://harbour.example/2024/01/16/wall</link>
<guid isPermaLink="false">harbour-1002</guid><pubDate>Tue, 16 Jan 2024 23:30:00 -0500</pubDate>
<description>The town council voted on Tuesday to build a new sea wall along the northern
shore.</description></item>
</channel></rss>
"""

ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Valley Monitor</title><id>urn:uuid:valley</id><updated>2024-03-02T12:00:00Z</updated>
<entry><title>Bridge reopens to traffic</title><id>urn:uuid:entry-a</id>
<link href="https://valley.example/a"/>
<published>2024-03-01T07:00:00Z</published><updated>2024-03-02T07:00:00Z</updated>
<content type="html">&lt;p&gt;The repaired bridge over the Sava reopened on Friday, the
roads agency said.&lt;/p&gt;&lt;p&gt;Lorries must still use the bypass.&lt;/p&gt;</content>
</entry>
<entry><title>Farmers protest fuel prices</title><id>urn:uuid:entry-b</id>
<link href="https://valley.example/b"/><updated>2024-03-02T09:00:00Z</updated>
<summary>Hundreds of farmers drove tractors into the town centre on Saturday.</summary>
</entry>
</feed>
"""

RECORDS = [
    {
        "id": "relief-1",
        "title": "Aid convoy reaches Tamsa",
        "text": "An aid convoy of twenty lorries reached Tamsa on Sunday, the agency said."
        "\n\nIt carried flour and medicine for about 4,000 families.",
        "url": "https://relief.example/tamsa",
        "source": "Relief Wire",
        "published": "2024-04-07",
    },
    {
        "id": "relief-2",
        "title": "Curfew lifted in Tamsa",
        "text": "Authorities lifted the night curfew on Monday after a week of calm.",
        "url": "",
        "source": "Relief Wire",
        "published": "2024-04-08T22:00:00Z",
    },
]
COLUMNS = ["id", "title", "text", "url", "source", "published"]


def json_lines(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def csv_text(records: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS)
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def only_article(items: list[Article | InputError]) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def test_plain_text_file(write_file, read_all) -> None:
    path = write_file("strike.txt", PLAIN)
    article = only_article(read_all(path))
    assert article.title == "Port workers strike over pay"
    assert article.text.startswith(
        "Port workers strike over pay\n\nLAGOS, July 8, 2024 (NAN) -- Dock workers at the "
        "country's largest port walked off the job on Monday,"
    )
    assert article.text.count("\n\n") == 2  # headline, two body paragraphs
    assert article.published == date(2024, 7, 8)
    assert article.origin == str(path)


def test_markdown_file_reads_as_clean_text(write_file, read_all) -> None:
    article = only_article(read_all(write_file("talks.md", MARKDOWN)))
    assert article.title == "Ceasefire talks resume in Doha"
    assert article.subtitle == "Mediators say the first round ended without agreement"
    assert article.text == (
        "Ceasefire talks resume in Doha\n\n"
        "Mediators say the first round ended without agreement\n\n"
        "DOHA, March 4 (QNA) -- Negotiators from both sides met on Monday for a second "
        "round of talks, officials said.\n\n"
        "The talks had stalled in January after the two sides failed to agree on the "
        "sequencing of a withdrawal, a diplomat said."
    )
    assert article.url == "https://gulfwire.example/news/2024/03/04/ceasefire-talks"
    assert article.source == "Gulf Wire Radio"
    assert article.published == date(2024, 3, 4)
    assert article.text[article.dateline.start : article.dateline.end] == "DOHA, March 4 (QNA) --"
    assert article.text[article.body_start :].startswith("DOHA, March 4 (QNA) --")


@pytest.mark.parametrize("name", ["flood.html", "flood.htm", "flood.txt", "flood"])
def test_html_page_gives_main_text_and_metadata(write_file, read_all, name: str) -> None:
    article = only_article(read_all(write_file(name, HTML)))
    assert article.title == "Flooding cuts road to port"
    assert article.source == "Delta Daily"
    assert (article.published, article.published_from) == (date(2024, 5, 14), "metadata")
    assert "washed away a bridge on the main road to the port of Marenda" in article.text
    assert "most imports pass through Marenda." in article.text
    for boilerplate in HTML_BOILERPLATE:
        assert boilerplate not in article.text
    assert "<" not in article.text
    assert article.text[article.dateline.start : article.dateline.end] == "MARENDA, May 13 (DDN) --"


# Short stories without an <article>: furniture is left out, the story is still read.
SHORT_PAGES = {
    "paragraphs-in-a-div": (
        """<!DOCTYPE html><html><head><title>Curfew lifted in Tamsa</title></head><body>
        <div class="menu"><a href="/">Home</a> <a href="/news">News</a></div>
        <div class="content"><p>Authorities lifted the night curfew in Tamsa on Monday
        after a week of calm, the interior ministry said.</p>
        <p>Shops reopened in the evening.</p></div></body></html>""",
        "Curfew lifted in Tamsa",
        ["Authorities lifted the night curfew in Tamsa on Monday after a week of calm, "
         "the interior ministry said.", "Shops reopened in the evening."],
    ),
    "paragraphs-in-main": (
        """<!DOCTYPE html><html><head><title>Aid convoy reaches Tamsa</title></head><body>
        <header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
        <main><h1>Aid convoy reaches Tamsa</h1>
        <p>An aid convoy of twenty lorries reached Tamsa on Sunday.</p></main>
        <footer><p>&copy; 2024 Relief Wire. All rights reserved.</p></footer></body></html>""",
        "Aid convoy reaches Tamsa",
        ["An aid convoy of twenty lorries reached Tamsa on Sunday."],
    ),
    "page-wrapped-in-a-form": (
        """<!DOCTYPE html><html><head><title>Port strike enters third day</title></head>
        <body><form method="post" action="./story.aspx?id=88" id="aspnetForm">
        <div id="header"><a href="/">Harbour Times</a> <a href="/news">News</a></div>
        <div id="story"><h1>Port strike enters third day</h1><p>Dock workers at the port
        stayed off the job for a third day on Wednesday, port officials said.</p></div>
        <div id="footer">Copyright 2024 Harbour Times</div></form></body></html>""",
        "Port strike enters third day",
        ["Dock workers at the port stayed off the job for a third day on Wednesday, port "
         "officials said."],
    ),
    "wrapper-named-for-an-open-menu": (
        """<!DOCTYPE html><html><head><title>Talks resume in Doha</title></head><body>
        <div id="wrapper" class="layout nav-open has-sidebar">
        <div class="topnav"><a href="/">Home</a> <a href="/world">World</a></div>
        <div class="story-body"><p>Negotiators met on Monday for a second round of talks,
        officials said.</p></div></div></body></html>""",
        "Talks resume in Doha",
        ["Negotiators met on Monday for a second round of talks, officials said."],
    ),
    "chinese-without-spaces-between-words": (
        """<!DOCTYPE html><html><head><title>港口工人罢工进入第三天</title></head><body>
        <nav><a href="/">首页</a> <a href="/world">国际新闻</a></nav>
        <div><p>拉各斯港口的码头工人周三连续第三天罢工，港口官员表示。</p></div></body></html>""",
        "港口工人罢工进入第三天",
        ["拉各斯港口的码头工人周三连续第三天罢工，港口官员表示。"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("markup", "title", "paragraphs"), SHORT_PAGES.values(), ids=SHORT_PAGES.keys()
)
def test_short_html_story_without_article_element_is_read(
    write_file, read_all, markup: str, title: str, paragraphs: list[str]
) -> None:
    article = only_article(read_all(write_file("story.html", markup)))
    assert article.title == title
    assert article.text.split("\n\n") == [title, *paragraphs]


def test_pdf_file_reflows_lines_into_paragraphs(write_file, read_all, make_pdf) -> None:
    lead = (
        "LAGOS, July 8, 2024 (NAN) -- Dock workers at the country's largest port walked "
        "off the job on Monday, demanding higher wages and safer equipment, their union said."
    )
    second = (
        "The strike halted the unloading of at least six container ships, according to "
        "port officials, who urged both sides to return to talks."
    )
    data = make_pdf("Port workers strike over pay", [lead, second])
    article = only_article(read_all(write_file("strike.pdf", data)))
    assert article.text == f"Port workers strike over pay\n\n{lead}\n\n{second}"
    assert article.title == "Port workers strike over pay"
    assert article.dateline is not None and article.dateline.place == "Lagos"
    assert article.published == date(2024, 7, 8)


def test_pdf_title_metadata_is_not_repeated(write_file, read_all, make_pdf) -> None:
    lead = "KYIV (Reuters) - Ukraine said on Tuesday it had shot down most of the drones."
    data = make_pdf("Drones downed over Kyiv", [lead], title="Drones downed over Kyiv")
    article = only_article(read_all(write_file("drones.pdf", data)))
    assert article.text == f"Drones downed over Kyiv\n\n{lead}"
    assert article.text[article.dateline.start : article.dateline.end] == "KYIV (Reuters) -"


def test_rss_feed_gives_one_article_per_item(write_file, read_all) -> None:
    path = write_file("harbour.xml", RSS)
    first, second = read_all(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, second.id) == ("harbour-1001", "harbour-1002")
    assert first.title == "Ferry service resumes after storm"
    assert first.text == (
        "Ferry service resumes after storm\n\n"
        "The island ferry resumed sailing on Monday after three days of storms, the operator "
        "said.\n\nPassengers queued from dawn at the harbour."
    )
    assert (first.source, first.url) == (
        "Harbour Radio",
        "https://harbour.example/2024/01/15/ferry",
    )
    assert first.published == date(2024, 1, 15)
    assert second.published == date(2024, 1, 17)  # 23:30 at UTC-5 is the 17th in UTC
    assert (first.origin, second.origin) == (f"{path}#entry1", f"{path}#entry2")


def test_atom_feed_gives_one_article_per_entry(write_file, read_all) -> None:
    first, second = read_all(write_file("valley.atom", ATOM))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, second.id) == ("urn:uuid:entry-a", "urn:uuid:entry-b")
    assert first.text == (
        "Bridge reopens to traffic\n\nThe repaired bridge over the Sava reopened on Friday, "
        "the roads agency said.\n\nLorries must still use the bypass."
    )
    assert first.source == "Valley Monitor"
    assert first.published == date(2024, 3, 1)  # published, not updated
    assert second.published == date(2024, 3, 2)  # only updated is given
    assert second.url == "https://valley.example/b"


def assert_records_read(items: list[Article | InputError], origin: str, lines: list[int]) -> None:
    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, second.id) == ("relief-1", "relief-2")
    assert first.title == "Aid convoy reaches Tamsa"
    assert first.text == (
        "Aid convoy reaches Tamsa\n\nAn aid convoy of twenty lorries reached Tamsa on Sunday, "
        "the agency said.\n\nIt carried flour and medicine for about 4,000 families."
    )
    assert (first.source, first.url) == ("Relief Wire", "https://relief.example/tamsa")
    assert second.url is None
    assert (first.published, second.published) == (date(2024, 4, 7), date(2024, 4, 8))
    assert first.published_from == "record"
    assert [item.origin for item in items] == [f"{origin}:{line}" for line in lines]


@pytest.mark.parametrize("name", ["relief.jsonl", "relief.json", "relief.txt", "relief"])
def test_json_lines_records(write_file, read_all, name: str) -> None:
    path = write_file(name, json_lines(RECORDS))
    assert_records_read(read_all(path), str(path), [1, 2])


def test_json_lines_blank_lines_are_skipped_and_numbers_kept(write_file, read_all) -> None:
    first, second = (json.dumps(record) for record in RECORDS)
    path = write_file("relief.jsonl", f"{first}\n\n{second}\n\n")
    assert_records_read(read_all(path), str(path), [1, 3])


@pytest.mark.parametrize("name", ["relief.csv", "relief.txt", "relief"])
def test_csv_records(write_file, read_all, name: str) -> None:
    path = write_file(name, csv_text(RECORDS))
    # A record ends on the line where its quoted, multi-line text ends.
    assert_records_read(read_all(path), str(path), [4, 5])


@pytest.mark.parametrize("name", ["relief.csv", "relief.txt"])
@pytest.mark.parametrize("blank", ["\n\n", "\r\n  \r\n"])
def test_csv_blank_lines_before_the_header_are_skipped_and_numbers_kept(
    write_file, read_all, name: str, blank: str
) -> None:
    path = write_file(name, blank + csv_text(RECORDS))
    assert_records_read(read_all(path), str(path), [6, 7])


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
@pytest.mark.parametrize(
    ("name", "content", "lines"),
    [("relief.jsonl", json_lines(RECORDS), [1, 2]), ("relief.csv", csv_text(RECORDS), [4, 5])],
)
def test_utf16_dump_is_read_record_by_record(
    write_file, read_all, bom: bytes, name: str, content: str, lines: list[int]
) -> None:
    # Not one plain-text article of raw JSON: the byte-order mark says how to read it.
    codec = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    path = write_file(name, bom + content.encode(codec))
    assert_records_read(read_all(path), str(path), lines)


def test_csv_with_byte_order_mark_and_extra_columns(write_file, read_all) -> None:
    rows = [{**RECORDS[1], "section": "world"}]
    out = io.StringIO()
    writer = csv.DictWriter(out, [*COLUMNS, "section"])
    writer.writeheader()
    writer.writerows(rows)
    article = only_article(read_all(write_file("curfew.csv", "\ufeff" + out.getvalue())))
    assert article.id == "relief-2"
    assert article.text.endswith("after a week of calm.")


def test_folder_is_read_recursively_skipping_hidden_files(write_file, read_all, tmp_path) -> None:
    write_file("news/b.txt", "Second story.\n\nThe council met on Tuesday.")
    write_file("news/a.txt", "First story.\n\nThe council met on Monday.")
    write_file("news/2024/march/c.md", "# Third story\n\nThe council met on Wednesday.")
    write_file("news/.draft.txt", "Hidden draft.\n\nNot for publication.")
    write_file("news/.cache/d.txt", "Hidden folder.\n\nNot for publication.")
    items = read_all(tmp_path / "news")
    assert all(isinstance(item, Article) for item in items)
    # Sorted by name, a folder's own files before its subfolders.
    assert [Path(item.origin).relative_to(tmp_path).as_posix() for item in items] == [
        "news/a.txt",
        "news/b.txt",
        "news/2024/march/c.md",
    ]
    assert not any("publication" in item.text for item in items)


def stdin_with(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    buffer = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(buffer, encoding="utf-8"))


def test_standard_input_is_read_as_one_article(monkeypatch, read_all) -> None:
    stdin_with(monkeypatch, PLAIN.encode("utf-8"))
    article = only_article(read_all("-"))
    assert article.origin == "<stdin>"
    assert article.title == "Port workers strike over pay"
    assert article.published == date(2024, 7, 8)


def test_standard_input_may_carry_json_lines(monkeypatch, read_all) -> None:
    stdin_with(monkeypatch, json_lines(RECORDS).encode("utf-8"))
    assert_records_read(read_all("-"), "<stdin>", [1, 2])


def test_standard_input_among_files(monkeypatch, write_file, read_all) -> None:
    stdin_with(monkeypatch, MARKDOWN.encode("utf-8"))
    items = read_all(write_file("strike.txt", PLAIN), "-")
    assert [item.title for item in items] == [
        "Port workers strike over pay",
        "Ceasefire talks resume in Doha",
    ]


def test_read_path_reads_one_file(write_file) -> None:
    path = write_file("strike.txt", PLAIN)
    (article,) = read_path(path)
    assert isinstance(article, Article)
    assert article.origin == str(path)


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (HTML.encode(), "page.txt", Format.HTML),
        (b"<html><body><p>Short page.</p></body></html>", "x.md", Format.HTML),
        (b"\xef\xbb\xbf<!DOCTYPE html><html></html>", "x", Format.HTML),
        (RSS.encode(), "feed.html", Format.FEED),
        (ATOM.encode(), "feed", Format.FEED),
        (json_lines(RECORDS).encode(), "dump", Format.JSON_LINES),
        (csv_text(RECORDS).encode(), "dump.txt", Format.CSV),
        (b"x,y\n1,2\n", "table.csv", Format.CSV),
        (b"%PDF-1.7\n%...", "report", Format.PDF),
        (PLAIN.encode(), "strike.html", Format.TEXT),
        (b"{this is not json} said the minister.", "quote.txt", Format.TEXT),
        (b"\x00\x01\x02binary", "photo.txt", Format.BINARY),
        (b"  \n\n", "blank.txt", Format.EMPTY),
        (("\ufeff" + json_lines(RECORDS)).encode("utf-16-le"), "dump", Format.JSON_LINES),
        (("\ufeff" + csv_text(RECORDS)).encode("utf-16-be"), "dump.txt", Format.CSV),
        (("\ufeff" + HTML).encode("utf-16-le"), "page.txt", Format.HTML),
        (("\ufeff" + RSS).encode("utf-16-le"), "feed", Format.FEED),
    ],
)
def test_format_is_detected_from_content_not_name(head: bytes, name: str, kind: Format) -> None:
    assert detect_format(head, name) is kind
