"""`newsledger report` (issue 14): the HTML page holds every section and loads nothing,
article text stays text, filters and --dyad choose what it tells, --format md tells the
same in tables."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.conftest import newsledger_cli

from newsledger.article import Article
from newsledger.errors import NewsledgerError
from newsledger.extract import extract
from newsledger.ledger import Filters, Ledger
from newsledger.ledger.filter_values import FilterValueError
from newsledger.ledger.query import select_events
from newsledger.report.data import gather, parse_dyad, safe_url
from newsledger.report.html import render_html
from newsledger.report.markdown import render_markdown

SECTIONS = ("figures", "timeline-section", "map-section", "actors", "trends", "tolls",
            "quotes", "incidents")  # fmt: skip


class _Page(HTMLParser):
    """Every tag, attribute, text and comment of a page, as the browser would read them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.texts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.texts.append(data)

    def handle_comment(self, data):
        self.texts.append(data)

    def handle_decl(self, decl):
        self.texts.append(decl)

    def handle_pi(self, data):
        self.texts.append(data)


def _web_address(text: str) -> bool:
    return "http://" in text.lower() or "https://" in text.lower()


def _article_urls(ledger: Path) -> set[str]:
    db = sqlite3.connect(ledger)
    urls = {row[0] for row in db.execute("SELECT url FROM articles WHERE url IS NOT NULL")}
    db.close()
    return urls


# -- the demo report ----------------------------------------------------------------------


def test_the_demo_report_has_every_section_and_its_figures(demo_report: Path):
    page = demo_report.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'<section id="{section}">' in page
    assert page.count("<svg") >= 3  # timeline, map, at least one dyad trend
    assert '<figure id="timeline">' in page and '<figure id="map">' in page
    assert "<dt>Incidents</dt><dd>110 <small>" in page  # the demo's 110 incidents
    assert "at least 29" in page  # killed: 12 + 9 + 5 + 3 + 0, two of them "at least"
    assert page.count('class="incident"') == 110
    assert "Kenya Civic Rights Forum" in page  # a contradiction between two claims


def test_the_report_loads_nothing_and_links_only_to_the_articles(demo_report, demo_ledger):
    """The only web addresses are the stored articles' own, in the href of <a> elements
    (followed only by a click); nothing else names the network, not even a namespace."""
    raw = demo_report.read_text(encoding="utf-8")
    page = _Page(raw)
    urls = _article_urls(demo_ledger)
    hrefs = []
    for tag, name, value in page.attributes:
        if _web_address(value):
            assert (tag, name) == ("a", "href"), (tag, name, value)
            assert value in urls
            hrefs.append(value)
    assert not [t for t in page.texts if _web_address(t)]
    # Every address in the raw file is one of those hrefs: none hides from the parser.
    assert raw.lower().count("http://") + raw.lower().count("https://") == len(hrefs) > 100
    assert not {"script", "link", "img", "iframe", "object", "embed", "image"} & set(page.tags)
    assert not re.search(r"url\((?!#)", raw) and "@import" not in raw  # url(#clip) is local
    policy = [v for t, n, v in page.attributes if n == "content" and "default-src" in v]
    assert policy == ["default-src 'none'; style-src 'unsafe-inline'"]


