"""What a report shows, gathered from the ledger: headline figures, incidents with their
evidence and sources, actors and dyads, trends and action-reaction chains, tolls with
their contradictions, and key quotes.

The events filters choose the events; everything else follows them: an incident is
reported when one of its events was chosen, a quote or a claim when its article told a
chosen event. Renderers (`html`, `markdown`) only lay out a `ReportData`.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from newsledger.ledger.filter_values import FilterValueError, country_code
from newsledger.ledger.query import (
    Filters,
    select_articles,
    select_claims,
    select_events,
    select_incidents,
    select_quotes,
)
from newsledger.report.names import country_name, party
from newsledger.report.settings import ReportSettings
from newsledger.report.trends import (
    Chain,
    DyadEvent,
    DyadTrend,
    action_reaction_chains,
    dyad_trends,
    week_start,
)


@dataclass(frozen=True)
class Toll:
    """A count as a range; `max` None means "at least `min`"."""

    min: int | None
    max: int | None

    @property
    def text(self) -> str:
        low = self.min or 0
        if self.max is None:
            return f"at least {low}"
        return str(low) if low == self.max else f"{low} to {self.max}"


def total_toll(tolls: Sequence[Toll]) -> Toll | None:
    """Tolls of separate incidents added up: still "at least" when one of them is; None
    when there is none to add."""
    if not tolls:
        return None
    highs = [t.max for t in tolls]
    return Toll(
        sum(t.min or 0 for t in tolls), None if None in highs else sum(h or 0 for h in highs)
    )


def goldstein_text(value: float | None) -> str:
    """A Goldstein score as every table prints it: signed, to a tenth; blank when none."""
    return "" if value is None else f"{value:+.1f}"


@dataclass(frozen=True)
class Source:
    """A stored article as a report cites it. `url` is None unless it is an http(s)
    address: a javascript: or data: link in an input never becomes a link."""

    article: str
    outlet: str
    title: str | None
    published: str | None
    url: str | None

    @property
    def label(self) -> str:
        """How a citation names the article: its outlet and day."""
        return ", ".join(p for p in (self.outlet, self.published) if p)


@dataclass(frozen=True)
class Evidence:
    """The sentence an event was coded from."""

    event: str
    type: str
    sentence: str
    source: Source


@dataclass(frozen=True)
class SourceToll:
    source: Source
    toll: Toll | None
    words: str | None  # the words the toll was read from ("at least nine")


@dataclass(frozen=True)
class IncidentItem:
    id: str
    type: str
    quad: str
    date: str | None
    date_precision: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    toll: Toll | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    sources: tuple[SourceToll, ...]
    contradictions: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    @property
    def day(self) -> str | None:
        """The incident's date, or its first report's when it has none."""
        return self.date or next((s.source.published for s in self.sources), None)

    @property
    def where(self) -> str:
        """The place and its country's name, as far as they are known."""
        country = country_name(self.country) if self.country else None
        return ", ".join(p for p in (self.place, country) if p) or "unplaced"

    @property
    def label(self) -> str:
        """The incident in a few words, as the toll tables name it."""
        return f"{self.day or '?'} {self.type}, {self.where}"

    @property
    def parties(self) -> str:
        """Who acted on whom; "?" stands for a side nobody coded."""
        return f"{', '.join(self.actors) or '?'} → {', '.join(self.recipients) or '?'}"


@dataclass(frozen=True)
class ClaimFigure:
    value: Toll
    qualifier: str | None
    claimant: str | None  # who gave the figure ("local health officials")
    words: str
    source: Source


@dataclass(frozen=True)
class ReportedFigure:
    """Every claim about one quantity (one `subject_key`): its range across claims and
    the contradictions between them."""

    kind: str
    subject: str
    range: Toll
    claims: tuple[ClaimFigure, ...]
    contradictions: tuple[str, ...]


