"""PLOVER JSON Lines: one record per event with the field names of the PLOVER manual's
JSON table ("PLOVER JSON", ../shared/plover/PLOVER_MANUAL.tex): `id`, `date`, `actor` and
`recipient` as lists of entity objects (`code`, `sector`, `entity_text`,
`identifier_text`), `event`, `mode` and `context` as lists, `quad_code`, `event_scale`,
`event_loc` (the manual's location object), `event_text`, `link`, `cite_info` and
`coder`. The manual allows fields beyond its own; we add `date_precision`, `dead` and
`injured` (its size object's names) where known.

`quad_code` is the numeric quad category (manual, table "Quad categories in PLOVER":
1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict) of
the event type's quad in `ontology/plover.toml`, which follows the manual's chapter for
each type (SANCTION is material conflict there, though the summary table lists it with
verbal conflict). `link` carries the incident id: the manual's "common reference across
multiple related events". An undated event takes its article's publication date, with
`date_precision` "published", since the manual requires a date.
"""

from __future__ import annotations

from typing import Any

from newsledger import __version__
from newsledger.export.acled import AcledRules
from newsledger.export.places import flat_place, place_level
from newsledger.extract.ontology import Ontology

CODEBOOK = "PLOVER manual draft 0.8"
# The manual's location object: 5 sub-city, 4 city, 3 district, 2 province, 1 country,
# by the place's level (`places.place_level`: a dateline "CHAD" is the country, 1).
_RESOLUTION = {"place": 4, "article": 4, "dateline": 4, "admin1": 2, "country": 1}


def plover_record(flat: dict[str, Any], mentions: list[str]) -> dict[str, Any]:
    """The PLOVER record of one flat event row; `mentions` are the texts of all the
    sentences that report it (`event_text`)."""
    record: dict[str, Any] = {
        "id": flat["id"],
        "date": flat["date"] or flat["article_published"],
        "date_precision": flat["date_precision"] if flat["date"] else "published",
        "actor": _entities(flat, "actor"),
        "recipient": _entities(flat, "recipient"),
        "event": [flat["type"]],
        "mode": [flat["mode"]] if flat["mode"] else None,
        "context": None,
        "quad_code": Ontology.packaged().quad_code(flat["type"]),
        "event_scale": flat["goldstein"],
        "event_loc": _location(flat),
        "event_text": mentions or [flat["sentence"]],
        "link": flat["incident"],
        "cite_info": {
            "url": flat["article_url"],
            "title": flat["article_title"],
            "publication": flat["article_source"],
            "citation": flat["article_id"],
            "language": "en",
            "coder": f"newsledger {__version__}",
            "codebook": CODEBOOK,
        },
        "coder": f"newsledger {__version__}",
    }
    for name, count in (("dead", "fatalities"), ("injured", "injuries")):
        low, high = flat[f"{count}_min"], flat[f"{count}_max"]
        if low is not None or high is not None:
            record[name] = low if low is not None else high
    return record


def _entities(flat: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if flat[f"{side}_text"] is None and flat[f"{side}_country"] is None:
        return []
    entity = {
        "code": flat[f"{side}_country"],
        "sector": flat[f"{side}_sector"],
        "entity_text": flat[f"{side}_text"],
        "identifier_text": flat[f"{side}_name"],
        "office": flat[f"{side}_role"],
    }
    return [{k: v for k, v in entity.items() if v is not None}]


def _location(flat: dict[str, Any]) -> dict[str, Any] | None:
    if flat["location_name"] is None:
        return None
    code = flat["location_country"]
    country = AcledRules.packaged().countries.get(code or "")
    return {
        "extracted_place": flat["location_text"],
        "resolved_place": flat["location_name"],
        "lat": flat["location_lat"],
        "lon": flat["location_lon"],
        "province": flat["location_admin1"],
        "country": country.name if country else None,
        "country_code": code,
        "resolution": _RESOLUTION.get(place_level(flat_place(flat)) or ""),
    }
