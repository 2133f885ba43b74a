"""The report's charts, drawn with matplotlib as SVG to inline in the page: the timeline
of incidents by quad category, the map of incidents over country outlines, and the
weekly trend of the busiest dyads.

Nothing here loads anything at view time: text is SVG text in the reader's own sans-serif
font, shapes are paths, and the XML prologue, metadata and namespace declarations
(which name w3.org and purl.org addresses) are dropped, since an <svg> inside HTML needs
none of them. Every chart element a test or a reader looks for carries an id:
`bar-QUAD-N`, `country-CODE`, `incident-ID`, `trend-...`.
"""

from __future__ import annotations

import io
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta

from newsledger.report.data import IncidentItem, incident_timeline
from newsledger.report.outlines import Outline, country_outlines
from newsledger.report.settings import ReportSettings
from newsledger.report.trends import DyadTrend

_RC = {
    "svg.fonttype": "none",  # <text>, not glyph outlines: smaller, and readers can copy it
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#888888",
    "axes.labelcolor": "#333333",
    "xtick.color": "#555555",
    "ytick.color": "#555555",
}
_LAND, _LAND_TOLD, _BORDER, _SEA = "#ece8df", "#ddd3bf", "#b8b0a2", "#e3edf3"
# Parts of an SVG file that an inline <svg> does not need, all naming w3.org or purl.org.
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_SIZE = re.compile(r'<svg([^>]*?)\s+width="[^"]*"\s+height="[^"]*"')
_PATH_DATA = re.compile(r' d="([^"]*)"')
_DECIMALS = re.compile(r"-?\d+\.\d{2,}")


@contextmanager
def _style(salt: str) -> Iterator[None]:
    """Settings for one chart; the salt keeps its clip-path ids apart from another
    chart's in the same page."""
    import matplotlib

    with matplotlib.rc_context({**_RC, "svg.hashsalt": salt}):
        yield


def _svg(figure, label: str) -> str:
    """The figure as an <svg> element that scales to its container."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1))
    text = _NAMESPACES.sub("", text)
    text = _SIZE.sub(r"<svg\1", text, count=1)
    text = _PATH_DATA.sub(_tenth_of_a_point, text)
    text = text.replace(' target="_blank"', "")  # links to the incident list stay in the page
    return text.replace("<svg", f'<svg role="img" aria-label="{label}"', 1).strip()


def _tenth_of_a_point(match: re.Match[str]) -> str:
    """Path data on one line, to a tenth of a point (matplotlib writes millionths): a
    world map's outlines take half the bytes and look the same."""
    data = _DECIMALS.sub(lambda m: f"{float(m.group()):.1f}", " ".join(match[1].split()))
    return f' d="{data}"'


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def timeline_svg(incidents: Sequence[IncidentItem], settings: ReportSettings) -> str | None:
    """Stacked bars of incidents per day, week or month, one colour per quad category;
    None when no incident has a day."""
    timeline = incident_timeline(incidents, settings.quads)
    if timeline is None:
        return None
    with _style("timeline"):
        figure = _figure(10, 3.2)
        axes = figure.add_subplot()
        bottom = [0] * len(timeline.periods)
        for quad, heights in timeline.counts.items():
            bars = axes.bar(
                timeline.periods,
                heights,
                width=timeline.width_days,
                bottom=bottom,
                color=settings.quad_colours[quad],
                label=quad,
                align="edge",
                linewidth=0,
            )
            for n, bar in enumerate(bars):
                bar.set_gid(f"bar-{quad.replace(' ', '-')}-{n}")
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        _span_at_least(axes, timeline.periods[0], timeline.periods[-1], timeline.width_days)
        axes.set_ylabel(f"incidents per {timeline.unit}")
        axes.yaxis.get_major_locator().set_params(integer=True)
        _date_axis(axes)
        axes.legend(frameon=False, ncols=4, loc="upper left", bbox_to_anchor=(0, 1.16))
        return _svg(figure, f"Incidents per {timeline.unit} by PLOVER quad category")