@dataclass(frozen=True)
class QuoteItem:
    speaker: str
    role: str | None
    country: str | None
    text: str
    direct: bool
    source: Source

    @property
    def attribution(self) -> str:
        """Who spoke: speaker, role and country, each said once (a speaker is often named
        by the role itself)."""
        country = country_name(self.country) if self.country else None
        return ", ".join(dict.fromkeys(p for p in (self.speaker, self.role, country) if p))


@dataclass(frozen=True)
class ActorCount:
    party: str  # "SDN MIL"
    country: str | None
    as_actor: int
    as_recipient: int
    words: tuple[str, ...]  # how articles named it, most common first


@dataclass(frozen=True)
class DyadCount:
    actor: str
    recipient: str
    events: int
    conflict: int
    cooperation: int
    goldstein_mean: float | None
    first: str | None
    last: str | None


@dataclass(frozen=True)
class Figures:
    articles: int
    outlets: int
    events: int
    incidents: int
    corroborated: int  # incidents told by two distinct reports or more
    countries: int
    first: str | None
    last: str | None
    killed: Toll | None
    contradictions: int
    quotes: int


@dataclass(frozen=True)
class ReportData:
    scope: tuple[str, ...]  # the filters, as a reader says them
    ledger: str
    generated: str
    figures: Figures
    incidents: tuple[IncidentItem, ...]  # every chosen incident, by date
    listed: tuple[IncidentItem, ...]  # the incident list: the latest first, capped
    actors: tuple[ActorCount, ...]
    dyads: tuple[DyadCount, ...]
    trends: tuple[DyadTrend, ...]  # every directed dyad, the busiest first
    trends_listed: tuple[DyadTrend, ...]  # the ones whose days and weeks are listed
    chains: tuple[Chain, ...]
    reaction_days: int
    evidence: dict[str, Evidence]  # by event id, for the events behind trends and chains
    tolls: tuple[IncidentItem, ...]
    reported: tuple[ReportedFigure, ...]
    quotes: tuple[QuoteItem, ...]
    undated_dyad_events: int  # events between two countries with no day to count on


@dataclass(frozen=True)
class Timeline:
    """Incidents counted per `unit` (day, week or month: whichever gives a readable
    number of bins) and quad category; `periods` are the bins' first days."""

    unit: str
    periods: tuple[date, ...]
    counts: dict[str, tuple[int, ...]]  # quad -> a count per period, in stacking order
    width_days: float


def incident_timeline(incidents: Iterable[IncidentItem], quads: Sequence[str]) -> Timeline | None:
    """None when no incident has a day. `counts` holds the quads that have incidents, in
    the order of `quads` (the order the chart stacks them and the table lists them)."""
    days = [(date.fromisoformat(i.day), i.quad) for i in incidents if i.day]
    if not days:
        return None
    span = (max(d for d, _ in days) - min(d for d, _ in days)).days
    if span <= 62:
        unit, start_of, width = "day", (lambda d: d), 0.85
    elif span <= 3 * 365:
        unit, start_of, width = "week", week_start, 6.0
    else:
        unit, start_of, width = "month", (lambda d: d.replace(day=1)), 26.0
    bins: dict[str, Counter[date]] = defaultdict(Counter)
    for day, quad in days:
        bins[quad][start_of(day)] += 1
    periods = tuple(sorted({p for counter in bins.values() for p in counter}))
    counts = {quad: tuple(bins[quad][p] for p in periods) for quad in quads if quad in bins}
    return Timeline(unit, periods, counts, width)


@dataclass(frozen=True)
class CountryCount:
    """The incidents that took place in one country: what the map shows, as numbers."""

    country: str | None  # None: incidents with no country
    incidents: int
    by_quad: tuple[tuple[str, int], ...]  # (quad, incidents) in stacking order, none zero
    killed: Toll | None

    @property
    def name(self) -> str:
        """The country's name; "unplaced" for incidents with no country."""
        return country_name(self.country) if self.country else "unplaced"


