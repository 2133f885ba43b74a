"""Build the report's country outlines from Natural Earth 1:110m TopoJSON.

Input: `countries-110m.json` from the `world-atlas` npm package (Natural Earth 4.1.0,
public domain; ids are ISO 3166-1 numeric codes). Get it once with

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz

then run

    .venv/bin/python scripts/build_outlines.py /tmp/package/countries-110m.json \
        src/newsledger/resources/report/countries-110m.json

Output: {"source", "licence", "countries": {ALPHA3: {"name", "polygons"}}}, where a
polygon is a list of rings and a ring a flat list lon1, lat1, lon2, lat2, ... in degrees
rounded to 0.01 (about 1 km, finer than the 1:110m lines themselves).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pycountry

# Natural Earth shapes with no ISO numeric code, coded as the ledger codes their places:
# Kosovo is PLOVER's KOS; Somaliland and Northern Cyprus are drawn with Somalia and Cyprus.
UNCODED = {"Kosovo": "KOS", "Somaliland": "SOM", "N. Cyprus": "CYP"}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are quantized and
    delta-encoded: each position is the offset from the previous one)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[float]:
    """A closed ring from its arcs; a negative index ~i is arc i reversed, and each arc
    after the first repeats the previous arc's last point, which is dropped."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    flat: list[float] = []
    for lon, lat in points:
        flat += [round(lon, 2), round(lat, 2)]
    return flat


def outlines(topology: dict) -> dict[str, dict]:
    arcs = decode_arcs(topology)
    countries: dict[str, dict] = {}
    for shape in topology["objects"]["countries"]["geometries"]:
        name = shape["properties"]["name"]
        if "id" in shape:
            country = pycountry.countries.get(numeric=shape["id"])
            if country is None:
                raise SystemExit(f"ISO numeric {shape['id']} ({name}) unknown to pycountry")
            code = country.alpha_3
        else:
            code = UNCODED[name]
        polygons = shape["arcs"] if shape["type"] == "MultiPolygon" else [shape["arcs"]]
        entry = countries.setdefault(code, {"name": name, "polygons": []})
        entry["polygons"] += [[ring(r, arcs) for r in polygon] for polygon in polygons]
    return dict(sorted(countries.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    data = {
        "source": "Natural Earth 1:110m Admin 0 countries v4.1.0, via world-atlas 2.0.2",
        "licence": "public domain (Natural Earth terms of use)",
        "countries": outlines(topology),
    }
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['countries'])} countries, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
