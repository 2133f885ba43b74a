"""The demo report opened in headless chromium with networking cut off: it draws its
timeline and map, shows no console message and asks the network for nothing.
Fails under CI=true when /usr/bin/chromium is missing (`make test` installs it as root),
skips elsewhere."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from PIL import Image
from tests.report.browser import open_offline

from newsledger.report.settings import ReportSettings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def opened(chromium, demo_report, tmp_path_factory):
    return open_offline(chromium, demo_report, tmp_path_factory.mktemp("browser"))


def _drawn(dom: lxml.html.HtmlElement, figure: str, prefix: str) -> list:
    """Paths with data inside the chart's elements whose ids start with `prefix`."""
    return dom.xpath(
        f"//figure[@id='{figure}']//svg//g[starts-with(@id, '{prefix}')]//path[string(@d)]"
    )


def test_the_report_opens_with_no_console_message_and_no_request(opened):
    assert opened.console == []
    assert opened.page_requests == []


def test_the_timeline_draws_bars_of_every_quad_the_demo_holds(opened):
    dom = lxml.html.fromstring(opened.dom)
    assert len(_drawn(dom, "timeline", "bar-")) >= 10
    for quad in ReportSettings.packaged().quads:
        assert _drawn(dom, "timeline", f"bar-{quad.replace(' ', '-')}-"), quad


def test_the_map_draws_country_outlines_and_incident_circles(opened):
    dom = lxml.html.fromstring(opened.dom)
    assert len(_drawn(dom, "map", "country-")) > 100  # the demo spans the world
    circles = _drawn(dom, "map", "incident-inc-")
    assert len(circles) >= 20
    # Each circle links to its incident in the list below.
    links = dom.xpath("//figure[@id='map']//svg//a/@*[name()='xlink:href' or name()='href']")
    assert len(links) == len(circles)
    assert all(dom.get_element_by_id(link[1:]).tag == "article" for link in links)


def test_the_screenshot_shows_the_charts_in_their_colours(opened):
    shot = Image.open(opened.screenshot).convert("RGB")
    assert shot.size == (1280, 2200)
    colours = {colour: count for count, colour in shot.getcolors(maxcolors=1 << 24)}
    assert len(colours) > 200  # text, antialiasing, fills: far from a blank page
    wanted = {**ReportSettings.packaged().quad_colours, "land": "#ece8df", "sea": "#e3edf3"}
    for name, hex_colour in wanted.items():
        rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        assert colours.get(rgb, 0) > 50, f"{name} ({hex_colour}) is not on the screen"


def test_the_harness_sees_a_page_that_reaches_the_network(chromium, tmp_path: Path):
    """The checks above would catch a report that loads something: without a security
    policy the load reaches the proxy; with the report's policy the browser blocks it
    and says so on the console."""
    image = '<img src="http://newsledger-test.example/x.png">'
    bare = tmp_path / "bare.html"
    bare.write_text(f"<!doctype html><p>x</p>{image}", encoding="utf-8")
    run = open_offline(chromium, bare, tmp_path / "bare", height=200)
    assert any("newsledger-test.example" in r for r in run.page_requests)

    policy = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
    guarded = tmp_path / "guarded.html"
    guarded.write_text(f"<!doctype html>{policy}<p>x</p>{image}", encoding="utf-8")
    run = open_offline(chromium, guarded, tmp_path / "guarded", height=200)
    assert run.page_requests == []
    assert any("Content Security Policy" in line for line in run.console)
