"""The gazetteer, toponyms in text and where events happen (newsledger.extract.places)."""

from __future__ import annotations

import pytest

from newsledger.extract.gazetteer import Gazetteer, Place, place_key
from newsledger.extract.places import PlaceMention, event_places, find_places


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.packaged()


@pytest.fixture
def places(nlp, gazetteer):
    """The toponyms find_places reports for a text."""

    def run(text: str) -> list[PlaceMention]:
        return find_places(nlp(text), gazetteer)

    return run


@pytest.fixture
def where(nlp, gazetteer):
    """The places event_places gives for the first token written `trigger`."""

    def run(text: str, trigger: str) -> list[Place]:
        doc = nlp(text)
        token = next(t for t in doc if t.text == trigger)
        return [m.place for m in event_places(token, find_places(doc, gazetteer))]

    return run


def only(mentions: list[PlaceMention], text: str) -> Place:
    found = [m.place for m in mentions if m.text == text]
    assert len(found) == 1, f"{text!r} in {[m.text for m in mentions]}"
    return found[0]


# --- the gazetteer ----------------------------------------------------------------------


def test_packaged_gazetteer_loads_once(gazetteer):
    assert Gazetteer.packaged() is gazetteer


@pytest.mark.parametrize(
    "written", ["Al-Qaim", "Al Qaim", "al-Qa'im", "al-Qa\u2019im", "AL-QAIM", "Al Q\u0101\u2019im"]
)
def test_transliterations_of_one_name_match_one_place(gazetteer, written):
    place = gazetteer.candidates(written)[0]
    assert (place.name, place.country, place.kind, place.admin1) == (
        "Al-Qaim",
        "IRQ",
        "city",
        "Anbar",
    )
    assert (place.lat, place.lon) == pytest.approx((34.37, 41.09), abs=0.5)


@pytest.mark.parametrize(
    "written, name, country, kind, lat, lon",
    [
        ("Rukban", "Rukban", "SYR", "site", 33.32, 38.70),
        ("Tower 22", "Tower 22", "JOR", "site", 33.32, 38.73),
        ("Ain al-Asad", "Ain al-Asad", "IRQ", "site", 33.80, 42.44),
        ("Akkashat", "Akashat", "IRQ", "site", 33.76, 40.71),
        ("Jurf al-Sakhar", "Jurf al-Sakhar", "IRQ", "site", 32.87, 44.17),
        ("al-Mashtal", "Mashtal", "IRQ", "site", 33.34, 44.45),
        ("Irbil", "Erbil", "IRQ", "city", 36.19, 44.01),
        ("Arbil", "Erbil", "IRQ", "city", 36.19, 44.01),
        ("Khan Yunis", "Khan Younis", "PSE", "city", 31.35, 34.31),
        ("Kharkov", "Kharkiv", "UKR", "city", 49.99, 36.23),
        ("Al-Fashir", "El Fasher", "SDN", "city", 13.63, 25.35),
        ("Crimea", "Crimea", "UKR", "admin1", 45.3, 34.4),
        ("the Gaza Strip", "Gaza Strip", "PSE", "admin1", 31.42, 34.36),
        ("Amman", "Amman", "JOR", "city", 31.95, 35.95),
        ("Kosovo", "Kosovo", "KOS", "country", 42.6, 20.9),
        ("Britain", "United Kingdom", "GBR", "country", 55.4, -3.4),
    ],
)
def test_candidates_lead_with_the_usual_reading(gazetteer, written, name, country, kind, lat, lon):
    written = written.removeprefix("the ")
    place = gazetteer.candidates(written)[0]
    assert (place.name, place.country, place.kind) == (name, country, kind)
    assert (place.lat, place.lon) == pytest.approx((lat, lon), abs=0.5)


def test_every_un_member_and_observer_is_a_country_with_a_centroid(gazetteer):
    from newsledger.data import read_tsv, resource_path

    rows = [r for _, r in read_tsv(resource_path("places/countries.tsv"), ("code", "name"))]
    assert len(rows) >= 198
    for row in rows:
        countries = [p for p in gazetteer.candidates(row["name"]) if p.kind == "country"]
        assert [p.country for p in countries] == [row["code"]], row["name"]
        assert countries[0].lat is not None and countries[0].lon is not None


def test_a_name_shared_by_two_countries_divisions_keeps_both(gazetteer):
    punjab = {(p.country, p.kind) for p in gazetteer.candidates("Punjab")}
    assert {("PAK", "admin1"), ("IND", "admin1")} <= punjab


@pytest.mark.parametrize("demonym", ["Iraqi", "Jordanian", "Americans", "Syrian"])
def test_demonyms_are_not_places(gazetteer, demonym):
    assert gazetteer.candidates(demonym) == []


