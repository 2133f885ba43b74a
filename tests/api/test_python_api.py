"""The Python API analysts use (issue 14): `newsledger.extract` on text, a file or an
Article, and the ledger's events, incidents and quotes as pandas DataFrames with the
export's columns and types."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

import newsledger
from newsledger.article import Article
from newsledger.errors import InputError

TEXT = "Rebels shelled Goma on Monday, killing three people, the army said."


def test_extract_takes_text_and_a_publication_day():
    result = newsledger.extract(TEXT, published="2024-03-05")
    assert [(e.type, e.date) for e in result.events] == [("ASSAULT", "2024-03-04")]
    assert result.events[0].fatalities.min == 3


def test_extract_takes_a_file_path_as_text_or_path(tmp_path):
    path = tmp_path / "goma.txt"
    path.write_text(TEXT, encoding="utf-8")
    by_str = newsledger.extract(str(path), published=date(2024, 3, 5))
    by_path = newsledger.extract(path, published=date(2024, 3, 5))
    assert [e.to_dict() for e in by_str.events] == [e.to_dict() for e in by_path.events]
    assert by_path.events[0].location.name == "Goma"


def test_extract_takes_an_article():
    article = Article(text=TEXT, published=date(2024, 3, 5))
    assert newsledger.extract(article).events[0].date == "2024-03-04"


def test_a_missing_file_given_as_a_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        newsledger.extract(Path(tmp_path / "missing.txt"))


@pytest.mark.parametrize("name", ["missing.txt", "wires/a1", "report.PDF"])
def test_one_word_that_can_only_be_a_file_name_must_exist(name):
    with pytest.raises(InputError, match="no such file"):
        newsledger.extract(name)


def test_a_string_with_spaces_is_text_even_if_it_ends_like_a_file():
    result = newsledger.extract("Read the statement in full at statement.txt")
    assert not result.events and result.article.text.endswith("statement.txt")


def test_a_datetime_publication_is_its_day_and_a_bad_one_names_published():
    when = datetime(2024, 3, 5, 10, 30)
    assert newsledger.extract(TEXT, published=when).events[0].date == "2024-03-04"
    with pytest.raises(ValueError, match="published must be a date"):
        newsledger.extract(TEXT, published="yesterday")


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory) -> Path:
    reports = [
        ("A car bomb killed 12 people at a market in Mogadishu on Monday, police said.",
         "Horn Wire", "2024-07-01"),
        ("The toll from Monday's car bombing at a Mogadishu market rose to 20, "
         '"This was a massacre," said Mayor Yusuf Hussein Jimale.', "Coast Post", "2024-07-02"),
        ("Thousands protested in Nairobi on Tuesday against new taxes.", "Lake Daily",
         "2024-07-02"),
    ]  # fmt: skip
    path = tmp_path_factory.mktemp("api") / "api.db"
    with newsledger.open(str(path)) as ledger:
        ledger.write(
            [
                newsledger.extract(Article(text=text, source=source), published=day)
                for text, source, day in reports
            ]
        )
    return path


def test_events_are_a_typed_frame_filtered_like_the_command_line(ledger_path):
    with newsledger.open(str(ledger_path), read_only=True) as ledger:
        events = ledger.events(since="2024-07-01", country="SOM", type="ASSAULT")
        everything = ledger.events()
    assert len(events) >= 2 and set(events["location_country"]) == {"SOM"}
    assert len(everything) > len(events)
    assert str(events["negated"].dtype) == "boolean"
    assert str(events["fatalities_min"].dtype) == "Int64"
    assert str(events["date"].dtype).startswith("datetime64")
    assert events["date"].min().isoformat()[:10] == "2024-07-01"
    assert events["incident"].notna().all()


def test_incidents_and_quotes_are_frames(ledger_path):
    with newsledger.open(str(ledger_path), read_only=True) as ledger:
        incidents = ledger.incidents(country="SOM")
        quotes = ledger.quotes(search="massacre")
    bombing = incidents.iloc[0]
    assert (bombing["sources"], bombing["fatalities_min"], bombing["fatalities_max"]) == (2, 12, 20)
    assert list(quotes["speaker_name"]) == ["Yusuf Hussein Jimale"]
    assert quotes["direct"].tolist() == [True]


def test_quotes_keep_their_event_ids_and_incidents_take_min_sources(ledger_path):
    with newsledger.open(str(ledger_path), read_only=True) as ledger:
        quotes = ledger.quotes()
        events = set(ledger.events(include_flagged=True)["id"])
        assert len(ledger.incidents(min_sources=2)) == 1
        assert len(ledger.incidents(min_sources=3)) == 0
    assert all(isinstance(ids, list) and set(ids) <= events for ids in quotes["events"])


@pytest.mark.parametrize(
    ("method", "filters", "error", "words"),
    [
        ("events", {"speaker": "x"}, TypeError, "unknown filter speaker"),
        ("quotes", {"type": "ASSAULT"}, TypeError, "unknown filter type"),
        ("events", {"limit": 0}, ValueError, "limit must be"),
        ("incidents", {"since": "yesterday"}, ValueError, "since must be a date"),
    ],
)
def test_a_filter_a_frame_does_not_take_is_refused(ledger_path, method, filters, error, words):
    with (
        newsledger.open(str(ledger_path), read_only=True) as ledger,
        pytest.raises(error, match=words),
    ):
        getattr(ledger, method)(**filters)


def test_an_unknown_filter_names_the_filters_there_are(ledger_path):
    with (
        newsledger.open(str(ledger_path), read_only=True) as ledger,
        pytest.raises(TypeError, match="unknown filter contry.*country"),
    ):
        ledger.events(contry="SOM")
