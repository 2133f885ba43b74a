"""The founding article from ../shared (skipped when it is absent): metadata and offsets."""

from __future__ import annotations

import json

from newsledger.extract.ontology import PLOVER_TYPES

ARTIFACTS = ("Image not found", "---", "**", "###", "<https", "*Iraq")


def test_founding_article_metadata_clean_text_and_offsets(run_cli, founding_article, tmp_path):
    result = run_cli("extract", str(founding_article), "--published", "2024-02-09", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    article = data["article"]
    assert article["title"] == "Iraq says U.S. airstrikes push Baghdad to expel American troops"
    assert article["source"] == "Radio Habana Cuba"
    assert article["url"] == (
        "https://www.radiohc.cu/en/noticias/internacionales/"
        "346698-iraq-says-us-airstrikes-push-baghdad-to-expel-american-troops"
    )
    assert article["dateline"]["place"] == "Baghdad"
    assert (article["dateline"]["month"], article["dateline"]["day"]) == (2, 9)
    assert article["published"] == "2024-02-09"

    db = tmp_path / "f.db"
    assert run_cli("ingest", str(founding_article), "--db", str(db)).returncode == 0
    import sqlite3

    with sqlite3.connect(db) as connection:
        text, published = connection.execute("SELECT text, published FROM articles").fetchone()
    assert published is None, "no year is printed in the article: it must stay unknown"
    for artifact in ARTIFACTS:
        assert artifact not in text
    assert "end the coalition's mission" in text, "the paragraph split mid-sentence is mended"

    assert data["events"]
    for event in data["events"]:
        assert event["type"] in PLOVER_TYPES
        for mention in event["mentions"]:
            sentence = text[mention["start"] : mention["end"]]
            assert mention["trigger"] in sentence and "\n" not in sentence
    strike = [
        e
        for e in data["events"]
        if text[e["mentions"][0]["start"] :].startswith("On Wednesday, the U.S. military targeted")
    ]
    assert strike and strike[0]["type"] == "ASSAULT"


FLAGS = ("negated", "hypothetical", "generic", "historical")


def _coded(run_cli, founding_article):
    """The article's events, each with `real` (no flag) and `m` (its first mention)."""
    result = run_cli("extract", str(founding_article), "--published", "2024-02-09", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return [
        {**event, "real": not any(event[f] for f in FLAGS), "m": event["mentions"][0]}
        for event in data["events"]
    ]


def _sentence(run_cli, founding_article, tmp_path):
    import sqlite3

    db = tmp_path / "f.db"
    run_cli("ingest", str(founding_article), "--db", str(db))
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT text FROM articles").fetchone()[0]


def _country(part):
    return part["country"] if part else None


def test_founding_article_events_are_coded_as_an_analyst_would(run_cli, founding_article, tmp_path):
    events = _coded(run_cli, founding_article)
    text = _sentence(run_cli, founding_article, tmp_path)

    def in_sentence(event, opening):
        return text[event["m"]["start"] :].startswith(opening)

    call = [e for e in events if e["type"] == "CONSULT" and e["m"]["trigger"] == "conversation"]
    assert call and call[0]["real"]
    assert (_country(call[0]["actor"]), _country(call[0]["recipient"])) == ("IRQ", "USA")

    drone = [e for e in events if e["type"] == "ASSAULT" and in_sentence(e, "On Wednesday")]
    assert drone and drone[0]["real"]
    assert (_country(drone[0]["actor"]), _country(drone[0]["recipient"])) == ("USA", "IRQ")

    airstrikes = [e for e in events if e["type"] == "ASSAULT" and in_sentence(e, "The angry")]
    assert airstrikes and airstrikes[0]["real"]
    assert (_country(airstrikes[0]["actor"]), _country(airstrikes[0]["recipient"])) == (
        "USA", "IRQ"
    )  # fmt: skip

    jordan = [
        e for e in events
        if e["type"] == "ASSAULT" and "soldiers were killed in a drone attack in Jordan"
        in text[e["m"]["start"] : e["m"]["end"]]
    ]  # fmt: skip
    assert jordan and _country(jordan[0]["recipient"]) == "USA"
    assert _country(jordan[0]["actor"]) != "USA"

    statement = [e for e in events if e["type"] == "ACCUSE" and in_sentence(e, "Yahya Rasool")]
    assert statement and statement[0]["real"]
    assert (statement[0]["actor"]["country"], statement[0]["actor"]["sector"]) == ("IRQ", "GOV")
    assert _country(statement[0]["recipient"]) == "USA"

    for event in events:
        sentence = text[event["m"]["start"] : event["m"]["end"]]
        tit_for_tat = "tit-for-tat" in sentence and event["m"]["trigger"] == "attacks"
        if "disastrous consequences" in sentence or tit_for_tat:
            assert not event["real"], (event["type"], sentence)


def test_founding_article_dates_places_tolls_and_one_event_per_happening(
    run_cli, founding_article, tmp_path
):
    events = _coded(run_cli, founding_article)
    text = _sentence(run_cli, founding_article, tmp_path)

    def opening(event, words):
        return text[event["m"]["start"] :].startswith(words)

    strike = next(e for e in events if e["type"] == "ASSAULT" and opening(e, "On Wednesday"))
    assert (strike["date"], strike["date_precision"]) == ("2024-02-07", "day")
    assert strike["fatalities"]["min"] == strike["fatalities"]["max"] == 3
    assert strike["location"]["country"] == "IRQ"

    airstrikes = next(e for e in events if e["type"] == "ASSAULT" and opening(e, "The angry"))
    assert (airstrikes["date"], airstrikes["date_precision"]) == ("2024-01-29", "week")
    assert airstrikes["fatalities"]["min"] == 16 and airstrikes["fatalities"]["max"] is None
    assert airstrikes["location"]["country"] == "IRQ"

    jordan = [
        e for e in events
        if e["type"] == "ASSAULT" and e["location"] and e["location"]["country"] == "JOR"
    ]  # fmt: skip
    assert len(jordan) == 1, "the Jordan attack is one event"
    assert len(jordan[0]["mentions"]) == 2
    assert jordan[0]["fatalities"]["min"] == jordan[0]["fatalities"]["max"] == 3

    call = next(e for e in events if e["m"]["trigger"] == "conversation")
    assert (call["date"], call["date_precision"]) == ("2024-02-06", "day")
    statement = next(e for e in events if e["type"] == "ACCUSE" and opening(e, "Yahya Rasool"))
    assert statement["date"] == "2024-02-08"

    assert all(e["date"] is None or e["date"] <= "2024-02-09" for e in events)
