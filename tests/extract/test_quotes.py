"""Quotes and their speakers (issue 12): every form of quotation, anonymous sources,
pronoun and surname speakers, "according to", and links to verbal events. Passages
written for these tests; published 2024-05-02."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract import extract
from newsledger.ingest.layout import Hints, build_article

PUBLISHED = date(2024, 5, 2)


def _extraction(text: str):
    hints = Hints(published=PUBLISHED, published_from="option", has_headline=False)
    return extract(build_article(text, "test.txt", hints))


def _quote(text: str, words: str):
    """The quote whose text holds `words`."""
    extraction = _extraction(text)
    found = [q for q in extraction.quotes if words in q.text]
    assert found, f"no quote holds {words!r}: {[q.text for q in extraction.quotes]}"
    return found[0]


def _speaker_name(quote) -> str | None:
    return quote.speaker.name if quote.speaker is not None else None


# -- quotation marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("passage", "words", "speaker"),
    [
        ('"We will not give up our land," said Amina Yusuf, a farmer.', "give up our land",
         "Amina Yusuf"),
        ("\u201cThe army has lost control of the north,\u201d Fatou Diallo told reporters.",
         "lost control", "Fatou Diallo"),
        ('Governor Ahmed Bala said: "Nobody is above the law in this state."', "above the law",
         "Ahmed Bala"),
        ('"The shelling went on all night," said Olena Koval in Kharkiv.', "all night",
         "Olena Koval"),
    ],
)  # fmt: skip
def test_a_quote_in_straight_or_curly_marks_has_its_speaker(passage, words, speaker):
    quote = _quote(passage, words)
    assert quote.direct
    assert _speaker_name(quote) == speaker
    assert _extraction(passage).article.text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("passage", "second"),
    [
        ('"We waited for hours," said Maria Lopez, "and nobody came to help us."', "nobody came"),
        ('"The road is closed," said Ali Hassan, a driver. "The trucks cannot pass at all."',
         "trucks cannot pass"),
        ('"They burned the houses," said Grace Mwangi.\n\n"Then they took the cattle and left."',
         "took the cattle"),
        ('"We are ready to talk," said Hamid Karimi. "But not while the bombing goes on."',
         "bombing goes on"),
    ],
)  # fmt: skip
def test_a_split_or_continuing_quote_keeps_its_speaker(passage, second):
    first = _extraction(passage).quotes[0]
    assert _speaker_name(_quote(passage, second)) == _speaker_name(first) is not None


def test_a_quote_of_several_paragraphs_is_one_quote():
    passage = (
        '"We have buried 40 people this week. The clinic has no more medicine.\n\n'
        '"If the aid does not come, more will die," said Halima Musa, a nurse in Goma.'
    )
    quote = _quote(passage, "buried 40 people")
    assert "more will die" in quote.text
    assert _speaker_name(quote) == "Halima Musa"


def test_a_term_set_off_in_marks_is_no_quote():
    extraction = _extraction('Militias in what they call a "self-defence force" patrol the roads.')
    assert all("self-defence" not in q.text for q in extraction.quotes)


# -- reported speech and "according to" -------------------------------------------------------


@pytest.mark.parametrize(
    ("passage", "words", "cue", "country"),
    [
        ("Kenya accused Ethiopia of sending troops across the border.", "sending troops",
         "accuse", "KEN"),
        ("The opposition in Uganda called for a general strike on Friday.", "general strike",
         "call", None),
        ("Ethiopia denied the accusation on Tuesday.", "the accusation", "deny", "ETH"),
        ("The UN envoy warned of a humanitarian catastrophe in Gaza.", "catastrophe", "warn",
         "IGO"),
        ("The attacks will continue, the Houthis said in a statement.", "attacks will continue",
         "say", "YEM"),
        ("Poland said that Russian drones had entered its airspace.", "Russian drones", "say",
         "POL"),
    ],
)  # fmt: skip
def test_reported_speech_after_a_cue(passage, words, cue, country):
    quote = _quote(passage, words)
    assert not quote.direct
    assert quote.cue == cue
    if country is not None:
        assert quote.speaker is not None and quote.speaker.country == country


@pytest.mark.parametrize(
    ("passage", "words", "speaker"),
    [
        ("According to the health ministry, 40 people were killed in the strikes.",
         "40 people were killed", "the health ministry"),
        ("The death toll rose to 45, according to local officials.", "toll rose to 45",
         "local officials"),
        ("At least 12 villagers, according to witnesses, were abducted.", "12 villagers",
         "witnesses"),
        ("According to Amnesty International, the detainees were tortured.", "tortured",
         "Amnesty International"),
    ],
)  # fmt: skip
def test_according_to_names_the_source(passage, words, speaker):
    quote = _quote(passage, words)
    assert quote.cue == "according to"
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert "according" not in quote.text.lower()


def test_a_headline_of_the_form_x_says():
    quote = _quote("Ukraine says Russian drones hit Odesa port\n\nThe attack came at night.",
                   "Russian drones hit")  # fmt: skip
    assert quote.speaker is not None and quote.speaker.country == "UKR"


# -- speakers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("passage", "words"),
    [
        ("Two security sources said the attackers had crossed from Niger.", "crossed from Niger"),
        ('"The army has lost control of the north," a senior Malian officer told reporters.',
         "lost control"),
        ("A U.S. official familiar with the matter said the talks had stalled.", "stalled"),
        ("Witnesses said the gunmen arrived on motorbikes before dawn.", "motorbikes"),
        ('"They took everything we had," a spokesman for the displaced families said.',
         "took everything"),
    ],
)  # fmt: skip
def test_an_unnamed_source_is_anonymous(passage, words):
    assert _quote(passage, words).anonymous


@pytest.mark.parametrize(
    ("passage", "words"),
    [
        ("Interior Minister Daniel Otieno said the looters would be prosecuted.", "looters"),
        ("The foreign ministry said the ambassador had been recalled.", "recalled"),
        ("Police said the road had been reopened.", "reopened"),
        ("The army spokesman said the town had been retaken.", "retaken"),
    ],
)  # fmt: skip
def test_a_named_person_or_body_is_not_anonymous(passage, words):
    assert not _quote(passage, words).anonymous


def test_a_source_keeps_the_affiliation_it_is_given():
    quote = _quote("A U.S. official familiar with the matter said the talks had stalled.",
                   "stalled")  # fmt: skip
    assert quote.speaker is not None and quote.speaker.country == "USA"


@pytest.mark.parametrize(
    ("passage", "words", "name", "country", "sector"),
    [
        ("Interior Minister Daniel Otieno of Kenya spoke on Monday. He said: "
         '"Nobody is above the law in this country."', "above the law", "Daniel Otieno",
         "KEN", "GOV"),
        ("Kenyan Interior Minister Daniel Otieno visited Kisumu. Otieno warned that looters "
         "would be prosecuted.", "looters", "Daniel Otieno", "KEN", "GOV"),
        ('Senegalese Prime Minister Ousmane Sonko met protesters. "We hear you," he said, '
         '"and we will act on it."', "we will act", "Ousmane Sonko", "SEN", "GOV"),
        ("Yahya Rasool, military spokesperson for the Iraqi prime minister, spoke on Friday. "
         "Rasool warned that the attacks would have consequences.", "consequences",
         "Yahya Rasool", "IRQ", "GOV"),
    ],
)  # fmt: skip
def test_pronoun_and_surname_speakers_are_the_person_named_before(
    passage, words, name, country, sector
):
    speaker = _quote(passage, words).speaker
    assert speaker is not None
    assert (speaker.name, speaker.country, speaker.sector) == (name, country, sector)


@pytest.mark.parametrize(
    ("passage", "words", "role", "country", "sector"),
    [
        ('Yahya Rasool, military spokesperson for Iraqi Prime Minister Mohammed Shia '
         'al-Sudani, said the coalition "has become a factor for instability in the region."',
         "factor for instability", "military spokesperson", "IRQ", "GOV"),
        ("A spokesman for the Houthis said the group had attacked a ship.", "attacked a ship",
         "spokesman", "YEM", "REB"),
        ("An aide to Kenyan President William Ruto said the talks would resume.",
         "talks would resume", "aide", "KEN", "GOV"),
    ],
)  # fmt: skip
def test_a_spokesperson_is_of_the_one_they_speak_for(passage, words, role, country, sector):
    speaker = _quote(passage, words).speaker
    assert speaker is not None
    assert (speaker.role, speaker.country, speaker.sector) == (role, country, sector)


# -- links to events ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("passage", "words", "event_type"),
    [
        ("Kenya accused Ethiopia of sending troops across the border.", "sending troops", "ACCUSE"),
        ('The UN chief said Israel "must allow aid trucks into northern Gaza at once."',
         "must allow", "REQUEST"),
        ("The opposition called for a general strike on Friday.", "general strike", "REQUEST"),
        ("Russia must pull out of Ukraine, the G7 said on Sunday.", "pull out", "REQUEST"),
    ],
)  # fmt: skip
def test_a_quote_and_the_verbal_event_it_expresses_point_at_each_other(passage, words, event_type):
    extraction = _extraction(passage)
    quote = next(q for q in extraction.quotes if words in q.text)
    event = next(e for e in extraction.events if e.type == event_type)
    assert event.id in quote.events
    assert quote.id in event.quotes


def test_quote_ids_are_the_articles_and_numbered_in_order():
    extraction = _extraction('"We will stay," said Ali Hassan. Police said the road was open.')
    ids = [q.id for q in extraction.quotes]
    assert ids == [f"{extraction.article.hash[:12]}-q{n}" for n in range(1, len(ids) + 1)]


@pytest.mark.parametrize(
    ("passage", "words", "country"),
    [
        ("Last week, Iraqi Prime Minister Mohammed Shia al-Sudani's office said the presence "
         "of foreign troops had become a reason for instability.", "foreign troops", "IRQ"),
        ("President William Ruto's office said the talks with the opposition would resume "
         "on Monday.", "talks with the opposition", "KEN"),
        ("Kenyan President William Ruto met the envoys. Ruto's office said the meeting had "
         "been productive.", "productive", "KEN"),
    ],
)  # fmt: skip
def test_an_officials_office_speaks_as_the_office(passage, words, country):
    speaker = _quote(passage, words).speaker
    assert speaker is not None
    assert (speaker.name, speaker.role, speaker.country) == (None, "office", country)


# -- the new-user round: joined verbs, "said:" before a quote, statements, named bodies ------


@pytest.mark.parametrize(
    ("passage", "words", "speaker"),
    [
        ("The Arakan Army denied the accusation and said junta air strikes had killed 21 "
         "civilians.", "air strikes", "Arakan Army"),
        ("The ministry condemned the offensive and accused Rwanda of deploying 4,000 soldiers.",
         "deploying", "The ministry"),
        ("The governor said the road was closed, adding that 30 others were being treated.",
         "30 others", "The governor"),
        ("The UN called for a ceasefire and said 3,000 people had fled.", "3,000 people", "The UN"),
    ],
)  # fmt: skip
def test_a_second_speech_verb_shares_the_subject_of_the_first(passage, words, speaker):
    quote = _quote(passage, words)
    assert quote.speaker is not None
    assert speaker in (quote.speaker.text, quote.speaker.name)


@pytest.mark.parametrize(
    ("passage", "words", "name"),
    [
        ('Avichay Adraee, a spokesman for the Israeli military, said:\n\n"We struck 12 '
         'targets overnight. The operation will go on."', "struck 12 targets", "Avichay Adraee"),
        ('Defence Minister Ivan Velasquez told reporters:\n\n"The attack will not go '
         'unpunished by this government."', "unpunished", "Ivan Velasquez"),
    ],
)  # fmt: skip
def test_a_speaker_with_a_colon_before_the_quotes_paragraph(passage, words, name):
    assert _speaker_name(_quote(passage, words)) == name


@pytest.mark.parametrize(
    ("passage", "words"),
    [
        ("The faction said in a statement that only two of its fighters had died.",
         "two of its fighters"),
        ("The army said in a statement that the town had been retaken.", "town had been retaken"),
        ("Iraqi army says 14 militants killed in Anbar raid\n\nThe raid began at dawn.",
         "14 militants killed"),
    ],
)  # fmt: skip
def test_statements_and_headlines_with_a_bare_participle_are_reported_speech(passage, words):
    assert not _quote(passage, words).direct


@pytest.mark.parametrize(
    ("passage", "words"),
    [
        ("A U.N. official familiar with the matter said the convoy was hit.", "convoy was hit"),
        ("A PKK commander said the fighters had withdrawn.", "withdrawn"),
        ("A villager said the gunmen came at night.", "came at night"),
        ("A lawyer for the detainees said they had been beaten.", "beaten"),
    ],
)  # fmt: skip
def test_an_unnamed_source_of_a_named_body_is_anonymous(passage, words):
    assert _quote(passage, words).anonymous


def test_asking_not_to_be_named_is_no_quote():
    extraction = _extraction(
        "An official who asked not to be named said the talks had failed in Doha."
    )
    assert [q.text for q in extraction.quotes] == ["the talks had failed in Doha"]


@pytest.mark.parametrize(
    ("passage", "words", "country"),
    [
        ("BOGOTA, May 1 (Wire) - Rebels attacked a police post in Cauca on Tuesday. Defence "
         "Minister Ivan Velasquez said the attack would not go unpunished.", "unpunished", "COL"),
        ("Gunmen killed five people in Kano on Sunday. Police spokesman Mansir Hassan said "
         "two suspects had been arrested.", "two suspects", "NGA"),
        ("Floods hit Kharkiv on Monday. Governor Oleh Synehubov said the dam had held.",
         "dam had held", "UKR"),
    ],
)  # fmt: skip
def test_an_official_with_no_country_is_of_the_storys_country(passage, words, country):
    speaker = _quote(passage, words).speaker
    assert speaker is not None and speaker.country == country


def test_a_private_person_takes_no_country_from_the_story():
    passage = "Gunmen killed five people in Kano on Sunday. Amina Bello, a trader, said she hid."
    speaker = _quote(passage, "she hid").speaker
    assert speaker is not None and speaker.country is None
