"""Trends and escalation (report/trends.py): per-dyad daily and weekly counts with their
Goldstein intensity, and action-reaction chains; first on events written by hand, then on
a ledger of short articles as `newsledger report` reads it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.extract import extract
from newsledger.ledger import Filters, Ledger
from newsledger.report.data import gather
from newsledger.report.html import render_html
from newsledger.report.markdown import render_markdown
from newsledger.report.trends import DyadEvent, action_reaction_chains, dyad_trends, week_start

CONFLICT = frozenset({"verbal conflict", "material conflict"})
QUADS = {"ASSAULT": ("material conflict", -10.0), "ACCUSE": ("verbal conflict", -2.0),
         "CONSULT": ("verbal cooperation", 1.0), "AID": ("material cooperation", 7.0)}  # fmt: skip


def _event(ident: str, day: str, actor: str, recipient: str, kind: str = "ASSAULT") -> DyadEvent:
    quad, goldstein = QUADS[kind]
    return DyadEvent(ident, date.fromisoformat(day), actor, recipient, kind, quad, goldstein)


def _rows(periods) -> list[tuple]:
    return [(p.start.isoformat(), p.events, p.conflict, p.goldstein_total) for p in periods]


def _ids(chain) -> list[str]:
    return [e.id for e in chain.events]


# -- counts and intensity -----------------------------------------------------------------


def test_weeks_start_on_monday():
    assert week_start(date(2024, 5, 6)) == date(2024, 5, 6)  # a Monday
    assert week_start(date(2024, 5, 12)) == date(2024, 5, 6)  # the Sunday after
    assert week_start(date(2024, 5, 13)) == date(2024, 5, 13)


def test_daily_and_weekly_counts_with_their_goldstein_intensity():
    events = [
        _event("a", "2024-05-06", "ARM", "AZE"),
        _event("b", "2024-05-06", "ARM", "AZE", "ACCUSE"),
        _event("c", "2024-05-12", "ARM", "AZE", "CONSULT"),  # Sunday: still the first week
        _event("d", "2024-05-13", "ARM", "AZE", "AID"),
        _event("e", "2024-05-08", "AZE", "ARM"),
    ]
    first, second = dyad_trends(events, CONFLICT)
    assert (first.actor, first.recipient, first.events) == ("ARM", "AZE", 4)
    assert _rows(first.daily) == [
        ("2024-05-06", 2, 2, -12.0),
        ("2024-05-12", 1, 0, 1.0),
        ("2024-05-13", 1, 0, 7.0),
    ]
    assert _rows(first.weekly) == [("2024-05-06", 3, 2, -11.0), ("2024-05-13", 1, 0, 7.0)]
    assert first.weekly[0].goldstein_mean == pytest.approx(-11 / 3)
    assert first.goldstein_mean == pytest.approx(-4 / 4)
    assert (second.actor, second.recipient, second.events) == ("AZE", "ARM", 1)


def test_a_dyad_is_directed():
    trends = dyad_trends([_event("a", "2024-01-01", "IND", "PAK"),
                          _event("b", "2024-01-01", "PAK", "IND")], CONFLICT)  # fmt: skip
    assert {(t.actor, t.recipient) for t in trends} == {("IND", "PAK"), ("PAK", "IND")}


# -- action-reaction chains ---------------------------------------------------------------


def test_an_act_answered_within_the_window_makes_a_chain():
    events = [
        _event("a", "2024-05-06", "ARM", "AZE"),
        _event("b", "2024-05-08", "AZE", "ARM"),
        _event("c", "2024-05-10", "ARM", "AZE", "ACCUSE"),
        _event("d", "2024-05-25", "AZE", "ARM"),  # 15 days later: a new run, unanswered
    ]
    (chain,) = action_reaction_chains(events, CONFLICT, window_days=7)
    assert (chain.initiator, chain.responder, chain.reactions) == ("ARM", "AZE", 2)
    assert _ids(chain) == ["a", "b", "c"]
    assert (chain.start, chain.end) == (date(2024, 5, 6), date(2024, 5, 10))


@pytest.mark.parametrize(("window", "expected"), [(1, []), (2, [["a", "b", "c"]]),
                                                   (15, [["a", "b", "c", "d"]])])  # fmt: skip
def test_the_window_is_inclusive_and_sets_how_far_a_chain_reaches(window, expected):
    events = [
        _event("a", "2024-05-06", "ARM", "AZE"),
        _event("b", "2024-05-08", "AZE", "ARM"),
        _event("c", "2024-05-10", "ARM", "AZE"),
        _event("d", "2024-05-25", "AZE", "ARM"),
    ]
    assert [_ids(c) for c in action_reaction_chains(events, CONFLICT, window)] == expected


def test_acts_one_way_only_are_no_chain():
    events = [_event(str(n), f"2024-05-0{n}", "RUS", "UKR") for n in range(1, 6)]
    assert action_reaction_chains(events, CONFLICT, 7) == []


def test_cooperation_and_acts_within_one_country_are_left_out():
    events = [
        _event("a", "2024-05-06", "ARM", "AZE"),
        _event("b", "2024-05-07", "AZE", "ARM", "CONSULT"),  # talks answer nothing hostile
        _event("c", "2024-05-07", "SDN", "SDN"),
        _event("d", "2024-05-08", "SDN", "SDN"),
    ]
    assert action_reaction_chains(events, CONFLICT, 7) == []


def test_chains_of_several_pairs_come_longest_first():
    events = [
        _event("a", "2024-05-01", "IND", "PAK"), _event("b", "2024-05-02", "PAK", "IND"),
        _event("c", "2024-05-01", "ARM", "AZE"), _event("d", "2024-05-03", "AZE", "ARM"),
        _event("e", "2024-05-04", "ARM", "AZE", "ACCUSE"),
    ]  # fmt: skip
    assert [_ids(c) for c in action_reaction_chains(events, CONFLICT, 7)] == [
        ["c", "d", "e"], ["a", "b"],
    ]  # fmt: skip


# -- on a ledger of written articles ------------------------------------------------------

EXCHANGE = [
    ("Armenian troops shelled Azerbaijani positions near the border on Monday, the "
     "Azerbaijani defence ministry said.", "2024-05-07", "x1"),
    ("Azerbaijani forces fired artillery at Armenian villages on Wednesday, Armenia's "
     "defence ministry said.", "2024-05-09", "x2"),
    ("Armenia accused Azerbaijan on Friday of violating the ceasefire.", "2024-05-10", "x3"),
    ("The Armenian foreign minister met his Azerbaijani counterpart in Almaty on Tuesday.",
     "2024-05-14", "x4"),
    ("Azerbaijani drones struck an Armenian army post on Saturday.", "2024-05-25", "x5"),
]  # fmt: skip


@pytest.fixture(scope="module")
def exchange_ledger(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exchange") / "exchange.db"
    articles = [
        Article(text=text, source="Caucasus Wire", published=date.fromisoformat(day),
                url=f"https://caucasuswire.example/{ident}", external_id=ident)
        for text, day, ident in EXCHANGE
    ]  # fmt: skip
    with Ledger(path) as ledger:
        ledger.write([extract(article) for article in articles])
    return path


def _gather(path: Path, **options):
    with Ledger(path, read_only=True) as ledger:
        return gather(ledger.connection, Filters(), **options)


def test_the_report_counts_each_dyad_by_day_and_week(exchange_ledger):
    data = _gather(exchange_ledger)
    trends = {(t.actor, t.recipient): t for t in data.trends}
    armenia = trends[("ARM", "AZE")]
    assert _rows(armenia.daily) == [
        ("2024-05-06", 1, 1, -10.0),  # "on Monday": shelling, ASSAULT
        ("2024-05-10", 1, 1, -2.0),  # the accusation, ACCUSE
        ("2024-05-14", 1, 0, 1.0),  # the meeting, CONSULT
    ]  # fmt: skip
    assert [(p.start.isoformat(), p.events) for p in armenia.weekly] == [
        ("2024-05-06", 2), ("2024-05-13", 1),
    ]  # fmt: skip
    azerbaijan = trends[("AZE", "ARM")]
    assert [(p.start.isoformat(), p.events) for p in azerbaijan.weekly] == [
        ("2024-05-06", 1), ("2024-05-20", 1),
    ]  # fmt: skip


def test_the_report_lists_the_chain_with_the_events_behind_it(exchange_ledger):
    data = _gather(exchange_ledger)
    (chain,) = data.chains
    assert (chain.initiator, chain.responder, chain.reactions) == ("ARM", "AZE", 2)
    assert [e.day.isoformat() for e in chain.events] == ["2024-05-06", "2024-05-08",
                                                         "2024-05-10"]  # fmt: skip
    sentences = [data.evidence[e.id].sentence for e in chain.events]
    assert sentences == [text for text, _, _ in EXCHANGE[:3]]
    page = render_html(data)
    assert "ARM ⇄ AZE: 3 acts, 2 reactions, 2024-05-06 to 2024-05-10" in page
    assert 'href="https://caucasuswire.example/x2"' in page
    assert '<figure id="trend-ARM-AZE" class="trend">' in page
    text = render_markdown(data)
    assert "#### ARM ⇄ AZE: 3 acts, 2 reactions" in text


def test_reaction_days_reach_further_apart_acts(exchange_ledger):
    (chain,) = _gather(exchange_ledger, reaction_days=15).chains
    assert len(chain.events) == 4 and chain.reactions == 3
    assert _gather(exchange_ledger, reaction_days=1).chains == ()
