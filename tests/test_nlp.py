"""The per-doc indexes of `newsledger.nlp` give what spaCy's own attributes give: the
rules read them instead of `token.children` and `token.subtree`, so any difference would
change events."""

import pytest

from newsledger.nlp import children, subtree

TEXTS = [
    "Rebels attacked an army post near Goma on Monday, killing 3 soldiers.",
    # a relative clause and a passive: children on both sides of their head
    "The convoy, which was carrying aid to Kharkiv, was hit by a drone that Russia launched.",
    # non-projective: "man" heads "who had been waiting", across "came in"
    "The man came in who had been waiting outside.",
    "Protesters in Lima, Cusco and Arequipa demanded the resignation of the president, "
    "police said.\n\nTalks between Ethiopia and Eritrea resumed in Nairobi on Friday.",
    "Who did the ministry say had fired at the crowd?",
]


@pytest.mark.parametrize("text", TEXTS)
def test_children_and_subtree_match_spacy(nlp, text):
    doc = nlp(text)
    for token in doc:
        assert [c.i for c in children(token)] == [c.i for c in token.children]
        assert [t.i for t in subtree(token)] == [t.i for t in token.subtree]


def test_subtree_of_a_phrase_holds_its_words_in_spacy_order(nlp):
    doc = nlp("Militants killed two police officers in northern Mali on Sunday.")
    officers = next(t for t in doc if t.text == "officers")
    assert [t.text for t in subtree(officers)] == ["two", "police", "officers"]


def test_subtree_across_a_crossing_arc_is_not_one_stretch(nlp):
    doc = nlp("The man came in who had been waiting outside.")
    man = doc[1]
    assert [t.text for t in subtree(man)] == [
        "The",
        "man",
        "who",
        "had",
        "been",
        "waiting",
        "outside",
    ]
