"""The report as Markdown: the HTML report's sections as tables, with the timeline and
the map given as counts (a Markdown file draws no chart).

Article text is untrusted: every value is escaped so that it stays text (no HTML, no
link, no table cell break), and only http(s) addresses (`data.safe_url`) become links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsledger import __version__
from newsledger.report.data import (
    Chain,
    ReportData,
    Source,
    Toll,
    goldstein_text,
    incident_timeline,
    incidents_by_country,
)
from newsledger.report.names import country_name
from newsledger.report.settings import ReportSettings

# CommonMark lets any ASCII punctuation be escaped; these are the ones that could start
# markup, a link, raw HTML or a cell break inside a table row.
_MARKUP = re.compile(r"([\\`*_\[\]<>|&!~#])")


def md(value: object) -> str:
    """`value` as literal Markdown text on one line."""
    text = " ".join(("" if value is None else str(value)).split())
    return _MARKUP.sub(r"\\\1", text)


def _link(source: Source) -> str:
    label = md(source.label)
    if source.url is None:
        return label
    # safe_url admits no space, quote or angle bracket; parentheses are escaped.
    target = source.url.replace("(", "%28").replace(")", "%29")
    return f"[{label}]({target})"


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """Cells must already be Markdown (escaped with `md`)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(data: ReportData, settings: ReportSettings | None = None) -> str:
    settings = settings or ReportSettings.packaged()
    lines = [
        "# Situation report",
        "",
        f"**{md('; '.join(data.scope) or 'all stored events')}**",
        "",
        f"From the ledger `{data.ledger.replace('`', '')}`, made {data.generated} by "
        f"newsledger {__version__}. Charts are in the HTML report (`--format html`); "
        "here the timeline and the map are given as counts.",
        "",
    ]
    for section in (
        _figures,
        _timeline,
        _places,
        _actors,
        _trends,
        _tolls,
        _quotes,
        _incidents,
    ):
        lines += section(data, settings)
    return "\n".join(lines).rstrip() + "\n"


def _figures(data: ReportData, settings: ReportSettings) -> list[str]:
    f = data.figures
    rows = [
        ("Events", str(f.events)),
        ("Incidents", f"{f.incidents} ({f.corroborated} told by 2+ reports)"),
        ("Articles", f"{f.articles} from {f.outlets} outlets"),
        ("Countries where events took place", str(f.countries)),
        ("Period", f"{f.first} to {f.last}" if f.first else "no dates"),
        ("Killed, in incidents with a toll", f.killed.text if f.killed else "none reported"),
        ("Contradictions between sources' figures", str(f.contradictions)),
        ("Quotes", str(f.quotes)),
    ]
    return ["## Headline figures", "", *_table(("Figure", "Value"), rows)]


def _timeline(data: ReportData, settings: ReportSettings) -> list[str]:
    lines = ["## Timeline of incidents", ""]
    timeline = incident_timeline(data.incidents, settings.quads)
    if timeline is None:
        return [*lines, "No incident with a date matches.", ""]
    rows = [
        (p.isoformat(), *(str(counts[n]) for counts in timeline.counts.values()))
        for n, p in enumerate(timeline.periods)
    ]
    lines.append(f"Incidents per {timeline.unit} by PLOVER quad category.")
    return [*lines, "", *_table((timeline.unit, *timeline.counts), rows)]


def _places(data: ReportData, settings: ReportSettings) -> list[str]:
    """The map's content: incidents by country of place."""
    lines = ["## Map of incidents: by country", ""]
    countries = incidents_by_country(data.incidents, settings.quads)
    if not countries:
        return [*lines, "No incident matches.", ""]
    rows = (
        (
            md(c.name),
            str(c.incidents),
            md(", ".join(f"{count} {quad}" for quad, count in c.by_quad)),
            c.killed.text if c.killed else "",
        )
        for c in countries
    )
    return [*lines, *_table(("Country", "incidents", "by quad", "killed"), rows)]


def _actors(data: ReportData, settings: ReportSettings) -> list[str]:
    lines = ["## Top actors and dyads", "", "### Actors", ""]
    lines += _table(
        ("Actor (country, sector)", "Country", "as actor", "as recipient", "named as"),
        (
            (
                md(a.party),
                md(country_name(a.country) if a.country else ""),
                str(a.as_actor),
                str(a.as_recipient),
                md("; ".join(a.words)),
            )
            for a in data.actors
        ),
    )
    lines += ["### Dyads (actor country → recipient country)", ""]
    lines += _table(
        ("Dyad", "events", "conflict", "cooperation", "mean Goldstein", "first", "last"),
        (
            (
                md(f"{d.actor} → {d.recipient}"),
                str(d.events),
                str(d.conflict),
                str(d.cooperation),
                goldstein_text(d.goldstein_mean),
                d.first or "",
                d.last or "",
            )
            for d in data.dyads
        ),
    )
    return lines


