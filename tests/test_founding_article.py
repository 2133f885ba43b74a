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
