"""PLOVER's auxiliary flags for one trigger: negated, future, hypothetical, generic,
historical (and the word lists for reported obligation and criticism that events.py
reads).

Modal words attach to the clause's verb, not to a noun trigger ("will hold talks"),
so every test looks at the trigger and at the verb of its clause. An event noun also
takes flags from the words around it: "no sign of fighting" (negated), "the threat of
war" (hypothetical), "a string of kidnappings" (generic), "the 2014 bombing" or "a
memorial to the victims of a bombing" (historical); a relative clause takes its noun's
("a bombing ten years ago that killed 45"). A time phrase tells the time of the word it
hangs on, so "the 2014 bombing" makes history of the bombing, not of the verb above it.
The word lists live in `resources/patterns/modality.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from functools import cache

from spacy.tokens import Span, Token

from newsledger.data import load_toml
from newsledger.extract.time import TimeGrammar
from newsledger.nlp import sentence_of

_NOMINAL_DEPS = {"dobj", "pobj", "prep", "attr", "acomp", "compound", "amod", "appos",
                 "npadvmod", "conj", "nsubj", "nsubjpass", "oprd", "dative", "agent"}  # fmt: skip
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")  # "in 1988", "in the 1990s"
_WRITTEN_RANK = re.compile(r"\d+(?:st|nd|rd|th)")  # "the 3rd this month"
_NOUNS = ("NOUN", "PROPN")
# The links from an event noun up to a word of remembrance ("a memorial to the victims
# of a bombing", "the market bombing memorial", "the massacre's anniversary").
_REMEMBERED_DEPS = {"pobj", "prep", "compound", "poss", "dobj", "conj", "appos"}


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
        self.continuing_preps = frozenset(prepositions["continuing"])
        self.evidence_nouns = frozenset(table["evidence_nouns"])
        self.denial_verbs = frozenset(table["denial_verbs"])
        self.exclusion_verbs = frozenset(table["exclusion_verbs"])
        self.possibility_modifiers = frozenset(table["possibility_modifiers"])
        self.possibility_heads = frozenset(table["possibility_heads"])
        self.series_heads = frozenset(table["series_heads"])
        self.series_ranks = frozenset(table["series_ranks"])
        self.series_verbs = frozenset(table["series_verbs"])
        self.commemoration_words = frozenset(table["commemoration_words"])
        self.historical_phrases = tuple(table["historical_phrases"])
        self.historical_years = int(table["historical_years"])

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
        own = Modality(
            negated=_negated(trigger) or (verb is not trigger and _negated(verb))
            or self._denied(trigger),
            future=bool(auxiliaries & self.future_aux)
            or intended
            or (reported and bool(auxiliaries & {"would", "'d"})),
            hypothetical=bool(hypothetical_aux) or conditional or urged
            or self._possible(trigger),
            generic=self._generic(trigger) or (verb is not trigger and self._generic(verb))
            or self._in_series(trigger),
            historical=self._historical(trigger, verb, reference_year),
        )  # fmt: skip
        told = (self._noun_modality(n, reference_year) for n in relative_antecedents(trigger))
        return _either(own, *told)

    def _noun_modality(self, noun: Token, reference_year: int | None) -> Modality:
        """The flags the words around a noun give it ("no sign of", "the threat of", "a
        string of", "ten years ago"), for the relative clause it carries. History may
        come from the noun's clause too: what "the siege, which killed 11,000, ended in
        1996" killed is history."""
        return Modality(
            negated=_negated(noun) or self._denied(noun),
            hypothetical=self._possible(noun),
            generic=self._generic(noun) or self._in_series(noun),
            historical=self._historical(noun, clause_verb(noun), reference_year),
        )

    def is_urged(self, verb: Token) -> bool:
        """An infinitive under a verb of pushing or asking ("push Baghdad to expel")."""
        infinitive = verb.dep_ == "xcomp" or (
            verb.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        )
        return infinitive and verb.head.lemma_.lower() in self.object_control_verbs

    def is_history(self, day: date, reference_year: int | None) -> bool:
        """Whether a date lies far enough before the article's year to be history."""
        return reference_year is not None and reference_year - day.year >= self.historical_years

    def commemorated(self, token: Token) -> bool:
        """An event a remembrance is of ("a memorial to the victims of a bombing", "the
        anniversary of the massacre"): it happened before, not at the remembrance."""
        if any(  # "bombing memorial" that the parse reads as a modified "bombing"
            c.i > token.i and c.dep_ in ("amod", "compound", "appos")
            and c.lemma_.lower() in self.commemoration_words
            for c in token.children
        ):  # fmt: skip
            return True
        node = token
        for _ in range(6):
            if node.head.i == node.i or node.dep_ not in _REMEMBERED_DEPS:
                return False
            node = node.head
            if node.lemma_.lower() in self.commemoration_words:
                return True
            if node.pos_ in ("VERB", "AUX"):  # "held a memorial for the victims of ..."
                return any(
                    c.dep_ in ("dobj", "attr") and c.lemma_.lower() in self.commemoration_words
                    for c in node.children
                )
        return False

    def _historical(self, trigger: Token, verb: Token, reference_year: int | None) -> bool:
        """A time phrase on the trigger, else on its clause's verb, that lies well before
        the article ("in 1988", "ten years ago", "last decade's war"); without one, an
        event that a remembrance is of. The noun's own time comes first: in "gathered on
        Friday for the anniversary of the 2014 massacre" the massacre is 2014's."""
        phrases = self._times_of(trigger)
        if self.commemorated(trigger):
            phrases = self.remembered_times(phrases, reference_year)
            return not phrases or any(self._is_history(p, reference_year) for p in phrases)
        if not phrases and verb is not trigger:
            phrases = self._times_of(verb)
        return any(self._is_history(p, reference_year) for p in phrases)

    def remembered_times(self, phrases: list[Span], reference_year: int | None) -> list[Span]:
        """The time phrases on a remembered event that are its own. A recent one in a
        trailing "on"/"in" phrase ("marked the anniversary of the massacre on Thursday")
        is the remembrance's time: what is remembered is history."""
        return [
            p for p in phrases
            if not _prepositional(p) or self._is_history(p, reference_year)
        ]  # fmt: skip

    def _times_of(self, word: Token) -> list[Span]:
        """The time phrases of the word's sentence that tell its time."""
        return [
            phrase
            for phrase in time_phrases(sentence_of(word))
            if any(g.i == word.i for g in time_governors(phrase, self.means_preps))
        ]

    def _is_history(self, phrase: Span, reference_year: int | None) -> bool:
        """Whether a time phrase lies well before the article: read and resolved like
        a date where it can be ("ten years ago", "in 2009"), else by its words ("years
        ago", "last decade", "the 1990s")."""
        doc = phrase.doc
        before = doc[phrase.start - 1] if phrase.start else None
        if phrase[0].lower_ in self.continuing_preps or (
            before is not None and before.lower_ in self.continuing_preps
        ):
            return False  # "since 2015" runs up to the article
        grammar = TimeGrammar.packaged()
        reading = grammar.read(phrase.text)
        if reading is not None and reference_year is not None:
            resolved = grammar.resolve(reading, date(reference_year, 1, 1), "past")
            if resolved is not None:
                return self.is_history(resolved[0], reference_year)
        text = phrase.text.lower()
        if any(cue in text for cue in self.historical_phrases):
            return True
        years = [int(y) for y in _YEAR.findall(text)]
        return bool(years) and self.is_history(date(max(years), 1, 1), reference_year)

    def _denied(self, token: Token) -> bool:
        """An event noun that a negated evidence noun, a denial or an exclusion governs:
        "there was no sign of fighting", "dismissed reports of clashes", "denied any
        shelling", "denied carrying out strikes", "ruled out talks". Denying a request
        ("dismissed an appeal") does not unsay it, nor does "denied responsibility for
        the attack" deny the attack."""
        node, reported = token, False
        for _ in range(4):
            head = node.head
            if node.dep_ in ("dobj", "xcomp", "pcomp"):
                if _phrasal(head) in self.exclusion_verbs:
                    return True
                if head.lemma_.lower() in self.denial_verbs:
                    return reported or node.tag_ == "VBG" or _any(node)
            if node.dep_ == "dobj" and head.lemma_.lower() in self.light_verbs:
                node = head  # "denied carrying out strikes"
                continue
            if node.dep_ != "pobj" or head.lower_ != "of":
                return False
            noun = head.head
            if noun.lemma_.lower() not in self.evidence_nouns:
                return False
            if _negated(noun) or _negated(clause_verb(noun)):
                return True
            node, reported = noun, True
        return False

    def _possible(self, token: Token) -> bool:
        """An event noun named as a possibility: "imminent fighting", "a possible
        attack", "the threat of war", "plans for an offensive"."""
        if any(
            c.dep_ in ("amod", "advmod", "compound") and c.lower_ in self.possibility_modifiers
            for c in token.children
        ):
            return True
        return (
            token.dep_ == "pobj"
            and token.head.lower_ in ("of", "for")
            and token.head.head.lemma_.lower() in self.possibility_heads
        )

    def _in_series(self, token: Token) -> bool:
        """An event noun that names a series or a trend ("a string of kidnappings", "a
        rise in attacks") or is ranked in one ("the kidnapping is the third in the area
        this month")."""
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in ("of", "in")
            and token.head.head.lemma_.lower() in self.series_heads
        ):
            return True
        return self._ranked(token)

    def _ranked(self, token: Token) -> bool:
        """ "The kidnapping is the third in the area this month", "it was the latest raid
        in a string of raids": an event that a copula ranks in a series counted over a
        time, a place or a series. "The second deadliest" is a record, not a series."""
        copula = token.head
        if copula.lemma_.lower() not in self.series_verbs or copula.i == token.i:
            return False
        if token.dep_ in ("nsubj", "nsubjpass"):
            subject = token
            ranked = [c for c in copula.children if c.dep_ in ("attr", "dobj", "oprd", "acomp")]
        elif token.dep_ in ("attr", "dobj", "oprd", "acomp"):
            subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
            ranked = [token]
        else:
            return False
        outside = {t.i for t in subject.subtree} if subject is not None else set()
        scope = [t for t in copula.subtree if t.i not in outside]
        for word in ranked:
            rank = word if self._is_rank(word) else next(
                (c for c in word.children if c.dep_ in ("amod", "advmod", "nummod")
                 and self._is_rank(c)), None,
            )  # fmt: skip
            if rank is None or (rank is not word and word.tag_ == "JJS"):
                continue
            counted = (word.i, copula.i)
            if any(
                t.ent_type_ == "DATE"
                or t.lower_ == "such"
                or (t.dep_ == "prep" and t.lower_ in ("in", "since", "of") and t.head.i in counted)
                for t in scope
            ):
                return True
        return False

    def _is_rank(self, token: Token) -> bool:
        text = token.lower_
        return text in self.series_ranks or (
            text != "1st" and _WRITTEN_RANK.fullmatch(text) is not None
        )

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


