"""Word sense of trigger words (senses.py, the `with` column of event_triggers.tsv):
non-political senses, sport and criticism told with violent verbs, and states or
descriptions told with event verbs, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.errors import ResourceError
from newsledger.extract import extract
from newsledger.extract.senses import TriggerSenses
from newsledger.ingest.layout import Hints, build_article

PUBLISHED = date(2024, 3, 1)


def _events(text: str):
    hints = Hints(published=PUBLISHED, published_from="option", has_headline=False)
    return extract(build_article(text, "test.txt", hints)).events


def _types(text: str) -> list[str]:
    return [e.type for e in _events(text)]


# --- Kind 1: a trigger word in a sense that reports no political event -------------

NO_ACT = {"ACCUSE", "THREATEN", "RETREAT", "AGREE", "CONSULT"}


@pytest.mark.parametrize(
    ("sentence", "not_types"),
    [
        # the examples
        ("The general in charge of the operation arrived on Monday.", NO_ACT),
        ("Students shoot videos for the festival.", NO_ACT | {"ASSAULT"}),
        ("The company released its quarterly results on Tuesday.", NO_ACT),
        ("The president thanked the voters on Sunday.", NO_ACT),
        ("Readers can subscribe to our newsletter.", NO_ACT),
        # reader-facing boilerplate
        ("By subscribing, you agree to our terms of use.", {"AGREE"}),
        ("Subscribe to our newsletter to receive the latest news.", {"CONSULT"}),
        # charge: "in charge", "free of charge", "took charge" accuse no one
        ("Entry to the museum is free of charge.", {"ACCUSE"}),
        ("The new coach took charge of the team on Monday.", {"ACCUSE"}),
        # release: only people are set free
        ("The Kremlin released a statement on Tuesday.", {"RETREAT"}),
        ("Hamas released a video of two hostages on Monday.", {"RETREAT"}),
        ("Sony released the film in Japan on Friday.", {"RETREAT"}),
        # shoot, fire, strike, hit: cameras, employers, deals, markets, nature
        ("The crew shot scenes for a documentary in Kabul.", {"ASSAULT"}),
        ("The company fired its chief executive on Monday.", {"ASSAULT"}),
        ("Tehran struck a deal with Moscow on grain exports.", {"ASSAULT", "PROTEST"}),
        ("Oil prices hit a six-month high on Tuesday.", {"ASSAULT"}),
        ("An earthquake struck eastern Turkey on Monday, killing 30 people.", {"ASSAULT"}),
        ("Twelve people were killed in a bus crash in Peru on Monday.", {"ASSAULT"}),
        ("Prices shot up 20 percent last year.", {"ASSAULT"}),
        ("He suffered a heart attack on Sunday.", {"ASSAULT"}),
        ("The government launched a charm offensive in Brussels.", {"ASSAULT"}),
        ("The campaign targets young voters.", {"ASSAULT"}),
        ("The company deployed new software across its stores.", {"MOBILIZE"}),
        # meet, session, warn, decline, try, step, commit, offer, rally
        ("The bank met its profit targets for the year.", {"CONSULT"}),
        ("The proposal was met with scepticism in Brussels.", {"CONSULT"}),
        ("Stocks fell in a volatile trading session on Wednesday.", {"CONSULT"}),
        ("China warned of heavy rain in the south.", {"THREATEN"}),
        ("Shares in the carmaker declined 5 percent on Monday.", {"REJECT"}),
        ("He tried to reach the border before dawn.", {"ACCUSE"}),
        ("The minister stepped up efforts to curb inflation.", {"CONCEDE"}),
        ("The rebels committed atrocities in the village.", {"AGREE"}),
        ("The airline offered a 20 percent discount on flights.", {"AGREE"}),
        ("Stocks rallied in Tokyo on Monday.", {"PROTEST"}),
    ],
)
def test_a_non_political_sense_codes_no_political_act(sentence, not_types):
    found = _types(sentence)
    assert not set(found) & not_types, (sentence, found)


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor", "recipient"),
    [
        ("Police released 40 detainees in Minsk on Monday.", "RETREAT", "BLR", None),
        ("Iran freed a British journalist on Friday.", "RETREAT", "IRN", "GBR"),
        ("Rebels shot dead three soldiers in Kidal.", "ASSAULT", "MLI", None),
        ("Troops fired on protesters in Khartoum on Monday.", "ASSAULT", "SDN", None),
        ("Airstrikes hit the town of Idlib on Monday.", "ASSAULT", None, "SYR"),
        ("Egypt hosted talks between Israel and Hamas on Monday.", "CONSULT", "EGY", None),
        ("Germany's Scholz met his French counterpart in Paris.", "CONSULT", "DEU", "FRA"),
        ("The court charged three men with murder on Monday.", "ACCUSE", None, None),
        ("The two armies exchanged fire across the border.", "ASSAULT", None, None),
        ("Syria and Turkey exchanged views on the crisis.", "CONSULT", "SYR", None),
        ("The minister stepped down on Tuesday.", "RETREAT", None, None),
    ],
)
def test_the_political_sense_still_codes(sentence, event_type, actor, recipient):
    event = _events(sentence)[0]
    assert event.type == event_type, sentence
    if actor:
        assert event.actor is not None and event.actor.country == actor
    if recipient:
        assert event.recipient is not None and event.recipient.country == recipient


def test_shot_dead_keeps_its_toll():
    (event,) = _events("Rebels shot dead three soldiers in Kidal.")
    assert event.fatalities is not None and event.fatalities.min == 3


def test_a_demanded_release_of_prisoners_is_unrealized_release():
    events = _events("Hamas demanded the release of 50 Palestinian prisoners.")
    release = next(e for e in events if e.type == "RETREAT")
    assert release.hypothetical and events[0].type == "REQUEST"


# --- Kind 2: sport, and criticism told with violent verbs --------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Rivals Porto took the lead when a quick counter-attack was finished by their "
        "striker, and the visitors were killed off by a second goal after the break.",
        "Brazil beat Argentina 2-1 in the semi-final on Sunday.",
        "Spain beat Italy 3-1 in the final of the tournament on Sunday.",
        "Their striker shot past the goalkeeper in the 80th minute to win the derby.",
        "Celtic's defence was destroyed by a hat-trick from the visiting striker.",
        "United battled back from two goals down to draw the match.",
    ],
)
def test_a_game_reports_no_violence(sentence):
    assert _types(sentence) == [], sentence


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        (
            "The opposition leader attacked the new tax law in parliament on Wednesday, "
            "calling it theft.",
            None,
        ),
        ("The senator attacked the government's budget plan on Tuesday.", None),
        ("Labour's leader attacked the prime minister's record on immigration.", None),
        ("Critics attacked the decision as reckless.", None),
        ("The French president's attack on the pension reform drew applause.", "FRA"),
        ("The minister hit out at the opposition on Tuesday.", None),
    ],
)
def test_a_violent_word_aimed_at_a_policy_is_criticism(sentence, actor):
    events = _events(sentence)
    assert [e.type for e in events] == ["ACCUSE"], sentence
    assert events[0].cameo == "111"
    if actor:
        assert events[0].actor is not None and events[0].actor.country == actor


@pytest.mark.parametrize(
    ("sentence", "not_type"),
    [
        ("The scandal killed off his campaign.", "ASSAULT"),
        ("The senator killed the bill in committee.", "ASSAULT"),
        ("Firefighters battled a blaze in Athens on Monday.", "ASSAULT"),
        ("Kenya vowed to fight corruption in its ports.", "ASSAULT"),
    ],
)
def test_killing_off_and_fighting_ills_are_no_violence(sentence, not_type):
    assert not_type not in _types(sentence), sentence


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        ("Gunmen attacked a police station in Kano on Monday, killing four officers.",
         "NGA", "NGA"),
        ("Rebels attacked an army convoy near Goma on Tuesday.", "COD", "COD"),
        ("Russian missiles struck Kyiv amid heavy rain, killing 3 people.", "RUS", "UKR"),
        ("Fans clashed with police outside the stadium after the match, leaving 12 "
         "injured.", None, None),
        ("A bomb exploded at a football match in Mogadishu, killing 5 people.",
         None, None),
        ("Rebels attacked the town of Beni in response to the decision.", None, "COD"),
        ("Protesters attacked police in Nairobi over the new law.", None, None),
    ],
)  # fmt: skip
def test_real_violence_still_codes_as_assault(sentence, actor, recipient):
    assault = next(e for e in _events(sentence) if e.type == "ASSAULT")
    if actor:
        assert assault.actor is not None and assault.actor.country == actor
    if recipient:
        assert assault.recipient is not None and assault.recipient.country == recipient


def test_a_riot_after_a_match_is_still_a_protest():
    assert "PROTEST" in _types("Hundreds of fans rioted after the match in Cairo.")


# --- Kind 3: states and descriptions told with event verbs ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "About 500 Velmar troops were stationed in Jordan at the time. The outpost, "
        "which hosts Danish engineers, lies near the border.",
        "Kenyan troops are deployed in Somalia under an African Union mandate.",
        "French soldiers were based in Mali at the time of the coup.",
        "Some 2,000 Turkish troops were stationed in northern Iraq.",
        "The base, which houses 3,000 American soldiers, sits outside Doha.",
        "The town, which hosts a large Syrian refugee population, lies near the border.",
        "Qatar hosted the World Cup in 2022.",
    ],
)
def test_a_state_or_description_is_no_event(text):
    assert _types(text) == [], text


@pytest.mark.parametrize(
    ("sentence", "event_type", "actor"),
    [
        ("Russia deployed 3,000 troops to the border on Monday.", "MOBILIZE", "RUS"),
        ("Israel stationed an extra battalion on the Lebanese border on Monday.",
         "MOBILIZE", "ISR"),
        ("1,000 soldiers were deployed to the capital on Tuesday.", "MOBILIZE", None),
        ("Oman hosted the Iranian foreign minister on Monday.", "CONSULT", "OMN"),
        ("Jordan's King Abdullah hosted President Biden in Amman on Tuesday.",
         "CONSULT", "JOR"),
    ],
)  # fmt: skip
def test_an_act_of_deploying_or_hosting_still_codes(sentence, event_type, actor):
    event = _events(sentence)[0]
    assert event.type == event_type, sentence
    if actor:
        assert event.actor is not None and event.actor.country == actor


def test_a_speech_act_in_a_relative_clause_is_still_reported():
    text = "Guinea detained dozens of refugees, whom officials blame for the border fighting."
    assert {"COERCE", "ACCUSE"} <= set(_types(text))


# --- The `with` column's tests -------------------------------------------------------


def test_with_column_reads_words_classes_relations_heads_and_negations():
    tests = TriggerSenses.packaged().parse_with("with|over|@people|:ccomp|!^in|!fee", "x")
    assert tests.governs == {"with", "over"}
    assert [t.kind for t in tests.requires] == ["class", "dep"]
    assert [t.kind for t in tests.excludes] == ["head", "class"]


def test_an_unknown_word_class_is_an_error_naming_the_row():
    with pytest.raises(ResourceError, match=r"triggers.tsv:7: unknown word class '@nosuch'"):
        TriggerSenses.packaged().parse_with("@nosuch", "triggers.tsv:7")


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("Residents said the attackers seized the villagers from their homes at dawn.", "ASSAULT"),
        ("Pirates seized 18 sailors from a cargo ship off the coast of Benin.", "ASSAULT"),
        ("Gunmen seized three aid workers on the road to Maiduguri on Monday.", "ASSAULT"),
        ("Militants seized a group of pilgrims near the shrine, police said.", "ASSAULT"),
        ("Customs officers seized two tonnes of cocaine at the port of Guayaquil.", "COERCE"),
        ("Troops seized the town's airport after heavy fighting.", "COERCE"),
    ],
)
def test_seizing_people_is_an_abduction_seizing_things_is_not(sentence, kind):
    events = _events(sentence)
    seized = [e for e in events if any(m.trigger == "seized" for m in e.mentions)]
    assert seized and seized[0].type == kind
    if kind == "ASSAULT":
        assert seized[0].mode == "abduct"


# --- Issue 10: spurious violence. Verbal attacks by political actors ---------------


@pytest.mark.parametrize(
    ("sentence", "sector", "country"),
    [
        ("The senator attacked the minister over the budget.", "LEG", None),
        ("Opposition leader Raila Odinga attacked President Ruto in Nairobi.", "OPP", "KEN"),
        ("The finance minister faced fierce attacks by opposition MPs in parliament.",
         "LEG", None),
        ("The Green Party attacked the chancellor over the energy crisis.", "PTY", None),
        ("The newspaper attacked the mayor of Lyon in an editorial.", "JRN", None),
        ("Republican lawmakers attacked the White House over border security.",
         "LEG", None),
        ("Brazil's president attacked his predecessor in a radio interview.", "GOV", "BRA"),
        ("Critics attacked the president for his handling of the crisis.", None, None),
        ("Erdogan attacked Netanyahu on Twitter.", None, None),
    ],
)  # fmt: skip
def test_an_attack_by_a_political_actor_is_criticism(sentence, sector, country):
    events = _events(sentence)
    assert [e.type for e in events] == ["ACCUSE"], (sentence, events)
    assert events[0].cameo == "111"
    if sector:
        assert events[0].actor is not None and events[0].actor.sector == sector
    if country:
        assert events[0].actor.country == country


def test_attacks_from_lawmakers_are_criticism():
    found = _types("The prime minister brushed off attacks from opposition lawmakers on Tuesday.")
    assert found == ["ACCUSE"]


@pytest.mark.parametrize(
    ("sentence", "actor_sector", "recipient_sector"),
    [
        ("The army attacked rebel positions near Goma on Monday.", "MIL", "REB"),
        ("Opposition supporters attacked a police station in Dhaka.", "OPP", "COP"),
        ("Ruling party youths attacked opposition supporters in Harare.", None, None),
        ("Party supporters attacked journalists covering the vote in Lusaka.", None, "JRN"),
        ("A gunman attacked the president during a speech in Bratislava.", "UAF", "GOV"),
        ("An opposition MP was attacked by unknown assailants in Kampala.", None, "LEG"),
        ("Rebels attacked the minister's convoy near Bunia.", "REB", None),
    ],
)
def test_an_attack_by_armed_people_or_on_a_target_is_still_an_assault(
    sentence, actor_sector, recipient_sector
):
    events = _events(sentence)
    assert "ACCUSE" not in {e.type for e in events}, sentence
    assault = next(e for e in events if e.type == "ASSAULT")
    if actor_sector:
        assert assault.actor is not None and assault.actor.sector == actor_sector
    if recipient_sector:
        assert assault.recipient is not None and assault.recipient.sector == recipient_sector


# --- Issue 10: places, firms and economies killed in a figure of speech ------------


@pytest.mark.parametrize(
    "sentence",
    [
        '"The new bypass is killing our town," a shopkeeper said.',
        "The new tax is killing small businesses, traders said.",
        "Inflation is killing the middle class, the economist said.",
        "These rules will kill the economy, the chamber of commerce warned.",
        "Cheap imports are destroying local industry, the minister said.",
        "The government is murdering the tourism sector with its visa rules, he said.",
        "High interest rates are killing jobs in Ohio.",
        "Online shopping is destroying the high street, retailers say.",
        "The new rules will kill thousands of jobs, the union said.",
    ],
)
def test_killing_a_town_or_an_economy_is_a_figure_of_speech(sentence):
    assert "ASSAULT" not in _types(sentence), sentence


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Gunmen killed 12 residents of the town on Monday.", 12),
        ("Militants killed 10 employees of the company in Kabul.", 10),
        ("Russian forces destroyed the town of Avdiivka by shelling.", None),
        ("Rioters destroyed businesses in Minneapolis.", None),
        ("The bombing destroyed the market in Aleppo.", None),
        ("Soldiers killed the town's mayor on Friday.", None),
    ],
)
def test_killing_in_a_town_and_destroying_it_by_force_are_still_assaults(sentence, killed):
    _assert_assault_killing(sentence, killed)


def _assert_assault_killing(sentence: str, killed: int | None) -> None:
    """The sentence codes an ASSAULT, with `killed` dead when a number is given."""
    assault = next(e for e in _events(sentence) if e.type == "ASSAULT")
    if killed:
        assert assault.fatalities is not None and assault.fatalities.min == killed


# --- Issue 10: storms, floods and fires that kill ----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Typhoon Haikui slammed into Taiwan, killing three people.",
        "Hurricane Otis tore through Acapulco, killing 27 people.",
        "Storm Daniel hit eastern Libya on Sunday, killing thousands.",
        "Cyclone Mocha flattened villages in Myanmar, killing at least 20 people.",
        "A house fire killed nine people in Lagos on Sunday.",
        "The fire killed four children in an apartment in Marseille.",
        "A fire broke out in a market in Kano, killing nine traders.",
        "Heavy rains triggered mudslides that killed 40 people in Brazil.",
        "A falling tree killed two motorists in Nairobi.",
        "Fire destroyed the building on Sunday.",
        '"The river attacked us at night," a farmer said.',
    ],
)
def test_a_disaster_that_kills_is_no_assault(sentence):
    assert "ASSAULT" not in _types(sentence), sentence


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Israeli fire killed three Palestinians near the fence.", 3),
        ("Sniper fire killed two people in Khartoum.", 2),
        ("Heavy fire killed five soldiers near Bakhmut.", 5),
        ("Rebels set fire to the village, killing nine people.", 9),
        ("Artillery fire destroyed the bridge near Kherson.", None),
        ("Two soldiers were killed by fire from across the border.", 2),
        ("A guard was wounded by fire from rebel positions near Tal Afar.", None),
        ("Three people were killed in a fire at a market after rebels shelled the town.", 3),
    ],
)
def test_gunfire_and_arson_still_kill_by_assault(sentence, killed):
    _assert_assault_killing(sentence, killed)


# --- Issue 10: stages, charts and markets stormed and fought over -------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Drummers stormed the stage at the carnival in Salvador.",
        "Thousands of fans stormed the pitch after the final whistle in Naples.",
        "Her new single stormed the charts in Britain.",
        "The band stormed into the top ten.",
        "Nokia and Oppo ended their patent battle in Munich.",
        "The phone maker will fight for market share in India.",
        "The carmakers are battling for customers in China.",
        "Two airlines are locked in a fierce price battle over Gulf routes.",
        "The two parties fought for votes in the north.",
    ],
)
def test_stages_charts_and_markets_are_no_battlefield(sentence):
    assert "ASSAULT" not in _types(sentence), sentence


@pytest.mark.parametrize(
    ("sentence", "actor_sector"),
    [
        ("Protesters stormed the parliament building in Colombo.", None),
        ("Troops stormed the rebel stronghold on Monday.", "MIL"),
        ("Fans stormed the pitch and attacked the referee.", None),
        ("Rival cartels are fighting over the drug market in Sinaloa.", "CRM"),
        ("Rebels fought for control of the town.", "REB"),
    ],
)
def test_storming_a_building_and_fighting_for_ground_are_still_assaults(sentence, actor_sector):
    assault = next(e for e in _events(sentence) if e.type == "ASSAULT")
    if actor_sector:
        assert assault.actor is not None and assault.actor.sector == actor_sector


def test_with_column_reads_roles_and_joined_tests():
    tests = TriggerSenses.packaged().parse_with(
        "by@critic&!@target|obj@settlement|!for@prize|!obj@settlement&by@abstract", "x"
    )
    joined, by_object = tests.requires
    assert joined.kind == "all"
    assert [(part.role, negated) for part, negated in joined.parts] == [("by", False), ("", True)]
    assert by_object.role == "obj"
    assert [t.role or t.kind for t in tests.excludes] == ["for", "all"]


def test_a_role_that_is_no_word_is_an_error_naming_the_row():
    with pytest.raises(ResourceError, match=r"triggers.tsv:9: '1x' before @critic"):
        TriggerSenses.packaged().parse_with("1x@critic", "triggers.tsv:9")


@pytest.mark.parametrize(
    "sentence",
    [
        "Fans attacked the referee after the match, police said.",
        "Rival supporters attacked each other after the derby, injuring 12 people.",
        "Hooligans stabbed a fan outside the stadium before the league match.",
        "Police fired tear gas at fans who rioted after the championship final.",
    ],
)
def test_violence_at_a_game_is_still_violence(sentence):
    assert {"ASSAULT", "COERCE", "PROTEST"} & set(_types(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "The home side attacked from the first whistle.",
        "The visiting side attacked in waves before the final whistle.",
        "The away side shot from distance twice in the first half.",
        "The home side were killed off in stoppage time.",
    ],
)
def test_two_word_sport_phrases_mark_a_game(sentence):
    assert not {"ASSAULT"} & set(_types(sentence))


# --- Kind 2b: business news and whole match reports told in the words of war ------


@pytest.mark.parametrize(
    "sentence",
    [
        "Lumen unveiled a smartphone that will help it fight back against Apple and "
        "Chinese rivals in a shrinking market.",
        "The retailer is fighting back against online competitors as its profits fall.",
        "The start-up plans to attack the premium end of the market with cheaper products.",
        "The carmaker was hit hard by falling sales and shrinking margins in China.",
        "Investors fear the brand will be killed off by cheaper rivals and weak sales.",
    ],
)
def test_business_news_in_the_words_of_war_is_no_assault(sentence):
    assert "ASSAULT" not in _types(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Drone strikes hit the Aramco refinery, and the company's shares fell 3 percent as "
        "investors fled.",
        "Gunmen attacked a bank in Lagos, killing two guards, as shares in the lender fell.",
        "Protesters looted shops and attacked the offices of the retailer, whose sales had "
        "slumped.",
        "Militants bombed a pipeline of the firm, sending its shares and its revenue down.",
    ],
)
def test_violence_against_a_firm_is_still_violence(sentence):
    assert "ASSAULT" in _types(sentence)


MATCH_REPORT = """Port Kembla City lost 3-0 to Riverina Rovers at Jubilee Oval on Saturday,
their fourth league defeat in a row, with striker Tom Hale scoring twice.

