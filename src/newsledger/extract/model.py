"""The records of the extraction contract (see DESIGN.md, `newsledger extract --json`).

Frozen dataclasses: an Extraction is a value, the same whichever process computed it.
`to_dict` gives the contract's JSON shape; field names there are stable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from newsledger.article import Article


@dataclass(frozen=True)
class Actor:
    """A coded participant: the text that named it, and what we could code of it."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    start: int | None = None
    end: int | None = None
    countries: tuple[str, ...] = ()  # compound actors ("Jordan and Britain"): all of them


@dataclass(frozen=True)
class Mention:
    """One sentence that reports the event; `start`/`end` slice the article's clean text."""

    sentence: int
    start: int
    end: int
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0


@dataclass(frozen=True)
class Count:
    """A casualty count: `min`/`max` bound the number, `text` is the phrase it came from."""

    min: int | None
    max: int | None
    text: str


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    mode: str | None
    cameo: str | None
    goldstein: float | None
    acled: dict[str, str] | None
    actor: Actor | None
    recipient: Actor | None
    mentions: tuple[Mention, ...]
    verbal: bool
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    generic: bool = False
    historical: bool = False
    confidence: float = 0.5
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: Location | None = None
    locations: tuple[Location, ...] = ()  # every place named ("in Iraq and Syria")
    fatalities: Count | None = None
    injuries: Count | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["mentions"] = [asdict(m) for m in self.mentions]
        return data


@dataclass(frozen=True)
class Quote:
    speaker: Actor | None
    text: str
    direct: bool
    cue: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    kind: str
    subject: str
    subject_key: str
    value: float
    qualifier: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    """Everything found in one article."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    contradictions: tuple[dict[str, Any], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.metadata(),
            "events": [event.to_dict() for event in self.events],
            "quotes": [asdict(quote) for quote in self.quotes],
            "claims": [asdict(claim) for claim in self.claims],
            "contradictions": list(self.contradictions),
        }
