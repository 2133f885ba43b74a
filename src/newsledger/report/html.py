"""The report as one self-contained HTML page (template and style in
`resources/report/`, charts inlined as SVG).

Article text is untrusted: titles, sentences, quotes, names and addresses come from
whatever was ingested. Every value is escaped unless it is a `Safe` fragment this module
built, and only http(s) addresses (`data.safe_url`) ever become links.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from string import Template

from newsledger import __version__
from newsledger.data import resource_path
from newsledger.report import charts
from newsledger.report.data import (
    Chain,
    Evidence,
    IncidentItem,
    ReportData,
    Source,
    Toll,
    goldstein_text,
)
from newsledger.report.names import country_name
from newsledger.report.settings import ReportSettings
from newsledger.report.trends import DyadTrend


class Safe(str):
    """HTML built here from escaped parts: inserted as it is."""


def esc(value: object) -> Safe:
    if isinstance(value, Safe):
        return value
    return Safe(html.escape("" if value is None else str(value), quote=True))


def _join(parts: Iterable[object], sep: str = "") -> Safe:
    return Safe(sep.join(esc(p) for p in parts))


def _tag(name: str, *children: object, **attrs: object) -> Safe:
    """<name attrs>children</name>; attribute names take `_` for `-` and a trailing `_`
    for Python words (`class_`)."""
    marks = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{esc(value)}"'
        for key, value in attrs.items()
        if value is not None
    )
    return Safe(f"<{name}{marks}>{_join(children)}</{name}>")


def render_html(data: ReportData, settings: ReportSettings | None = None) -> str:
    settings = settings or ReportSettings.packaged()
    template = Template(resource_path("report/report.html").read_text(encoding="utf-8"))
    style = resource_path("report/report.css").read_text(encoding="utf-8")
    title = "Situation report"
    return template.substitute(
        version=esc(__version__),
        title=esc(title),
        style=style,
        scope=esc("; ".join(data.scope) or "all stored events"),
        ledger=esc(data.ledger),
        generated=esc(data.generated),
        figures=_figures(data),
        timeline=_timeline(data, settings),
        map=_map(data, settings),
        actors=_actors(data),
        trends=_trends(data, settings),
        tolls=_tolls(data),
        quotes=_quotes(data),
        incidents=_incidents(data, settings),
    )


def _link(source: Source) -> Safe:
    """The outlet and day, linked to the article when it has an http(s) address."""
    if source.url is None:
        return _tag("span", source.label, class_="cite", title=source.title)
    return _tag(
        "a",
        source.label,
        href=source.url,
        title=source.title,
        rel="noopener noreferrer nofollow",
        class_="cite",
    )


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    numeric: tuple[int, ...] = (),
    nowrap: tuple[int, ...] = (),
) -> Safe:
    """A table of escaped cells; `numeric` columns align right, `nowrap` ones (dyads,
    days) stay on one line."""

    def kind(column: int) -> str | None:
        marks = [m for m, cols in (("n", numeric), ("nowrap", nowrap)) if column in cols]
        return " ".join(marks) or None

    head = _join(_tag("th", h, class_=kind(i)) for i, h in enumerate(headers))
    body = _join(
        _tag("tr", *(_tag("td", c, class_=kind(i)) for i, c in enumerate(row))) for row in rows
    )
    return _tag("table", _tag("thead", _tag("tr", head)), _tag("tbody", body))


def _note(text: str) -> Safe:
    return _tag("p", text, class_="note")


def _swatch(quad: str, settings: ReportSettings) -> Safe:
    return _tag("span", "", class_="quad", style=f"background:{settings.quad_colours[quad]}")


def _figures(data: ReportData) -> Safe:
    f = data.figures
    killed = f.killed.text if f.killed else "none reported"
    items = [
        ("Events", f.events, None),
        ("Incidents", f.incidents, f"{f.corroborated} told by 2+ reports"),
        ("Articles", f.articles, f"from {f.outlets} outlets"),
        ("Countries", f.countries, "where events took place"),
        ("Period", f"{f.first or '?'} to {f.last or '?'}" if f.first else "no dates", None),
        ("Killed", killed, "in incidents with a toll"),
        ("Contradictions", f.contradictions, "between sources' figures"),
        ("Quotes", f.quotes, None),
    ]
    return _tag(
        "dl",
        *(
            _tag(
                "div",
                _tag("dt", label),
                _tag(
                    "dd",
                    value,
                    " ",
                    _tag("small", sub or ""),
                    class_="words" if isinstance(value, str) else None,
                ),
            )
            for label, value, sub in items
        ),
        class_="figures",
    )


def _timeline(data: ReportData, settings: ReportSettings) -> Safe:
    svg = charts.timeline_svg(data.incidents, settings)
    if svg is None:
        return _note("No incident with a date matches: nothing to draw.")
    caption = (
        "Incidents (one real-world happening across articles) by the day, week or month "
        "they took place, stacked by PLOVER quad category."
    )
    return _tag("figure", Safe(svg), _tag("figcaption", caption), id="timeline")


def _map(data: ReportData, settings: ReportSettings) -> Safe:
    svg = charts.map_svg(data.incidents, settings, linked={i.id for i in data.listed})
    unplaced = sum(i.lat is None or i.lon is None for i in data.incidents)
    if svg is None:
        return _note("No incident has a place with coordinates: nothing to draw.")
    caption = (
        "Each circle is an incident at its place, coloured by quad category; its area "
        "grows with the highest death toll reported. Shaded countries hold incidents. "
        "A circle links to the incident in the list below."
    )
    if unplaced:
        caption += f" {unplaced} incidents have no coordinates and are not drawn."
    return _tag("figure", Safe(svg), _tag("figcaption", caption), id="map")


def _actors(data: ReportData) -> Safe:
    actors = _table(
        ("Actor (country, sector)", "Country", "as actor", "as recipient", "named as"),
        (
            (
                a.party,
                country_name(a.country) if a.country else "",
                a.as_actor,
                a.as_recipient,
                "; ".join(a.words),
            )
            for a in data.actors
        ),
        numeric=(2, 3),
        nowrap=(0,),
    )
    dyads = _table(
        ("Dyad", "events", "conflict", "cooperation", "mean Goldstein", "first", "last"),
        (
            (
                f"{d.actor} → {d.recipient}",
                d.events,
                d.conflict,
                d.cooperation,
                goldstein_text(d.goldstein_mean),
                d.first or "",
                d.last or "",
            )
            for d in data.dyads
        ),
        numeric=(1, 2, 3, 4),
        nowrap=(0, 5, 6),
    )
    return _join(
        [
            _tag("h3", "Actors"),
            actors if data.actors else _note("No coded actor."),
            _tag("h3", "Dyads (actor country → recipient country)"),
            dyads if data.dyads else _note("No event names two countries."),
        ]
    )


def _trends(data: ReportData, settings: ReportSettings) -> Safe:
    parts: list[object] = [
        _note(
            "Counts and Goldstein intensity per directed dyad, by day and by week (weeks "
            "start on Monday). An event counts on its own day, or on its article's day "
            "when it has no date; events dated only to a month or a year are left out"
            + (f" ({data.undated_dyad_events} here)." if data.undated_dyad_events else ".")
        )
    ]
    for pair in charts.trend_pairs(data.trends, settings.trend_charts):
        name = f"{pair[0].actor}-{pair[0].recipient}"
        parts.append(
            _tag(
                "figure",
                Safe(charts.trend_svg(pair, settings)),
                _tag(
                    "figcaption",
                    f"{' and '.join(f'{t.actor} → {t.recipient}' for t in pair)}: "
                    "events a week (one direction above the line, the other below) and "
                    "their mean Goldstein score.",
                ),
                id=f"trend-{name}",
                class_="trend",
            )
        )
    trends = data.trends_listed
    if not trends:
        parts.append(_note("No dated event names two countries."))
    else:
        parts.append(_tag("h3", "Weekly"))
        parts.append(_periods_table(trends, "weekly", "week of"))
        parts.append(
            _tag("details", _tag("summary", "Daily counts"), _periods_table(trends, "daily", "day"))
        )
    parts.append(_tag("h3", f"Action-reaction chains (within {data.reaction_days} days)"))
    parts.append(
        _note(
            "A acts against B (a verbal or material conflict act) and B acts against A "
            f"within {data.reaction_days} days, and so on while each act follows the last "
            "within that many days. Each chain lists the events behind it."
        )
    )
    if not data.chains:
        parts.append(_note("No chain found."))
    parts += [_chain(chain, data) for chain in data.chains]
    return _join(parts)


def _periods_table(trends: Sequence[DyadTrend], which: str, label: str) -> Safe:
    rows = [
        (
            f"{t.actor} → {t.recipient}",
            p.start.isoformat(),
            p.events,
            p.conflict,
            goldstein_text(p.goldstein_total),
            goldstein_text(p.goldstein_mean),
        )
        for t in trends
        for p in getattr(t, which)
    ]
    headers = ("Dyad", label, "events", "conflict", "Goldstein total", "mean")
    return _table(headers, rows, numeric=(2, 3, 4, 5), nowrap=(0, 1))


def _chain(chain: Chain, data: ReportData) -> Safe:
    title = (
        f"{chain.initiator} ⇄ {chain.responder}: {len(chain.events)} acts, "
        f"{chain.reactions} {'reaction' if chain.reactions == 1 else 'reactions'}, "
        f"{chain.start.isoformat()} to {chain.end.isoformat()}"
    )
    rows = []
    for event in chain.events:
        evidence = data.evidence.get(event.id)
        rows.append(
            (
                event.day.isoformat(),
                f"{event.actor} → {event.recipient}",
                event.type,
                goldstein_text(event.goldstein),
                evidence.sentence if evidence else "",
                _link(evidence.source) if evidence else "",
            )
        )
    headers = ("day", "dyad", "type", "Goldstein", "sentence", "source")
    table = _table(headers, rows, numeric=(3,), nowrap=(0, 1))
    return _tag("div", _tag("h3", title), table, class_="chain")


def _tolls(data: ReportData) -> Safe:
    parts: list[object] = [
        _note(
            "Tolls are ranges: from the lowest figure any source gives to the highest "
            '("at least" when a source gives no upper bound). Contradictions are figures '
            "that cannot both be true."
        ),
        _tag("h3", "Killed, by incident"),
    ]
    if data.tolls:
        parts.append(
            _table(
                ("Incident", "killed", "each source", "contradictions"),
                (
                    (
                        _incident_ref(i),
                        i.toll.text if i.toll else "",
                        _lines(_source_toll(s.source, s.toll, s.words) for s in i.sources),
                        _lines(_tag("span", n, class_="contradiction") for n in i.contradictions),
                    )
                    for i in data.tolls
                ),
            )
        )
    else:
        parts.append(_note("No incident has a reported death toll."))
    parts.append(_tag("h3", "Reported figures: killed, injured, missing, arrested, displaced"))
    if data.reported:
        parts.append(
            _table(
                ("What", "range", "each claim", "contradictions"),
                (
                    (
                        r.subject,
                        r.range.text,
                        _lines(_claim(c.value, c.claimant, c.words, c.source) for c in r.claims),
                        _lines(_tag("span", n, class_="contradiction") for n in r.contradictions),
                    )
                    for r in data.reported
                ),
            )
        )
    else:
        parts.append(_note("No article reports such a figure."))
    return _join(parts)


def _lines(parts: Iterable[object]) -> Safe:
    return _join(parts, "<br>")


def _incident_ref(incident: IncidentItem) -> Safe:
    return _tag("a", incident.label, href=f"#{incident.id}")


def _source_toll(source: Source, toll: Toll | None, words: str | None) -> Safe:
    """A source, with the death toll it gives if it gives one."""
    if toll is None:
        return _link(source)
    said = f" (\u201c{words}\u201d)" if words else ""
    return _join([_link(source), f": {toll.text}{said}"])


def _claim(value: Toll, claimant: str | None, words: str, source: Source) -> Safe:
    who = f"{claimant}: " if claimant else ""
    return _join([f"{who}{value.text} (\u201c{words}\u201d), in ", _link(source)])


def _quotes(data: ReportData) -> Safe:
    if not data.quotes:
        return _note("No quote in the chosen articles.")
    items = []
    for quote in data.quotes:
        text = f"\u201c{quote.text}\u201d" if quote.direct else quote.text
        said = "" if quote.direct else " (reported speech)"
        items.append(
            _tag(
                "div",
                _tag("blockquote", text),
                _tag(
                    "p",
                    f"\u2014 {quote.attribution}{said}, in ",
                    _link(quote.source),
                    class_="cite",
                ),
                class_="quote",
            )
        )
    return _join(items)


def _incidents(data: ReportData, settings: ReportSettings) -> Safe:
    if not data.incidents:
        return _note("No incident matches.")
    shown = len(data.listed)
    parts: list[object] = [
        _note(
            f"{shown} of {len(data.incidents)} incidents, the latest first, each with the "
            "sentences it was coded from and its sources."
        )
    ]
    parts += [_incident(i, settings) for i in data.listed]
    return _join(parts)


def _incident(incident: IncidentItem, settings: ReportSettings) -> Safe:
    when = incident.day or "undated"
    heading = _tag(
        "h3",
        _swatch(incident.quad, settings),
        f"{when} \u00b7 {incident.type} ({incident.quad}) \u00b7 {incident.where}",
    )
    facts = []
    if incident.toll:
        facts.append(f"killed: {incident.toll.text}")
    if incident.actors or incident.recipients:
        facts.append(incident.parties)
    count = len(incident.sources)
    facts += [f"{count} {'source' if count == 1 else 'sources'}", incident.id]
    sources = _tag(
        "ul",
        *(_tag("li", _source_toll(s.source, s.toll, s.words)) for s in incident.sources),
        class_="sources",
    )
    evidence = _tag("ol", *(_evidence(e) for e in incident.evidence), class_="evidence")
    contradictions = [_tag("p", n, class_="contradiction") for n in incident.contradictions]
    return _tag(
        "article",
        heading,
        _tag("p", " \u00b7 ".join(facts), class_="note"),
        evidence,
        _tag("details", _tag("summary", "Sources"), sources),
        *contradictions,
        id=incident.id,
        class_="incident",
    )


def _evidence(evidence: Evidence) -> Safe:
    return _tag(
        "li", _tag("q", evidence.sentence), " ", _link(evidence.source), f" ({evidence.type})"
    )