def incidents_by_country(
    incidents: Iterable[IncidentItem], quads: Sequence[str]
) -> list[CountryCount]:
    """Incidents grouped by their place's country, the country with the most first."""
    grouped: dict[str, list[IncidentItem]] = defaultdict(list)
    for incident in incidents:
        grouped[incident.country or ""].append(incident)
    out = []
    for country, members in sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        counted = Counter(i.quad for i in members)
        out.append(
            CountryCount(
                country=country or None,
                incidents=len(members),
                by_quad=tuple((q, counted[q]) for q in quads if counted[q]),
                killed=total_toll([i.toll for i in members if i.toll is not None]),
            )
        )
    return out


def parse_dyad(text: str) -> tuple[str, str]:
    """The two alpha-3 codes of "ISR-LBN", "Israel-Lebanon" or "Guinea-Bissau-Senegal":
    the hyphen that splits the text into two country names wins. Raises FilterValueError
    that names the part that is no country, with the closest names as `--country` does
    ("'PAK-Afganistan' ...: 'Afganistan' is not a country name ...; did you mean
    Afghanistan (AFG)?"), and refuses a country paired with itself."""
    parts = text.split("-")
    unknown: list[FilterValueError] = []  # for each split with one side known, the other's
    for cut in range(1, len(parts)):
        left, right = "-".join(parts[:cut]), "-".join(parts[cut:])
        pair = [_country_or_error(left.strip()), _country_or_error(right.strip())]
        codes = [c for c in pair if isinstance(c, str)]
        if len(codes) == 2:
            if codes[0] == codes[1]:
                raise FilterValueError(
                    f"{text!r} names {country_name(codes[0])} twice; a dyad is two "
                    "different countries, e.g. ISR-LBN or Sudan-Chad"
                )
            return codes[0], codes[1]
        if len(codes) == 1 and all(parts[:cut]) and all(parts[cut:]):
            unknown += [e for e in pair if isinstance(e, FilterValueError)]
    if unknown:  # the shortest unknown part: "Atlantis" rather than "Bissau-Atlantis"
        reason = min(unknown, key=lambda e: len(str(e)))
        raise FilterValueError(f"{text!r} is not a dyad of two countries: {reason}")
    raise FilterValueError(
        f"{text!r} is not a dyad of two countries joined by a hyphen, e.g. ISR-LBN or Sudan-Chad"
    )


def _country_or_error(text: str) -> str | FilterValueError:
    try:
        return country_code(text)
    except FilterValueError as error:
        return error


