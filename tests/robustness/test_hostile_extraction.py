"""Extraction on hostile text: reports of attacks with bidi controls, zero-width
characters, impossible dates and numbers no toll can hold. Every article gets an
extraction (or the guard's one-line error) whose offsets hold and whose tolls are
neither negative nor absurd, and one hostile article never costs its batch.

spaCy makes each example cost tens of milliseconds, so extraction gets 300 generated
articles in the long run (30 in the quick one), not 10,000.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.robustness.documents import DATES, HOSTILE_CHARACTERS, Choices, DrawnChoices

from newsledger.article import Article
from newsledger.extract.model import Extraction
from newsledger.ledger import Ledger
from newsledger.pipeline import ingest
from newsledger.scale.pool import Guard, extract_guarded

QUICK, LONG = 30, 300
ABSURD_TOLL = 100_000_000  # more dead or hurt than any war has counted
_ACTORS = ("Gunmen", "Police", "Rebels", "Soldiers", "\u202eGunmen", "Gun\u200bmen", "A drone")
_ACTS = ("killed", "wounded", "attacked", "arrested", "shot dead", "injured")
_VICTIMS = ("people", "civilians", "protesters", "soldiers", "\u05d9\u05e8\u05d5\u05e9")
_PLACES = ("Kaya", "Goma", "Nairobi", "eastern Baghdad", "\u0627\u0644\u0642\u062f\u0633", "")
_ORDINARY = ("3", "12", "1,200", "dozens of", "hundreds of", "two hundred and fifty",
             "at least 40", "nearly 30", "more than 2,000", "-5", "0", "a")  # fmt: skip


def report(c: Choices) -> str:
    """A few sentences of a wire report with hostile characters between their words."""
    sentences = []
    for _ in range(c.number(1, 4)):
        words = [c.pick(_ACTORS), c.pick(_ACTS), c.pick(_ORDINARY), c.pick(_VICTIMS)]
        if place := c.pick(_PLACES):
            words += ["in", place]
        words += ["on", c.pick(DATES)]
        for _ in range(c.number(0, 3)):
            words.insert(c.number(0, len(words)), c.pick(HOSTILE_CHARACTERS))
        sentences.append(" ".join(words) + ".")
    return f"KAYA, {c.pick(DATES)} (SW) -- " + " ".join(sentences)


def sane(extraction: Extraction) -> None:
    text = extraction.article.text
    for event in extraction.events:
        for mention in event.mentions:
            assert 0 <= mention.start <= mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text
        for toll in (event.fatalities, event.injuries):
            if toll is None:
                continue
            assert all(v is None or 0 <= v <= ABSURD_TOLL for v in (toll.min, toll.max)), toll
            assert toll.min is None or toll.max is None or toll.min <= toll.max, toll
        if event.date is not None:  # a day, a month or a year, and one the calendar has
            date.fromisoformat((event.date + "-01-01")[:10] if len(event.date) < 10 else event.date)


def extracted(text: str) -> Extraction:
    [result] = extract_guarded([Article(text=text, origin="hostile")], Guard(30))
    assert isinstance(result, Extraction), str(result)  # not even the guard's error here
    return result


@pytest.mark.parametrize("budget", [
    pytest.param(QUICK, id="quick"), pytest.param(LONG, id="long", marks=pytest.mark.long),
])  # fmt: skip
def test_extraction_of_hostile_reports_holds_together(budget, nlp):
    tried = 0

    @settings(max_examples=budget, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(st.data())
    def run(data):
        nonlocal tried
        tried += 1
        sane(extracted(report(DrawnChoices(data))))

    run()
    assert tried >= budget


@pytest.mark.parametrize(
    "number",
    [
        "1e999",
        "1E+308",
        "-5",
        "NaN",
        "10,000,000,000,000",
        "99999999999999999999999999999999",
        pytest.param("1" + "0" * 400, id="1 and 400 zeros"),
        "1.5 billion",
        "a trillion trillion",
    ],
)
def test_a_number_no_toll_can_hold_is_no_toll(number, nlp):
    sane(extracted(f"Gunmen killed {number} people in Kaya on February 30, 2024."))


def test_one_hostile_article_never_costs_its_batch(tmp_path, nlp):
    records = [{"id": f"ok{n}", "text": f"Police arrested {n + 3} protesters in Nairobi."}
               for n in range(3)]  # fmt: skip
    records.insert(1, {"id": "huge", "text": "Gunmen killed " + "9" * 32 + " people in Kaya."})
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps(r) for r in records))
    with Ledger(tmp_path / "l.db") as ledger:
        report_ = ingest([dump], ledger)
        stored = {row[0] for row in ledger.connection.execute("SELECT id FROM articles")}
    assert {"ok0", "ok1", "ok2"} <= stored
    assert report_.ingested + report_.failed == 4