def _either(*flags: Modality) -> Modality:
    """Every flag any of them has."""
    return Modality(*(any(getattr(m, f.name) for m in flags) for f in fields(Modality)))


def _phrasal(verb: Token) -> str:
    """The verb's lemma with its particle: "ruled out" -> "rule out"."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle}" if particle else lemma


def _any(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "any" for c in noun.children)


def _prepositional(phrase: Span) -> bool:
    root = phrase.root
    return root.dep_ == "pobj" and root.head.pos_ == "ADP" and root.head.i < phrase.start


def relative_antecedents(trigger: Token) -> list[Token]:
    """The nouns a relative clause or participle hangs on. In "the victims of a bombing
    ten years ago that killed 45" the parse may hang "killed" on "victims"; the clause
    belongs to the nouns on the path from the word before it up to that head, and those
    nouns lend it their time and flags."""
    head = trigger.head
    if trigger.dep_ not in ("relcl", "acl") or head.i >= trigger.i:
        return []
    node = trigger.doc[trigger.left_edge.i - 1]
    path: list[Token] = []
    for _ in range(10):
        if node.pos_ in _NOUNS and node.ent_type_ != "DATE":
            path.append(node)
        if node.i == head.i:
            return path
        if node.head.i == node.i or node.i < head.i:
            break
        node = node.head
    return [head]


def time_phrases(sentence: Span) -> list[Span]:
    """The sentence's DATE entities, and "... ago" phrases the tagger missed."""
    phrases = [e for e in sentence.ents if e.label_ == "DATE"]
    covered = {t.i for e in phrases for t in e}
    for token in sentence:
        if token.lower_ == "ago" and token.i not in covered:
            phrases.append(token.doc[token.left_edge.i : token.i + 1])
    return phrases


def time_governors(phrase: Span, means_preps: Iterable[str]) -> list[Token]:
    """The word whose time a phrase tells: the first word above it outside the phrase
    and its preposition ("on Friday" -> "gathered", "the 2014 bombing" -> "bombing",
    "a bombing ten years ago" -> "bombing"). A noun that is the means of its verb
    ("killed in an attack in 2014") tells the verb's time too."""
    node = phrase.root
    while node.head.i != node.i:
        node = node.head
        if phrase.start <= node.i < phrase.end or node.pos_ == "ADP":
            continue
        governors = [node]
        means = node.head
        if (
            node.pos_ in _NOUNS
            and node.dep_ == "pobj"
            and means.lower_ in means_preps
            and means.head.pos_ in ("VERB", "AUX")
        ):
            governors.append(means.head)
        return governors
    return []