def _span_at_least(axes, first: date, last: date, width_days: float) -> None:
    """An x axis of two weeks or more (a lone day would be drawn in hours), with a bar's
    width of room on each side."""
    room = timedelta(days=max(width_days, 1))
    start, end = first - room, last + 2 * room
    if end - start < timedelta(days=14):
        middle = start + (end - start) / 2
        start, end = middle - timedelta(days=7), middle + timedelta(days=7)
    axes.set_xlim(start, end)


def _date_axis(axes) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=9)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))


def map_svg(
    incidents: Sequence[IncidentItem],
    settings: ReportSettings,
    linked: Collection[str] = (),
) -> str | None:
    """Incidents as circles over country outlines, coloured by quad category and sized
    by their toll (the square root of the highest figure); None when none has a place
    with coordinates. The view fits the incidents; a circle links to its incident in
    the page when its id is in `linked`."""
    from matplotlib.patches import Circle, PathPatch
    from matplotlib.path import Path

    placed = [i for i in incidents if i.lat is not None and i.lon is not None]
    if not placed:
        return None
    west, south, east, north = _view(placed)
    squeeze = math.cos(math.radians((south + north) / 2))  # equirectangular, true at mid-view
    told = {i.country for i in placed}
    with _style("map"):
        ratio = (north - south) / ((east - west) * squeeze)
        figure = _figure(10, min(max(10 * ratio, 3.0), 6.5) + 0.4)  # + the legend below
        axes = figure.add_subplot()
        axes.set_facecolor(_SEA)
        for outline in country_outlines().values():
            if not _overlaps(outline, west, south, east, north):
                continue
            vertices, codes = _path(outline, squeeze)
            patch = PathPatch(
                Path(vertices, codes),
                facecolor=_LAND_TOLD if outline.code in told else _LAND,
                edgecolor=_BORDER,
                linewidth=0.4,
            )
            patch.set_gid(f"country-{outline.code}")
            axes.add_patch(patch)
        unit = (east - west) * squeeze / 130
        for incident in sorted(placed, key=lambda i: -_toll_size(i)):  # small ones on top
            circle = Circle(
                (incident.lon * squeeze, incident.lat),  # type: ignore[operator]
                radius=unit * (1 + min(math.sqrt(_toll_size(incident)), 9) / 2),
                facecolor=settings.quad_colours[incident.quad],
                edgecolor="#333333",
                linewidth=0.5,
                alpha=0.8,
            )
            circle.set_gid(f"incident-{incident.id}")
            if incident.id in linked:
                circle.set_url(f"#{incident.id}")
            axes.add_patch(circle)
        axes.set_xlim(west * squeeze, east * squeeze)
        axes.set_ylim(south, north)
        axes.set_aspect("equal")
        axes.set_xticks([])
        axes.set_yticks([])
        for spine in axes.spines.values():
            spine.set_visible(False)
        _quad_legend(axes, settings, {i.quad for i in placed})
        return _svg(figure, "Map of incidents by PLOVER quad category, sized by toll")


def _toll_size(incident: IncidentItem) -> int:
    toll = incident.toll
    return 0 if toll is None else (toll.max or toll.min or 0)


def _view(placed: Sequence[IncidentItem]) -> tuple[float, float, float, float]:
    """The incidents' bounds with a margin, at least 40 by 24 degrees, inside the world
    less Antarctica."""
    lons = [i.lon for i in placed]
    lats = [i.lat for i in placed]
    west, east = min(lons), max(lons)  # type: ignore[type-var]
    south, north = min(lats), max(lats)  # type: ignore[type-var]
    pad_x = max((east - west) * 0.12, (40 - (east - west)) / 2, 4)
    pad_y = max((north - south) * 0.12, (24 - (north - south)) / 2, 4)
    return (
        max(west - pad_x, -180),
        max(south - pad_y, -58),
        min(east + pad_x, 180),
        min(north + pad_y, 84),
    )


