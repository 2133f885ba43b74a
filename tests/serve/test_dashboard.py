"""The dashboard in Debian's headless Chromium, driven by playwright: it loads with
nothing from outside the server, filters, opens an incident, shows the evidence behind
an event highlighted in its article, copies permalinks, and shows a hostile article's
markup as text without running any of it. Screenshots go to the test's temporary folder.

Without /usr/bin/chromium these tests are skipped, except under CI=true, where they fail:
CI must run them.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from tests.serve.articles import HOSTILE_ID, HOSTILE_SOURCE, HOSTILE_TEXT, HOSTILE_TITLE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page and what it did wrong: console errors, uncaught exceptions, and requests
    to anywhere but the server (blocked, so the dashboard must work without them)."""

    def __init__(self, browser, origin: str) -> None:
        self.origin = origin
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        self.page.route("**/*", self._only_the_server)

    def _only_the_server(self, route) -> None:
        if route.request.url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str) -> None:
        self.page.goto(f"{self.origin}{path}")
        self.ready()

    def ready(self) -> None:
        self.page.wait_for_selector("body[data-ready=true]", timeout=20_000)

    def shot(self, path: Path) -> Path:
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        return path


@pytest.fixture
def watched(browser, server):
    page = Watched(browser, server.url)
    yield page
    page.context.close()
    assert page.errors == [], "the page logged errors"
    assert page.outside == [], "the page asked for something outside the server"


def test_the_dashboard_filters_opens_an_incident_and_highlights_its_evidence(
    watched, server, tmp_path
):
    page = watched.page
    watched.open("/")
    every = httpx.get(f"{server.url}/api/incidents").json()
    assert page.locator("#incidents tbody tr[data-incident]").count() == every["total"]
    assert page.locator(".leaflet-overlay-pane path").count() > 150  # outlines and markers
    assert page.locator(".incident-marker").count() >= 4
    assert page.locator("#timeline canvas").count() >= 1
    watched.shot(tmp_path / "overview.png")

    page.fill("input[name=country]", "Mali")
    page.select_option("select[name=type]", "ASSAULT")
    page.click("button[type=submit]")
    page.wait_for_url("**/#/?country=Mali&type=ASSAULT")
    watched.ready()
    rows = page.locator("#incidents tbody tr[data-incident]")
    assert rows.count() == 1 and "Mopti" in rows.first.inner_text()
    assert page.locator(".incident-marker").count() == 1
    incident_id = rows.first.get_attribute("data-incident")

    rows.first.locator("a.incident-link").click()
    page.wait_for_selector("#incident-title")
    watched.ready()
    assert "Mopti" in page.inner_text("#incident-title")
    outlets = page.locator("table.sources tbody tr td:first-child").all_inner_texts()
    assert sorted(outlets) == ["Bamako Daily", "Sahel Wire"]
    page.click("button.copy-permalink")
    permalink = page.input_value("input.permalink")
    assert permalink == f"{server.url}/#/incident/{incident_id}"
    watched.shot(tmp_path / "incident.png")

    event_id = page.locator("li.event-item").first.get_attribute("data-event")
    page.locator("li.event-item a.evidence-link").first.click()
    page.wait_for_selector("#article-text mark.sel")
    watched.ready()
    event = httpx.get(f"{server.url}/api/events/{event_id}").json()
    selected = "".join(page.locator("#article-text mark.sel").all_text_contents())
    assert selected == "".join(m["text"] for m in event["mentions"])
    card = page.locator(".card.sel")
    assert card.get_attribute("data-event") == event_id
    assert "ASSAULT" in card.inner_text() and "Mopti" in card.inner_text()
    assert page.text_content("#article-text") == event_text(server, event["article"]["hash"])
    watched.shot(tmp_path / "article.png")

    page.goto(permalink)  # the permalink opens the same incident
    page.wait_for_selector(f"[data-incident='{incident_id}'] #incident-title")
    watched.ready()


def event_text(server, article_hash: str) -> str:
    return httpx.get(f"{server.url}/api/articles/{article_hash}").json()["article"]["text"]


def test_a_quote_and_its_card_select_each_other(watched, server, tmp_path):
    page = watched.page
    article = httpx.get(f"{server.url}/api/articles/sw-mopti").json()
    quote = next(q for q in article["quotes"] if q["direct"])
    spoken = article["article"]["text"][quote["start"] : quote["end"]]
    watched.open("/#/article/sw-mopti")
    page.click(f".card[data-key='q:{quote['id']}']")
    assert "".join(page.locator("#article-text mark.sel").all_text_contents()) == spoken
    assert "Souleymane Dembele" in page.inner_text(".card.sel")
    page.locator(f"#article-text mark[data-keys='q:{quote['id']}']").first.click()
    assert page.locator(".card.sel").get_attribute("data-key") == f"q:{quote['id']}"
    watched.shot(tmp_path / "quote.png")


def _nothing_ran(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("[onerror], [onclick], [onload]").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs


def test_a_hostile_article_shows_its_markup_as_text_and_runs_nothing(watched, server, tmp_path):
    page = watched.page
    article = httpx.get(f"{server.url}/api/articles/{HOSTILE_ID}").json()
    watched.open(f"/#/article/{HOSTILE_ID}")
    assert page.text_content("#article-title") == HOSTILE_TITLE
    assert page.text_content("#article-text") == HOSTILE_TEXT
    assert page.locator("#article-text mark.event").count() > 0  # its evidence still shows
    assert HOSTILE_SOURCE in page.text_content(".article-main .meta")
    assert page.text_content(".article-main .url.unsafe").startswith("javascript:")
    _nothing_ran(page)
    watched.shot(tmp_path / "hostile.png")

    watched.open("/")  # its title, outlet and URL in the lists
    item = page.locator(f"li[data-article='{article['article']['hash']}']")
    assert item.locator("a.article-link").text_content() == HOSTILE_TITLE
    assert item.locator(".url.unsafe").text_content().startswith("javascript:")
    assert HOSTILE_SOURCE in page.text_content("#incidents")
    _nothing_ran(page)

    watched.open(f"/#/event/{article['events'][-1]['id']}")
    page.wait_for_selector("#article-text mark.sel")
    _nothing_ran(page)
