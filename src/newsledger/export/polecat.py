"""POLECAT's tab-separated layout, so that readers written for the POLECAT weekly files
(ngecEvents.*.DV.txt on the POLECAT Dataverse) load ours: the same 40 columns in the same
order, one event per line, a header line first.

The column list is the header of those files as quoted in the loader of the Temporal
Graph Benchmark's POLECAT dataset (github.com/shenyangHuang/TGB,
tgb/datasets/tkgl_polecat/tkgl_polecat.py), and is the list the POLECAT FAQ's reader
expects (andybeger.com/blog/2024-05-21-polecat-event-data). Values follow PLOVER as
POLECAT does: `Event Type` is the PLOVER type, `Event Mode` its mode, `Intensity` the
event's Goldstein-scale score, `Quad Code` PLOVER's numeric quad (1-4, see plover.py).
What newsledger does not know is left empty: Correlates of War codes, Wikipedia ids,
GeoNames ids, contexts, the story's people and organisations, the district.
"""

from __future__ import annotations

from typing import Any

from newsledger import __version__
from newsledger.export.acled import AcledRules
from newsledger.export.places import flat_place, place_level
from newsledger.extract.ontology import Ontology

POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
)  # fmt: skip
# GeoNames feature classes of the place an event is put at, by its level
# (`places.place_level`: a dateline "CHAD" is the country, PCLI, not a town).
_FEATURE = {"place": "PPL", "article": "PPL", "dateline": "PPL", "admin1": "ADM1",
            "country": "PCLI"}  # fmt: skip
_TOWN = ("place", "article", "dateline")


def polecat_row(flat: dict[str, Any]) -> dict[str, Any]:
    """One POLECAT line (`POLECAT_COLUMNS`) of a flat event row; tabs and line breaks
    inside values become spaces, since POLECAT readers split on them."""
    country = AcledRules.packaged().countries.get(flat["location_country"] or "")
    level = place_level(flat_place(flat))
    row = {
        "Event ID": flat["id"],
        "Event Date": flat["date"] or flat["article_published"],
        "Event Type": flat["type"],
        "Event Mode": flat["mode"],
        "Intensity": flat["goldstein"],
        "Quad Code": Ontology.packaged().quad_code(flat["type"]),
        "Contexts": None,
        **_party(flat, "actor", "Actor"),
        **_party(flat, "recipient", "Recipient"),
        "Placename": flat["location_name"],
        "City": flat["location_name"] if level in _TOWN else None,
        "District": None,
        "Province": flat["location_admin1"]
        or (flat["location_name"] if level == "admin1" else None),
        "Country": country.name if country else flat["location_country"],
        "Latitude": flat["location_lat"],
        "Longitude": flat["location_lon"],
        "GeoNames ID": None,
        "Raw Placename": flat["location_text"],
        "Feature Type": _FEATURE.get(level or ""),
        "Source": flat["article_source"],
        "Publication Date": flat["article_published"],
        "Story People": None,
        "Story Organizations": None,
        "Story Locations": None,
        "Language": "en",
        "Version": f"newsledger {__version__}",
    }
    return {name: _one_line(row[name]) for name in POLECAT_COLUMNS}


def _party(flat: dict[str, Any], side: str, label: str) -> dict[str, Any]:
    return {
        f"{label} Name": flat[f"{side}_name"] or flat[f"{side}_text"],
        f"{label} Country": flat[f"{side}_country"],
        f"{label} COW": None,
        f"Primary {label} Sector": flat[f"{side}_sector"],
        f"{label} Sectors": flat[f"{side}_sector"],
        f"{label} Title": flat[f"{side}_role"],
        f"{label} Name Raw": flat[f"{side}_text"],
        f"Wikipedia {label} ID": None,
    }


def _one_line(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value
