"""Place precision in ACLED, PLOVER and POLECAT (export/places.py): a place that is a
whole country or division is coded at that level wherever the ledger took it from (the
sentence, the article's main place or its dateline); a town is a town."""

from __future__ import annotations

import pytest
from tests.export.conftest import flat_event

from newsledger.export.acled import acled_row, event_happening
from newsledger.export.places import flat_place, place_level
from newsledger.export.plover import plover_record
from newsledger.export.polecat import polecat_row

# (name, country, lat, lon, ledger precision) -> the level every format codes
PLACES = [
    (("Pakistan", "PAK", 30.38, 69.35, "article"), "country"),
    (("Pakistan", "PAK", 30.38, 69.35, "dateline"), "country"),
    (("Chad", "TCD", 15.45, 18.73, "dateline"), "country"),
    (("Chad", "TCD", 15.45, 18.73, "article"), "country"),
    (("Gedo", "SOM", None, None, "article"), "admin1"),
    (("Nairobi", "KEN", -1.2833, 36.8167, "dateline"), "dateline"),
    (("Djibouti", "DJI", 11.589, 43.145, "dateline"), "dateline"),  # the city's point
    (("Kabul", "AFG", 34.5281, 69.1723, "article"), "article"),  # a city and a province
    (("Mogadishu", "SOM", 2.0371, 45.3438, "place"), "place"),
]
# What each format writes for each level.
ACLED = {"country": "3", "admin1": "3", "dateline": "2", "article": "2", "place": "1"}
PLOVER = {"country": 1, "admin1": 2, "dateline": 4, "article": 4, "place": 4}
POLECAT = {"country": "PCLI", "admin1": "ADM1", "dateline": "PPL", "article": "PPL",
           "place": "PPL"}  # fmt: skip


def _placed(name: str, country: str, lat: float | None, lon: float | None, precision: str):
    return flat_event(
        location_name=name, location_country=country, location_lat=lat, location_lon=lon,
        location_precision=precision, location_text=name,
    )  # fmt: skip


@pytest.mark.parametrize(("place", "level"), PLACES)
def test_a_whole_country_or_division_is_coded_at_its_level_wherever_it_came_from(place, level):
    flat = _placed(*place)
    assert place_level(flat_place(flat)) == level
    acled = acled_row(event_happening(flat, None))
    assert str(acled["geo_precision"]) == ACLED[level]
    assert plover_record(flat, [])["event_loc"]["resolution"] == PLOVER[level]
    polecat = polecat_row(flat)
    assert polecat["Feature Type"] == POLECAT[level]
    town = level in ("place", "article", "dateline")
    assert polecat["City"] == (place[0] if town else None)


def test_a_division_is_its_own_admin1_in_acled_and_polecat():
    flat = _placed("Gedo", "SOM", None, None, "article")
    assert acled_row(event_happening(flat, None))["admin1"] == "Gedo"
    assert polecat_row(flat)["Province"] == "Gedo"