def _overlaps(outline: Outline, west: float, south: float, east: float, north: float) -> bool:
    w, s, e, n = outline.bounds
    return w <= east and e >= west and s <= north and n >= south


def _path(outline: Outline, squeeze: float) -> tuple[list[tuple[float, float]], list[int]]:
    """One compound path for every ring of a country. Rings are left open (the fill
    closes them) so that matplotlib may simplify them; holes wind against outlines."""
    from matplotlib.path import Path

    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for polygon in outline.polygons:
        for ring in polygon:
            vertices += [(lon * squeeze, lat) for lon, lat in ring]
            codes += [Path.MOVETO] + [Path.LINETO] * (len(ring) - 1)
    return vertices, codes


def _quad_legend(axes, settings: ReportSettings, shown: set[str]) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=7, color=colour, label=quad)
        for quad, colour in settings.quad_colours.items()
        if quad in shown
    ]
    axes.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        ncols=len(handles),
        frameon=False,
    )


def trend_pairs(trends: Sequence[DyadTrend], count: int) -> list[tuple[DyadTrend, ...]]:
    """The `count` busiest pairs of countries with two dated events or more, each as its
    one or two directed trends."""
    pairs: dict[frozenset[str], list[DyadTrend]] = defaultdict(list)
    for trend in trends:
        pairs[frozenset((trend.actor, trend.recipient))].append(trend)
    busy = [tuple(ts) for ts in pairs.values() if sum(t.events for t in ts) >= 2]
    busy.sort(key=lambda ts: (-sum(t.events for t in ts), ts[0].actor, ts[0].recipient))
    return busy[:count]


def trend_svg(pair: tuple[DyadTrend, ...], settings: ReportSettings) -> str:
    """Weekly events of one pair of countries, one direction above the axis and the
    other below, over the weekly mean Goldstein score of each direction."""
    first = pair[0]
    name = f"{first.actor}-{first.recipient}"
    weeks = sorted({p.start for t in pair for p in t.weekly})
    full = [weeks[0] + timedelta(days=7 * n) for n in range((weeks[-1] - weeks[0]).days // 7 + 1)]
    colours = ("#0072B2", "#D55E00")
    with _style(f"trend-{name}"):
        figure = _figure(10, 3.4)
        counts, scores = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        for sign, trend, colour in zip((1, -1), pair, colours, strict=False):
            by_week = {p.start: p for p in trend.weekly}
            label = f"{trend.actor} → {trend.recipient}"
            bars = counts.bar(
                full,
                [sign * (by_week[w].events if w in by_week else 0) for w in full],
                width=6,
                align="edge",
                color=colour,
                label=label,
                linewidth=0,
            )
            for n, bar in enumerate(bars):
                bar.set_gid(f"trend-{trend.actor}-{trend.recipient}-{n}")
            scores.plot(
                [w + timedelta(days=3) for w in by_week],
                [p.goldstein_mean for p in by_week.values()],
                marker="o",
                markersize=4,
                linewidth=1,
                color=colour,
            )
        _span_at_least(counts, full[0], max(full[-1], full[0] + timedelta(days=28)), 7)
        counts.axhline(0, color="#888888", linewidth=0.6)
        counts.set_ylabel("events a week")
        counts.yaxis.get_major_locator().set_params(integer=True)
        counts.yaxis.set_major_formatter(lambda value, _: f"{abs(value):g}")
        counts.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncols=2)
        scores.axhline(0, color="#888888", linewidth=0.6)
        scores.set_ylim(-10.5, 10.5)
        scores.set_ylabel("mean Goldstein")
        _date_axis(scores)
        return _svg(figure, f"Weekly events and Goldstein intensity, {name}")
