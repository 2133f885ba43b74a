"""The records of the extraction contract (see DESIGN.md, `newsledger extract --json`).

Frozen dataclasses: an Extraction is a value, the same whichever process computed it.
`to_dict` gives the contract's JSON shape; field names there are stable. `from_dict`
reads that shape back (`Extraction.from_dict(x.to_dict()) == x`), so an
extraction can travel as JSON, as `newsledger batch` and `newsledger load` do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from typing import Any, TypeVar

from newsledger.article import Article

_T = TypeVar("_T")


def _known(cls: type[Any], data: dict[str, Any]) -> dict[str, Any]:
    """The keys of `data` that are fields of `cls`: JSON written by a later version, with
    fields added to the contract, still reads."""
    names = {f.name for f in fields(cls)}
    return {key: value for key, value in data.items() if key in names}


def _optional(read: Callable[[dict[str, Any]], _T], data: dict[str, Any] | None) -> _T | None:
    return read(data) if data is not None else None


def plain(value: Any) -> Any:
    """Records as JSON-ready dicts and lists. `dataclasses.asdict` deep-copies every
    value it meets, which cost a large share of ingest time; records here are frozen
    and hold only strings, numbers and other records, so a plain walk is enough."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(**{**_known(cls, data), "countries": tuple(data.get("countries") or ())})


@dataclass(frozen=True)
class Mention:
    """One sentence that reports the event: `sentence` is its index in the article,
    `start`/`end` slice the article's clean text to it, and `text` is that slice, so a
    reader of the JSON alone can check every offset."""

    sentence: int
    start: int
    end: int
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0
    text: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class Count:
    """A casualty count: `min`/`max` bound the number, `text` is the phrase it came from,
    `claim` the id of the claim (in the extraction's `claims`) that gave the figure."""

    min: int | None
    max: int | None
    text: str
    claim: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Count:
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    text: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        return cls(**_known(cls, data))


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
    background: bool = False  # an earlier happening the news is measured against
    confidence: float = 0.5
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: Location | None = None
    locations: tuple[Location, ...] = ()  # every place named ("in Iraq and Syria")
    fatalities: Count | None = None
    injuries: Count | None = None
    quotes: tuple[str, ...] = ()  # ids of the quotes that express this verbal event

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            **{
                **_known(cls, data),
                "acled": dict(data["acled"]) if data.get("acled") is not None else None,
                "actor": _optional(Actor.from_dict, data.get("actor")),
                "recipient": _optional(Actor.from_dict, data.get("recipient")),
                "mentions": tuple(Mention.from_dict(m) for m in data["mentions"]),
                "location": _optional(Location.from_dict, data.get("location")),
                "locations": tuple(Location.from_dict(p) for p in data.get("locations") or ()),
                "fatalities": _optional(Count.from_dict, data.get("fatalities")),
                "injuries": _optional(Count.from_dict, data.get("injuries")),
                "quotes": tuple(data.get("quotes") or ()),
            }
        )


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker: `direct` in quotation marks, else reported ("said
    that ...", "according to ..."). `start`/`end` slice the quoted words out of the clean
    text; `anonymous` marks an unnamed source ("two security sources", "a U.S. official
    familiar with the matter"); `events` are the ids of the verbal events the quote
    expresses. `id` is "<article hash, 12 hex>-q<n>"."""

    speaker: Actor | None
    text: str
    direct: bool
    cue: str | None
    start: int
    end: int
    id: str = ""
    anonymous: bool = False
    events: tuple[str, ...] = ()
    cue_start: int | None = None  # where the speech verb (or "according") stands

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        speaker = _optional(Actor.from_dict, data.get("speaker"))
        events = tuple(data.get("events") or ())
        return cls(**{**_known(cls, data), "speaker": speaker, "events": events})


@dataclass(frozen=True)
class Quantity:
    """A claimed figure as a range: "over 2,000" is (2001, None), "2,500" (2500, 2500),
    "nearly 100" (None, 99); None is unbounded on that side."""

    min: float | None
    max: float | None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quantity:
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class Claim:
    """A quantity someone states: `kind` is what is counted (killed, injured, missing,
    arrested, displaced, troops, strikes, targets, attacks, protesters, money),
    `subject` the words that name it, `subject_key` a normal form two claims about one
    quantity share ("troops|USA|IRQ"), `value` its range, `qualifier` the word that
    bounds it ("over", "at least", "rising to"), `source` who it is attributed to (the
    speaker or body; the outlet when the text names none) and `reported` the date of
    the report. `unit` is a currency code for money, else None (a head count). `events`
    are the ids of the events it quantifies. `id` is "<article hash, 12 hex>-c<n>"."""

    kind: str
    subject: str
    subject_key: str
    value: Quantity
    qualifier: str | None
    text: str
    start: int
    end: int
    id: str = ""
    source: str | None = None
    reported: str | None = None
    unit: str | None = None
    events: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        value = Quantity.from_dict(data["value"])
        events = tuple(data.get("events") or ())
        return cls(**{**_known(cls, data), "value": value, "events": events})


@dataclass(frozen=True)
class Contradiction:
    """Two claims (indexes into the extraction's `claims`) that cannot both be true, and
    why, in words a reader understands."""

    claims: tuple[int, int]
    note: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Contradiction:
        first, second = data["claims"]
        return cls(claims=(int(first), int(second)), note=str(data["note"]))


@dataclass(frozen=True)
class Extraction:
    """Everything found in one article."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        """The contract's JSON shape. `article.text` is the clean text every offset
        points into; `with_text=False` leaves it out where the text is stored beside it."""
        article = self.article.metadata()
        if with_text:
            article["text"] = self.article.text
        return {
            "article": article,
            "events": [event.to_dict() for event in self.events],
            "quotes": plain(self.quotes),
            "claims": plain(self.claims),
            "contradictions": plain(self.contradictions),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str | None = None) -> Extraction:
        """The Extraction that `to_dict()` gave; `text` is the article's clean text when
        the JSON was written without it (`to_dict(with_text=False)`)."""
        if text is None:
            text = data["article"]["text"]
        return cls(
            article=Article.from_metadata(data["article"], text),
            events=tuple(Event.from_dict(e) for e in data.get("events") or ()),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes") or ()),
            claims=tuple(Claim.from_dict(c) for c in data.get("claims") or ()),
            contradictions=tuple(
                Contradiction.from_dict(c) for c in data.get("contradictions") or ()
            ),
        )
