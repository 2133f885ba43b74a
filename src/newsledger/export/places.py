"""How precise an event's place is, for the formats that code precision (ACLED's
`geo_precision`, PLOVER's `resolution`, POLECAT's `Feature Type`).

The ledger's `location.precision` says where the place came from: the sentence
(`place`), the article's main place (`article`) or its dateline (`dateline`), or a
division or country the sentence names. Where it came from is not what it is: an
article about Pakistan, or a dateline "CHAD", gives the whole country, and a province
taken from the headline is still a province. So a place whose name is that of its own
country, or of a first-level division of it, is coded at that level whatever told it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

_SAME_POINT = 0.01  # degrees: a place's own coordinates, as the gazetteer gives them


def flat_place(flat: Mapping[str, Any]) -> dict[str, Any]:
    """The location of a flat event row (`location_name` ...) as `place_level` reads it."""
    return {k: flat[f"location_{k}"] for k in ("name", "country", "lat", "lon", "precision")}


def place_level(location: Mapping[str, Any]) -> str | None:
    """The location's precision as the export formats code it: "country" or "admin1"
    when it is a whole country or first-level division, else its own precision
    (place, article or dateline: a town or site); None without a place."""
    precision = location.get("precision")
    name, country = location.get("name"), location.get("country")
    if not name or precision in ("country", "admin1") or not country:
        return precision if name else None
    return _level(name, country, location.get("lat"), location.get("lon")) or precision


@cache
def _level(name: str, country: str, lat: float | None, lon: float | None) -> str | None:
    """ "country" or "admin1" when the gazetteer reads `name` in `country` as a whole
    country or a division and not as a town of that name. Coordinates, when given, tell
    the readings apart: Djibouti at the city's point is the city."""
    from newsledger.extract.gazetteer import Gazetteer, place_key

    key = place_key(name)
    readings = [
        p
        for p in Gazetteer.packaged().candidates(name)
        if p.country == country and place_key(p.name) == key
    ]
    if lat is not None and lon is not None:
        here = [
            p
            for p in readings
            if p.lat is not None
            and p.lon is not None
            and abs(p.lat - lat) <= _SAME_POINT
            and abs(p.lon - lon) <= _SAME_POINT
        ]
        readings = here[:1] or readings
    kinds = {p.kind for p in readings}
    if "country" in kinds:
        return "country"
    if kinds == {"admin1"}:  # a town of the division's name ("Kabul") is the town
        return "admin1"
    return None