def _report(ledger: Path, *args: str) -> tuple[int, str]:
    """`newsledger report` in this process (the subprocess costs seconds of imports):
    its exit code and its stderr."""
    from click.testing import CliRunner

    from newsledger.cli import cli

    result = CliRunner().invoke(cli, ["report", "--db", str(ledger), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def test_the_markdown_report_has_the_same_sections_as_tables(demo_ledger: Path):
    out = demo_ledger.parent / "r.md"
    assert _report(demo_ledger, "--format", "md", "--out", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    for heading in ("## Headline figures", "## Timeline of incidents", "## Map of incidents",
                    "## Top actors and dyads", "## Trends and escalation",
                    "### Action-reaction chains", "## Tolls, their sources and contradictions",
                    "## Key quotes", "## Incidents"):  # fmt: skip
        assert f"\n{heading}" in text, heading
    assert "| Incidents | 110 (0 told by 2+ reports) |" in text
    assert "<svg" not in text and not re.search(r"(?<!\\)<", text)


def test_limit_caps_the_lists_but_not_the_counts(demo_ledger: Path):
    with Ledger(demo_ledger, read_only=True) as ledger:
        data = gather(ledger.connection, Filters(limit=3))
    assert data.figures.incidents == len(data.incidents) == 110
    assert len(data.listed) == 3 and len(data.quotes) == 3
    html = render_html(data)
    assert html.count('class="incident"') == 3
    assert "3 of 110 incidents" in html


def test_a_dyad_keeps_the_events_between_two_countries_either_way(demo_ledger: Path):
    out = demo_ledger.parent / "dyad.html"
    assert _report(demo_ledger, "--dyad", "Afghanistan-PAK", "--out", str(out))[0] == 0
    page = out.read_text(encoding="utf-8")
    assert "between Afghanistan and Pakistan" in page
    assert "<dt>Events</dt><dd>1 <small>" in page  # PAK accused AFG; nothing else between them
    assert "PAK → AFG" in page


def test_filters_choose_the_incidents_through_their_events(demo_ledger: Path):
    with Ledger(demo_ledger, read_only=True) as ledger:
        data = gather(ledger.connection, Filters(country="KEN"))
        kenyan = {e["id"] for e in select_events(ledger.connection, Filters(country="KEN"))}
    assert data.incidents and data.figures.events == len(kenyan) < 116
    assert all(i.evidence for i in data.incidents)
    assert {e.event for i in data.incidents for e in i.evidence} <= kenyan


def test_an_empty_selection_still_writes_a_report_that_says_so(demo_ledger: Path):
    out = demo_ledger.parent / "empty.html"
    assert _report(demo_ledger, "--since", "2030-01-01", "--out", str(out))[0] == 0
    page = out.read_text(encoding="utf-8")
    assert "No incident with a date matches" in page and "<svg" not in page
    assert "from 2030-01-01" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--dyad", "Atlantis-PAK"), "is not a dyad of two countries"),
        (("--dyad", "PAK-XXX"), "'XXX' is not a country name or ISO 3166 code"),
        (("--dyad", "PAK-Afganistan"), "did you mean Afghanistan (AFG)?"),
        (("--dyad", "PAK-PAK"), "'PAK-PAK' names Pakistan twice"),
        (("--type", "ATTACK"), "is not a PLOVER event type"),
        (("--out", "no/such/folder/r.html"), "does not exist (create it)"),
    ],
)
def test_a_usage_error_exits_2_and_writes_nothing(demo_ledger: Path, args, message):
    if "--out" not in args:
        args = (*args, "--out", str(demo_ledger.parent / "bad.html"))
    try:
        code, stderr = _report(demo_ledger, *args)
    except NewsledgerError as error:  # `newsledger` prints it and exits 2
        code, stderr = 2, str(error)
    assert code == 2 and message in stderr
    assert not (demo_ledger.parent / "bad.html").exists()


def test_a_missing_ledger_is_an_error_with_exit_2(tmp_path: Path):
    result = newsledger_cli(tmp_path, "report", "--db", "missing.db", "--out", "r.html")
    assert result.returncode == 2
    assert "missing.db: no ledger here" in result.stderr
    assert not (tmp_path / "r.html").exists()


# -- untrusted article text ---------------------------------------------------------------

HOSTILE = """Police fire tear gas at <script>alert("title")</script> protesters

Nairobi, March 14 (EANW) -- Kenyan police fired tear gas at protesters <img src=x \
onerror=alert(1)> in Nairobi on Thursday and arrested 40 people, the police said.

"We will not accept this <b>tax</b> | javascript:alert(2)," opposition leader Wanjiru \
Kamau told <a href="https://evil.example/">reporters</a> on Thursday.
"""


@pytest.fixture(scope="module")
def hostile_ledger(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    articles = [
        Article(text=HOSTILE, title='<script>alert("t")</script>', source="<i>Evil</i> Wire",
                url="javascript:alert(document.cookie)", published=date(2024, 3, 14),
                external_id="h1"),
        Article(text=HOSTILE.replace("Thursday", "Friday"), source="Data Wire",
                url="data:text/html,<script>alert(3)</script>", published=date(2024, 3, 15),
                external_id="h2"),
    ]  # fmt: skip
    with Ledger(path) as ledger:
        ledger.write([extract(article) for article in articles])
    return path


def test_article_text_is_escaped_and_no_unsafe_address_becomes_a_link(hostile_ledger):
    with Ledger(hostile_ledger, read_only=True) as ledger:
        data = gather(ledger.connection, Filters())
    assert data.figures.events >= 2
    page = render_html(data)
    parsed = _Page(page)
    assert not {"script", "img", "b", "i"} & set(parsed.tags)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # shown, as text
    assert "&lt;i&gt;Evil&lt;/i&gt; Wire" in page
    hrefs = [v for t, n, v in parsed.attributes if n in ("href", "xlink:href")]
    assert hrefs and all(h.startswith("#") for h in hrefs)  # nothing but in-page anchors
    assert not [v for _, n, v in parsed.attributes if n.startswith("on")]


def test_markdown_keeps_article_text_as_text(hostile_ledger):
    with Ledger(hostile_ledger, read_only=True) as ledger:
        text = render_markdown(gather(ledger.connection, Filters()))
    assert not re.search(r"(?<!\\)[<>]", text)  # no HTML: every angle bracket escaped
    assert "](javascript" not in text and "](data:" not in text
    assert "\\<img src=x onerror=alert(1)\\>" in text
    for line in text.splitlines():
        if line.startswith("| ") and "tax" in line:
            assert "\\|" in line  # a | in a quote does not split the row


# -- small parts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://www.hornmonitor.example/2024/04/11/abyei", True),
        ("http://example.org/a?b=1&c=2", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("//evil.example/x", False),
        ("/local/path", False),
        ('https://example.org/"onmouseover="x', False),
        ("https://exa mple.org/", False),
        ("https://", False),
        (None, False),
    ],
)
def test_only_http_addresses_with_a_host_become_links(url, kept):
    assert safe_url(url) == (url if kept else None)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("ISR-LBN", ("ISR", "LBN")),
        ("pak-afg", ("PAK", "AFG")),
        ("Sudan-Chad", ("SDN", "TCD")),
        ("Guinea-Bissau-Senegal", ("GNB", "SEN")),
        ("Senegal-Guinea-Bissau", ("SEN", "GNB")),
    ],
)
def test_a_dyad_names_two_countries_across_a_hyphen(text, pair):
    assert parse_dyad(text) == pair


@pytest.mark.parametrize("text", ["ISR", "ISR-", "Atlantis-LBN", "ISR-LBN-SYR"])
def test_a_dyad_that_names_no_two_countries_is_refused(text):
    with pytest.raises(FilterValueError, match="dyad of two countries"):
        parse_dyad(text)


@pytest.mark.parametrize(
    ("text", "unknown"),
    [("PAK-XXX", "XXX"), ("Atlantis-LBN", "Atlantis"), ("Guinea-Bissau-Atlantis", "Atlantis")],
)
def test_a_dyad_names_the_part_that_is_no_country(text, unknown):
    with pytest.raises(FilterValueError) as error:
        parse_dyad(text)
    assert str(error.value) == (
        f"{text!r} is not a dyad of two countries: {unknown!r} is not a country name or "
        "ISO 3166 code (e.g. SDN or Sudan)"
    )


@pytest.mark.parametrize("text", ["PAK-PAK", "Sudan-SDN", "pak-Pakistan"])
def test_a_dyad_of_one_country_with_itself_is_refused(text):
    with pytest.raises(FilterValueError, match="twice; a dyad is two different countries"):
        parse_dyad(text)