def safe_url(url: str | None) -> str | None:
    """An http(s) address with a host and nothing that could break out of an attribute;
    None for anything else (javascript:, data:, relative paths, spaces)."""
    if not url:
        return None
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 32 or ch in "<>\"'`\\" for ch in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def gather(
    db: sqlite3.Connection,
    filters: Filters,
    dyad: tuple[str, str] | None = None,
    *,
    reaction_days: int | None = None,
    settings: ReportSettings | None = None,
    ledger: str = "",
) -> ReportData:
    """Everything the report shows for the events `filters` (and `dyad`) choose.
    `filters.limit` caps each list, never the counts or the charts."""
    settings = settings or ReportSettings.packaged()
    window = settings.reaction_days if reaction_days is None else reaction_days
    events = select_events(db, replace(filters, limit=None))
    if dyad is not None:
        events = [e for e in events if _between(e, dyad)]
    articles = {row["id"]: row for row in select_articles(db, Filters())}
    sources = {key: _source(row) for key, row in articles.items()}
    chosen_articles = {e["article_id"] for e in events}
    evidence = {e["id"]: _evidence(e, sources) for e in events}

    by_incident: dict[str, list[Evidence]] = defaultdict(list)
    for event in events:
        if event["incident"]:
            by_incident[event["incident"]].append(evidence[event["id"]])
    incidents = [
        _incident(json.loads(row["record"]), by_incident[row["id"]], sources, settings)
        for row in select_incidents(db, Filters())
        if row["id"] in by_incident
    ]
    claims = [c for c in select_claims(db, Filters()) if c["article_id"] in chosen_articles]
    quotes = [q for q in select_quotes(db, Filters()) if q["article_id"] in chosen_articles]

    dyad_events, undated = _dyad_events(events, settings)
    trends = dyad_trends(dyad_events, settings.conflict_quads)
    sizes = {name: filters.limit or size for name, size in settings.list_sizes.items()}
    latest_first = sorted(incidents, key=lambda i: (i.day or "", i.id), reverse=True)
    tolls = sorted((i for i in incidents if i.toll is not None), key=_heaviest_first)
    reported = _reported(claims, sources, settings)
    return ReportData(
        scope=_scope(filters, dyad),
        ledger=ledger,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        figures=_figures(events, incidents, reported, quotes, articles, settings),
        incidents=tuple(incidents),
        listed=tuple(latest_first[: sizes["incidents"]]),
        actors=tuple(_actors(events)[: sizes["actors"]]),
        dyads=tuple(_dyads(events, settings)[: sizes["dyads"]]),
        trends=tuple(trends),
        trends_listed=tuple(trends[: sizes["dyads"]]),
        chains=tuple(
            action_reaction_chains(dyad_events, settings.conflict_quads, window)[: sizes["chains"]]
        ),
        reaction_days=window,
        evidence=evidence,
        tolls=tuple(tolls[: sizes["incidents"]]),
        reported=tuple(reported[: sizes["incidents"]]),
        quotes=tuple(_key_quotes(quotes, sources)[: sizes["quotes"]]),
        undated_dyad_events=undated,
    )


def _between(event: dict[str, Any], dyad: tuple[str, str]) -> bool:
    pair = (event["actor_country"], event["recipient_country"])
    return pair == dyad or pair == dyad[::-1]


def _source(row: dict[str, Any]) -> Source:
    return Source(
        article=row["id"],
        outlet=row["source"] or "unnamed outlet",
        title=row["title"],
        published=row["published"],
        url=safe_url(row["url"]),
    )


def _evidence(event: dict[str, Any], sources: dict[str, Source]) -> Evidence:
    source = sources.get(event["article_id"]) or Source(event["article_id"], "?", None, None, None)
    return Evidence(event["id"], event["type"], event["sentence"] or "", source)


def _toll(value: dict[str, Any] | None) -> Toll | None:
    if not value or (value.get("min") is None and value.get("max") is None):
        return None
    return Toll(value.get("min"), value.get("max"))


def _incident(
    record: dict[str, Any],
    evidence: list[Evidence],
    sources: dict[str, Source],
    settings: ReportSettings,
) -> IncidentItem:
    place = record.get("location") or {}
    told = []
    for entry in record.get("sources", []):
        source = sources.get(entry["article"]) or Source(
            entry["article"], entry.get("outlet") or "?", None, entry.get("published"),
            safe_url(entry.get("url")),
        )  # fmt: skip
        toll = entry.get("fatalities")
        told.append(SourceToll(source, _toll(toll), (toll or {}).get("text")))
    return IncidentItem(
        id=record["id"],
        type=record["type"],
        quad=settings.quad(record["type"]),
        date=record.get("date"),
        date_precision=record.get("date_precision"),
        place=place.get("name"),
        country=place.get("country"),
        lat=place.get("lat"),
        lon=place.get("lon"),
        toll=_toll(record.get("fatalities")),
        actors=tuple(party(a.get("country"), a.get("sector")) for a in record.get("actors", [])),
        recipients=tuple(
            party(a.get("country"), a.get("sector")) for a in record.get("recipients", [])
        ),
        sources=tuple(told),
        contradictions=tuple(c["note"] for c in record.get("contradictions", [])),
        evidence=tuple(evidence),
    )


def _heaviest_first(incident: IncidentItem) -> tuple[int, int, str]:
    toll = incident.toll or Toll(None, None)
    return (-(toll.max or toll.min or 0), -(toll.min or 0), incident.day or "")