Hale headed in from a corner before half-time, and substitute Sam Oduya added a third
from a free kick in the second half. Goalkeeper Luke Brandt was sent off late on.

"They bombarded our box with crosses in the first half and we never recovered," said
the City coach. "My defenders have to look at themselves. We were slaughtered out there."

"We hunt together. When we lose the ball, everybody attacks it," the Rovers coach said.
"{violent}"
"""


def test_a_match_report_tells_no_violence_in_its_quotes():
    events = _events(MATCH_REPORT.replace('"{violent}"\n', ""))
    assert [e.type for e in events if e.type == "ASSAULT"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "After the match, fans attacked the team bus with stones, injuring two players.",
        "A bomb exploded outside the stadium after the game, police said.",
        "Gunmen shot dead a referee outside his home in Wollongong on Monday.",
        "Police fired tear gas at fans who stormed the pitch after the final whistle.",
    ],
)
def test_violence_told_in_a_match_report_is_still_coded(sentence):
    events = _events(MATCH_REPORT.replace("{violent}", sentence))
    assert {"ASSAULT", "COERCE"} & {e.type for e in events}


# --- Kind 2c: verbal attacks on what someone calls a process; contests called battles


@pytest.mark.parametrize(
    "sentence",
    [
        "Some indigenous groups have attacked what they call the commercialisation of the "
        "festival.",
        "Unions attacked what they described as the militarisation of the police.",
        "The opposition attacked what it calls the privatization of health care.",
        "Farmers attacked the privatisation of water supplies in Cochabamba.",
        "Critics attacked what they termed the centralisation of power in Abuja.",
    ],
)
def test_an_attack_on_a_process_is_criticism(sentence):
    types = _types(sentence)
    assert "ASSAULT" not in types and "ACCUSE" in types


@pytest.mark.parametrize(
    "sentence",
    [
        '"It is a battle of flavours," said one producer from Oaxaca.',
        "The battle of wills between the two ministers went on for weeks.",
        "The evening ended with a battle of the bands in the main square.",
        "A battle of ideas raged in parliament over the budget.",
    ],
)
def test_a_contest_called_a_battle_is_no_assault(sentence):
    assert "ASSAULT" not in _types(sentence)


def test_a_named_battle_is_still_an_assault():
    assert "ASSAULT" in _types("The battle of Mosul killed thousands of civilians in 2017.")


# --- Kind 4b: what an act's target was doing is a description, not an act --------------


@pytest.mark.parametrize(
    "sentence",
    [
        "An airstrike hit a school sheltering displaced families in Idlib on Monday.",
        "Gunmen attacked a convoy escorting aid trucks near Gao.",
        "Shells hit a hospital treating wounded fighters in Khan Younis.",
        "Rebels shelled a camp hosting displaced families near Goma on Sunday.",
        "A Pakistani army mortar attack hit a house sheltering a family in Kunar.",
    ],
)
def test_what_the_target_was_doing_is_no_event(sentence):
    assert _types(sentence) == ["ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The chief minister called the bombing an attack on the peace that our people "
        "fought so hard for.",
        "The minister said the strike was an attack on Iraqi sovereignty.",
        "Opposition leaders attacked the ruling as an assault on democracy.",
        "The editor called the arrests an attack on press freedom.",
        "Bishops said the law was an attack on religious liberty.",
    ],
)
def test_an_attack_on_a_value_is_no_assault(sentence):
    told = {m.trigger for e in _events(sentence) if e.type == "ASSAULT" for m in e.mentions}
    assert not told & {"attack", "assault", "fought"}  # "the bombing" is a real one


@pytest.mark.parametrize(
    "sentence",
    [
        "Angry crowds set fire to two empty houses in a village near Imphal.",
        "Protesters set fire to the parliament building in Kathmandu on Tuesday.",
        "Militants set a school ablaze near Maiduguri.",
        "A mob set fire to a police station in Dhaka.",
    ],
)
def test_setting_fire_to_something_is_an_assault(sentence):
    event = next(e for e in _events(sentence) if e.type == "ASSAULT")
    assert event.recipient is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "The engine caught fire after take-off.",
        "The comments set fire to the debate.",
        "The government set a deadline for talks.",
    ],
)
def test_other_fires_and_settings_are_no_assault(sentence):
    assert "ASSAULT" not in _types(sentence)