def _trends(data: ReportData, settings: ReportSettings) -> list[str]:
    lines = ["## Trends and escalation", ""]
    if data.undated_dyad_events:
        lines += [
            f"{data.undated_dyad_events} events between two countries are dated only to a "
            "month or a year and are not counted by day or week.",
            "",
        ]
    for label, which in (("week of", "weekly"), ("day", "daily")):
        lines += [f"### {which.capitalize()}", ""]
        lines += _table(
            ("Dyad", label, "events", "conflict", "Goldstein total", "mean"),
            (
                (
                    md(f"{t.actor} → {t.recipient}"),
                    p.start.isoformat(),
                    str(p.events),
                    str(p.conflict),
                    goldstein_text(p.goldstein_total),
                    goldstein_text(p.goldstein_mean),
                )
                for t in data.trends_listed
                for p in getattr(t, which)
            ),
        )
    lines += [
        f"### Action-reaction chains (within {data.reaction_days} days)",
        "",
        f"A acts against B and B acts against A within {data.reaction_days} days, and so on "
        "while each act follows the last within that many days.",
        "",
    ]
    if not data.chains:
        lines += ["No chain found.", ""]
    for chain in data.chains:
        lines += _chain(chain, data)
    return lines


def _chain(chain: Chain, data: ReportData) -> list[str]:
    title = (
        f"#### {chain.initiator} ⇄ {chain.responder}: {len(chain.events)} acts, "
        f"{chain.reactions} reactions, {chain.start} to {chain.end}"
    )
    rows = []
    for event in chain.events:
        evidence = data.evidence.get(event.id)
        rows.append(
            (
                event.day.isoformat(),
                md(f"{event.actor} → {event.recipient}"),
                event.type,
                goldstein_text(event.goldstein),
                md(evidence.sentence) if evidence else "",
                _link(evidence.source) if evidence else "",
            )
        )
    return [title, "", *_table(("day", "dyad", "type", "Goldstein", "sentence", "source"), rows)]


def _tolls(data: ReportData, settings: ReportSettings) -> list[str]:
    lines = [
        "## Tolls, their sources and contradictions",
        "",
        "Tolls are ranges, from the lowest figure any source gives to the highest.",
        "",
        "### Killed, by incident",
        "",
    ]
    if not data.tolls:
        lines += ["No incident has a reported death toll.", ""]
    else:
        lines += _table(
            ("Incident", "killed", "each source", "contradictions"),
            (
                (
                    md(f"{i.label} ({i.id})"),
                    i.toll.text if i.toll else "",
                    "; ".join(_source_toll(s.source, s.toll, s.words) for s in i.sources),
                    md(" ".join(i.contradictions)),
                )
                for i in data.tolls
            ),
        )
    lines += ["### Reported figures: killed, injured, missing, arrested, displaced", ""]
    if not data.reported:
        return [*lines, "No article reports such a figure.", ""]
    lines += _table(
        ("What", "range", "each claim", "contradictions"),
        (
            (
                md(r.subject),
                r.range.text,
                "; ".join(
                    f"{md(c.claimant or '?')}: {c.value.text} (“{md(c.words)}”), in "
                    f"{_link(c.source)}"
                    for c in r.claims
                ),
                md(" ".join(r.contradictions)),
            )
            for r in data.reported
        ),
    )
    return lines


def _source_toll(source: Source, toll: Toll | None, words: str | None) -> str:
    if toll is None:
        return _link(source)
    said = f" (“{md(words)}”)" if words else ""
    return f"{_link(source)}: {toll.text}{said}"


def _quotes(data: ReportData, settings: ReportSettings) -> list[str]:
    lines = ["## Key quotes", ""]
    if not data.quotes:
        return [*lines, "No quote in the chosen articles.", ""]
    rows = []
    for quote in data.quotes:
        text = f"“{md(quote.text)}”" if quote.direct else f"{md(quote.text)} (reported)"
        rows.append((text, md(quote.attribution), _link(quote.source)))
    return [*lines, *_table(("Quote", "Speaker", "Source"), rows)]


def _incidents(data: ReportData, settings: ReportSettings) -> list[str]:
    lines = ["## Incidents", ""]
    if not data.incidents:
        return [*lines, "No incident matches.", ""]
    lines += [f"{len(data.listed)} of {len(data.incidents)} incidents, the latest first.", ""]
    rows = []
    for i in data.listed:
        evidence = " / ".join(f"“{md(e.sentence)}” ({_link(e.source)})" for e in i.evidence)
        rows.append(
            (
                i.day or "undated",
                md(i.id),
                i.type,
                md(i.where),
                md(i.parties),
                i.toll.text if i.toll else "",
                "; ".join(_source_toll(s.source, s.toll, s.words) for s in i.sources),
                evidence,
                md(" ".join(i.contradictions)),
            )
        )
    headers = (
        "Date",
        "Incident",
        "Type",
        "Place",
        "Parties",
        "Killed",
        "Sources",
        "Evidence",
        "Contradictions",
    )
    return [*lines, *_table(headers, rows)]
