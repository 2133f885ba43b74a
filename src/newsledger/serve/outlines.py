"""Country outlines for the dashboard's map, as GeoJSON keyed by ISO 3166 alpha-3, the
codes the ledger stores.

The outlines are Natural Earth's 1:110m countries (public domain), packaged once for
`newsledger report` (`resources/report/countries-110m.json`: each country's polygons as
rings of flat lon, lat lists); the map reads that same file rather than a second copy.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from newsledger.errors import ResourceError

OUTLINES = ("resources", "report", "countries-110m.json")


@cache
def countries_geojson() -> dict[str, Any]:
    """A FeatureCollection: one MultiPolygon per country, with `code` and `name`."""
    source = resources.files("newsledger").joinpath(*OUTLINES)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        features = [
            {
                "type": "Feature",
                "id": code,
                "properties": {"code": code, "name": country["name"]},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [
                        [_ring(ring) for ring in polygon] for polygon in country["polygons"]
                    ],
                },
            }
            for code, country in sorted(data["countries"].items())
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ResourceError(f"{'/'.join(OUTLINES)}: unreadable country outlines ({exc})") from exc
    return {"type": "FeatureCollection", "features": features}


def _ring(flat: list[float]) -> list[list[float]]:
    """[lon, lat, lon, lat, ...] -> [[lon, lat], ...], closed as GeoJSON wants."""
    points = [[flat[i], flat[i + 1]] for i in range(0, len(flat) - 1, 2)]
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points
