"""The contract's records read back from their JSON: `from_dict` inverts `to_dict`."""

from __future__ import annotations

import json

import pytest

from newsledger.article import Article
from newsledger.extract import extract
from newsledger.extract.model import Extraction
from newsledger.ingest import read_sources
from newsledger.sample import sample_corpus


@pytest.fixture(scope="module")
def extractions(nlp) -> list[Extraction]:
    articles = [a for a in read_sources([sample_corpus()]) if isinstance(a, Article)]
    return [extract(article) for article in articles]


def test_sample_corpus_exercises_every_part_of_the_contract(extractions):
    events = [e for x in extractions for e in x.events]
    assert any(x.article.dateline for x in extractions)
    assert any(x.article.external_id for x in extractions)
    assert any(not x.article.external_id for x in extractions)
    assert any(x.quotes for x in extractions)
    assert any(e.fatalities for e in events) and any(e.location for e in events)
    assert any(e.date for e in events) and any(e.acled for e in events)


def test_extraction_survives_a_json_round_trip(extractions):
    for extraction in extractions:
        data = json.loads(json.dumps(extraction.to_dict()))
        assert Extraction.from_dict(data, extraction.article.text) == extraction


def test_round_trip_keeps_the_hash_and_where_the_body_starts(extractions):
    assert any(x.article.body_start > 0 for x in extractions)
    for extraction in extractions:
        rebuilt = Extraction.from_dict(extraction.to_dict(), extraction.article.text).article
        assert rebuilt.hash == extraction.article.hash  # not part of equality
        assert rebuilt.body_start == extraction.article.body_start


def test_text_that_does_not_match_the_stored_hash_is_refused(extractions):
    extraction = extractions[0]
    with pytest.raises(ValueError, match="hash does not match"):
        Extraction.from_dict(extraction.to_dict(), extraction.article.text + " Edited.")
