"""Country outlines for the report's map: Natural Earth 1:110m, packaged as
`resources/report/countries-110m.json` (public domain; see NOTICE.md beside it)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from newsledger.data import resource_path
from newsledger.errors import ResourceError

_RESOURCE = "report/countries-110m.json"

Ring = tuple[tuple[float, float], ...]  # (lon, lat) points


@dataclass(frozen=True)
class Outline:
    code: str  # ISO 3166-1 alpha-3 (KOS for Kosovo)
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each: the outline, then any holes

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees."""
        lons = [p[0] for polygon in self.polygons for ring in polygon for p in ring]
        lats = [p[1] for polygon in self.polygons for ring in polygon for p in ring]
        return min(lons), min(lats), max(lons), max(lats)


@cache
def country_outlines() -> dict[str, Outline]:
    """Every country's outline by its alpha-3 code, read once."""
    path = resource_path(_RESOURCE)
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
        return {
            code: Outline(
                code,
                entry["name"],
                tuple(
                    tuple(tuple(zip(ring[0::2], ring[1::2], strict=True)) for ring in polygon)
                    for polygon in entry["polygons"]
                ),
            )
            for code, entry in table["countries"].items()
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ResourceError(f"{path}: cannot read the country outlines ({exc})") from exc