@pytest.mark.parametrize("name", ["Iraq", "Sudan", "Hamas", "Police", "Central", "Hussein"])
def test_geonames_noise_and_common_words_are_left_out(gazetteer, name):
    # GeoNames lists "Iraq" for Arak (Iran), "Sudan" for Sedan (France), "Hamas" for
    # Hamm (Germany); Police is a Polish town.
    assert all(p.kind == "country" for p in gazetteer.candidates(name))


@pytest.mark.parametrize("name", ["Red Sea", "Bab al-Mandab", "Bab el-Mandeb"])
def test_the_waters_of_the_houthi_attacks_are_placed_at_yemen(gazetteer, name):
    # ACLED codes the attacks on shipping there to Yemen; GeoNames' Red Sea is a
    # Sudanese state, which news of the sea never means.
    first = gazetteer.candidates(name)[0]
    assert (first.country, first.kind) == ("YEM", "site")


def test_a_country_alias_that_is_a_place_inside_it_is_that_place(gazetteer):
    # The actor dictionary codes "Gaza" and "Scotland" as their countries' actors.
    assert [p.kind for p in gazetteer.candidates("Gaza")][0] == "admin1"
    assert "country" not in {p.kind for p in gazetteer.candidates("Scotland")}


def test_place_key_folds_case_diacritics_apostrophes_and_hyphens():
    assert place_key("  Khān\nYūnis ") == "khan yunis"
    assert place_key("Washington, D.C.") == "washington dc"
    assert place_key("\u2018Ayn al \u2018Arab") == "ayn al arab"


# --- toponyms in text ------------------------------------------------------------------


def test_places_come_in_text_order_with_offsets_into_the_text(nlp, gazetteer):
    text = "Airstrikes hit targets in Iraq and Syria overnight."
    doc = nlp(text)
    mentions = find_places(doc, gazetteer)
    assert [(m.text, m.place.country, m.place.kind) for m in mentions] == [
        ("Iraq", "IRQ", "country"),
        ("Syria", "SYR", "country"),
    ]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert doc[mention.token].text == mention.text


def test_jordan_is_the_country(places):
    jordan = only(places("Three soldiers were killed in a drone attack in Jordan."), "Jordan")
    assert (jordan.country, jordan.kind) == ("JOR", "country")
    assert (jordan.lat, jordan.lon) == pytest.approx((30.6, 36.2), abs=0.5)


@pytest.mark.parametrize(
    "text",
    [
        "Pilgrims bathed in the Jordan River on Sunday.",
        "Farmers in the Jordan Valley lost their crops.",
        "They were baptised in the river Jordan.",
    ],
)
def test_the_jordan_river_and_valley_are_not_the_country(places, text):
    assert [m.place.country for m in places(text)] == []


def test_georgia_is_the_country_by_default(places):
    georgia = only(places("Protests continued in Georgia on Sunday."), "Georgia")
    assert (georgia.country, georgia.kind) == ("GEO", "country")


@pytest.mark.parametrize(
    "text",
    [
        "Storms hit Atlanta and Savannah on Monday. Damage in Georgia was heavy.",
        "Voters in the U.S. state of Georgia went to the polls.",
    ],
)
def test_georgia_is_the_us_state_among_us_places(places, text):
    georgia = only(places(text), "Georgia")
    assert (georgia.country, georgia.kind, georgia.name) == ("USA", "admin1", "Georgia")


@pytest.mark.parametrize(
    "text",
    [
        "Washington rejected the proposal on Monday.",
        "Washington's decision angered Iraqi officials.",
        "The plan was rejected by Washington.",
        "Washington and Baghdad agreed to resume talks.",
    ],
)
def test_a_capital_that_acts_is_the_government_not_a_place(places, text):
    assert [m.text for m in places(text) if m.text in ("Washington", "Baghdad")] == []


def test_in_washington_is_the_us_capital(places):
    washington = only(places("The envoy arrived in Washington on Monday."), "Washington")
    assert (washington.country, washington.kind) == ("USA", "city")
    assert (washington.lat, washington.lon) == pytest.approx((38.9, -77.04), abs=0.5)


def test_a_country_that_speaks_is_its_government(places):
    assert places("Jordan condemned the attack on Sunday.") == []


@pytest.mark.parametrize(
    "text, absent",
    [
        ("Iraqi Foreign Minister Fuad Hussein arrived in Amman. Hussein said talks went well.",
         "Hussein"),
        ("Victoria Nuland visited Kyiv on Tuesday.", "Victoria"),
        ("The Washington Post reported the strike in Erbil.", "Washington"),
        ("Iraqi forces attacked a convoy near Al-Qaim.", "Iraqi"),
    ],
)  # fmt: skip
def test_people_organisations_and_demonyms_are_not_places(places, text, absent):
    mentions = places(text)
    assert absent not in {m.text for m in mentions}
    assert mentions, "the sentence's real place is still found"