def _event_day(event: dict[str, Any], settings: ReportSettings) -> date | None:
    """The day an event counts on in a trend: its own date when that names a day or a
    week, its article's publication day when it has no date, else none."""
    if event["date"]:
        if event["date_precision"] in settings.day_precisions:
            return date.fromisoformat(event["date"])
        return None
    return date.fromisoformat(event["published"]) if event["published"] else None


def _dyad_events(
    events: Iterable[dict[str, Any]], settings: ReportSettings
) -> tuple[list[DyadEvent], int]:
    """Events with both countries coded, as DyadEvents; and how many had no day."""
    out, undated = [], 0
    for event in events:
        if not (event["actor_country"] and event["recipient_country"]):
            continue
        day = _event_day(event, settings)
        if day is None:
            undated += 1
            continue
        record = json.loads(event["record"])
        goldstein = record.get("goldstein")
        out.append(
            DyadEvent(
                id=event["id"],
                day=day,
                actor=event["actor_country"],
                recipient=event["recipient_country"],
                type=event["type"],
                quad=settings.quad(event["type"]),
                goldstein=float(goldstein) if goldstein is not None else 0.0,
            )
        )
    return out, undated


def _actors(events: list[dict[str, Any]]) -> list[ActorCount]:
    """Coded actors (country and sector) by how often they act or are acted upon."""
    acting: Counter[tuple[str | None, str | None]] = Counter()
    receiving: Counter[tuple[str | None, str | None]] = Counter()
    words: dict[tuple[str | None, str | None], Counter[str]] = defaultdict(Counter)
    for event in events:
        for side, counter in (("actor", acting), ("recipient", receiving)):
            key = (event[f"{side}_country"], event[f"{side}_sector"])
            if key == (None, None):
                continue
            counter[key] += 1
            if event[f"{side}_text"]:
                words[key][event[f"{side}_text"]] += 1
    keys = sorted(
        set(acting) | set(receiving),
        key=lambda k: (-(acting[k] + receiving[k]), -acting[k], party(*k)),
    )
    return [
        ActorCount(
            party=party(*key),
            country=key[0],
            as_actor=acting[key],
            as_recipient=receiving[key],
            words=tuple(w for w, _ in words[key].most_common(3)),
        )
        for key in keys
    ]


def _dyads(events: list[dict[str, Any]], settings: ReportSettings) -> list[DyadCount]:
    """Directed country pairs (actor -> recipient), the busiest first."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if event["actor_country"] and event["recipient_country"]:
            grouped[(event["actor_country"], event["recipient_country"])].append(event)
    out = []
    for (actor, recipient), members in grouped.items():
        quads = [settings.quad(e["type"]) for e in members]
        scores = [json.loads(e["record"]).get("goldstein") for e in members]
        scores = [s for s in scores if s is not None]
        days = sorted(d for e in members if (d := e["date"] or e["published"]))
        out.append(
            DyadCount(
                actor=actor,
                recipient=recipient,
                events=len(members),
                conflict=sum(q in settings.conflict_quads for q in quads),
                cooperation=sum(q not in settings.conflict_quads for q in quads),
                goldstein_mean=sum(scores) / len(scores) if scores else None,
                first=days[0] if days else None,
                last=days[-1] if days else None,
            )
        )
    return sorted(out, key=lambda d: (-d.events, d.actor, d.recipient))


def _reported(
    claims: list[dict[str, Any]], sources: dict[str, Source], settings: ReportSettings
) -> list[ReportedFigure]:
    """Claims of harm (killed, injured, ...) grouped by the quantity they count; the
    quantities with contradictions first, then the largest."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        if claim["kind"] in settings.toll_kinds:
            grouped[claim["subject_key"] or claim["id"]].append(claim)
    out = []
    for members in grouped.values():
        figures = tuple(
            ClaimFigure(
                value=Toll(_whole(c["value_min"]), _whole(c["value_max"])),
                qualifier=c["qualifier"],
                claimant=c["source"],
                words=c["text"],
                source=sources.get(c["article_id"])
                or Source(c["article_id"], "?", None, c["published"], None),
            )
            for c in members
        )
        lows = [f.value.min or 0 for f in figures]
        highs = [f.value.max for f in figures]
        notes = tuple(dict.fromkeys(n for c in members for n in c["contradictions"]))
        out.append(
            ReportedFigure(
                kind=members[0]["kind"],
                subject=members[0]["subject"] or members[0]["kind"],
                range=Toll(min(lows), None if None in highs else max(h or 0 for h in highs)),
                claims=figures,
                contradictions=notes,
            )
        )
    return sorted(out, key=lambda r: (not r.contradictions, -(r.range.max or r.range.min or 0)))


