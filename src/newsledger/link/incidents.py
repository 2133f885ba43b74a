"""An incident's record from its member events: the best date, place and type, the parties,
each source's toll and the toll as a range, the reports' outlets and days, the
contradictions between sources' tolls, and why each member joined.

Sources are reports, not articles: copies of one report (`copies.py`) are one source
with its copies listed. Between two sources a later, larger toll updates the earlier
one ("the toll rose to 23"); tolls that cannot both be true otherwise are a
contradiction, with a note a reader understands.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from newsledger.extract.happenings import DATE_RANK, PLACE_RANK
from newsledger.link.features import PairScore
from newsledger.link.views import EventView


def incident_id(members: list[EventView]) -> str:
    """Stable for the same membership, whatever order the articles came in."""
    digest = hashlib.sha1("|".join(sorted(e.id for e in members)).encode()).hexdigest()
    return f"inc-{digest[:12]}"


def incident_record(
    members: list[EventView],
    scores: dict[tuple[str, str], PairScore],
    others: list[list[EventView]],
) -> dict[str, Any]:
    """The incident's record (the JSON `newsledger incidents` prints); `others` are the
    block's other clusters, for the nearest one not joined."""
    sources = _sources(members)
    dated = min(
        members,
        key=lambda e: (
            -DATE_RANK.get(e.date_precision, 0),
            _date_votes(members, e),
            e.id,
        ),
    )
    placed = min(members, key=lambda e: (-PLACE_RANK.get(e.place_precision, 0), e.id))
    tolls = [s["fatalities"] for s in sources if s["fatalities"] is not None]
    return {
        "id": incident_id(members),
        "type": Counter(e.type for e in members).most_common(1)[0][0],
        "date": dated.date,
        "date_precision": dated.date_precision,
        "location": {
            "name": placed.place,
            "country": placed.country,
            "admin1": placed.admin1,
            "lat": placed.lat,
            "lon": placed.lon,
            "precision": placed.place_precision,
        },
        "actors": _parties(e.actor for e in members),
        "recipients": _parties(e.recipient for e in members),
        "fatalities": _range(tolls),
        "sources": sources,
        "articles": sorted({e.article_id for e in members}),
        "events": [e.id for e in members],
        "outlets": len({e.source for e in members if e.source}),
        "first_report": min((e.published for e in members if e.published), default=None),
        "last_report": max((e.published for e in members if e.published), default=None),
        "contradictions": _contradictions(sources),
        "why": _why(members, scores, others),
    }


def _date_votes(members: list[EventView], event: EventView) -> int:
    """Minus how many members give the event's date: the date most reports agree on."""
    return -sum(1 for e in members if e.date == event.date)


def _sources(members: list[EventView]) -> list[dict[str, Any]]:
    """One entry per report (copies together), in order of publication."""
    by_report: dict[str, list[EventView]] = {}
    for event in members:
        by_report.setdefault(event.report, []).append(event)
    sources = []
    for events in by_report.values():
        first = min(events, key=lambda e: (e.published or "", e.article_hash))
        told = [e for e in events if e.fatalities != (None, None)]
        toll = max(told, key=lambda e: (e.fatalities[0] or 0, e.fatalities[1] or 0), default=None)
        sources.append(
            {
                "article": first.article_id,
                "outlet": first.source,
                "url": first.url,
                "published": first.published,
                "fatalities": None
                if toll is None
                else {
                    "min": toll.fatalities[0],
                    "max": toll.fatalities[1],
                    "text": toll.fatalities_text,
                },
                "copies": sorted({e.article_id for e in events} - {first.article_id}),
            }
        )
    return sorted(sources, key=lambda s: (s["published"] or "", s["article"]))


def _parties(parties: Any) -> list[dict[str, str | None]]:
    seen: dict[tuple[str | None, str | None], dict[str, str | None]] = {}
    for words, country, sector in parties:
        if words is None and country is None:
            continue
        key = (country, sector)
        seen.setdefault(key, {"name": words, "country": country, "sector": sector})
    return list(seen.values())


def _range(tolls: list[dict[str, Any]]) -> dict[str, int | None] | None:
    """From the lowest figure any source gives to the highest (None: no upper bound)."""
    if not tolls:
        return None
    lows = [t["min"] if t["min"] is not None else 0 for t in tolls]
    highs = [t["max"] for t in tolls]
    return {"min": min(lows), "max": None if None in highs else max(highs)}


def _contradictions(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pairs of sources whose tolls cannot both be true: not overlapping, and not a
    later report raising an earlier one."""
    found = []
    for i, first in enumerate(sources):
        for j in range(i + 1, len(sources)):
            second = sources[j]
            a, b = first["fatalities"], second["fatalities"]
            if a is None or b is None or _overlap(a, b):
                continue
            later_larger = (second["published"] or "") > (first["published"] or "") and (
                (b["min"] or 0) > (a["max"] if a["max"] is not None else 10**9)
            )
            if later_larger:
                continue  # "the toll rose to 23": an update
            found.append(
                {
                    "sources": [i, j],
                    "note": (
                        f"{first['outlet'] or first['article']} ({first['published']}) gives "
                        f"{_figure(a)} killed; {second['outlet'] or second['article']} "
                        f"({second['published']}) gives {_figure(b)}. The figures do not "
                        "overlap and the later is no rise, so both cannot be true."
                    ),
                }
            )
    return found


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    low_a, low_b = a["min"] or 0, b["min"] or 0
    high_a = a["max"] if a["max"] is not None else 10**9
    high_b = b["max"] if b["max"] is not None else 10**9
    return low_a <= high_b and low_b <= high_a


def _figure(toll: dict[str, Any]) -> str:
    if toll["min"] == toll["max"]:
        return str(toll["min"])
    if toll["max"] is None:
        return f"at least {toll['min']}"
    return f"{toll['min'] or 0} to {toll['max']}"


def _why(
    members: list[EventView],
    scores: dict[tuple[str, str], PairScore],
    others: list[list[EventView]],
) -> dict[str, Any]:
    """For each member: the member it fits best (with the features and score) and the
    nearest other incident of its block with the mean score that kept it apart."""

    def with_(event: EventView, group: list[EventView]) -> list[PairScore | None]:
        """The scores of the event's pairs with each of the group (None: not scored)."""
        one = event.id
        return [scores.get((one, m.id) if one < m.id else (m.id, one)) for m in group]

    why: dict[str, Any] = {}
    for event in members:
        mates = [
            (s, m) for s, m in zip(with_(event, members), members, strict=True) if m is not event
        ]
        mates = [(s, m) for s, m in mates if s is not None]
        best = max(mates, key=lambda pair: (pair[0].score, pair[1].id), default=None)
        nearest = None
        for other in others:
            if len(other) == 1:  # most of a busy block's incidents: one pair, no list
                one, two = event.id, other[0].id
                only = scores.get((one, two) if one < two else (two, one))
                if only is None:
                    continue
                veto, mean = only.veto, only.score
            else:
                known = [p for p in with_(event, other) if p is not None]
                if not known:
                    continue
                veto = next((p.veto for p in known if p.veto), None)
                mean = sum(p.score for p in known) / len(known)
            if nearest is None or mean > nearest["score"]:
                nearest = {"incident": incident_id(other), "score": round(mean, 4), "veto": veto}
        why[event.id] = {
            "article": event.article_id,
            "joined_by": None
            if best is None
            else {"event": best[1].id, "score": best[0].score, "features": best[0].features},
            "nearest_other": nearest,
        }
    return why
