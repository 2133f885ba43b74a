"""`json_text.indented` writes what `json.dumps(..., ensure_ascii=False, indent=2)` does."""

from __future__ import annotations

import json

import pytest

from newsledger.api import extract
from newsledger.json_text import indented


def _standard(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def test_a_real_extraction_is_written_as_the_standard_encoder_writes_it():
    result = extract(
        "Nyala, May 3 (SAW) -- Paramilitary fighters shelled a camp near Nyala on Friday, "
        "killing 14 displaced people, the UN said. \u201cWe are horrified,\u201d said "
        "Dr. Amira Saleh of the Sudanese Red Crescent."
    )
    payload = result.to_dict()
    assert payload["events"], "the test article must give events"
    assert indented(payload) == _standard(payload)
    assert indented([payload, payload]) == _standard([payload, payload])


@pytest.mark.parametrize(
    "value",
    [
        {"tiny": 4.2e-05, "zero": 0.0, "negative": -0.0},  # orjson: 0.000042; json: 4.2e-05
        {"coordinates": [-0.00009, 36.8]},  # a place on the equator
        {"big": 1e16, "huge": 1.5e300, "third": 1 / 3},
        {"wide": 2**70},  # orjson refuses integers past 64 bits
        {1: "a key that is not a string"},  # orjson refuses it; json writes "1"
        {"text": 'control \x00\x1f\x7f, quotes " \\ /, breaks \u2028 and emoji \U0001f600'},
        {"empty": [], "nothing": {}, "none": None, "yes": True},
        {"text": "a figure written 0.00001 in the text"},  # json writes it: same text
    ],
)
def test_values_orjson_writes_differently_are_written_as_json_writes_them(value):
    assert indented(value) == _standard(value)


def test_a_lone_surrogate_is_written_as_json_writes_it():
    value = {"text": "broken \ud800 pair"}
    assert indented(value) == _standard(value)


def test_what_json_cannot_hold_is_refused_like_json_refuses_it():
    with pytest.raises(TypeError):
        indented({"when": object()})
