"""Background, negation, possibility and series on sentences we wrote: history told in
a news story is flagged and dated in its own time, denied or feared events are not
happenings, and an event ranked in a series is generic. Published 2024-03-01 (a
Friday) unless said."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract import extract
from newsledger.extract.time import resolve_date
from newsledger.ingest.layout import Hints, build_article

PUBLISHED = date(2024, 3, 1)
FLAGS = ("negated", "hypothetical", "generic", "historical")


def _events(body: str, title: str | None = None):
    text = f"{title}\n\n{body}" if title else body
    hints = Hints(published=PUBLISHED, published_from="option", has_headline=title is not None)
    return extract(build_article(text, "test.txt", hints)).events


def _with_trigger(events, trigger: str):
    found = [e for e in events if any(m.trigger == trigger for m in e.mentions)]
    assert found, [(e.type, [m.trigger for m in e.mentions]) for e in events]
    return found[0]


def _flagged(event) -> bool:
    return any(getattr(event, flag) for flag in FLAGS)


# -- 1. background and history -----------------------------------------------------------

MEMORIAL_TITLE = "Hundreds gather for market bombing memorial"
MEMORIAL_BODY = (
    "Hundreds of people gathered in Kabul on Friday for a memorial to the victims of a "
    "bombing ten years ago that killed 45 people at a market."
)


def test_a_bombing_remembered_at_a_memorial_is_one_historical_event_of_its_own_year():
    assaults = [e for e in _events(MEMORIAL_BODY, MEMORIAL_TITLE) if e.type == "ASSAULT"]
    assert len(assaults) == 1, [[m.trigger for m in e.mentions] for e in assaults]
    bombing = assaults[0]
    assert {m.trigger for m in bombing.mentions} == {"bombing", "killed"}
    assert bombing.historical
    assert (bombing.date, bombing.date_precision) == ("2014-01-01", "year")
    assert bombing.fatalities.min == 45


@pytest.mark.parametrize(
    ("sentence", "history", "day", "precision", "news", "news_day"),
    [
        ("Survivors of the 2014 bombing protested outside parliament in Kabul on Monday.",
         "bombing", "2014-01-01", "year", "protested", "2024-02-26"),
        ("Relatives of the victims of the bombing in 2009 rallied in Lahore on Tuesday.",
         "bombing", "2009-01-01", "year", "rallied", "2024-02-27"),
        ("Veterans of last decade's war marched through Baghdad on Wednesday.",
         "war", None, None, "marched", "2024-02-28"),
        ("Thousands attended a memorial in Beirut on Sunday for the victims of the port "
         "explosion.", "explosion", None, None, None, None),
        ("Mourners in Srebrenica marked the anniversary of the 1995 massacre on Thursday.",
         "massacre", "1995-01-01", "year", None, None),
        ("Mourners in Srebrenica marked the anniversary of the massacre on Thursday.",
         "massacre", None, None, None, None),
    ],
)  # fmt: skip
def test_a_time_on_an_event_noun_is_that_events_not_the_main_verbs(
    sentence, history, day, precision, news, news_day
):
    events = _events(sentence)
    past = _with_trigger(events, history)
    assert past.historical
    assert (past.date, past.date_precision) == (day, precision)
    if news is not None:
        current = _with_trigger(events, news)
        assert not _flagged(current)
        assert (current.date, current.date_precision) == (news_day, "day")


@pytest.mark.parametrize(
    ("sentence", "trigger", "day", "actor", "killed"),
    [
        ("Two decades ago, rebels massacred 300 villagers near Bunia.",
         "massacred", "2004-01-01", "COD", 300),
        ("Rebels massacred 300 villagers near Bunia two decades ago.",
         "massacred", "2004-01-01", "COD", 300),
        ("Militants attacked the town of Kidal 15 years ago, killing dozens.",
         "attacked", "2009-01-01", "MLI", None),
        ("Two years ago, Russian troops shelled the city of Kharkiv.",
         "shelled", "2022-01-01", "RUS", None),
        ("In 2009, Sri Lankan forces shelled a hospital in Puthukkudiyiruppu.",
         "shelled", "2009-01-01", "LKA", None),
        ("The 2019 attack on the Christchurch mosques killed 51 people.",
         "killed", "2019-01-01", None, 51),
    ],
)  # fmt: skip
def test_years_ago_and_old_years_date_the_event_and_flag_it_historical(
    sentence, trigger, day, actor, killed
):
    event = _with_trigger(_events(sentence), trigger)
    assert event.type == "ASSAULT" and event.historical
    assert (event.date, event.date_precision) == (day, "year")
    assert (event.actor.country if event.actor else None) == actor
    if killed is not None:
        assert event.fatalities.min == killed


def test_a_relative_clause_takes_the_history_of_its_noun():
    events = _events("The siege of Sarajevo, which killed more than 11,000 people, ended in 1996.")
    killing = _with_trigger(events, "killed")
    assert killing.historical and killing.fatalities.min > 11000


def test_last_year_and_since_are_not_history():
    clash = _with_trigger(_events("A year ago, protesters clashed with police in Dakar."),
                          "clashed")  # fmt: skip
    assert not clash.historical
    assert (clash.date, clash.date_precision) == ("2023-01-01", "year")
    toll = _with_trigger(
        _events("Since 2015, fighting in Yemen has killed more than 150,000 people."), "killed"
    )
    assert toll.generic and not toll.historical


def test_a_fresh_attack_stays_news_and_dated():
    attack = _with_trigger(
        _events("Gunmen attacked a police checkpoint in Kano on Monday, killing three officers."),
        "attacked",
    )
    assert not _flagged(attack)
    assert (attack.date, attack.date_precision) == ("2024-02-26", "day")
    assert attack.actor.country == "NGA" and attack.fatalities.min == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ten years ago", (date(2014, 1, 1), "year")),
        ("two decades ago", (date(2004, 1, 1), "year")),
        ("a decade ago", (date(2014, 1, 1), "year")),
        ("15 years ago", (date(2009, 1, 1), "year")),
        ("last decade", None),
    ],
)
def test_years_and_decades_ago_resolve_to_the_year(text, expected):
    assert resolve_date(text, PUBLISHED) == expected


# -- 2. negation and absence -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger", "flag"),
    [
        ("Diplomats said there was no sign of imminent fighting along the border.",
         "fighting", "negated"),
        ("Diplomats said there was no sign of imminent fighting along the border.",
         "fighting", "hypothetical"),
        ("The army denied any shelling of civilian areas near Donetsk.", "shelling", "negated"),
        ("Officials in Khartoum said there were no reports of clashes in the capital "
         "overnight.", "clashes", "negated"),
        ("The UN mission found no evidence of airstrikes on the camp.", "airstrikes",
         "negated"),
        ("Israel ruled out a ground offensive in Rafah.", "offensive", "negated"),
        ("Pakistan denied carrying out air strikes in Afghanistan.", "strikes", "negated"),
        ("The ministry dismissed reports of clashes near the Armenian border.", "clashes",
         "negated"),
        ("Moscow rejected claims of an attack on Ukrainian grain ships.", "attack",
         "negated"),
        ("Residents fear an imminent attack on the city of El Fasher.", "attack",
         "hypothetical"),
        ("Analysts warned of a possible invasion of Taiwan by China.", "invasion",
         "hypothetical"),
        ("The threat of renewed fighting hangs over South Sudan.", "fighting",
         "hypothetical"),
    ],
)  # fmt: skip
def test_denied_absent_or_feared_events_are_not_happenings(sentence, trigger, flag):
    events = _events(sentence)
    assert getattr(_with_trigger(events, trigger), flag)
    assert not [e for e in events if e.type == "ASSAULT" and not _flagged(e)]


@pytest.mark.parametrize(
    ("sentence", "trigger", "day"),
    [
        ("Police said there were no casualties after gunmen attacked a checkpoint in Kano "
         "on Monday.", "attacked", "2024-02-26"),
        ("Police said no one was hurt when gunmen attacked a bank in Lagos on Tuesday.",
         "attacked", "2024-02-27"),
    ],
)  # fmt: skip
def test_no_casualties_does_not_negate_the_attack_it_reports(sentence, trigger, day):
    attack = _with_trigger(_events(sentence), trigger)
    assert not _flagged(attack)
    assert attack.date == day and attack.actor.country == "NGA"


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Hamas denied responsibility for the attack on the convoy near Khan Younis.", "attack"),
        ("Investigators found evidence of a massacre in the village of Bucha.", "massacre"),
        ("Niger's junta rejected an appeal from the African Union to free the president.",
         "appeal"),
    ],
)  # fmt: skip
def test_denying_responsibility_finding_evidence_or_turning_down_negates_nothing(sentence, trigger):
    assert not _with_trigger(_events(sentence), trigger).negated


# -- 3. series and counts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger", "event_type"),
    [
        ("The kidnapping is the third in the area this month.", "kidnapping", "ASSAULT"),
        ("Saturday's bombing in Mogadishu was the latest in a series of attacks by "
         "al-Shabaab.", "bombing", "ASSAULT"),
        ("Saturday's bombing in Mogadishu was the latest in a series of attacks by "
         "al-Shabaab.", "attacks", "ASSAULT"),
        ("It was the second abduction of aid workers in Darfur this year.", "abduction",
         "ASSAULT"),
        ("A string of kidnappings has shaken the northern state of Zamfara.", "kidnappings",
         "ASSAULT"),
        ("A wave of arrests swept Tehran after the protests.", "arrests", "COERCE"),
        ("The raid on Jenin was the fourth this week, the Palestinian health ministry said.",
         "raid", "ASSAULT"),
        ("The assassination was the 3rd in Haiti since January.", "assassination",
         "ASSAULT"),
    ],
)  # fmt: skip
def test_an_event_in_a_series_is_generic(sentence, trigger, event_type):
    event = _with_trigger(_events(sentence), trigger)
    assert event.type == event_type and event.generic


def test_a_record_or_a_first_is_no_series():
    bombing = _with_trigger(
        _events("The bombing was the second deadliest in the history of Pakistan."), "bombing"
    )
    assert not bombing.generic
    shelling = _with_trigger(
        _events("The shelling of Kherson on Sunday was the first in weeks."), "shelling"
    )
    assert not shelling.generic


def test_the_reported_attack_stays_news_when_the_next_sentence_ranks_it():
    events = _events(
        "Rebels attacked a convoy near Goma on Monday. It was the latest such attack in North Kivu."
    )
    attack = _with_trigger(events, "attacked")
    assert not _flagged(attack) and attack.date == "2024-02-26"
    assert _with_trigger(events, "attack").generic


# -- 4. totals, spans and slogans ----------------------------------------------------------


def _unflagged_assaults(events):
    return [e for e in events if e.type == "ASSAULT" and not _flagged(e)]


@pytest.mark.parametrize(
    ("sentence", "trigger", "event_type"),
    [
        # the type of the two "according to UN data/figures" tolls is left out: the trigger
        # senses read "data" and "figures" as what is killed (REJECT)
        ("Nearly 400 civilians have been killed and 25,000 uprooted since the war broke "
         "out, according to UN data.", "killed", None),
        ("Nearly 400 civilians have been killed and 25,000 uprooted since the war broke "
         "out, according to UN data.", "war", "ASSAULT"),
        ("At least 1,200 people have been killed in Haiti this year, the UN said.", "killed",
         "ASSAULT"),
        ("The insurgency has killed more than 40,000 people across the Sahel.", "killed",
         "ASSAULT"),
        ("Over 90 aid workers have been killed, according to UN figures.", "killed", None),
        ("Hundreds of civilians have been killed in attacks by the Allied Democratic Forces "
         "in North Kivu.", "killed", "ASSAULT"),
        ("Russian missile strikes have killed more than 10,000 civilians in Ukraine, the UN "
         "says.", "killed", "ASSAULT"),
    ],
)  # fmt: skip
def test_a_toll_summed_over_a_conflict_is_generic(sentence, trigger, event_type):
    events = _events(sentence)
    toll = _with_trigger(events, trigger)
    assert toll.generic and toll.date_precision != "day"  # "this year" may date the total
    if event_type is not None:
        assert toll.type == event_type
    assert not _unflagged_assaults(events)


@pytest.mark.parametrize(
    ("sentence", "killed", "recipient", "day"),
    [
        ("At least 15 people have been killed in a suicide bombing at a market in "
         "Maiduguri, police said.", 15, ("NGA", None), None),
        ("Two peacekeepers have been killed in an ambush near Bangassou on Sunday.", 2,
         ("CAF", "MIL"), "2024-02-25"),
        ("Gunmen have killed nine worshippers at a church in Kaduna state, police said.", 9,
         ("NGA", None), None),
        ("Six people have been killed after a bomb exploded on a bus in Quetta.", 6, None,
         None),
        ("A roadside bomb has killed four soldiers in Balochistan.", 4, ("PAK", "MIL"), None),
        ("Five people have been killed overnight in Kano.", 5, ("NGA", None), "2024-03-01"),
        ("Three people have been killed in Monday's attack on a bus in Kano.", 3,
         ("NGA", None), "2024-02-26"),
    ],
)  # fmt: skip
def test_a_perfect_toll_tied_to_a_day_an_act_or_a_doer_stays_one_happening(
    sentence, killed, recipient, day
):
    events = _events(sentence)
    toll = _with_trigger(events, "killed")
    assert toll.type == "ASSAULT" and not _flagged(toll)
    assert toll.fatalities.min == killed and toll.date == day
    if recipient is not None:
        assert (toll.recipient.country, toll.recipient.sector) == recipient


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Eastern Burkina Faso has been ravaged by jihadist attacks for almost a decade.",
         "attacks"),
        ("The two militias have clashed over the mines since 2021.", "clashed"),
        ("Farmers said the village was rebuilt only last year after decades of fighting.",
         "fighting"),
        ("Gangs have attacked the suburbs of Cap-Haitien for years.", "attacked"),
        ("Kachin state has seen fighting between the army and rebels for more than 60 years.",
         "fighting"),
        ("Shelling has pounded the border villages over the past two years.", "pounded"),
    ],
)  # fmt: skip
def test_violence_over_years_is_generic_and_takes_no_date_from_its_span(sentence, trigger):
    events = _events(sentence)
    span = _with_trigger(events, trigger)
    assert span.type == "ASSAULT" and span.generic
    assert span.date is None  # not 2021 from "since 2021", nor the rebuilding's year
    assert not _unflagged_assaults(events)


def test_a_span_gives_the_actor_no_other_reading():
    gangs = _with_trigger(_events("Gangs have attacked the suburbs of Cap-Haitien for years."),
                          "attacked")  # fmt: skip
    assert (gangs.actor.country, gangs.actor.sector) == ("HTI", "CRM")
    assert (gangs.recipient.country, gangs.recipient.sector) == ("HTI", "CVL")


@pytest.mark.parametrize(
    ("sentence", "trigger", "event_type", "day"),
    [
        ("It was the deadliest attack on the city in recent years.", "attack", "ASSAULT",
         None),
        ("A court jailed the militia leader for 20 years.", "jailed", "COERCE", None),
        ("Three days of fighting left 40 people dead in Tripoli.", "fighting", "ASSAULT",
         None),
        ("Rebels have held the town since Saturday's attack.", "attack", "ASSAULT",
         "2024-02-24"),
    ],
)  # fmt: skip
def test_a_record_a_term_a_battle_or_a_starting_point_is_no_span(
    sentence, trigger, event_type, day
):
    event = _with_trigger(_events(sentence), trigger)
    assert event.type == event_type and not _flagged(event)
    assert event.date == day


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ('Students in Dhaka waved banners reading "Stop the airstrikes".', "airstrikes"),
        ('"Stop killing us," women chanted outside the governor\'s office in Jos.', "killing"),
        ("Thousands marched in Nairobi, renewing calls to end the killings of protesters.",
         "killings"),
        ('"End the shelling now!" read a sign held by a girl in Kharkiv.', "shelling"),
        ('Mothers of conscripts in Moscow held placards saying "Halt the war".', "war"),
    ],
)  # fmt: skip
def test_violence_a_slogan_or_a_demand_wants_stopped_is_hypothetical(sentence, trigger):
    events = _events(sentence)
    demanded = _with_trigger(events, trigger)
    assert demanded.type == "ASSAULT" and demanded.hypothetical
    assert not _unflagged_assaults(events)


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Soldiers halted the assault on the town after two hours.", "assault"),
        ("Mediators failed to end the clashes in Tripoli.", "clashes"),
        ("Troops stopped the attack on the convoy near Goma.", "attack"),
        ("The truce ended the fighting in Gaza on Friday.", "fighting"),
    ],
)
def test_violence_someone_stopped_or_failed_to_stop_happened(sentence, trigger):
    event = _with_trigger(_events(sentence), trigger)
    assert event.type == "ASSAULT" and not _flagged(event)


@pytest.mark.parametrize(
    ("sentence", "trigger", "day", "historical"),
    [
        ("The raid was the deadliest in Borno since January, when insurgents killed 20 "
         "farmers near Damboa.", "killed", "2024-01-01", False),
        ("Tigray has been scarred by violence since November 2020, when fighting erupted "
         "between federal troops and the TPLF.", "fighting", "2020-11-01", True),
    ],
)  # fmt: skip
def test_an_act_told_at_the_start_of_a_span_takes_that_time(sentence, trigger, day, historical):
    events = _events(sentence)
    then = _with_trigger(events, trigger)
    assert then.type == "ASSAULT" and then.date == day and then.historical == historical
    assert not (then.generic or then.hypothetical or then.negated)


def test_the_act_a_span_is_counted_from_is_not_dated_by_the_span():
    raid = _with_trigger(
        _events("The raid was the deadliest in Borno since January, when insurgents killed "
                "20 farmers near Damboa."), "raid",
    )  # fmt: skip
    assert raid.date is None and not _flagged(raid)


@pytest.mark.parametrize(
    "body",
    [
        "Three soldiers have been killed in Kidal, the army said.",
        "Twelve people have been killed in Mogadishu, police said.",
        "Five civilians have been killed near Kharkiv, the governor said.",
        "Two aid workers have been killed outside Goma, the UN said.",
    ],
)
def test_a_perfect_toll_at_one_named_place_is_a_happening(body):
    events = _events(body)
    assert _unflagged_assaults(events), [(e.type, e.generic) for e in events]


@pytest.mark.parametrize(
    "body",
    [
        "More than 250 people have been killed, according to government figures.",
        "Hundreds of people have been killed in Darfur, according to the UN.",
        "Thousands of civilians have been killed in the region, according to local groups.",
        "At least 400 people have been killed this year, according to the ministry.",
    ],
)
def test_an_attributed_aggregate_is_a_generic_assault_not_a_rejection(body):
    events = _events(body)
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].generic


# -- acts counted by the dozen: a campaign, not one happening -----------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        (
            "Diplomats feared a return to the cycle of 2022, when armed groups launched "
            "more than 150 attacks on foreign forces in Iraq and Syria.",
            "attacks",
        ),
        ("Militants carried out dozens of attacks on police posts in Borno last year.", "attacks"),
        ("Hundreds of raids were carried out by the army in Kachin State in 2023.", "raids"),
        ("Rebels have staged more than 40 ambushes on army convoys since January.", "ambushes"),
        ("The air force flew 300 air strikes against Shabaab camps in Somalia in 2023.", "strikes"),
    ],
)
def test_acts_counted_by_the_dozen_are_generic(sentence, trigger):
    assert _with_trigger(_events(sentence), trigger).generic


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The army launched 12 air strikes on rebel positions in Idlib on Sunday.", "strikes"),
        ("Gunmen killed three people in two attacks in Zamfara on Monday.", "killed"),
        ("Two suicide bombings killed 30 people at a market in Maiduguri on Tuesday.", "killed"),
        ("Three rockets hit the Ain al-Asad base overnight.", "hit"),
    ],
)
def test_a_few_acts_or_one_day_of_them_stay_happenings(sentence, trigger):
    assert not _flagged(_with_trigger(_events(sentence), trigger))


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Isulan has been targeted before.", "targeted"),
        ("The village was previously attacked by bandits.", "attacked"),
        ("The convoy route has been ambushed before, officials said.", "ambushed"),
        ("Militants have previously kidnapped aid workers in the district.", "kidnapped"),
    ],
)
def test_an_act_told_of_earlier_unnamed_times_is_generic(sentence, trigger):
    assert _with_trigger(_events(sentence), trigger).generic


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Gunmen attacked the village two days before, residents said.", "attacked"),
        ("Rebels attacked the town before dawn on Monday.", "attacked"),
    ],
)
def test_a_day_before_or_before_dawn_is_still_a_happening(sentence, trigger):
    assert not _with_trigger(_events(sentence), trigger).generic


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The shooting never stopped, one witness said.", "shooting"),
        ("The fighting did not end until dawn.", "fighting"),
        ("The shelling did not stop for three days.", "shelling"),
        ("The clashes have not ceased since Monday.", "clashes"),
    ],
)
def test_a_stopping_denied_leaves_the_act_told(sentence, trigger):
    assert not _with_trigger(_events(sentence), trigger).negated
