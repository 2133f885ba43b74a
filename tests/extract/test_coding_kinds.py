"""Event types, modes and participants a coder would sign (issue 11): the object decides
the type, ultimatums, attempts and failures, demands, transfers, whom an act is aimed at,
the speaker's own forces, weapons and ships, and ACLED's sub-event types by means and
target. Sentences written for these tests; published 2024-05-02 (a Thursday)."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract import extract
from newsledger.ingest.layout import Hints, build_article

PUBLISHED = date(2024, 5, 2)
FLAGS = ("negated", "hypothetical", "generic", "historical")


def _events(text: str):
    hints = Hints(published=PUBLISHED, published_from="option", has_headline=False)
    return extract(build_article(text, "test.txt", hints)).events


def _unflagged(text: str):
    return [e for e in _events(text) if not any(getattr(e, flag) for flag in FLAGS)]


def _country(actor) -> str | None:
    return actor.country if actor is not None else None


# -- the object decides the type: relief handed over is aid --------------------------


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        (
            "Swedish volunteers handed over 20 tonnes of flour to the Red Crescent in Idlib "
            "on Tuesday.",
            "SWE",
            None,
        ),
        ("Turkey handed over 300 tents to the Syrian Red Crescent.", "TUR", None),
        ("Qatar handed 50 tonnes of medicine to the health ministry of Sudan.", "QAT", "SDN"),
        ("Egyptian officials handed over fuel and blankets to UNRWA in Rafah.", "EGY", None),
        ("Japan will give Kenya a grant of $40 million for schools.", "JPN", "KEN"),
    ],
)
def test_relief_handed_over_is_aid(sentence, actor, recipient):
    event = next(e for e in _events(sentence) if e.type in ("AID", "AGREE"))
    assert _country(event.actor) == actor
    assert event.recipient is not None and event.recipient.text != "flour"
    if recipient is not None:
        assert _country(event.recipient) == recipient


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebels handed over the town to the army on Sunday.",
        "Militants handed over six hostages to mediators in Doha.",
    ],
)
def test_handing_over_a_town_or_people_is_still_no_aid(sentence):
    assert "AID" not in {e.type for e in _events(sentence)}


def test_what_is_sent_to_someone_is_no_recipient():
    event = next(
        e
        for e in _events(
            "Italy is ready to send up to 300 engineers to a reconstruction mission in Libya."
        )
    )
    assert _country(event.recipient) == "LBY"


# -- an ultimatum is a threat --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        (
            "Senegal said it will pull its police trainers out of Guinea unless the ban on "
            "opposition rallies is lifted by June.",
            "SEN",
            "GIN",
        ),
        (
            "Russia will cut gas supplies to Moldova if it does not pay its debts by Friday.",
            "RUS",
            "MDA",
        ),
        (
            "Kenya said it would withdraw its troops from Somalia unless it receives funding.",
            "KEN",
            "SOM",
        ),
        ("Chad will close its border with Sudan unless the attacks on refugees stop.", "TCD", None),
    ],
)
def test_a_promise_on_a_condition_is_an_ultimatum(sentence, actor, recipient):
    unflagged = _unflagged(sentence)
    assert [e.type for e in unflagged] == ["THREATEN"]
    assert _country(unflagged[0].actor) == actor
    if recipient is not None:
        assert _country(unflagged[0].recipient) == recipient


def test_a_promise_on_a_condition_met_by_events_is_no_ultimatum():
    types = {e.type for e in _unflagged("The EU will send aid to Sudan if the fighting stops.")}
    assert "THREATEN" not in types


# -- information shared, a resignation ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        (
            "Peruvian prosecutors shared bank records with Ecuador about the laundering network.",
            "PER",
            "ECU",
        ),
        ("Kenyan police shared evidence with Ugandan investigators.", "KEN", "UGA"),
        ("France shared its findings with Belgian prosecutors on Monday.", "FRA", "BEL"),
        ("Ghana shared fingerprint files with Interpol.", "GHA", None),
    ],
)
def test_information_shared_is_cooperation(sentence, actor, recipient):
    event = next(e for e in _events(sentence) if e.type == "COOPERATE")
    assert _country(event.actor) == actor
    if recipient is not None:
        assert _country(event.recipient) == recipient


@pytest.mark.parametrize(
    "sentence",
    [
        "The interior minister of Malawi resigned on Thursday.",
        "Peru's defence minister stepped down on Monday.",
        "The Ethiopian finance minister quit on Friday, officials said.",
        "The prime minister of Nepal announced his resignation on Sunday.",
    ],
)
def test_a_resignation_is_a_retreat(sentence):
    events = _events(sentence)
    assert {"RETREAT"} <= {e.type for e in events}
    assert all(e.mode == "resign" for e in events if e.type == "RETREAT")


# -- a demand's content, attempts and failures ---------------------------------------


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        (
            "Germany's chancellor repeated that Belarus must release the detained journalists.",
            "DEU",
            "BLR",
        ),
        (
            "Brazil's foreign minister insisted that Venezuela must free the opposition leaders.",
            "BRA",
            "VEN",
        ),
        ("The Norwegian government stressed that Israel should allow aid into Gaza.", "NOR", "ISR"),
        ("Canada's prime minister argued that China must release the two detainees.", "CAN", "CHN"),
    ],
)
def test_a_demand_outranks_its_content(sentence, actor, recipient):
    unflagged = _unflagged(sentence)
    assert [e.type for e in unflagged] == ["REQUEST"]
    assert (_country(unflagged[0].actor), _country(unflagged[0].recipient)) == (actor, recipient)


@pytest.mark.parametrize(
    ("sentence", "recipient"),
    [
        (
            "Hackers linked to North Korea tried to break into the servers of a Japanese "
            "bank, investigators said.",
            "JPN",
        ),
        ("Hackers broke into the email accounts of Polish officials last week.", "POL"),
        ("Iranian hackers hacked the website of an Israeli water utility.", "ISR"),
        ("Investigators said hackers broke into the networks of Albanian ministries.", "ALB"),
    ],
)
def test_breaking_into_computers_is_a_cyber_attack(sentence, recipient):
    event = next(e for e in _events(sentence) if e.type == "COERCE")
    assert event.mode == "cyber"
    assert _country(event.recipient) == recipient


@pytest.mark.parametrize(
    "sentence",
    [
        "Serbia and Kosovo failed to reach a deal on licence plates on Monday.",
        "Sudan's warring sides failed to agree on a ceasefire in Jeddah.",
        "The two Koreas failed to reach an agreement on family reunions.",
        "Armenia and Azerbaijan failed to sign a peace deal in Washington.",
    ],
)
def test_a_failed_agreement_is_no_agreement(sentence):
    assert "AGREE" not in {e.type for e in _unflagged(sentence)}


# -- whom an act is aimed at ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        (
            "The minister of Senegal summoned Mali's ambassador on Monday to protest against "
            "the border raids.",
            "SEN",
            "MLI",
        ),
        ("Poland summoned the Russian ambassador over the drone incursion.", "POL", "RUS"),
        ("Morocco summoned Algeria's envoy on Friday.", "MAR", "DZA"),
        ("The Dutch foreign ministry summoned the Chinese charge d'affaires.", "NLD", "CHN"),
    ],
)
def test_a_summoned_envoy_is_the_recipient(sentence, actor, recipient):
    event = _events(sentence)[0]
    assert event.type == "ACCUSE"
    assert (_country(event.actor), _country(event.recipient)) == (actor, recipient)


@pytest.mark.parametrize(
    ("sentence", "actor", "place"),
    [
        (
            "Turkey's defence ministry said its forces had struck a PKK depot in the Duhok region.",
            "TUR",
            "IRQ",
        ),
        (
            "The Israeli military said its jets struck Hezbollah targets in southern Lebanon.",
            "ISR",
            "LBN",
        ),
        ("Rwanda's army said its soldiers had shelled rebel positions near Goma.", "RWA", "COD"),
        ("The Houthis said their fighters attacked a ship near Hodeidah.", "YEM", "YEM"),
    ],
)
def test_the_speakers_own_forces_are_the_speakers(sentence, actor, place):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert _country(event.actor) == actor
    assert event.location is not None and event.location.country == place


@pytest.mark.parametrize(
    "sentence",
    [
        "Houthi rebels fired two anti-ship missiles at a tanker in the Red Sea on Friday.",
        "Militants fired rockets at a Nigerian army base near Monguno.",
        "Pirates fired shots at a cargo ship in the Gulf of Guinea.",
        "Troops fired mortar rounds at rebel positions near Kidal.",
    ],
)
def test_a_weapon_fired_is_never_the_recipient(sentence):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.recipient is not None
    assert not {"missiles", "rockets", "shots", "rounds"} & set(event.recipient.text.split())


def test_a_ship_hit_at_sea_takes_no_country_from_the_sea():
    event = _events(
        "Houthi rebels fired two anti-ship missiles at a tanker in the Red Sea on Friday."
    )[0]
    assert event.recipient.country is None
    assert (event.location.name, event.location.country) == ("Red Sea", "YEM")


# -- ACLED sub-event types by means and target ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "event_type", "sub_event_type"),
    [
        (
            "A car bomb exploded in a crowded market in Mogadishu.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        ("An airstrike hit a house in Idlib.", "Explosions/Remote violence", "Air/drone strike"),
        (
            "A missile strike hit the city of Odesa.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (
            "Houthi rebels fired two missiles at a tanker.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        ("Gunmen massacred 30 villagers in Zamfara.", "Violence against civilians", "Attack"),
        ("Gunmen killed 12 civilians in Benue on Sunday.", "Violence against civilians", "Attack"),
        ("The two armies exchanged fire along the border.", "Battles", "Armed clash"),
    ],
)
def test_acled_sub_event_type_follows_means_and_target(sentence, event_type, sub_event_type):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.acled == {"event_type": event_type, "sub_event_type": sub_event_type}


@pytest.mark.parametrize(
    "sentence",
    [
        "Protesters threw stones at police, who fired tear gas.",
        "Demonstrators hurled rocks at soldiers in Bamako.",
        "Youths threw stones and bottles at a police station in Belfast.",
        "Students threw bottles at riot police outside parliament in Nairobi.",
        "Demonstrators hurled petrol bombs at police in Dakar.",
        "Protesters threw Molotov cocktails at riot police in Tbilisi.",
    ],
)
def test_throwing_stones_is_a_riot_never_a_peaceful_protest(sentence):
    acled = [e.acled for e in _events(sentence) if e.type == "PROTEST"]
    assert acled and all(a["event_type"] == "Riots" for a in acled)


@pytest.mark.parametrize(
    "sentence",
    [
        "Police fired tear gas at protesters in Nairobi.",
        "Thousands of protesters marched in Dakar.",
        "Hundreds of demonstrators blocked the main road in Lima.",
        "Soldiers beat demonstrators in the centre of Conakry.",
    ],
)
def test_protesters_taking_part_in_an_act_are_not_a_second_event(sentence):
    events = _events(sentence)
    assert len(events) == 1


# -- places: nationality adjectives, name particles, the party a demand is made of ----------


@pytest.mark.parametrize(
    ("sentence", "place", "country"),
    [
        (
            "Gunmen stormed a restaurant in the Somali port city of Kismayo on Friday, "
            "leaving seven people dead.",
            "Kismayo",
            "SOM",
        ),
        ("Shelling hit a market in the Syrian city of Aleppo on Monday.", "Aleppo", "SYR"),
        ("A drone hit a Sudanese army base near the Chadian border town of Adre.", "Adre", "TCD"),
        ("Militants attacked a checkpoint in the Afghan province of Kunar.", "Kunar", "AFG"),
    ],
)
def test_a_nationality_adjective_is_no_place(sentence, place, country):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.location is not None
    assert (event.location.name, event.location.country) == (place, country)


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("A drone struck the Abu Naama camp north of Sennar on Monday.", "SDN"),
        ("Jets bombed the Umm Hosh market near El Fasher.", "SDN"),
        ("Soldiers raided the Bir Naballah checkpoint near Ramallah.", "PSE"),
        ("A shell hit the Ras Kamal clinic in Marib.", "YEM"),
    ],
)
def test_a_word_of_a_longer_name_is_no_place_of_its_own(sentence, country):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.location is not None and event.location.country == country


@pytest.mark.parametrize(
    ("sentence", "recipient"),
    [
        (
            "Thousands of Scots marched in Glasgow on Saturday demanding independence from "
            "Britain.",
            "GBR",
        ),
        ("Catalans rallied in Barcelona demanding independence from Spain.", "ESP"),
        ("Korean groups demanded an apology from Japan.", "JPN"),
        ("Families of the hostages demanded answers from Israel in Tel Aviv.", "ISR"),
    ],
)
def test_the_party_a_demand_is_made_of_is_the_recipient(sentence, recipient):
    event = next(e for e in _events(sentence) if e.type in ("PROTEST", "REQUEST"))
    assert event.recipient is not None
    assert (event.recipient.country, event.recipient.sector) == (recipient, "GOV")


def test_a_dateline_with_hyphens_and_a_haitian_town():
    events = _events(
        "PORT-AU-PRINCE, Oct 4 (Wire) - Gunmen killed 12 people in Pont-Sonde on Thursday."
    )
    event = next(e for e in events if e.type == "ASSAULT")
    assert (event.location.name, event.location.country) == ("Pont-Sondé", "HTI")
    assert event.fatalities.min == 12


# -- one act, tolls told country by country ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "tolls"),
    [
        (
            "US strikes on 85 targets in Syria and Iraq killed 16 people in Iraq and 23 in "
            "Syria, officials said.",
            {"IRQ": 16, "SYR": 23},
        ),
        ("Russian missiles killed 7 people in Ukraine and 2 in Moldova.", {"UKR": 7, "MDA": 2}),
        (
            "Drone strikes killed 11 fighters in Yemen and 4 in Somalia last week.",
            {"YEM": 11, "SOM": 4},
        ),
        ("The attacks killed 5 people in Chad and 9 in Sudan.", {"TCD": 5, "SDN": 9}),
        (
            "Israeli strikes killed 20 people in Gaza and three in Lebanon on Sunday.",
            {"PSE": 20, "LBN": 3},
        ),
        (
            "Gunmen killed 12 people in Mali and 4 in Niger in attacks near the border.",
            {"MLI": 12, "NER": 4},
        ),
    ],
)
def test_tolls_told_country_by_country_are_one_event_per_country(sentence, tolls):
    assaults = [e for e in _events(sentence) if e.type == "ASSAULT"]
    found = {e.location.country: e.fatalities.min for e in assaults}
    assert found == tolls
    assert len({e.id for e in assaults}) == len(assaults)
    for event in assaults:
        assert event.recipient is None or event.recipient.country == event.location.country
        assert event.recipient is None or event.fatalities.text in event.recipient.text


def test_one_toll_at_one_place_stays_one_event():
    assaults = [
        e for e in _events("Shelling killed four people in Kharkiv.") if e.type == "ASSAULT"
    ]
    assert len(assaults) == 1 and assaults[0].fatalities.min == 4


# -- near synonyms of the fixed kinds (found by trying new sentences) ---------------------


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor", "recipient"),
    [
        (
            "Chinese volunteers delivered rice and blankets to flood victims in Sylhet.",
            "AID",
            "CHN",
            "BGD",
        ),
        ("Japan turned over 200 generators to Ukraine's energy ministry.", "AID", "JPN", "UKR"),
        (
            "Qatar distributed food parcels to displaced families in Khan Younis.",
            "AID",
            "QAT",
            "PSE",
        ),
        (
            "Colombian police passed intelligence on the cartel's leaders to their Mexican "
            "counterparts.",
            "COOPERATE",
            "COL",
            "MEX",
        ),
        ("Jordan shared satellite imagery with Iraq.", "COOPERATE", "JOR", "IRQ"),
        ("Poland called in Russia's envoy on Monday.", "ACCUSE", "POL", "RUS"),
        (
            "Ghana's foreign minister called in the Nigerian high commissioner on Monday.",
            "ACCUSE",
            "GHA",
            "NGA",
        ),
        (
            "Russian agents tried to infiltrate the email accounts of German lawmakers.",
            "COERCE",
            "RUS",
            "DEU",
        ),
        ("Syrian helicopters dropped barrel bombs on Daraya.", "ASSAULT", "SYR", "SYR"),
        ("Russian jets dropped bombs on a hospital in Idlib.", "ASSAULT", "RUS", "SYR"),
        ("Iran launched more than 300 drones and missiles at Israel.", "ASSAULT", "IRN", "ISR"),
    ],
)
def test_near_synonyms_code_like_their_kind(sentence, event_type, actor, recipient):
    event = next(e for e in _events(sentence) if e.type == event_type)
    assert (_country(event.actor), _country(event.recipient)) == (actor, recipient)


@pytest.mark.parametrize(
    ("sentence", "mode"),
    [
        ("Hezbollah fired dozens of rockets at northern Israel.", "artillery"),
        ("Separatist shelling killed 15 civilians in Donetsk.", "artillery"),
        ("A suicide bomber killed nine soldiers in Kabul.", "suicide"),
        ("Israeli air strikes killed 12 people in Rafah.", "aerial"),
        ("The army launched rockets at rebel positions near Kidal.", "artillery"),
        ("Ethiopian forces and Eritrean troops traded fire near Badme.", "firearms"),
    ],
)
def test_the_weapon_named_sets_the_mode(sentence, mode):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.mode == mode
    assert event.recipient is None or "rockets" not in event.recipient.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said 14 people died in the air strikes on Sunday.",
        "At least 22 people died in the shelling of Kharkiv on Sunday.",
        "Eleven people died in the air raids on Saada, officials said.",
        "Six children were killed in the bombing of a school in Gaza.",
    ],
)
def test_the_dead_are_never_the_doers_of_what_killed_them(sentence):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.actor is None
    assert event.fatalities is not None


@pytest.mark.parametrize(
    ("sentence", "negated", "actor"),
    [
        ("Israel and Hamas were unable to agree on a ceasefire.", True, "ISR"),
        ("Armenia and Azerbaijan were unable to sign a peace deal.", True, "ARM"),
        ("Sri Lanka's president was forced to resign in July.", False, "LKA"),
        ("Prime Minister Choguel Maiga was forced to step down on Monday.", False, "MLI"),
    ],
)
def test_unable_to_and_forced_to(sentence, negated, actor):
    event = _events(sentence)[0]
    assert event.negated == negated and not event.hypothetical
    assert _country(event.actor) == actor


def test_a_township_the_gazetteer_does_not_know_is_no_foreign_town():
    text = (
        "YANGON, March 5 (Wire) -- An airstrike hit a monastery in Ywar Thit village, in "
        "Kani township, Myanmar, on Wednesday, residents said."
    )
    event = next(e for e in _events(text) if e.type == "ASSAULT")
    assert event.location is None or event.location.country == "MMR"


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Rebels attacked a village in eastern Congo.", "COD"),
        ("M23 fighters shelled a town in Congo's North Kivu province.", "COD"),
        ("Congo-Brazzaville's army clashed with rebels in the Pool region.", "COG"),
        ("Gunmen killed five people in the Republic of Congo.", "COG"),
    ],
)
def test_a_bare_congo_is_the_democratic_republic(sentence, country):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    countries = {a.country for a in (event.actor, event.recipient) if a is not None}
    assert country in countries | {event.location.country if event.location else None}


@pytest.mark.parametrize(
    "sentence",
    [
        "Protests on March 5-8 paralysed Dakar.",
        "Clashes in May 2023 left 12 dead in Khartoum.",
        "Gunmen attacked a village on Monday, March 4, near Gao.",
    ],
)
def test_a_month_is_never_a_place(sentence):
    for event in _events(sentence):
        assert event.location is None or event.location.name not in ("March", "May", "Monday")


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        ("Benjamin Netanyahu vowed to send troops into Rafah.", "ISR", "PSE"),
        ("Iran pledged to strike back at Israel.", "IRN", "ISR"),
        ("The rebels promised to attack Goma within days.", None, "COD"),
        ("Russia vowed to impose sanctions on Moldova.", "RUS", "MDA"),
    ],
)
def test_a_promise_of_harm_is_a_threat(sentence, actor, recipient):
    unflagged = _unflagged(sentence)
    assert [e.type for e in unflagged] == ["THREATEN"]
    assert (_country(unflagged[0].actor), _country(unflagged[0].recipient)) == (
        actor,
        recipient,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "NATO-member Norway is willing to send equipment to help defend Estonia if it is attacked.",
        "The government agreed to lift the ban on the opposition party.",
        "Opposition leaders agreed to postpone the demonstration in Baku.",
    ],
)
def test_a_promise_to_undo_or_to_help_stays_a_promise(sentence):
    assert "THREATEN" not in {e.type for e in _unflagged(sentence)}


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        (
            "Poland's prime minister said Belarus has to stop pushing migrants across the border.",
            "POL",
            "BLR",
        ),
        ("The UN envoy said Israel has to open more crossings into Gaza.", "IGO", "ISR"),
        ("Nigeria's president said the bandits have to free the schoolchildren.", "NGA", None),
        ("The EU said Serbia has to recognise Kosovo's licence plates.", "IGO", "SRB"),
    ],
)
def test_has_to_is_an_obligation_like_must(sentence, actor, recipient):
    request = next(e for e in _unflagged(sentence) if e.type == "REQUEST")
    assert _country(request.actor) == actor
    if recipient is not None:
        assert _country(request.recipient) == recipient


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Pakistan's foreign office summoned the Afghan envoy.", "PAK"),
        ("India's foreign office protested to Nepal.", "IND"),
        ("Kenya's foreign office summoned the Ugandan envoy on Monday.", "KEN"),
        ("The Foreign Office summoned the Russian ambassador.", "GBR"),
    ],
)
def test_a_body_named_in_lower_case_is_the_owners(sentence, actor):
    event = _events(sentence)[0]
    assert (event.actor.country, event.actor.sector) == (actor, "GOV")


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        ("The bombardment of Kharkiv killed six people.", "Shelling/artillery/missile attack"),
        ("An aerial bombardment hit Khan Younis.", "Air/drone strike"),
        (
            "Shelling hit the Lebanese border village of Kfar Kila.",
            "Shelling/artillery/missile attack",
        ),
        ("An explosion hit a police station in Quetta.", "Remote explosive/landmine/IED"),
        ("A suicide bomber killed nine soldiers in Kabul.", "Suicide bomb"),
        ("A rocket attack hit a base in Syria.", "Shelling/artillery/missile attack"),
    ],
)
def test_the_means_named_by_a_noun_sets_the_acled_sub_event(sentence, sub_event_type):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.acled["sub_event_type"] == sub_event_type


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        ("Talks between Serbia and Kosovo failed on Monday.", "SRB", "KOS"),
        ("Fighting between the army and the RSF killed 40 people in Khartoum.", "SDN", "SDN"),
        ("Clashes between police and protesters left three dead in Nairobi.", "KEN", "KEN"),
        ("Talks between Ethiopia and Egypt on the dam resumed in Cairo.", "ETH", "EGY"),
    ],
)
def test_the_two_sides_of_an_act_between_them(sentence, actor, recipient):
    event = _events(sentence)[0]
    assert (_country(event.actor), _country(event.recipient)) == (actor, recipient)


def test_a_date_between_is_no_side():
    event = _events("Fighting between 10-14 April killed 40 people in Khartoum.")[0]
    assert event.actor is None


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("The shelling of Avdiivka killed three civilians.", "Avdiivka"),
        ("The bombing of a market in Kabul killed 12.", "Kabul"),
        ("The shelling of Kherson on Monday wounded four people.", "Kherson"),
        ("The bombardment of Khan Younis continued overnight.", "Khan Younis"),
    ],
)
def test_what_an_act_noun_is_of_places_it(sentence, place):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.location is not None and event.location.name == place


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        ("Clashes between Azerbaijani and Armenian troops erupted on the border.", "AZE", "ARM"),
        ("Clashes between Indian and Chinese soldiers left 20 dead in Ladakh.", "IND", "CHN"),
        ("Fighting between Thai and Cambodian troops flared near the temple.", "THA", "KHM"),
    ],
)
def test_the_two_sides_named_by_adjectives(sentence, actor, recipient):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert (_country(event.actor), _country(event.recipient)) == (actor, recipient)


@pytest.mark.parametrize(
    "sentence",
    [
        "The president held a campaign rally in Lusaka.",
        "The ruling party staged an election rally in Kampala on Sunday.",
        "Thousands attended a pre-election rally of the opposition in Lagos.",
    ],
)
def test_a_campaign_rally_is_no_protest(sentence):
    assert "PROTEST" not in {e.type for e in _events(sentence)}


# -- a group's affiliation says who it is; hackers strike computers ---------------------


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        (
            "Hackers linked to North Korea tried to break into the servers of a Japanese "
            "bank, investigators said.",
            "PRK",
        ),
        ("Hackers tied to Iran attacked the water systems of an Israeli town.", "IRN"),
        ("Fighters allied with Russia shelled the town of Avdiivka.", "RUS"),
        ("Gunmen affiliated with al-Shabaab tried to storm a hotel in Mogadishu.", "SOM"),
        ("Militants aligned with the Pakistani Taliban attacked a police post in Peshawar.", "PAK"),
    ],
)
def test_a_group_is_of_the_country_it_is_linked_to(sentence, actor):
    events = _unflagged(sentence)
    assert "COOPERATE" not in {e.type for e in events}  # "allied with" describes them
    event = next(e for e in events if e.type in ("ASSAULT", "COERCE"))
    assert _country(event.actor) == actor


def test_allying_is_still_an_act_of_its_own():
    events = _unflagged("Kenya allied with Ethiopia against al-Shabaab in 2023.")
    assert "COOPERATE" in {e.type for e in events}


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        ("Hackers tied to Iran attacked the water systems of an Israeli town.", "IRN", "ISR"),
        ("Russian hackers hit the network of a Polish hospital on Monday.", "RUS", "POL"),
        ("Pro-Russian hacktivists targeted the websites of Lithuanian banks.", None, "LTU"),
        ("A cyberattack hit the servers of Albania's government on Friday.", None, "ALB"),
        ("An Iranian cyberattack disrupted Albanian government websites in July.", "IRN", "ALB"),
        ("Hackers knocked the websites of Danish ministries offline on Sunday.", None, "DNK"),
    ],
)
def test_what_hackers_hit_is_a_cyber_attack(sentence, actor, recipient):
    events = _unflagged(sentence)
    assert "ASSAULT" not in {e.type for e in events}
    event = next(e for e in events if e.type == "COERCE")
    assert event.mode == "cyber"
    assert _country(event.recipient) == recipient
    if actor is not None:
        assert _country(event.actor) == actor
    else:  # hackers strike from anywhere: the victim's country is not theirs
        assert _country(event.actor) != recipient


# -- a criticised act's doer is the one criticised ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        ("Germany condemned the Israeli strikes in Rafah.", "DEU", "ISR"),
        ("Macron criticised the Russian strikes on Kharkiv.", "FRA", "RUS"),
        ("Egypt denounced Ethiopia's attack on Somali troops.", "EGY", "ETH"),
        ("The senator criticised the Israeli strikes.", None, "ISR"),
        ("Protesters in the capital denounced the Russian invasion.", None, "RUS"),
    ],
)
def test_the_doer_of_a_criticised_act_is_the_recipient(sentence, actor, recipient):
    event = next(e for e in _events(sentence) if e.type == "ACCUSE")
    assert _country(event.recipient) == recipient
    assert _country(event.actor) == actor  # never the criticised country, nor the place


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Sen. Bob Menendez of New Jersey condemned Turkey.", "USA"),
        ("Governor Michelle Lujan Grisham of New Mexico criticised the decision.", "USA"),
        ("Gunmen from Niger State attacked a village in Kaduna.", "NGA"),
        ("Police in East Azerbaijan arrested 12 protesters on Friday.", "IRN"),
    ],
)
def test_a_region_named_after_a_country_is_its_own_countrys(sentence, actor):
    event = next(e for e in _events(sentence) if e.actor is not None)
    assert _country(event.actor) == actor


@pytest.mark.parametrize(
    "sentence",
    [
        "Boko Haram fighters attacked fishermen on Lake Chad.",
        "Gunmen shot dead two journalists in Tijuana on Sunday.",
        "Militants killed three aid workers in South Sudan.",
        "Gunmen stormed a church in Cabo Delgado and killed the priest.",
        "Armed men attacked teachers at a school in Zamfara.",
    ],
)
def test_an_assault_on_unarmed_people_is_an_attack_not_a_battle(sentence):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.acled == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}


def test_soldiers_fighting_rebels_is_still_a_battle():
    event = next(e for e in _events("Soldiers fought rebels in North Kivu.") if e.type == "ASSAULT")
    assert event.acled == {"event_type": "Battles", "sub_event_type": "Armed clash"}


# -- the break-test round: parse slips and reported demands --------------------------------


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        (
            "Hamas militants fired rockets at the Kerem Shalom crossing on Sunday, wounding "
            "several Israeli soldiers.",
            "2024-04-28",
        ),
        ("Rebels fired mortars at the Rafah crossing on Monday, killing two.", "2024-04-29"),
        ("Gunmen attacked the Abu Ghraib checkpoint on Friday.", "2024-04-26"),
        ("Drones hit the Kerch bridge crossing on Tuesday.", "2024-04-30"),
    ],
)
def test_a_day_hung_on_the_target_dates_the_act(sentence, day):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.date == day
    assert event.date_precision == "day"
    assert event.recipient is None or "Sunday" not in event.recipient.text


@pytest.mark.parametrize(
    ("sentence", "sector"),
    [
        (
            "The Arakan Army said its forces had captured a Myanmar military base in Rakhine "
            "state on Sunday, killing 30 soldiers.",
            "REB",
        ),
        (
            "The Kachin Independence Army said on Wednesday its troops had attacked an army "
            "post near Lweje.",
            "REB",
        ),
        ("The M23 rebels said their fighters shot down a Congolese army drone near Sake.", "REB"),
        ("Turkey's defence ministry said its forces had struck a PKK depot in Duhok.", "MIL"),
    ],
)
def test_an_armed_groups_own_forces_are_the_group(sentence, sector):
    event = next(e for e in _events(sentence) if e.type in ("ASSAULT", "COERCE"))
    assert event.actor is not None and event.actor.sector == sector


@pytest.mark.parametrize(
    ("sentence", "recipient"),
    [
        ("The M23 rebels said their fighters shot down a Congolese army drone near Sake.", "COD"),
        ("Houthi forces shot down a US drone over Saada on Tuesday.", "USA"),
        ("Rebels downed a Malian army helicopter near Kidal.", "MLI"),
        ("Ukrainian troops shot down a Russian Su-34 jet over Donetsk.", "RUS"),
    ],
)
def test_what_is_shot_down_is_the_target(sentence, recipient):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert _country(event.recipient) == recipient
    assert event.mode != "aerial"  # the drone is hit, not the means


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Two policemen and three attackers were killed in a gunfight in Lamu on Sunday.", 5),
        ("Gunmen killed 12 villagers and four soldiers in Zamfara.", 16),
        ("Seven civilians died in the strikes on the city of Dnipro on Friday.", 7),
        ("Five people were killed in strikes on Gaza City.", 5),
        ("A bomb killed at least 10 people, including three children, in Mogadishu.", 10),
    ],
)
def test_a_toll_in_parts_adds_up_and_strikes_kill(sentence, killed):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.fatalities is not None and event.fatalities.min == killed


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        (
            "Israel must allow aid trucks into northern Gaza without delay, UN "
            "Secretary-General Antonio Guterres said on Tuesday.",
            "2024-04-30",
        ),
        (
            "The African Union said on Monday that the junta in Niamey has to release "
            "deposed president Mohamed Bazoum.",
            "2024-04-29",
        ),
        ("Kenya said on Friday that Ethiopia must withdraw its troops.", "2024-04-26"),
        ("Russia must pull out of Ukraine, the G7 said on Sunday.", "2024-04-28"),
    ],
)
def test_a_reported_demand_is_made_the_day_it_is_said(sentence, day):
    event = next(e for e in _unflagged(sentence) if e.type == "REQUEST")
    assert event.date == day


def test_a_reported_act_keeps_its_own_day_not_the_reports():
    event = next(
        e
        for e in _events("Rebels ambushed a convoy near Gao, the army said on Monday.")
        if e.type == "ASSAULT"
    )
    assert event.date != "2024-04-29"


@pytest.mark.parametrize(
    ("sentence", "mode", "actor", "recipient"),
    [
        (
            "The World Food Programme handed over 300 tonnes of sorghum to displaced families "
            "in Sudan's North Darfur state on Tuesday.",
            "humanitarian",
            "IGO",
            "SDN",
        ),
        (
            "Brazil's navy delivered 40 tonnes of drinking water to towns in Bahia.",
            "humanitarian",
            "BRA",
            "BRA",
        ),
        (
            "Germany delivered a second IRIS-T air defence system to Ukraine last week.",
            "military",
            "DEU",
            "UKR",
        ),
        ("Iran has shipped drones and artillery shells to Russia.", "military", "IRN", "RUS"),
        (
            "Qatar transferred $30 million in fuel funding to the Gaza Strip's power authority.",
            "economic",
            "QAT",
            "PSE",
        ),
        (
            "The World Bank disbursed a $200 million loan to Kenya on Friday.",
            "economic",
            "IGO",
            "KEN",
        ),
    ],
)
def test_what_is_handed_over_sets_the_aid_mode(sentence, mode, actor, recipient):
    event = next(e for e in _unflagged(sentence) if e.type == "AID")
    assert event.mode == mode
    assert (_country(event.actor), _country(event.recipient)) == (actor, recipient)


@pytest.mark.parametrize(
    ("sentence", "accused"),
    [
        (
            "Iran has shipped drones and artillery shells to Russia, the Ukrainian foreign "
            "ministry alleged on Monday.",
            "IRN",
        ),
        ("Rwanda is backing the M23 rebels, Congo's government charged on Monday.", "RWA"),
        ("Eritrean troops massacred civilians in Tigray, Amnesty alleged.", "ERI"),
        ("China is arming Russia, the Lithuanian president charged.", "CHN"),
    ],
)
def test_an_allegation_told_after_its_content_accuses_its_subject(sentence, accused):
    event = next(e for e in _events(sentence) if e.type == "ACCUSE")
    assert _country(event.recipient) == accused


@pytest.mark.parametrize(
    "sentence",
    [
        "Thousands rallied in Tel Aviv on Saturday to demand a hostage deal with Hamas.",
        "Hundreds rallied in Yerevan to demand the prime minister's resignation.",
        "Farmers rallied outside parliament in Warsaw to demand lower fuel prices.",
        "Students rallied in Dhaka on Monday to demand justice for the victims.",
    ],
)
def test_a_rally_to_demand_something_is_a_protest(sentence):
    assert "PROTEST" in {e.type for e in _unflagged(sentence)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Stone-throwing protesters clashed with police in the Kenyan town of Kisumu on Tuesday.",
        "Protesters clashed with police in Dhaka on Sunday.",
        "Demonstrators clashed with security forces outside the parliament in Tbilisi.",
        "Rioters fought with police in the centre of Dakar.",
    ],
)
def test_protesters_clashing_with_police_is_a_riot(sentence):
    events = _unflagged(sentence)
    riot = next(e for e in events if e.type == "PROTEST")
    assert riot.mode == "riot"
    assert riot.acled == {"event_type": "Riots", "sub_event_type": "Violent demonstration"}


def test_soldiers_clashing_with_rebels_is_still_a_battle():
    event = next(e for e in _unflagged("Soldiers clashed with rebels near Goma."))
    assert event.type == "ASSAULT"


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor", "recipient"),
    [
        ("Indian and Pakistani troops exchanged fire across the Line of Control.", "ASSAULT",
         "IND", "PAK"),
        ("Sudanese and South Sudanese forces clashed in the disputed Abyei region.", "ASSAULT",
         "SDN", "SSD"),
        ("Russian and Belarusian troops held joint exercises near the Polish border.",
         "COOPERATE", "RUS", "BLR"),
        ("Kenya and Ethiopia agreed to open a new border crossing.", "AGREE", "KEN", "ETH"),
        ("Armenia and Azerbaijan signed a peace deal in Washington.", "SUPPORT", "ARM", "AZE"),
    ],
)  # fmt: skip
def test_both_sides_of_a_joint_act_told_as_its_subject(sentence, event_type, actor, recipient):
    event = next(e for e in _unflagged(sentence) if e.type == event_type)
    assert (_country(event.actor), _country(event.recipient)) == (actor, recipient)


@pytest.mark.parametrize(
    "sentence",
    [
        "Survivors of the strike in Sagaing say they had only seconds of warning.",
        "The jets struck the market in Idlib without warning.",
        "There was no warning before the blast in Kabul.",
        "The army gave residents of Rafah an early warning.",
    ],
)
def test_a_warning_given_or_lacking_before_an_act_is_no_threat(sentence):
    assert "THREATEN" not in {e.type for e in _events(sentence)}


def test_a_warning_to_someone_is_still_a_threat():
    event = next(e for e in _events("Iran issued a warning to Israel over the strikes."))
    assert (event.type, _country(event.recipient)) == ("THREATEN", "ISR")


@pytest.mark.parametrize(
    "sentence",
    [
        "Traders say they have yet to recover from Monday's shelling, which killed 19 people.",
        "Villagers have yet to return after the raid that killed 12 people in Zamfara.",
        "Families in Kharkiv have yet to bury the 14 people killed in Monday's missile strike.",
        "The government has yet to comment on the ambush that killed nine soldiers in Mali.",
    ],
)
def test_what_has_yet_to_happen_is_no_obligation_and_the_harm_is_real(sentence):
    events = _events(sentence)
    assert not any(e.type == "REQUEST" for e in events)
    harm = next(e for e in events if e.type == "ASSAULT" and e.fatalities is not None)
    assert not (harm.hypothetical or harm.negated)
