"""ACLED's CSV (export/acled.py): ACLED's exact columns, one row per incident by default,
actor types and interactions as the codebook writes them, the target of violence
against civilians as actor 2, the conservative toll, and notes from the evidence."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from tests.export.conftest import flat_event

from newsledger.export.acled import Report, acled_row, event_happening, lowest_credible_toll

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
    "source,source_scale,notes,fatalities,tags,timestamp"
)


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_header_is_exactly_acleds(export):
    path, _ = export("acled")
    assert path.read_text(encoding="utf-8").splitlines()[0] == ACLED_HEADER
    assert len(pd.read_csv(path).columns) == 31


def test_one_row_per_incident_with_every_outlet_and_the_updated_toll(export):
    path, result = export("acled")
    rows = _rows(path)
    bombing = [r for r in rows if r["location"] == "Mogadishu"]
    assert len(bombing) == 1, "two reports of one bombing are one ACLED event"
    row = bombing[0]
    assert row["event_id_cnty"].startswith("SOM-inc-")
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-07-01", "2024", "1")
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["disorder_type"] == "Political violence"
    assert (row["actor1"], row["inter1"]) == ("al-Shabaab", "Rebel group")
    assert (row["actor2"], row["inter2"]) == ("Civilians (Somalia)", "Civilians")
    assert row["interaction"] == "Rebel group-Civilians"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["region"], row["country"]) == ("706", "Eastern Africa", "Somalia")
    assert row["geo_precision"] == "1" and row["latitude"] == "2.0371"
    assert row["source"] == "Horn Wire; Coast Post"
    assert row["fatalities"] == "20", "the next day's higher toll updates the first"
    assert row["notes"].startswith("On 1 July 2024: ")
    assert "killing 20 people" in row["notes"] and "[Coast Post, 2024-07-02]" in row["notes"]
    assert "talks" not in path.read_text(encoding="utf-8").lower()  # CONSULT: not ACLED's
    assert "left out: has no ACLED event type" in result.stderr


def test_protesters_come_first_and_police_who_faced_them_second(export):
    path, _ = export("acled", "--events", "--country", "KEN")
    rows = _rows(path)
    assert {r["sub_event_type"] for r in rows} == {"Peaceful protest", "Protest with intervention"}
    for row in rows:
        assert (row["actor1"], row["inter1"]) == ("Protesters (Kenya)", "Protesters")
        assert row["disorder_type"] == "Demonstrations" and row["iso"] == "404"
    peaceful = next(r for r in rows if r["sub_event_type"] == "Peaceful protest")
    assert peaceful["interaction"] == "Protesters only" and peaceful["actor2"] == ""
    tear_gas = next(r for r in rows if r["sub_event_type"] == "Protest with intervention")
    assert (tear_gas["actor2"], tear_gas["inter2"]) == ("Police", "State forces")
    assert tear_gas["interaction"] == "State forces-Protesters"


def test_foreign_forces_are_external_and_undated_attacks_are_precision_3(export):
    rows = _rows(export("acled", "--events")[0])
    strike = next(r for r in rows if r["country"] == "Iraq")
    assert strike["inter1"] == "External/Other forces" and strike["region"] == "Middle East"
    assert strike["interaction"] == "State forces-External/Other forces"
    undated = [r for r in rows if r["notes"].startswith("Undated")]
    assert undated and all(r["time_precision"] == "3" for r in undated)
    assert all(r["event_date"] == "2024-04-12" for r in undated), "its report's day"


def test_the_lowest_credible_toll_keeps_updates_and_the_lower_of_disagreements():
    def report(day: str, low: int | None, high: int | None) -> Report:
        return Report("X", day, "s", {"min": low, "max": high, "text": ""})

    same_day = [report("2024-07-01", 12, 12), report("2024-07-01", 40, 40)]
    assert lowest_credible_toll(same_day) == 12
    rising = [report("2024-07-01", 12, 12), report("2024-07-02", 20, 20)]
    assert lowest_credible_toll(rising) == 20
    assert lowest_credible_toll([report("2024-07-01", 15, None)]) == 15  # "at least 15"
    assert lowest_credible_toll([report("2024-07-01", None, 25)]) == 25  # "up to 25"
    assert lowest_credible_toll([Report("X", "2024-07-01", "s", None)]) == 0


def _acled(**fields) -> dict:
    return acled_row(event_happening(flat_event(**fields), None))


ABYEI = dict(location_name="Abyei", location_country="SDN", location_admin1="Abyei",
             location_lat=9.6, location_lon=28.43, location_precision="place")  # fmt: skip
PAKISTAN = dict(location_name="Pakistan", location_country="PAK", location_lat=30.38,
                location_lon=69.35, location_precision="article")  # fmt: skip


@pytest.mark.parametrize(
    "recipient",
    [
        dict(recipient_text="a border post"),  # words that name no party
        dict(recipient_text="people"),
        dict(recipient_text="Pakistani posts", recipient_country="PAK"),  # no sector
    ],
)
def test_a_battle_is_never_civilian_targeting_its_other_side_is_armed(recipient):
    row = _acled(acled_event_type="Battles", acled_sub_event_type="Armed clash",
                 **PAKISTAN, **recipient)  # fmt: skip
    assert row["civilian_targeting"] == ""
    assert (row["actor2"], row["inter2"]) == ("Unidentified Armed Group (Pakistan)",
                                              "Political militia")  # fmt: skip
    assert row["interaction"] == "Political militia-Political militia"


def test_civilians_targeted_by_a_bombing_or_an_attack_are_civilian_targeting():
    for event_type in ("Explosions/Remote violence", "Violence against civilians"):
        row = _acled(acled_event_type=event_type, recipient_text="civilians",
                     recipient_sector="CVL", **ABYEI)  # fmt: skip
        assert (row["actor2"], row["civilian_targeting"]) == ("Civilians (Sudan)",
                                                              "Civilian targeting")  # fmt: skip


def test_victims_of_no_country_are_named_after_the_country_where_it_happened():
    # Abyei: UN peacekeepers attacked; the UN (IGO) is no country, Sudan is the place's
    row = _acled(recipient_text="Two soldiers from the UN peacekeeping force",
                 recipient_name="United Nations", recipient_country="IGO",
                 recipient_sector="MIL", **ABYEI)  # fmt: skip
    assert (row["actor2"], row["assoc_actor_2"]) == ("Civilians (Sudan)", "United Nations")
    assert row["actor1"] == "Unidentified Armed Group (Sudan)"


@pytest.mark.parametrize(
    ("actor", "place", "actor1"),
    [
        (dict(actor_text="It"), dict(location_name="Bogota", location_country="COL"),
         "Unidentified Armed Group (Colombia)"),
        (dict(actor_text="they", actor_sector="UAF"), ABYEI, "Unidentified Armed Group (Sudan)"),
        (dict(actor_text="gunmen on the road between Garbaharey and Luuq in the Gedo region",
              actor_name="Garbaharey", actor_sector="UAF", actor_role="gunmen"),
         dict(location_name="Gedo", location_country="SOM", location_precision="admin1"),
         "Unidentified Armed Group (Somalia)"),  # a town taken for the gunmen's name
        (dict(actor_text="the attackers"), PAKISTAN, "Unidentified Armed Group (Pakistan)"),
        (dict(actor_text="both", actor_country="SDN"),
         dict(location_name="Chad", location_country="TCD", location_precision="article"),
         "Military Forces of Sudan"),  # foreign forces known only by a pronoun
        (dict(actor_text="Al-Shabaab", actor_name="al-Shabaab", actor_country="SOM",
              actor_sector="REB"), dict(location_name="Mogadishu", location_country="SOM"),
         "al-Shabaab"),  # a name stays a name
        (dict(actor_text="the paramilitary Rapid Support Forces",
              actor_name="Rapid Support Forces", actor_country="SDN", actor_sector="UAF"),
         ABYEI, "Rapid Support Forces"),
    ],
)  # fmt: skip
def test_words_that_name_no_party_are_never_an_acled_actor(actor, place, actor1):
    row = _acled(**actor, **place)
    assert row["actor1"] == actor1
    assert row["assoc_actor_1"] == ""
