"""Event coding on sentences we wrote: every PLOVER type, voice, reported speech,
auxiliary modes and compound actors."""

from __future__ import annotations

import pytest

from newsledger.article import Article
from newsledger.evaluate.plover_gsr import top_event
from newsledger.extract import extract


def _top(text: str):
    events = extract(Article(text=text)).events
    return top_event(events), events


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor", "recipient"),
    [
        ("Ghana and Togo agreed on Monday to reopen their shared border crossings.",
         "AGREE", "GHA", None),
        ("The Kenyan foreign minister met his Ugandan counterpart in Kampala on Friday.",
         "CONSULT", "KEN", "UGA"),
        ("Chile praised Peru for its handling of the migrant crisis.", "SUPPORT", "CHL", "PER"),
        ("The Malian junta released three detained opposition leaders on Tuesday.",
         "RETREAT", "MLI", None),
        ("Norwegian and Danish navies held joint exercises in the North Sea.",
         "COOPERATE", "NOR", None),
        ("Japan delivered 200 tonnes of food aid to Myanmar last week.", "AID", "JPN", "MMR"),
        ("The Ethiopian government lifted the curfew in Addis Ababa on Sunday.",
         "RETREAT", "ETH", None),
        ("Bolivia urged Chile to resume talks on sea access.", "REQUEST", "BOL", "CHL"),
        ("Serbia accused Kosovo of provoking violence in the north.", "ACCUSE", "SRB", "KOS"),
        ("Hungary rejected the European Union proposal on migrant quotas.",
         "REJECT", "HUN", None),
        ("North Korea threatened to strike South Korean military bases.",
         "THREATEN", "PRK", None),
        ("Thousands of Argentine teachers marched in Buenos Aires against pay cuts.",
         "PROTEST", "ARG", None),
        ("Canada expelled two Indian diplomats on Monday.", "SANCTION", "CAN", "IND"),
        ("Azerbaijan deployed additional troops along the Armenian border.",
         "MOBILIZE", "AZE", None),
        ("Turkish police detained 30 Kurdish activists in Istanbul.", "COERCE", "TUR", None),
        ("Russian warplanes bombed rebel positions in Idlib.", "ASSAULT", "RUS", None),
    ],
)  # fmt: skip
def test_each_plover_type_is_coded_with_its_countries(sentence, event_type, actor, recipient):
    top, _ = _top(sentence)
    assert top is not None, sentence
    assert top.type == event_type
    assert top.actor is not None and top.actor.country == actor
    if recipient:
        assert top.recipient is not None and top.recipient.country == recipient


def test_passive_voice_takes_the_actor_from_the_by_phrase():
    top, _ = _top("A Sudanese convoy was attacked by RSF fighters near El Fasher.")
    assert top.type == "ASSAULT"
    assert (top.actor.country, top.actor.sector) == ("SDN", "UAF")
    assert top.recipient.country == "SDN"


def test_reported_speech_codes_the_reported_act_not_the_saying():
    top, events = _top("The Yemeni army said Houthi fighters shelled a market in Taiz.")
    assert top.type == "ASSAULT"
    assert top.actor.country == "YEM" and top.actor.sector == "REB"
    assert top.mentions[0].trigger == "shelled"
    assert all(e.mentions[0].trigger != "said" for e in events)


def test_reported_obligation_is_the_speakers_request():
    top, _ = _top("The French foreign minister said Iran must release the detained tourists.")
    assert top.type == "REQUEST"
    assert (top.actor.country, top.recipient.country) == ("FRA", "IRN")


def test_negated_event_is_flagged_and_not_the_top_event():
    top, events = _top("Israeli jets did not strike targets in Lebanon overnight.")
    assert [e.negated for e in events if e.type == "ASSAULT"] == [True]
    assert top is None


def test_refusing_a_cooperative_act_is_reject():
    top, _ = _top("Poland said it will not accept any more refugees from Belarus.")
    assert top.type == "REJECT" and top.actor.country == "POL"


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("Portugal will support Spain's bid to host the summit.", "AGREE"),
        ("Tanzania said it would withdraw its troops from Congo.", "AGREE"),
        ("The militia will attack government positions if talks fail.", "THREATEN"),
    ],
)
def test_promised_acts_fold_into_agree_or_threaten(sentence, event_type):
    top, _ = _top(sentence)
    assert top.type == event_type
    assert not top.future


def test_hypothetical_events_are_flagged():
    _, events = _top("A wider war could devastate the region, analysts warned.")
    assert all(e.hypothetical for e in events if e.type == "ASSAULT")


def test_threatened_act_is_the_threats_content_not_a_separate_event():
    top, events = _top("The United States threatened to impose sanctions on Venezuela.")
    assert (top.type, top.actor.country) == ("THREATEN", "USA")
    sanctions = [e for e in events if e.type == "SANCTION"]
    assert sanctions and all(e.hypothetical for e in sanctions)


def test_habitual_attacks_are_generic():
    _, events = _top("Militants carry out almost daily attacks on army posts in the region.")
    assert [e.generic for e in events if e.type == "ASSAULT"] == [True]


def test_compound_actors_keep_every_country():
    top, _ = _top("Jordan and Britain agreed to hold joint military exercises this month.")
    assert top.type == "AGREE"
    assert top.actor.country == "JOR"
    assert top.actor.countries == ("JOR", "GBR")


def test_each_event_carries_cameo_goldstein_and_acled_where_it_maps():
    top, _ = _top("Police fired tear gas at protesters in Nairobi.")
    assert top.type == "COERCE" and top.cameo == "175" and top.goldstein == -7.0
    assert top.acled == {"event_type": "Protests", "sub_event_type": "Protest with intervention"}
    consult, _ = _top("The Kenyan foreign minister met his Ugandan counterpart on Friday.")
    assert consult.cameo.startswith("04") and consult.acled is None


def test_a_toll_accumulated_since_a_time_is_generic():
    _, events = _top("Clashes over grazing land have killed hundreds of people since last year.")
    assert [e.generic for e in events if e.type == "ASSAULT"] == [True]


def test_munitions_named_as_subject_take_no_country_from_the_place():
    _, events = _top("Shells fired from across the border struck a village near Parachinar.")
    strike = next(e for e in events if e.type == "ASSAULT")
    assert strike.actor is None or strike.actor.country != "PAK"