@pytest.mark.parametrize(
    "text, country",
    [
        ("Pakistani police arrested 30 protesters in Hyderabad.", "PAK"),  # the sentence
        ("Pakistan's interior minister spoke on Monday. "
         "Police arrested 30 protesters in Hyderabad.", "PAK"),  # the document
        ("Police arrested 30 protesters in Hyderabad.", "IND"),  # the larger city
        ("Lebanese troops deployed in Tripoli on Monday.", "LBN"),
        ("Fighting broke out in Tripoli on Monday.", "LBY"),  # the capital
    ],
)  # fmt: skip
def test_same_named_cities_are_told_apart_by_country_then_size(places, text, country):
    assert only(places(text), next(n for n in ("Hyderabad", "Tripoli") if n in text)).country == (
        country
    )


def test_province_and_city_of_one_name_are_told_apart_by_the_word_beside_them(places):
    mentions = places("Police fired tear gas in Kirkuk province and in the city of Kirkuk.")
    assert [(m.text, m.place.kind) for m in mentions] == [("Kirkuk", "admin1"), ("Kirkuk", "city")]


def test_names_the_small_model_misses_are_found(places):
    # The small model tags "Rafah" and "Khan Younis" PERSON here, and "Rukban" ORG.
    mentions = places(
        "Israeli jets struck Rafah and Khan Younis, and militants hit the Rukban camp."
    )
    assert [(m.text, m.place.country) for m in mentions] == [
        ("Rafah", "PSE"),
        ("Khan Younis", "PSE"),
        ("Rukban", "SYR"),
    ]


def test_a_dateline_city_is_a_place(places):
    baghdad = only(places("BAGHDAD (Reuters) - A rocket struck the Green Zone."), "BAGHDAD")
    assert (baghdad.name, baghdad.kind) == ("Baghdad", "city")


# --- where events happen ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, trigger, expected",
    [
        ("Iraqi forces attacked a convoy near Al-Qaim on Sunday.", "attacked", ["Al-Qaim"]),
        ("Three soldiers were killed in a drone attack in Jordan.", "killed", ["Jordan"]),
        ("Three soldiers were killed in a drone attack in Jordan.", "attack", ["Jordan"]),
        ("Egyptian and Saudi officials held talks in Cairo on the war in Sudan.", "talks",
         ["Cairo"]),
        ("Airstrikes hit targets in Iraq and Syria overnight.", "hit", ["Iraq", "Syria"]),
        ("Gunmen killed two police officers on the outskirts of Mosul.", "killed", ["Mosul"]),
        ("Shells fell 40 km north of Kherson on Friday.", "fell", ["Kherson"]),
        ("Protesters marched along the border with Syria.", "marched", ["Syria"]),
        ("Militants attacked the Rukban camp on Monday.", "attacked", ["Rukban"]),
        ("Russian forces shelled Kharkiv overnight.", "shelled", ["Kharkiv"]),
        ("Officials in Washington condemned the attack in Jordan.", "attack", ["Jordan"]),
        ("At least 16 Iraqis were killed in U.S. airstrikes in Anbar.", "killed", ["Anbar"]),
        ("The minister said the talks would resume next month.", "said", []),
    ],
)  # fmt: skip
def test_event_places_are_the_locative_phrases_of_the_event(where, text, trigger, expected):
    assert [p.name for p in where(text, trigger)] == expected


def test_event_places_give_the_chosen_reading(where):
    (place,) = where("Iraqi forces attacked a convoy near Al-Qaim.", "attacked")
    assert (place.country, place.kind, place.admin1) == ("IRQ", "city", "Anbar")
    (place,) = where("Three soldiers were killed in a drone attack in Jordan.", "killed")
    assert (place.country, place.kind) == ("JOR", "country")


def test_event_places_without_mentions_are_empty(nlp):
    doc = nlp("Fighting continued on Sunday.")
    assert event_places(doc[0], []) == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Houthi rebels fired missiles at a tanker in the Gulf of Aden on Tuesday.",
         "Gulf of Aden"),
        ("A drone hit a ship in the Bab al-Mandab on Monday.", "Bab al-Mandab"),
        ("Missiles struck a freighter in the Red Sea on Sunday.", "Red Sea"),
        ("Gunmen attacked a ferry in the Gulf of Aden, the navy said.", "Gulf of Aden"),
    ],
)  # fmt: skip
def test_a_name_that_starts_with_a_feature_word_is_a_place(sentence, name):
    from newsledger.nlp import load_pipeline

    doc = load_pipeline()(sentence)
    assert name in [m.place.name for m in find_places(doc)]


def test_a_feature_word_alone_names_no_place():
    from newsledger.nlp import load_pipeline

    doc = load_pipeline()("Fishermen said the Bay was calm and the Gulf was busy.")
    assert [m.place.name for m in find_places(doc)] == []
