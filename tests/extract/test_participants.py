"""Who did it and to whom: the doer of an act named by a noun, places hit by violence,
headline passives, witnesses, protesters and quoted speakers (events.py argument
functions, actors.py)."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract import extract
from newsledger.ingest.layout import Hints, build_article

PUBLISHED = date(2024, 3, 1)


def _events(body: str, title: str | None = None, published: date = PUBLISHED):
    text = f"{title}\n\n{body}" if title else body
    hints = Hints(published=published, published_from="option", has_headline=bool(title))
    return extract(build_article(text, "test", hints)).events


def _by_trigger(events, trigger: str):
    found = [e for e in events if trigger in [m.trigger for m in e.mentions]]
    assert found, [(e.type, [m.trigger for m in e.mentions]) for e in events]
    return found[0]


def _coded(actor):
    return (actor.country, actor.sector) if actor is not None else None


# --- 1. the doer of an event noun: "an attack carried out by X" ------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger", "actor", "recipient"),
    [
        ("On Monday, a rocket attack carried out by the Korvali Brigade hit an army base "
         "near Mosul.", "hit", ("IRQ", "UAF"), ("IRQ", "MIL")),
        ("A suicide bombing claimed by the Dervan Movement killed twelve police officers in "
         "Kandahar on Sunday.", "killed", ("AFG", "UAF"), ("AFG", "COP")),
        ("An ambush launched by the Tessaro Front killed six soldiers near Timbuktu on "
         "Wednesday.", "killed", ("MLI", "UAF"), ("MLI", "MIL")),
        ("Thursday's raid by the Marun Liberation Army wounded three guards at a prison in "
         "Maiduguri.", "wounded", ("NGA", "REB"), None),
        ("A drone strike carried out by the Ukrainian military destroyed a fuel depot in "
         "Belgorod on Friday.", "destroyed", ("UKR", "MIL"), None),
        ("The attack by Al-Shabaab militants killed nine people at a checkpoint near Baidoa.",
         "killed", ("SOM", "REB"), None),
    ],
)  # fmt: skip
def test_an_event_noun_subject_gives_its_own_agent_as_actor(sentence, trigger, actor, recipient):
    event = _by_trigger(_events(sentence), trigger)
    assert event.type == "ASSAULT"
    assert _coded(event.actor) == actor
    if recipient:
        assert _coded(event.recipient) == recipient


@pytest.mark.parametrize(
    ("sentence", "name", "sector"),
    [
        ("The Korvali Brigade shelled an army base near Mosul.", "Korvali Brigade", "UAF"),
        ("The Velmar Liberation Front ambushed a patrol near Gao.",
         "Velmar Liberation Front", "REB"),
        ("The Arakan Army attacked a police post in Rakhine.", "Arakan Army", "REB"),
    ],
)  # fmt: skip
def test_an_unknown_brigade_or_front_is_an_armed_group(sentence, name, sector):
    (event,) = _events(sentence)
    assert (event.actor.name, event.actor.sector) == (name, sector)


def test_a_countrys_army_stays_its_military():
    event = _events("The Sudanese Army shelled a market in Omdurman.")[0]
    assert _coded(event.actor) == ("SDN", "MIL")


# --- 2. a town or city hit by violence: its country's civilians -------------------------


@pytest.mark.parametrize(
    ("sentence", "title", "trigger", "recipient"),
    [
        ("Fighters of the Velmar Front shelled the city of Kharkiv on Tuesday, killing four "
         "civilians.", None, "shelled", ("UKR", "CVL")),
        ("Israeli air strikes targeting Beirut killed five people on Sunday.", None, "killed",
         ("LBN", "CVL")),
        ("Gunmen stormed the building on Sunday.", "Gunmen attack Mogadishu hotel", "attack",
         ("SOM", "CVL")),
        ("Russian missiles struck Odesa overnight, officials said.", None, "struck",
         ("UKR", "CVL")),
        ("Turkish jets bombed the city of Qamishli on Thursday.", None, "bombed",
         ("SYR", "CVL")),
        ("Hamas claimed the rocket attack on Ashkelon.", None, "attack", ("ISR", "CVL")),
    ],
)  # fmt: skip
def test_a_city_hit_by_violence_is_its_countrys_civilians(sentence, title, trigger, recipient):
    event = _by_trigger(_events(sentence, title), trigger)
    assert event.type == "ASSAULT"
    assert _coded(event.recipient) == recipient


def test_a_capital_modifying_a_building_is_a_place_not_a_government():
    event = _by_trigger(
        _events("Gunmen stormed the building.", "Gunmen attack Mogadishu hotel"), "attack"
    )
    assert event.recipient.sector != "GOV"


def test_a_role_word_keeps_its_sector_in_a_city():
    event = _events("Militants attacked a Kabul hospital on Tuesday.")[0]
    assert _coded(event.recipient) == ("AFG", "MED")


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        ("Washington accused Moscow of violating the treaty.", ("USA", "GOV"), ("RUS", "GOV")),
        ("Moscow accused Kyiv of sabotage on Monday.", ("RUS", "GOV"), ("UKR", "GOV")),
    ],
)  # fmt: skip
def test_capitals_in_verbal_acts_stay_governments(sentence, actor, recipient):
    event = _by_trigger(_events(sentence), "accused")
    assert event.type == "ACCUSE"
    assert (_coded(event.actor), _coded(event.recipient)) == (actor, recipient)


def test_the_target_of_a_material_act_takes_the_place_of_the_act():
    event = _events("Rebels attacked an army base near Goma.")[0]
    assert _coded(event.actor) == ("COD", "REB")
    assert _coded(event.recipient) == ("COD", "MIL")


# --- 3. headline passives: "Three soldiers killed" --------------------------------------


@pytest.mark.parametrize(
    ("title", "trigger", "recipient"),
    [
        ("Three soldiers killed, 20 injured in drone attack on army base", "killed",
         (None, "MIL")),
        ("Aid worker kidnapped near Goma", "kidnapped", ("COD", "SOC")),
        ("Pakistani police officer shot dead in Peshawar", "shot", ("PAK", "COP")),
        ("Journalists detained in Harare", "detained", ("ZWE", "JRN")),
        ("Two Kenyan policemen wounded in Mandera blast", "blast", ("KEN", "COP")),
    ],
)  # fmt: skip
def test_a_headline_participle_makes_its_subject_the_victim(title, trigger, recipient):
    event = _by_trigger(_events("The report came on Friday.", title), trigger)
    assert event.actor is None
    assert _coded(event.recipient) == recipient


def test_an_active_past_with_an_object_keeps_its_subject_as_actor():
    event = _events("Rebels killed three soldiers near Goma on Monday.")[0]
    assert _coded(event.actor) == ("COD", "REB")
    assert _coded(event.recipient) == ("COD", "MIL")


# --- 4. witnesses are not doers ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Residents said they heard three explosions near the port.", "explosions"),
        ("Witnesses said they saw two air strikes on the village of Kafr Nabl.", "strikes"),
        ("Villagers reported seeing an explosion near the dam on Monday.", "explosion"),
        ("Farmers said they had watched the shelling from their fields.", "shelling"),
        ("Residents of Gaza City heard gunfire throughout the night, the agency said.",
         "gunfire"),
    ],
)  # fmt: skip
def test_who_perceives_an_attack_is_no_actor_of_it(sentence, trigger):
    events = _events(sentence)
    assert len(events) == 1
    event = _by_trigger(events, trigger)
    assert event.type == "ASSAULT"
    assert event.actor is None


def test_a_speaker_still_stands_for_they_who_did_the_reported_act():
    event = _events("The rebels said they had captured the town of Kidal.")[0]
    assert _coded(event.actor) == ("MLI", "REB")


# --- 5. a complaint about violence is not violence by the complainer --------------------


@pytest.mark.parametrize(
    ("sentence", "trigger", "complainer", "killed"),
    [
        ("Ghana protested on Monday against cross-border shelling that killed two farmers "
         "in the Bawku district.", "shelling", "GHA", 2),
        ("Pakistan complained to Kabul about a cross-border attack that killed four "
         "soldiers.", "attack", "PAK", 4),
        ("Jordan voiced anger over the bombing of a school in Gaza.", "bombing", "JOR", None),
        ("Nigeria denounced the ambush that killed ten villagers in Zamfara.", "killed",
         "NGA", 10),
        ("Lebanon condemned the air strike that killed three civilians in Nabatieh.",
         "killed", "LBN", 3),
    ],
)  # fmt: skip
def test_the_violence_protested_has_no_protester_as_actor(sentence, trigger, complainer, killed):
    events = _events(sentence)
    assault = _by_trigger(events, trigger)
    assert assault.type == "ASSAULT"
    assert assault.actor is None or assault.actor.country != complainer
    assert not any(e.type == "ASSAULT" and _coded(e.actor) == (complainer, None) for e in events)
    if killed is not None:
        assert assault.fatalities is not None and assault.fatalities.min == killed


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        ("Russia launched a massive missile attack on Ukraine on Friday.", "RUS", "UKR"),
        ("Hamas claimed the rocket attack on Ashkelon.", "PSE", "ISR"),
        ("Ethiopia stepped up its drone attacks on the Amhara region.", "ETH", "ETH"),
        ("The Syrian army resumed its shelling of rebel positions near Aleppo on Sunday.",
         "SYR", "SYR"),
    ],
)  # fmt: skip
def test_carrying_out_or_claiming_an_attack_makes_it_ones_own(sentence, actor, recipient):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.actor is not None and event.actor.country == actor
    if recipient:
        assert event.recipient is not None and event.recipient.country == recipient


# --- 6. a quote's speaker is not the "they" of the quote --------------------------------


@pytest.mark.parametrize(
    ("body", "trigger", "speaker"),
    [
        ('BAMAKO (Wire) -- Two soldiers were killed on June 10, 2023, near Gao. "Last night, '
         'they attacked us," a soldier said.', "attacked", "a soldier"),
        ('"They shelled our homes all night," a resident of Kherson told reporters.',
         "shelled", "a resident of Kherson"),
        ('"He fired at the crowd," a witness said of the police officer.', "fired",
         "a witness"),
        ('"They stormed the village before dawn," a farmer told the agency.', "stormed",
         "a farmer"),
        ('"They abducted my brother," a woman from Kidal said on Sunday.', "abducted",
         "a woman from Kidal"),
    ],
)  # fmt: skip
def test_a_quotes_speaker_is_not_the_third_person_in_it(body, trigger, speaker):
    event = _by_trigger(_events(body, published=date(2023, 6, 10)), trigger)
    assert event.type in ("ASSAULT", "COERCE")
    assert event.actor is None or event.actor.text != speaker
    assert event.actor is None or (event.actor.country, event.actor.sector) == (None, None)


def test_us_in_a_soldiers_quote_is_the_soldiers_side():
    body = '"Last night, they attacked us," a soldier said in Gao.'
    event = _by_trigger(_events(body), "attacked")
    assert event.recipient is not None and event.recipient.sector == "MIL"


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ('"We struck the enemy positions near Bakhmut," the commander said.', (None, "MIL")),
        ("The army said it killed twenty militants in Borno.", ("NGA", "MIL")),
        ("Iraqi Prime Minister Mohammed Shia al-Sudani said U.S. forces must leave the "
         "country.", ("IRQ", "GOV")),
    ],
)  # fmt: skip
def test_the_speaker_stands_for_we_and_for_its_own_it(sentence, actor):
    event = _events(sentence)[0]
    assert event.actor is not None
    assert event.actor.sector == actor[1]
    if actor[0]:
        assert event.actor.country == actor[0]


# -- a device that explodes is the means of an attack, its planter the actor -------------


@pytest.mark.parametrize(
    ("sentence", "actor", "place"),
    [
        ("A bomb exploded outside the stadium in Kumasi on Sunday, police said.", None, "Kumasi"),
        (
            "A roadside bomb planted by the Korvali Brigade exploded near an army convoy in "
            "Helmand on Monday, killing three soldiers.",
            "the Korvali Brigade",
            "Helmand",
        ),
        (
            "A grenade thrown by a man on a motorbike exploded at a bus stop in Garissa.",
            "a man on a motorbike",
            "Garissa",
        ),
        (
            "An improvised explosive device exploded under a police truck in Peshawar.",
            None,
            "Peshawar",
        ),
        ("A car bomb exploded near a market in Mogadishu on Tuesday.", None, "Mogadishu"),
    ],
)
def test_an_exploding_device_is_an_assault_with_no_device_as_actor(sentence, actor, place):
    event = _by_trigger(_events(sentence), "exploded")
    assert (event.type, event.mode) == ("ASSAULT", "explosives")
    assert (event.actor.text if event.actor else None) == actor
    assert event.location.name == place


@pytest.mark.parametrize(
    "sentence",
    [
        "A gas cylinder exploded in a restaurant kitchen in Lagos.",
        "Fireworks exploded over the city centre on Sunday night.",
        "Anger exploded on the streets of Nairobi after the vote.",
        "The company's sales exploded in the second quarter.",
    ],
)
def test_what_explodes_by_accident_or_in_a_figure_is_no_assault(sentence):
    assert [e.type for e in _events(sentence) if e.type == "ASSAULT"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "A suicide bomber detonated his vest at a checkpoint in Mogadishu.",
        "Militants detonated explosives under a bridge near Kandahar.",
        "The attacker detonated a device outside the police headquarters in Quetta.",
        "Rebels detonated a landmine as an army patrol passed near Tillabéri.",
    ],
)
def test_detonating_a_device_is_an_assault_and_the_device_no_recipient(sentence):
    event = _by_trigger(_events(sentence), "detonated")
    assert event.type == "ASSAULT"
    assert event.mode == ("suicide" if "suicide" in sentence else "explosives")
    assert event.actor is not None
    recipient = event.recipient.text if event.recipient else ""
    assert not any(w in recipient for w in ("vest", "explosives", "device", "landmine"))


# -- a country on an act noun is its doer; where and when the target was is the act's -----


@pytest.mark.parametrize(
    ("sentence", "actor", "place", "day"),
    [
        (
            "A Myanmar military airstrike hit a monastery sheltering displaced villagers in "
            "Sagaing on Wednesday, killing nine people.",
            "MMR",
            "Sagaing",
            "2024-02-28",
        ),
        (
            "A Turkish army drone strike hit a car carrying two men near Qamishli on Friday.",
            "TUR",
            "Qamishli",
            "2024-03-01",
        ),
        (
            "A Pakistani army mortar attack hit a house sheltering a family in Kunar on Tuesday.",
            "PAK",
            "Kunar",
            "2024-02-27",
        ),
        (
            "An Ethiopian air force drone strike hit a truck carrying fuel near Bahir Dar on "
            "Monday, killing three.",
            "ETH",
            "Bahir Dar",
            "2024-02-26",
        ),
    ],
)
def test_an_act_noun_names_its_doer_and_its_targets_whereabouts(sentence, actor, place, day):
    event = _by_trigger(_events(sentence), "hit")
    assert event.actor is not None and event.actor.country == actor
    assert event.location is not None and event.location.name == place
    assert event.date == day


# -- a country word inside a longer proper name names no country --------------------------


@pytest.mark.parametrize(
    ("sentence", "not_country"),
    [
        ("Soldiers clashed with militants in the town of Datu Saudi Ampatuan on Monday.", "SAU"),
        ("Gunmen attacked the Hotel Kenya Palace in Mogadishu on Sunday.", "KEN"),
        ("Police arrested three men at the Grand Egypt Bazaar in Istanbul.", "EGY"),
        ("Rebels looted the Saint Chad Mission in Bangui.", "TCD"),
        ("Gunmen kidnapped two priests from the Saint Chad Mission near Bambari.", "TCD"),
    ],
)
def test_a_country_word_inside_a_name_names_no_country(sentence, not_country):
    event = _events(sentence)[0]
    coded = {a.country for a in (event.actor, event.recipient) if a is not None}
    assert not_country not in coded


def test_a_country_word_that_opens_or_ends_a_name_still_names_it():
    event = _events("Syrian Democratic Forces fighters attacked a post near Raqqa.")[0]
    assert event.actor is not None and event.actor.country == "SYR"


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Protesters set fire to the parliament building in Kathmandu on Tuesday.", "Protesters"),
        ("Demonstrators attacked a police station in Nairobi.", "Demonstrators"),
        ("Rioters looted shops in the centre of Dakar.", "Rioters"),
        ("Strikers blocked the port of Durban and beat a manager.", "Strikers"),
    ],
)
def test_people_named_by_what_they_do_are_actors(sentence, actor):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.actor is not None and event.actor.text == actor


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Militants stormed a hotel in Mogadishu on Friday.", "SOM"),
        ("Gunmen attacked a market in Kabul.", "AFG"),
        ("A bomb hit a bus station in Damascus.", "SYR"),
        ("Police raided a church in Managua.", "NIC"),
    ],
)
def test_a_building_in_a_capital_is_no_government(sentence, country):
    event = _events(sentence)[0]
    assert event.recipient is not None
    assert (event.recipient.country, event.recipient.sector) != (country, "GOV")
