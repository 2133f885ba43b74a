"""Tolls in the report: one incident told by three outlets with three death tolls is shown
as a range, with each source's figure and link and the contradictions between them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.extract import extract
from newsledger.ledger import Filters, Ledger
from newsledger.report.data import Toll, gather
from newsledger.report.html import render_html
from newsledger.report.markdown import render_markdown

REPORTS = [
    ("A car bomb killed 12 people at a market in Mogadishu on Monday, police said.",
     "Horn Wire", "2024-07-01", "r1"),
    ("The death toll from Monday's car bombing at a Mogadishu market rose to 20, hospital "
     "officials said.", "Coast Post", "2024-07-02", "r2"),
    ("A car bomb exploded at a market in Mogadishu on Monday, killing 40 people, a local "
     "elder said.", "Gulf Desk", "2024-07-01", "r3"),
]  # fmt: skip


@pytest.fixture(scope="module")
def bombing(tmp_path_factory):
    path: Path = tmp_path_factory.mktemp("tolls") / "tolls.db"
    articles = [
        Article(text=text, source=outlet, published=date.fromisoformat(day), external_id=ident,
                url=f"https://{outlet.replace(' ', '').lower()}.example/{ident}")
        for text, outlet, day, ident in REPORTS
    ]  # fmt: skip
    with Ledger(path) as ledger:
        ledger.write([extract(article) for article in articles])
    with Ledger(path, read_only=True) as ledger:
        return gather(ledger.connection, Filters())


def test_a_toll_is_the_range_of_its_sources_figures(bombing):
    (incident,) = bombing.tolls
    assert incident.toll == Toll(12, 40) and incident.toll.text == "12 to 40"
    told = {s.source.outlet: s.toll.text for s in incident.sources if s.toll}
    assert told == {"Horn Wire": "12", "Coast Post": "20", "Gulf Desk": "40"}
    assert bombing.figures.killed == Toll(12, 40)
    assert bombing.figures.corroborated == 1


def test_contradicting_sources_are_shown_with_their_links(bombing):
    page = render_html(bombing)
    assert "Horn Wire (2024-07-01) gives 12 killed; Gulf Desk (2024-07-01) gives 40." in page
    assert '<a href="https://hornwire.example/r1"' in page
    assert "Gulf Desk, 2024-07-01</a>: 40 (“40”)" in page
    assert bombing.figures.contradictions == 2
    text = render_markdown(bombing)
    assert "[Coast Post, 2024-07-02](https://coastpost.example/r2): 20" in text
    assert "Gulf Desk (2024-07-01) gives 40 killed; Coast Post (2024-07-02) gives 20." in text


@pytest.mark.parametrize(
    ("toll", "text"),
    [(Toll(3, 3), "3"), (Toll(5, None), "at least 5"), (Toll(None, 4), "0 to 4"),
     (Toll(0, 0), "0")],
)  # fmt: skip
def test_a_toll_reads_as_a_range(toll, text):
    assert toll.text == text
