"""One event per happening: mentions of one happening in an article merge."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from newsledger.extract import extract
from newsledger.ingest.layout import build_article

THREE_MENTIONS = (
    "Kirkuk, March 15 (IQW) -- A car bomb exploded near a police station in Kirkuk on "
    "Monday, killing five people and wounding dozens, police said.\n\n"
    "The bombing was the deadliest in the city this year. Local officials blamed "
    "Islamic State militants.\n\n"
    "Police said the Kirkuk attack was carried out by a suicide bomber who drove a "
    "stolen car.\n"
)


def _events(text: str):
    article = replace(build_article(text, "test.txt"), published=date(2024, 3, 15))
    return extract(article).events


def test_a_happening_mentioned_three_times_is_one_event_with_its_best_facts():
    assaults = [e for e in _events(THREE_MENTIONS) if e.type == "ASSAULT"]
    assert len(assaults) == 1
    event = assaults[0]
    assert [m.trigger for m in event.mentions] == ["exploded", "bombing", "attack"]
    assert (event.date, event.date_precision) == ("2024-03-11", "day")
    assert (event.location.name, event.location.precision) == ("Kirkuk", "place")
    assert (event.fatalities.min, event.fatalities.max) == (5, 5)
    assert event.injuries.min == 24


def test_attacks_in_different_places_stay_apart():
    assaults = [
        e
        for e in _events(
            "Rebels attacked an army post in Goma on Monday. "
            "The attack in Bunia on Tuesday killed four soldiers."
        )
        if e.type == "ASSAULT"
    ]
    assert len(assaults) == 2
    assert {e.location.name for e in assaults} == {"Goma", "Bunia"}


# -- one record per happening, by kind (issue 10) ----------------------------------------


def _article(body: str, published: str = "2024-03-01", title: str | None = None):
    from newsledger.ingest.layout import Hints

    text = f"{title}\n\n{body}" if title else body
    hints = Hints(
        published=date.fromisoformat(published), published_from="option", has_headline=bool(title)
    )
    return build_article(text, "test.txt", hints)


def _assaults(body: str, published: str = "2024-03-01", title: str | None = None):
    """The unflagged ASSAULT records of an article."""
    events = extract(_article(body, published, title)).events
    return [
        e for e in events
        if e.type == "ASSAULT" and not (e.negated or e.hypothetical or e.generic or e.historical)
    ]  # fmt: skip


@pytest.mark.parametrize(
    "body, place, day, killed",
    [
        ("Gunmen from the Korvali Brigade attacked a police checkpoint in Kirkuk on Monday. "
         "Two officers were killed in the assault.", "Kirkuk", "2024-02-26", 2),
        ("Suspected jihadists attacked a village in Borno on Friday. At least 12 people were "
         "killed in the attack, officials said.", "Borno", "2024-03-01", 12),
        ("Rebels ambushed a convoy near Bunia on Sunday. Three peacekeepers were killed in "
         "the ambush, the UN mission said.", "Bunia", "2024-02-25", 3),
        ("Militia fighters raided a market in Butembo on Tuesday. Five traders died in the "
         "raid.", "Butembo", "2024-02-27", 5),
        ("Insurgents attacked an army post outside Gao on Wednesday. Four soldiers were killed "
         "during the attack, the army said.", "Gao", "2024-02-28", 4),
    ],
)  # fmt: skip
def test_a_restatement_is_the_same_happening(body, place, day, killed):
    (event,) = _assaults(body)
    assert event.location.name == place
    assert event.date == day
    assert event.fatalities.min == killed
    assert len(event.mentions) == 2


@pytest.mark.parametrize(
    "title, body, place, killed",
    [
        ("Gunmen attack Mogadishu hotel, 15 killed",
         "Gunmen stormed a hotel in Mogadishu early Sunday, leaving 15 people dead, police "
         "said.", "Mogadishu", 15),
        ("Car bomb kills six in Kirkuk",
         "A car bomb exploded outside a police station in Kirkuk on Monday, killing six "
         "people, officials said.", "Kirkuk", 6),
        ("Rebels raid village in eastern Congo, nine dead",
         "Rebels attacked the village of Kipupu near Uvira on Thursday and killed nine "
         "people, local officials said.", None, 9),
        ("Drone strike on Taiz market kills 12",
         "A drone struck a crowded market in Taiz on Tuesday, killing at least 12 people.",
         "Taiz", 12),
        ("Militants storm army base in Niger",
         "Militants stormed an army base near Tillaberi on Saturday and killed seven "
         "soldiers, the defence ministry said.", "Tillaberi", 7),
    ],
)  # fmt: skip
def test_the_headline_is_not_counted_again(title, body, place, killed):
    (event,) = _assaults(body, title=title)
    assert event.fatalities.min == killed
    assert any(m.start >= len(title) for m in event.mentions), "the body's mention joins it"
    if place:
        assert event.location.name == place


@pytest.mark.parametrize(
    "body, place, killed",
    [
        ("A senior commander of the Velmar Front was killed in a drone strike that hit his "
         "car in Baghdad late Wednesday.", "Baghdad", 1),
        ("Two people died in an air raid that struck a market in Idlib on Monday.", "Idlib", 2),
        ("Five soldiers were killed in an ambush that targeted their patrol near Kidal on "
         "Sunday.", "Kidal", 5),
        ("Three people were killed in Israeli air strikes targeting Beirut on Friday.",
         "Beirut", 3),
        ("Four civilians were killed by shelling that hit a school in Donetsk on Tuesday.",
         "Donetsk", 4),
    ],
)  # fmt: skip
def test_one_act_in_one_sentence_is_one_event(body, place, killed):
    (event,) = _assaults(body)
    assert event.location.name == place
    assert event.fatalities.min == killed


@pytest.mark.parametrize(
    "published, body, day, place, killed",
    [
        ("2024-05-02", "Gunmen opened fire on a bus carrying pilgrims in Balochistan on Sunday, "
         "and nine passengers died in the attack, officials said. Two more died in hospital "
         "overnight, raising the toll to 11.", "2024-04-28", "Balochistan", 11),
        ("2024-05-02", "A suicide bomber struck a mosque in Peshawar on Friday, killing 20 "
         "worshippers. The death toll rose to 27 on Saturday, hospital officials said.",
         "2024-04-26", "Peshawar", 27),
        ("2024-05-02", "Rebels attacked a displacement camp near Goma on Monday, killing "
         "eight people. Four more bodies were found on Tuesday, bringing the toll to 12.",
         "2024-04-29", "Goma", 12),
        ("2024-05-02", "A car bomb exploded in a busy street in Mogadishu on Tuesday, killing "
         "five people. By Wednesday the number of dead had risen to nine, police said.",
         "2024-04-30", "Mogadishu", 9),
        ("2024-05-02", "Jets bombed a market in Sudan's North Kordofan on Monday, killing 30 "
         "people. The toll later climbed to 41, a local rights group said.", "2024-04-29",
         None, 41),
    ],
)  # fmt: skip
def test_a_toll_update_raises_the_toll_of_the_happening(published, body, day, place, killed):
    (event,) = _assaults(body, published)
    assert event.date == day
    assert event.fatalities.min == killed
    if place:
        assert event.location.name == place


@pytest.mark.parametrize(
    "published, body, place, country",
    [
        ("2024-08-21", "KYIV, Aug 21 (Wire) -- Russian shelling near a village west of Donetsk "
         "killed two soldiers overnight, the Ukrainian military said.", "Donetsk", "UKR"),
        ("2024-08-21", "NAIROBI, Aug 21 (Wire) -- Al-Shabaab fighters attacked a police post "
         "in Mandera on Tuesday, killing three officers.", "Mandera", "KEN"),
        ("2024-08-21", "BEIRUT, Aug 21 (Wire) -- An Israeli drone strike on a car near Tyre "
         "killed two men on Tuesday, Lebanese state media said.", "Tyre", "LBN"),
        ("2024-08-21", "BANGKOK, Aug 21 (Wire) -- Airstrikes hit a village in Myanmar's Shan "
         "state on Monday, killing 11 people, residents said.", None, "MMR"),
        ("2024-08-21", "ABUJA, Aug 21 (Wire) -- Gunmen killed 14 farmers in an attack on a "
         "village in Zamfara state on Monday, police said.", "Zamfara", "NGA"),
    ],
)  # fmt: skip
def test_the_dateline_is_where_the_reporter_is_not_the_happening(published, body, place, country):
    (event,) = _assaults(body, published)
    assert event.location.precision != "dateline"
    assert event.location.country == country
    if place:
        assert event.location.name == place


@pytest.mark.parametrize(
    "title, body, place",
    [
        ("Three soldiers killed in attack on army base near Mosul",
         "BAGHDAD, March 1 (Wire) -- Three soldiers were killed on Sunday when gunmen attacked "
         "their base, the army said.", "Mosul"),
        ("Landmine kills four herders in Mali's Mopti region",
         "BAMAKO, March 1 (Wire) -- A landmine exploded under a cart on Tuesday, killing four "
         "herders, local officials said.", "Mopti"),
        ("Bomb blast hits Quetta market",
         "ISLAMABAD, March 1 (Wire) -- A bomb exploded in a crowded market on Wednesday, "
         "wounding 15 people, police said.", "Quetta"),
        ("Two killed as rockets hit Kharkiv",
         "KYIV, March 1 (Wire) -- Rockets struck a residential district overnight, killing "
         "two people, the governor said.", "Kharkiv"),
    ],
)  # fmt: skip
def test_an_act_with_no_place_of_its_own_takes_the_headlines(title, body, place):
    events = [e for e in _assaults(body, title=title) if e.mentions[-1].start >= len(title)]
    assert events and all(e.location.name == place for e in events)
    assert all(e.location.precision != "dateline" for e in events)


@pytest.mark.parametrize(
    "body, actor",
    [
        ("Ghana protested on Monday against cross-border shelling that killed two farmers in "
         "the Bawku district.", "GHA"),
        ("Moscow protested against the expulsion of its diplomats from Latvia.", "RUS"),
        ("The Foreign Ministry of Chile protested to Bolivia over the border incident.", "CHL"),
        ("The United Nations protested against the closure of the Rafah crossing.", "IGO"),
        ("India lodged a strong protest with Pakistan over the shelling in Kashmir.", "IND"),
    ],
)  # fmt: skip
def test_a_states_protest_is_accuse_not_protest(body, actor):
    events = extract(_article(body)).events
    assert not [e for e in events if e.type == "PROTEST"]
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and accuse[0].actor.country == actor


@pytest.mark.parametrize(
    "body",
    [
        "Thousands of Kenyans protested in Nairobi on Monday against tax rises.",
        "Students protested outside parliament in Dhaka on Tuesday.",
        "Farmers in Punjab protested against the new grain prices on Friday.",
    ],
)
def test_people_in_the_street_still_protest(body):
    assert [e.type for e in extract(_article(body)).events][:1] == ["PROTEST"]


@pytest.mark.parametrize(
    "body",
    [
        "A car bomb exploded near a market in Kirkuk on Monday, killing six people. Eleven "
        "others were wounded, two of them seriously.",
        "Gunmen attacked a bus on the road to Quetta on Friday. The passengers were shot at "
        "close range, a survivor told reporters.",
        "Rebels stormed the village of Kamango in North Kivu on Sunday. They burned dozens of "
        "houses and abducted 20 people, local officials said.",
        "Jets struck a fuel depot in Hodeidah on Thursday. Firefighters fought the blaze for "
        "hours after the strike destroyed three storage tanks.",
        "Militants ambushed a patrol near Tillaberi on Tuesday. Seven soldiers were wounded, "
        "the army said.",
    ],
)
def test_a_story_that_goes_on_telling_the_happening_is_one_record(body):
    assert len(_assaults(body)) == 1


@pytest.mark.parametrize(
    "body",
    [
        "A car bomb killed six people near a market in Kirkuk on Monday. Another bomb killed "
        "two people an hour later outside a police station.",
        "Rebels attacked a convoy near Butembo on Sunday. In a separate attack, gunmen killed "
        "three farmers.",
        "Drones struck an army post near Kharkiv overnight. A second strike hit a power plant "
        "before dawn, the governor said.",
        "Gunmen shot dead a judge in Tegucigalpa on Monday. An earlier attack had wounded his "
        "bodyguard.",
        "Gunmen attacked a bus near Quetta on Monday. They attacked again on Tuesday, killing "
        "two passengers.",
    ],
)
def test_another_attack_is_another_record(body):
    assert len(_assaults(body)) == 2


@pytest.mark.parametrize(
    "published, body",
    [
        ("2023-06-10", 'BAMAKO (Wire) -- Two soldiers were killed on June 10, 2023, near Gao. '
         '"Last night, they attacked us," a soldier said.'),
        ("2024-03-01", 'Gunmen attacked a police post in Mandera on Thursday, killing three '
         'officers. "They came at night and attacked us from all sides," a survivor said.'),
        ("2024-03-01", 'Drones struck a fuel depot in Hodeidah on Wednesday. "They hit the '
         'tanks one after another," a worker said.'),
        ("2024-03-01", 'Militants ambushed a convoy near Kidal on Friday, wounding six '
         'soldiers. "They shot at us from the hills," one of the drivers told reporters.'),
        ("2024-03-01", 'Rebels raided the village of Kipupu on Tuesday. "They burned our '
         'houses and killed my brother," a farmer said.'),
    ],
)  # fmt: skip
def test_a_quote_that_retells_the_attack_is_not_a_second_one(published, body):
    (event,) = _assaults(body, published)
    assert event.actor is None or event.actor.text.lower() not in ("a soldier", "a survivor")
    assert len(event.mentions) >= 2


@pytest.mark.parametrize(
    "body, killed",
    [
        ("Shells hit a camp for displaced people outside El Fasher on Tuesday, killing 15 "
         "people. Thirteen of them were killed when shells struck a water point in the camp, "
         "medics said.", 15),
        ("Gunmen attacked a wedding party in Zamfara on Saturday, killing 20 guests. Two of "
         "the dead were children, police said.", 20),
        ("Rebels ambushed an army convoy near Kidal on Monday, killing nine soldiers. Three "
         "officers were among those killed, the army said.", 9),
        ("A suicide bomber struck a mosque in Peshawar on Friday, killing 27 worshippers. "
         "Five police officers guarding the mosque were killed, officials said.", 27),
    ],
)  # fmt: skip
def test_a_part_of_the_toll_is_the_same_happening_and_keeps_the_toll(body, killed):
    (event,) = _assaults(body)
    assert event.fatalities.min == killed


@pytest.mark.parametrize(
    "body",
    [
        "Rebels ambushed an army patrol in Cauca province on Tuesday. The patrol was attacked "
        "near Suarez, where fighting went on into the night.",
        "Drones struck the port of Odesa overnight. Fires broke out after a drone hit a grain "
        "terminal in Chornomorsk, the governor said.",
        "Gunmen attacked a police station in Kirkuk on Monday. They also opened fire on a "
        "checkpoint on the outskirts of Kirkuk, officials said.",
        "Militants attacked an army base in Borno state on Sunday. The attackers shelled the "
        "base in Maiduguri for two hours, the army said.",
    ],
)
def test_a_story_moving_within_one_scene_is_one_record(body):
    assert len(_assaults(body)) == 1


@pytest.mark.parametrize(
    "body, back, joins",
    [
        ("A bomb exploded at a market in Isulan on Saturday, killing three people. On Sunday, "
         "soldiers clashed with gunmen in Cotabato, killing two. The blast drew condemnation "
         "from officials.", "blast", "Isulan"),
        ("A car bomb killed five people in Kirkuk on Monday. Police later fought gunmen in "
         "Tuz Khurmatu, killing two. Officials said the explosion damaged a school.",
         "explosion", "Kirkuk"),
        ("Jets bombed a market in Idlib on Friday, killing nine. Rebels then shot dead two "
         "soldiers near Deir ez-Zor. The bombing destroyed dozens of stalls.", "destroyed",
         "Idlib"),
        ("Gunmen abducted 12 students from a school in Kaduna on Monday. Soldiers later shot "
         "two bandits near Zaria. The kidnapping was the third in the state this year.",
         None, None),
    ],
)  # fmt: skip
def test_a_mention_joins_the_happening_of_its_kind_not_just_the_latest(body, back, joins):
    events = _assaults(body)
    if back is None:  # a series ("the third this year") joins nothing
        assert all(len(e.mentions) == 1 for e in events)
        return
    (owner,) = [e for e in events if back in [m.trigger for m in e.mentions]]
    assert owner.location.name == joins


# -- a definite act noun joins the happening told with its word, keeps that day ------------

TOLD_BACK = [
    # (text, the first act's words, its day, the second act's words, its day)
    (
        "A military airstrike hit a school sheltering families in Magway on Wednesday, "
        "killing seven people. On Tuesday, fighters of the Yaw Defence Force attacked a "
        "police post in the township and killed two policemen. Residents believed the "
        "airstrike on the school was revenge for that attack.",
        ["hit", "airstrike"],
        "2024-03-13",
        ["attacked", "attack"],
        "2024-03-12",
    ),
    (
        "A U.S. drone strike hit a vehicle carrying fighters near Jilib on Friday, killing "
        "four. On Thursday, al-Shabaab fighters ambushed an army convoy in the district and "
        "killed six soldiers. Officials said the drone strike was a response to the ambush.",
        ["hit", "strike"],
        "2024-03-15",
        ["ambushed", "ambush"],
        "2024-03-14",
    ),
    (
        "Russian missiles struck an apartment block in Zaporizhzhia on Sunday, killing five "
        "people. On Saturday, Ukrainian drones attacked an oil depot in the region, the "
        "governor said. Moscow said the missile strike on the apartment block answered "
        "that attack.",
        ["struck", "strike"],
        "2024-03-10",
        ["attacked", "attack"],
        "2024-03-09",
    ),
    (
        "Air force jets bombed a bandit camp near Tsafe on Monday, killing 20 bandits. On "
        "Sunday, bandits raided a village in the area and abducted 30 people. The army said "
        "the bombing of the camp followed the raid.",
        ["bombed", "bombing"],
        "2024-03-11",
        ["raided", "raid"],
        "2024-03-10",
    ),
    (
        "Gunmen kidnapped 12 passengers from a bus near Kaduna on Thursday. On Wednesday, "
        "soldiers shot dead four suspects at a checkpoint in the state. Police said the "
        "kidnapping of the passengers was revenge for the shooting.",
        ["kidnapped", "kidnapping"],
        "2024-03-14",
        ["shot", "shooting"],
        "2024-03-13",
    ),
]


@pytest.mark.parametrize(("text", "first", "first_day", "second", "second_day"), TOLD_BACK)
def test_an_act_told_back_joins_its_own_happening_and_keeps_its_day(
    text, first, first_day, second, second_day
):
    assaults = [e for e in _events(text) if e.type == "ASSAULT"]
    told = {tuple(m.trigger for m in e.mentions): e.date for e in assaults}
    assert told == {tuple(first): first_day, tuple(second): second_day}


# -- the story goes on about the happening it told last, and about its target's parts ----

STORY_GOES_BACK = [
    (
        "KIDAL, June 4 (Wire) -- Fighters attacked an army camp in Tessalit on Tuesday, "
        "killing nine soldiers, the army said.\n\nOn Wednesday, army drones struck a "
        "rebel convoy near Anefis, about 100 kilometres to the south, the army said.\n\nA"
        " source in Tessalit said the camp's fuel depot had been destroyed. \"The soldiers"
        ' held on, but the fighting went on for hours," he said.',
        date(2024, 6, 5),
        ["attacked", "destroyed", "fighting"],
        ["struck"],
    ),
    (
        "MOGADISHU, May 8 (Wire) -- Al-Shabaab fighters stormed a police station in "
        "Afgoye on Monday, killing six officers, police said.\n\nOn Tuesday, U.S. "
        "aircraft struck a militant camp near Jilib, the U.S. military said.\n\nWitnesses"
        " in Afgoye said the station's armoury had been looted. \"They were inside for an "
        'hour and the shooting never stopped," one said.',
        date(2024, 5, 8),
        ["stormed", "looted", "shooting"],
        ["struck"],
    ),
    (
        "GOMA, March 12 (Wire) -- Rebels attacked an army base in Rutshuru on Sunday, "
        "killing four soldiers, the army said.\n\nOn Monday, the air force bombed rebel "
        "positions near Kiwanja, the army said.\n\nResidents of Rutshuru said the base's "
        'barracks had been burned. "The gunfire went on all night," said one.',
        date(2024, 3, 12),
        ["attacked", "burned", "gunfire"],
        ["bombed"],
    ),
    (
        "KHARKIV, April 9 (Wire) -- Russian troops shelled a hospital in Kupiansk on "
        "Monday, killing two nurses, regional officials said.\n\nOn Tuesday, Ukrainian "
        "drones hit an ammunition depot near Belgorod, Russian officials said.\n\nDoctors"
        " in Kupiansk said the hospital's maternity ward had been destroyed. \"The "
        'shelling went on for an hour," one said.',
        date(2024, 4, 9),
        ["shelled", "destroyed", "shelling"],
        ["hit"],
    ),
]


@pytest.mark.parametrize(("text", "published", "first", "second"), STORY_GOES_BACK)
def test_a_part_of_the_target_and_a_quote_join_the_happening_told_last(
    text, published, first, second
):
    article = replace(build_article(text, "test.txt"), published=published)
    assaults = [e for e in extract(article).events if e.type == "ASSAULT" and not e.negated]
    told = sorted([m.trigger for m in e.mentions] for e in assaults)
    assert told == sorted([first, second])


@pytest.mark.parametrize(
    "text",
    [
        "Survivors of last week's air strike on a monastery in Myanmar's Sagaing region say "
        "they had no "
        "warning. A fighter jet dropped two bombs on the monastery compound near Shwebo on "
        "March 6, killing 28 people.",
        "Residents described the attack on a school in Kaduna. Gunmen stormed the school "
        "building on Tuesday and abducted 40 pupils.",
        "Gunmen attacked a police station in Mandera on Friday. They torched the station "
        "compound and killed six officers.",
        "Militants attacked a mine near Djibo on Sunday. They set fire to the mine office "
        "and killed four guards.",
    ],
)
def test_a_target_named_again_as_part_of_a_compound_is_one_happening(text):
    violent = [e for e in _events(text) if e.type == "ASSAULT" and not e.hypothetical]
    assert len(violent) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked an army camp in Djibo on Tuesday. They seized weapons and "
        "vehicles. Two security sources put the toll at 35 soldiers.",
        "Gunmen stormed a police post near Gao on Monday, killing four officers. The "
        "attackers seized rifles and ammunition before fleeing.",
        "Al-Shabaab fighters overran a military base in Lower Shabelle on Friday. The "
        "militants seized two armoured vehicles, residents said.",
        "Bandits raided a village in Zamfara on Sunday, killing 12 people. They seized "
        "cattle and motorcycles.",
    ],
)
def test_a_seizure_told_after_an_attack_is_part_of_it(text):
    events = [e for e in _events(text) if not e.hypothetical]
    assert [e.type for e in events if e.type in ("ASSAULT", "COERCE")] == ["ASSAULT"]
    assert events[0].mode != "seize"


def test_a_town_seized_before_the_fighting_is_told_stays_its_own_act():
    types = [e.type for e in _events("Rebels seized the town of Kalehe after heavy fighting.")]
    assert "COERCE" in types


@pytest.mark.parametrize(
    "text",
    [
        "An al Qaeda-linked group attacked a military camp at Djibo on Tuesday. JNIM said "
        "its fighters had seized weapons and vehicles.",
        "Islamic State militants attacked an army base in Borno on Monday. ISWAP said its "
        "fighters seized two trucks.",
        "An al Qaeda affiliate stormed a police station near Mandera on Friday. Al-Shabaab "
        "said its fighters seized rifles.",
        "An Islamic State affiliate raided a barracks near Mocimboa da Praia on Sunday. "
        "ISCAP said its fighters seized ammunition.",
    ],
)
def test_a_group_named_by_its_network_and_by_its_name_is_one_doer(text):
    kinds = [e.type for e in _events(text) if e.type in ("ASSAULT", "COERCE")]
    assert kinds == ["ASSAULT"]


@pytest.mark.parametrize(
    ("body", "country"),
    [
        ("MAE SOT, Thailand (Wire) - A jet bombed a school in Myanmar's Sagaing region on "
         "Monday. Rescuers said the attack was the worst in Sagaing this year, after an "
         "earlier raid killed 30 people.", "MMR"),
        ("ABUJA, Nigeria (Wire) - Gunmen stormed a market in Niger's Diffa region on "
         "Monday. Elders said the raid was the worst in Diffa this year, after an earlier "
         "ambush killed 12 people.", "NER"),
    ],
)  # fmt: skip
def test_the_story_place_counts_one_name_read_two_ways(body, country):
    """A region named twice ("Sagaing region", "in Sagaing"), once read as the region
    and once as its town, is the story's place, not the foreign dateline."""
    earlier = [e for e in _assaults(body) if e.fatalities is not None]
    assert earlier and earlier[0].location is not None
    assert earlier[0].location.country == country
