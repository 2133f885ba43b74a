"""One event per happening: mentions of the same happening in one article merge.

"three American soldiers were killed in a drone attack in Jordan" and, later, "the
deadly drone attack on the American base in Jordan" are one ASSAULT with two mentions.
Two events merge when nothing they say conflicts (type, flags, actor and recipient
countries, place, date, toll) and something ties them: the later one refers back ("the
attack", "Monday's bombing") or they share a place or a toll. The merged event keeps the
most precise date, place and toll of its mentions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from newsledger.extract.modality import ModalityRules
from newsledger.extract.model import Actor, Count, Event, Location
from newsledger.extract.ontology import Ontology
from newsledger.extract.time import date_window

_DATE_RANK = {"day": 4, "week": 3, "month": 2, "year": 1, None: 0}
_PLACE_RANK = {"place": 4, "admin1": 3, "country": 2, "dateline": 1, None: 0}


def merge_mentions(doc: Doc, events: list[Event]) -> list[Event]:
    """Events in text order, each happening once, with all its mentions."""
    merged: list[Event] = []
    for event in events:
        antecedent = next((m for m in reversed(merged) if _same_happening(doc, m, event)), None)
        if antecedent is None:
            merged.append(event)
        else:
            merged[merged.index(antecedent)] = _combine(antecedent, event)
    return merged


def _flags(event: Event) -> tuple[bool, ...]:
    return (event.negated, event.hypothetical, event.generic, event.historical)


def _same_happening(doc: Doc, earlier: Event, later: Event) -> bool:
    if earlier.type != later.type or earlier.type not in Ontology.packaged().mergeable:
        return False
    if _flags(earlier) != _flags(later) or earlier.generic:
        return False
    if not (
        _compatible_actor(earlier.actor, later.actor)
        and _compatible_actor(earlier.recipient, later.recipient)
        and _compatible_place(earlier.location, later.location)
        and _compatible_date(earlier, later)
        and _compatible_count(earlier.fatalities, later.fatalities)
    ):
        return False
    return (
        _refers_back(doc, later)
        or _same_place_named(earlier.location, later.location)
        or _same_count(earlier.fatalities, later.fatalities)
    )


def _compatible_actor(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or not (a.country and b.country) or a.country == b.country


def _compatible_place(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None or "dateline" in (a.precision, b.precision):
        return True
    return not (a.country and b.country) or a.country == b.country


def _same_place_named(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None or "dateline" in (a.precision, b.precision):
        return False
    return a.name == b.name


def _compatible_date(a: Event, b: Event) -> bool:
    """Dates that can name the same day: "on Monday" fits "this month" and "this year"."""
    if a.date is None or b.date is None:
        return True
    first = date_window(date.fromisoformat(a.date), a.date_precision)
    second = date_window(date.fromisoformat(b.date), b.date_precision)
    return first[0] <= second[1] and second[0] <= first[1]


def _compatible_count(a: Count | None, b: Count | None) -> bool:
    if a is None or b is None:
        return True
    low_a, high_a = a.min or 0, a.max if a.max is not None else 10**9
    low_b, high_b = b.min or 0, b.max if b.max is not None else 10**9
    return low_a <= high_b and low_b <= high_a


def _same_count(a: Count | None, b: Count | None) -> bool:
    return a is not None and b is not None and (a.min, a.max) == (b.min, b.max)


def _refers_back(doc: Doc, event: Event) -> bool:
    """The mention is a definite noun phrase: "the deadly drone attack", "Monday's raid"."""
    mention = event.mentions[0]
    span = doc.char_span(mention.trigger_start, mention.trigger_end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    trigger: Token = span.root
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    referring = ModalityRules.packaged().referring_determiners
    return any(
        (c.dep_ == "det" and c.lower_ in referring) or c.dep_ == "poss" for c in trigger.children
    )


def _combine(first: Event, second: Event) -> Event:
    """The first event, with both events' mentions and the best of what they know."""
    date_from = max((first, second), key=lambda e: _DATE_RANK[e.date_precision])
    place_from = max(
        (first, second), key=lambda e: _PLACE_RANK[e.location.precision if e.location else None]
    )
    return replace(
        first,
        mentions=first.mentions + second.mentions,
        actor=_better(first.actor, second.actor),
        recipient=_better(first.recipient, second.recipient),
        date=date_from.date,
        date_precision=date_from.date_precision,
        date_text=date_from.date_text,
        location=place_from.location,
        locations=place_from.locations,
        fatalities=_tighter(first.fatalities, second.fatalities),
        injuries=_tighter(first.injuries, second.injuries),
        confidence=max(first.confidence, second.confidence),
    )


def _better(a: Actor | None, b: Actor | None) -> Actor | None:
    if a is None or b is None:
        return a or b

    def known(actor: Actor) -> tuple[bool, bool]:
        return actor.country is not None, actor.sector is not None

    return a if known(a) >= known(b) else b


def _tighter(a: Count | None, b: Count | None) -> Count | None:
    """The count that pins the number down more: an exact figure beats "at least"."""
    if a is None:
        return b
    if b is None:
        return a

    def width(count: Count) -> float:
        if count.min is None or count.max is None:
            return float("inf")
        return count.max - count.min

    return a if width(a) <= width(b) else b
