"""PLOVER's auxiliary flags for one trigger: negated, future, hypothetical, generic,
historical (and the word lists for reported obligation and criticism that events.py
reads).

Modal words attach to the clause's verb, not to a noun trigger ("will hold talks"),
so every test looks at the trigger and at the verb of its clause. The word lists live
in `resources/patterns/modality.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from newsledger.data import load_toml

_NOMINAL_DEPS = {"dobj", "pobj", "prep", "attr", "acomp", "compound", "amod", "appos",
                 "npadvmod", "conj", "nsubj", "nsubjpass", "oprd", "dative", "agent"}  # fmt: skip
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_AGO = re.compile(r"\b(years?|decades?|centur(y|ies))\s+ago\b", re.IGNORECASE)


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    generic: bool = False
    historical: bool = False


class ModalityRules:
    """The word lists of `modality.toml`, as sets."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.future_aux = frozenset(table["future_aux"])
        self.hypothetical_aux = frozenset(table["hypothetical_aux"])
        self.obligation_aux = frozenset(table["obligation_aux"])
        self.conditional_marks = frozenset(table["conditional_marks"])
        self.intent_heads = frozenset(table["intent_heads"])
        self.transparent_heads = frozenset(table["transparent_heads"])
        self.light_verbs = frozenset(table["light_verbs"])
        self.generic_modifiers = frozenset(table["generic_modifiers"])
        self.criticism_words = frozenset(table["criticism_words"])
        self.characterizing_verbs = frozenset(table["characterizing_verbs"])
        self.object_control_verbs = frozenset(table["object_control_verbs"])
        self.weapon_words = frozenset(table["weapon_words"])
        self.pronouns = frozenset(table["pronouns"])
        self.referring_determiners = frozenset(table["referring_determiners"])
        prepositions = table["prepositions"]
        self.agent_preps = frozenset(prepositions["agent"])
        self.target_preps = frozenset(prepositions["target"])
        self.content_preps = frozenset(prepositions["content"])
        self.means_preps = frozenset(prepositions["means"])
        self.other_time_preps = frozenset(prepositions["other_time"])

    @classmethod
    @cache
    def packaged(cls) -> ModalityRules:
        return cls(load_toml("patterns/modality.toml"))

    def reporting_verb(self, token: Token) -> Token | None:
        """The speech verb whose reported clause holds `token` ("said it would ...")."""
        node = token
        while node.head.i != node.i:
            parent = node.head
            if node.dep_ in ("ccomp", "parataxis") and parent.lemma_.lower() in (
                self.transparent_heads
            ):
                return parent
            node = parent
        return None

    def modality(self, trigger: Token, reference_year: int | None) -> Modality:
        verb = clause_verb(trigger)
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        reported = self.reporting_verb(verb) is not None
        hypothetical_aux = auxiliaries & self.hypothetical_aux
        if reported:
            hypothetical_aux -= {"would", "'d"}  # "said it would withdraw": reported future
        # Inside an if-clause the event is hypothetical; an event with an if-clause of
        # its own ("would meet them if ...") is a conditional offer or threat instead.
        conditional = any(
            c.dep_ == "mark" and c.lower_ in self.conditional_marks for c in verb.children
        )
        intended = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.intent_heads
        # "pushes Baghdad to expel troops": what others are pushed to do has not happened
        urged = self.is_urged(verb)
        return Modality(
            negated=_negated(trigger) or (verb is not trigger and _negated(verb)),
            future=bool(auxiliaries & self.future_aux)
            or intended
            or (reported and bool(auxiliaries & {"would", "'d"})),
            hypothetical=bool(hypothetical_aux) or conditional or urged,
            generic=self._generic(trigger) or (verb is not trigger and self._generic(verb)),
            historical=_historical(trigger, verb, reference_year),
        )

    def is_urged(self, verb: Token) -> bool:
        """An infinitive under a verb of pushing or asking ("push Baghdad to expel")."""
        infinitive = verb.dep_ == "xcomp" or (
            verb.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        )
        return infinitive and verb.head.lemma_.lower() in self.object_control_verbs

    def _generic(self, token: Token) -> bool:
        """Habitual ("almost daily attacks") or aggregate over a period ("clashes have
        killed hundreds since last year")."""
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)
        if perfect and any(c.lower_ == "since" for c in token.children):
            return True
        return any(
            c.dep_ in ("amod", "advmod", "npadvmod", "compound")
            and c.lower_ in self.generic_modifiers
            for c in token.children
        )


def clause_verb(token: Token) -> Token:
    """The verb (or auxiliary) of the clause a noun or adjective trigger sits in."""
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        if node.dep_ not in _NOMINAL_DEPS:
            return node
        node = node.head
    return node


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    # "no attacks were reported", "without agreement"
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children
    )


def _historical(trigger: Token, verb: Token, reference_year: int | None) -> bool:
    """A date in an earlier year ("in 1988") or "years ago" governs the event."""
    for head in {trigger, verb}:
        for child in head.children:
            if child.dep_ not in ("prep", "npadvmod", "advmod", "pobj"):
                continue
            phrase = " ".join(t.text for t in child.subtree)
            if _AGO.search(phrase):
                return True
            dated = any(t.ent_type_ == "DATE" for t in child.subtree)
            years = [int(y) for y in _YEAR.findall(phrase)] if dated else []
            if years and reference_year and max(years) < reference_year - 1:
                return True
    return False