def _whole(value: float | int | None) -> int | None:
    return None if value is None else int(value)


def _key_quotes(quotes: list[dict[str, Any]], sources: dict[str, Source]) -> list[QuoteItem]:
    """Quotes worth reading first: direct words of a named, attributed speaker that tell
    an event, of a readable length."""

    def rank(quote: dict[str, Any]) -> tuple[bool, ...]:  # False sorts first
        length = len(quote["text"] or "")
        return (
            not quote["direct"],
            not quote["speaker_name"],
            bool(quote["anonymous"]) or not quote["speaker_text"],
            not quote["events"],
            not 40 <= length <= 400,
        )

    ordered = sorted((q for q in quotes if (q["text"] or "").strip()), key=rank)
    return [
        QuoteItem(
            speaker=q["speaker_name"] or q["speaker_text"] or "unnamed speaker",
            role=q["speaker_role"],
            country=q["speaker_country"],
            text=q["text"],
            direct=bool(q["direct"]),
            source=sources.get(q["article_id"])
            or Source(q["article_id"], "?", None, q["published"], None),
        )
        for q in ordered
    ]


def _figures(
    events: list[dict[str, Any]],
    incidents: list[IncidentItem],
    reported: list[ReportedFigure],
    quotes: list[dict[str, Any]],
    articles: dict[str, dict[str, Any]],
    settings: ReportSettings,
) -> Figures:
    chosen = {e["article_id"] for e in events}
    days = sorted(d for e in events if (d := _event_day(e, settings)))
    notes = {n for i in incidents for n in i.contradictions}
    notes |= {n for r in reported for n in r.contradictions}
    return Figures(
        articles=len(chosen),
        outlets=len({articles[a]["source"] for a in chosen if a in articles}),
        events=len(events),
        incidents=len(incidents),
        corroborated=sum(len(i.sources) >= 2 for i in incidents),
        countries=len({e["location_country"] for e in events if e["location_country"]}),
        first=days[0].isoformat() if days else None,
        last=days[-1].isoformat() if days else None,
        killed=total_toll([i.toll for i in incidents if i.toll is not None]),
        contradictions=len(notes),
        quotes=len(quotes),
    )


def _scope(filters: Filters, dyad: tuple[str, str] | None) -> tuple[str, ...]:
    """The filters in words, for the report's header."""
    said = []
    if dyad:
        said.append(f"between {country_name(dyad[0])} and {country_name(dyad[1])}")
    if filters.since:
        said.append(f"from {filters.since.isoformat()}")
    if filters.until:
        said.append(f"until {filters.until.isoformat()}")
    for label, value in (
        ("type", filters.type),
        ("country", filters.country and country_name(country_code(filters.country))),
        ("actor", filters.actor),
        ("outlet", filters.source),
        ("search", filters.search),
    ):
        if value:
            said.append(f"{label}: {value}")
    if filters.include_flagged:
        said.append("including negated, hypothetical, generic and historical events")
    if filters.limit:
        said.append(f"lists of at most {filters.limit} rows")
    return tuple(said)
