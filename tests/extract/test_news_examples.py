"""The small news inputs of issue 10, each with the output an analyst expects.

Each stands for a kind of fault; the kinds are tested with sentences of our own in
test_happenings.py, test_word_sense.py, test_participants.py and
test_background_and_modality.py. Here each example runs end to end through the same
reader and extraction as `newsledger extract`.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract import extract
from newsledger.ingest.layout import Hints, build_article

FLAGS = ("negated", "hypothetical", "generic", "historical")


def _events(body: str, published: str = "2024-03-01", title: str | None = None):
    text = f"{title}\n\n{body}" if title else body
    hints = Hints(
        published=date.fromisoformat(published), published_from="option", has_headline=bool(title)
    )
    return extract(build_article(text, "example.txt", hints)).events


def _unflagged(events, kind: str = "ASSAULT"):
    return [e for e in events if e.type == kind and not any(getattr(e, f) for f in FLAGS)]


def _killed(event) -> int | None:
    return event.fatalities.min if event.fatalities else None


def test_a_restatement_is_not_a_new_event():
    (attack,) = _unflagged(
        _events(
            "Gunmen from the Korvali Brigade attacked a police checkpoint in Kirkuk on Monday. "
            "Two officers were killed in the assault."
        )
    )
    assert "Korvali Brigade" in attack.actor.text
    assert (attack.recipient.country, attack.recipient.sector) == ("IRQ", "COP")
    assert (attack.location.name, attack.date, _killed(attack)) == ("Kirkuk", "2024-02-26", 2)


def test_the_headline_is_not_counted_again():
    (attack,) = _unflagged(
        _events(
            "Gunmen stormed a hotel in Mogadishu early Sunday, leaving 15 people dead, police "
            "said.",
            title="Gunmen attack Mogadishu hotel, 15 killed",
        )
    )
    assert (attack.location.name, attack.date, _killed(attack)) == ("Mogadishu", "2024-02-25", 15)
    assert attack.recipient is None or attack.recipient.sector != "GOV"


def test_one_sentence_is_not_split_in_two():
    (attack,) = _unflagged(
        _events(
            "A senior commander of the Velmar Front was killed in a drone strike that hit his "
            "car in Baghdad late Wednesday."
        )
    )
    assert (attack.location.name, attack.date, _killed(attack)) == ("Baghdad", "2024-02-28", 1)


def test_states_and_descriptions_are_not_acts():
    events = _events(
        "About 500 Velmar troops were stationed in Jordan at the time. The outpost, which "
        "hosts Danish engineers, lies near the border."
    )
    assert events == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The general in charge of the operation spoke to reporters.",
        "The students shoot videos for the festival.",
        "The company released its quarterly results on Tuesday.",
        "Subscribe to our newsletter.",
    ],
)
def test_word_sense(sentence):
    assert not {"ACCUSE", "THREATEN", "RETREAT", "AGREE", "CONSULT", "ASSAULT"} & {
        e.type for e in _events(sentence)
    }


def test_the_agent_named_in_carried_out_by():
    (attack,) = _unflagged(
        _events(
            "On Monday, a rocket attack carried out by the Korvali Brigade hit an army base "
            "near Mosul."
        )
    )
    assert "Korvali Brigade" in attack.actor.text and attack.actor.sector in ("UAF", "REB")
    assert (attack.recipient.country, attack.recipient.sector) == ("IRQ", "MIL")


def test_a_place_as_recipient():
    (attack,) = _unflagged(
        _events(
            "Fighters of the Velmar Front shelled the city of Kharkiv on Tuesday, killing four "
            "civilians."
        )
    )
    assert (attack.recipient.country, attack.recipient.sector) == ("UKR", "CVL")
    assert attack.location.name == "Kharkiv"


def test_victims_are_not_the_actor():
    (attack,) = _unflagged(
        _events(
            "The attack happened near Mosul on Sunday.",
            title="Three soldiers killed, 20 injured in drone attack on army base",
        )
    )
    assert attack.recipient.sector == "MIL"
    assert attack.actor is None or attack.actor.sector != "MIL"
    assert (_killed(attack), attack.injuries.min, attack.location.name) == (3, 20, "Mosul")


def test_attack_in_sport_and_politics():
    assert not _unflagged(
        _events(
            "Rivals Porto took the lead when a quick counter-attack was finished by their "
            "striker, and the visitors were killed off by a second goal after the break."
        )
    )
    events = _events(
        "The opposition leader attacked the new tax law in parliament on Wednesday, calling "
        "it theft."
    )
    assert [e.type for e in events] == ["ACCUSE"]


def test_background_is_history():
    events = _events(
        "Hundreds of people gathered in Kabul on Friday for a memorial to the victims of a "
        "bombing ten years ago that killed 45 people at a market.",
        title="Hundreds gather for market bombing memorial",
    )
    assert not _unflagged(events)
    bombing = next(e for e in events if e.type == "ASSAULT")
    assert bombing.historical and bombing.date.startswith("2014") and _killed(bombing) == 45


def test_a_toll_update_is_not_a_new_event():
    (attack,) = _unflagged(
        _events(
            "Gunmen opened fire on a bus carrying pilgrims in Balochistan on Sunday, and nine "
            "passengers died in the attack, officials said. Two more died in hospital "
            "overnight, raising the toll to 11.",
            "2024-05-02",
        )
    )
    assert (attack.date, _killed(attack)) == ("2024-04-28", 11)


def test_later_mentions_of_one_abduction():
    events = _events(
        "GUSAU, Nigeria (Wire) -- Gunmen on motorbikes abducted 30 villagers near Zurmi on "
        "Tuesday, police said. The kidnapping is the third in the area this month. Residents "
        "said the attackers seized the villagers from their homes at dawn.",
        "2024-05-02",
    )
    (abduction,) = _unflagged(events)
    assert (abduction.mode, abduction.date, abduction.location.country) == (
        "abduct", "2024-04-30", "NGA"
    )  # fmt: skip
    assert "Gunmen" in abduction.actor.text
    assert not _unflagged(events, "COERCE")


def test_a_place_on_the_target_and_one_strike():
    (attack,) = _unflagged(
        _events(
            "Three people were killed in Israeli air strikes targeting Beirut on Friday.",
            "2024-05-02",
        )  # fmt: skip
    )
    assert (attack.actor.country, attack.recipient.country) == ("ISR", "LBN")
    assert (attack.location.name, _killed(attack), attack.date) == ("Beirut", 3, "2024-04-26")


def test_the_dateline_is_where_the_reporter_is():
    (attack,) = _unflagged(
        _events(
            "KYIV, Aug 21 (Wire) -- Russian shelling near a village west of Donetsk killed two "
            "soldiers overnight, the Ukrainian military said.",
            "2024-08-21",
        )
    )
    assert (attack.actor.country, attack.recipient.country) == ("RUS", "UKR")
    assert attack.location.name != "Kyiv" and "Donetsk" in attack.location.name
    assert _killed(attack) == 2


def test_a_quote_retold_is_not_a_second_event():
    (attack,) = _unflagged(
        _events(
            'BAMAKO (Wire) -- Two soldiers were killed on June 10, 2023, near Gao. "Last '
            'night, they attacked us," a soldier said.',
            "2023-06-10",
        )
    )
    assert (attack.location.name, attack.date) == ("Gao", "2023-06-10")
    assert attack.actor is None or "soldier" not in attack.actor.text


def test_negation_and_perception():
    assert not _unflagged(
        _events("Diplomats said there was no sign of imminent fighting along the border.")
    )
    (blasts,) = _unflagged(_events("Residents said they heard three explosions near the port."))
    assert blasts.actor is None


def test_a_protest_about_violence():
    events = _events(
        "Ghana protested on Monday against cross-border shelling that killed two farmers in "
        "the Bawku district."
    )
    assert [e.actor.country for e in events if e.type == "ACCUSE"] == ["GHA"]
    assert not [e for e in events if e.type == "PROTEST"]
    (shelling,) = _unflagged(events)
    assert shelling.actor is None or shelling.actor.country != "GHA"
    assert (_killed(shelling), shelling.location.country) == (2, "GHA")
