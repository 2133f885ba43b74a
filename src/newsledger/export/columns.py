"""Our own flat columns: one schema for an event (and one for an incident), written the
same way to CSV, JSON Lines and Parquet and printed by `newsledger events --format json`.

Nested fields of the contract are flattened by joining their path with "_" (`actor.name`
is `actor_name`, `location.lat` is `location_lat`); of an event's mentions only the first
is kept (`sentence`, its index and offsets, its trigger). Each column has one type, so a
reader gets real booleans, numbers and dates, never 0/1 or "None". The README section
"Exports" lists every column with its meaning and an example.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from newsledger.extract.ontology import Ontology

KINDS = ("str", "int", "float", "bool", "date")


@dataclass(frozen=True)
class Column:
    """One column: its name, its type (`KINDS`), what it means and an example value."""

    name: str
    kind: str
    meaning: str
    example: str


def _columns(*rows: tuple[str, str, str, str]) -> tuple[Column, ...]:
    columns = tuple(Column(*row) for row in rows)
    assert all(c.kind in KINDS for c in columns)
    return columns


EVENT_SCHEMA = _columns(
    ("id", "str", "Event id: the article hash's first 12 hex digits and the event's number",
     "741e00c6c632-001"),
    ("incident", "str", "Id of the incident the event belongs to, if linked", "inc-dac941b75b36"),
    ("type", "str", "PLOVER event type", "ASSAULT"),
    ("mode", "str", "PLOVER mode of the type", "explosives"),
    ("quad", "str", "PLOVER quad category of the type", "material conflict"),
    ("cameo", "str", "CAMEO code", "18"),
    ("goldstein", "float", "Goldstein score of the CAMEO root", "-9.0"),
    ("acled_event_type", "str", "ACLED event type, for violence, protest and coercion",
     "Explosions/Remote violence"),
    ("acled_sub_event_type", "str", "ACLED sub-event type", "Remote explosive/landmine/IED"),
    ("date", "date", "First day of the event's date", "2024-07-01"),
    ("date_precision", "str", "day, week, month or year", "day"),
    ("date_text", "str", "The words that gave the date", "on Monday"),
    ("actor_text", "str", "Words that name the actor", "Al-Shabaab"),
    ("actor_name", "str", "Canonical name of a named actor", "al-Shabaab"),
    ("actor_country", "str", "Actor's ISO 3166 alpha-3 code (or IGO, NGO, ...)", "SOM"),
    ("actor_sector", "str", "Actor's PLOVER sector", "REB"),
    ("actor_role", "str", "Actor's title or role words", "spokesman"),
    ("recipient_text", "str", "Words that name the recipient", "12 people"),
    ("recipient_name", "str", "Canonical name of a named recipient", "Kenya Police"),
    ("recipient_country", "str", "Recipient's country code", "SOM"),
    ("recipient_sector", "str", "Recipient's PLOVER sector", "CVL"),
    ("recipient_role", "str", "Recipient's title or role words", "governor"),
    ("location_name", "str", "Place name from the gazetteer", "Mogadishu"),
    ("location_country", "str", "Place's country code", "SOM"),
    ("location_admin1", "str", "Place's first-level division", "Banaadir"),
    ("location_lat", "float", "Latitude (WGS84)", "2.0371"),
    ("location_lon", "float", "Longitude (WGS84)", "45.3438"),
    ("location_precision", "str", "place, admin1, country, article or dateline", "place"),
    ("location_text", "str", "The words that named the place", "Mogadishu"),
    ("fatalities_min", "int", "Fewest killed the text allows (empty: no lower bound)", "12"),
    ("fatalities_max", "int", "Most killed the text allows (empty: no upper bound)", "12"),
    ("fatalities_text", "str", "The words of the death toll", "12"),
    ("injuries_min", "int", "Fewest injured the text allows", "30"),
    ("injuries_max", "int", "Most injured the text allows", "30"),
    ("injuries_text", "str", "The words of the injury count", "about 30"),
    ("verbal", "bool", "A statement rather than a material act", "false"),
    ("negated", "bool", "Reported as not having happened", "false"),
    ("hypothetical", "bool", "Conditional or possible", "false"),
    ("future", "bool", "Promised, planned or threatened", "false"),
    ("generic", "bool", "Habitual or aggregate (\"almost daily attacks\")", "false"),
    ("historical", "bool", "Background from earlier years", "false"),
    ("background", "bool", "An earlier happening the news is measured against", "false"),
    ("confidence", "float", "Rank of the event among its sentence's events (0-1)", "0.6"),
    ("sentence", "str", "Text of the first sentence that reports the event",
     "Car bomb kills 12 at Mogadishu market"),
    ("sentence_index", "int", "That sentence's index in the article", "0"),
    ("sentence_start", "int", "Its start offset in the article's clean text", "0"),
    ("sentence_end", "int", "Its end offset", "37"),
    ("trigger", "str", "The word that triggered the event", "kills"),
    ("trigger_start", "int", "The trigger's start offset", "9"),
    ("trigger_end", "int", "The trigger's end offset", "14"),
    ("article_id", "str", "The article's id (the input's own, else its hash)", "horn-1"),
    ("article_hash", "str", "SHA-256 of the article's normalised text", "741e00c6c632…"),
    ("article_title", "str", "Headline", "Car bomb kills 12 at Mogadishu market"),
    ("article_source", "str", "Outlet", "Horn Wire"),
    ("article_url", "str", "URL", "https://hornwire.example/2024/07/01/market-bomb"),
    ("article_published", "date", "Publication date", "2024-07-01"),
)  # fmt: skip

INCIDENT_SCHEMA = _columns(
    ("id", "str", "Incident id: \"inc-\" and 12 hex digits of its members' ids",
     "inc-dac941b75b36"),
    ("type", "str", "PLOVER type most of its events have", "ASSAULT"),
    ("date", "date", "The most precise date its reports give", "2024-07-01"),
    ("date_precision", "str", "day, week, month or year", "day"),
    ("location_name", "str", "The most precise place its reports give", "Mogadishu"),
    ("location_country", "str", "Place's country code", "SOM"),
    ("location_admin1", "str", "Place's first-level division", "Banaadir"),
    ("location_lat", "float", "Latitude", "2.0371"),
    ("location_lon", "float", "Longitude", "45.3438"),
    ("location_precision", "str", "place, admin1, country, article or dateline", "place"),
    ("fatalities_min", "int", "Lowest toll any source gives", "12"),
    ("fatalities_max", "int", "Highest toll any source gives (empty: unbounded)", "20"),
    ("actors", "str", "Its actors, \"name [COUNTRY/SECTOR]\", separated by \"; \"",
     "al-Shabaab [SOM/REB]"),
    ("recipients", "str", "Its recipients, the same way", "12 people [SOM]"),
    ("sources", "int", "Distinct reports (copies of one report count once)", "2"),
    ("outlets", "int", "Distinct outlets", "2"),
    ("articles", "int", "Articles, copies included", "2"),
    ("first_report", "date", "Earliest publication date", "2024-07-01"),
    ("last_report", "date", "Latest publication date", "2024-07-02"),
    ("source_outlets", "str", "Each source's outlet, in order of publication, \"; \"",
     "Horn Wire; Coast Post"),
    ("source_urls", "str", "Each source's URL, the same order", "https://hornwire.example/…"),
    ("source_fatalities", "str", "Each source's toll text, the same order (\"-\": none)",
     "12; 20"),
    ("article_ids", "str", "Ids of its articles, \"; \"", "coast-1; horn-1"),
    ("event_ids", "str", "Ids of its events, \"; \"", "741e00c6c632-001; 83ac210a21e1-001"),
    ("contradictions", "int", "Pairs of sources whose tolls cannot both be true", "0"),
    ("contradiction_notes", "str", "Why, one note per pair, \" | \"", ""),
)  # fmt: skip

EVENT_COLUMNS = tuple(c.name for c in EVENT_SCHEMA)
INCIDENT_COLUMNS = tuple(c.name for c in INCIDENT_SCHEMA)
_FLAGS = ("verbal", "negated", "hypothetical", "future", "generic", "historical", "background")


def event_row(row: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    """The flat columns of one `select_events` row (its `record` is the contract's event)
    and its article's metadata (`reading.article_details`)."""
    record = json.loads(row["record"]) if isinstance(row["record"], str) else row["record"]
    actor, recipient = record.get("actor") or {}, record.get("recipient") or {}
    location = record.get("location") or {}
    fatalities, injuries = record.get("fatalities") or {}, record.get("injuries") or {}
    acled = record.get("acled") or {}
    mention = (record.get("mentions") or [{}])[0]
    kind = Ontology.packaged().types.get(record["type"])
    flat = {
        "id": record["id"],
        "incident": row.get("incident"),
        "type": record["type"],
        "mode": record.get("mode"),
        "quad": kind.quad if kind else None,
        "cameo": record.get("cameo"),
        "goldstein": record.get("goldstein"),
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "date": record.get("date"),
        "date_precision": record.get("date_precision"),
        "date_text": record.get("date_text"),
        **_party("actor", actor),
        **_party("recipient", recipient),
        **{f"location_{k}": location.get(k) for k in
           ("name", "country", "admin1", "lat", "lon", "precision", "text")},
        **{f"fatalities_{k}": fatalities.get(k) for k in ("min", "max", "text")},
        **{f"injuries_{k}": injuries.get(k) for k in ("min", "max", "text")},
        **{flag: bool(record.get(flag, False)) for flag in _FLAGS},
        "confidence": record.get("confidence"),
        "sentence": mention.get("text"),
        "sentence_index": mention.get("sentence"),
        "sentence_start": mention.get("start"),
        "sentence_end": mention.get("end"),
        "trigger": mention.get("trigger") or None,
        "trigger_start": mention.get("trigger_start") if mention.get("trigger") else None,
        "trigger_end": mention.get("trigger_end") if mention.get("trigger") else None,
        "article_id": article.get("id", row.get("article_id")),
        "article_hash": article.get("hash"),
        "article_title": article.get("title"),
        "article_source": article.get("source"),
        "article_url": article.get("url"),
        "article_published": article.get("published", row.get("published")),
    }  # fmt: skip
    return {name: flat[name] for name in EVENT_COLUMNS}


def _party(prefix: str, party: dict[str, Any]) -> dict[str, Any]:
    return {f"{prefix}_{k}": party.get(k) for k in ("text", "name", "country", "sector", "role")}


def incident_row(record: dict[str, Any]) -> dict[str, Any]:
    """The flat columns of one incident record (`incidents --format json`)."""
    location = record.get("location") or {}
    toll = record.get("fatalities") or {}
    sources = record.get("sources") or []
    contradictions = record.get("contradictions") or []
    flat = {
        "id": record["id"],
        "type": record["type"],
        "date": record.get("date"),
        "date_precision": record.get("date_precision"),
        **{f"location_{k}": location.get(k) for k in
           ("name", "country", "admin1", "lat", "lon", "precision")},
        "fatalities_min": toll.get("min"),
        "fatalities_max": toll.get("max"),
        "actors": _parties(record.get("actors") or []),
        "recipients": _parties(record.get("recipients") or []),
        "sources": len(sources),
        "outlets": record.get("outlets"),
        "articles": len(record.get("articles") or []),
        "first_report": record.get("first_report"),
        "last_report": record.get("last_report"),
        "source_outlets": _joined(s.get("outlet") or s.get("article") for s in sources),
        "source_urls": _joined(s.get("url") or "-" for s in sources),
        "source_fatalities": _joined(
            (s["fatalities"] or {}).get("text") or "-" if s.get("fatalities") else "-"
            for s in sources
        ),
        "article_ids": _joined(record.get("articles") or []),
        "event_ids": _joined(record.get("events") or []),
        "contradictions": len(contradictions),
        "contradiction_notes": " | ".join(c["note"] for c in contradictions) or None,
    }  # fmt: skip
    return {name: flat[name] for name in INCIDENT_COLUMNS}


def party_label(party: dict[str, Any]) -> str:
    """ "al-Shabaab [SOM/REB]": the name, then the codes that are known."""
    codes = "/".join(c for c in (party.get("country"), party.get("sector")) if c)
    name = party.get("name") or party.get("text") or "?"
    return f"{name} [{codes}]" if codes else name


def _parties(parties: list[dict[str, Any]]) -> str | None:
    return _joined(party_label(p) for p in parties)


def _joined(values: Any) -> str | None:
    text = "; ".join(str(v) for v in values if v is not None)
    return text or None
