"""Sentence-level event coding scored against PLOVER gold-standard records.

Each record holds one sentence, its PLOVER event type and the actor (`source`) and
recipient (`target`) country codes. We code the sentence, take its top event (highest
confidence, neither negated nor hypothetical; no event counts as wrong) and compare.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.evaluate.gold_lines import read_gold_objects
from newsledger.extract import Event, extract_many
from newsledger.extract.ontology import PLOVER_TYPES

NO_EVENT = "NONE"
# The gold file keeps a few CAMEO country codes where ISO differs.
_CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VAT"}


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    event_type: str
    actors: frozenset[str]
    recipients: frozenset[str]


@dataclass
class Score:
    """Counts behind every figure; `as_dict` gives the `--json` shape."""

    n: int = 0
    type_correct: int = 0
    actor_n: int = 0
    actor_correct: int = 0
    recipient_n: int = 0
    recipient_correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, gold: GoldRecord, top: Event | None) -> None:
        predicted = top.type if top else NO_EVENT
        self.n += 1
        self.type_correct += predicted == gold.event_type
        self.confusion[(gold.event_type, predicted)] += 1
        if gold.actors:
            self.actor_n += 1
            country = top.actor.country if top and top.actor else None
            self.actor_correct += country in gold.actors
        if gold.recipients:
            self.recipient_n += 1
            country = top.recipient.country if top and top.recipient else None
            self.recipient_correct += country in gold.recipients

    def per_type(self) -> dict[str, dict[str, float | int]]:
        table = {}
        for event_type in PLOVER_TYPES:
            tp = self.confusion[(event_type, event_type)]
            predicted = sum(n for (_, p), n in self.confusion.items() if p == event_type)
            support = sum(n for (g, _), n in self.confusion.items() if g == event_type)
            if not (predicted or support):
                continue
            precision = tp / predicted if predicted else 0.0
            recall = tp / support if support else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            table[event_type] = {
                "precision": round(precision, 3),
                "recall": round(recall, 3),
                "f1": round(f1, 3),
                "support": support,
                "predicted": predicted,
            }
        return table

    def as_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "event_type_accuracy": _ratio(self.type_correct, self.n),
            "actor_country_accuracy": _ratio(self.actor_correct, self.actor_n),
            "recipient_country_accuracy": _ratio(self.recipient_correct, self.recipient_n),
            "actor_n": self.actor_n,
            "recipient_n": self.recipient_n,
            "per_type": self.per_type(),
            "confusion": {
                gold: {p: n for (g, p), n in sorted(self.confusion.items()) if g == gold}
                for gold in sorted({g for g, _ in self.confusion})
            },
        }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def read_gold(path: Path) -> Iterator[GoldRecord | InputError]:
    """Records with a sentence and one of the 16 PLOVER types; others are skipped."""
    for item in read_gold_objects(path):
        if isinstance(item, InputError):
            yield item
            continue
        number, record = item
        event_type = record.get("event_plover_0_8") or record.get("event")
        text = record.get("text")
        if event_type not in PLOVER_TYPES or not isinstance(text, str) or not text:
            continue
        yield GoldRecord(
            id=str(record.get("id", number)),
            text=text,
            event_type=event_type,
            actors=_codes(record.get("source")),
            recipients=_codes(record.get("target")),
        )


def _codes(participants: Any) -> frozenset[str]:
    if not isinstance(participants, list):
        return frozenset()
    codes = (p.get("code") for p in participants if isinstance(p, dict))
    return frozenset(_CAMEO_TO_ISO.get(c, c) for c in codes if isinstance(c, str) and c)


def top_event(events: tuple[Event, ...]) -> Event | None:
    """The event a sentence is scored on: most confident, neither negated nor hypothetical."""
    candidates = [e for e in events if not (e.negated or e.hypothetical)]
    return max(candidates, key=lambda e: e.confidence, default=None)


@dataclass(frozen=True)
class Prediction:
    gold: GoldRecord
    top: Event | None


def score_records(records: list[GoldRecord]) -> tuple[Score, list[Prediction]]:
    score, predictions = Score(), []
    articles = (Article(text=r.text, external_id=r.id) for r in records)
    for record, extraction in zip(records, extract_many(articles), strict=True):
        top = top_event(extraction.events)
        score.add(record, top)
        predictions.append(Prediction(record, top))
    return score, predictions
