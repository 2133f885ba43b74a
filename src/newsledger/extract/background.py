"""Background: the events a report tells as the earlier happening its news is measured
against, not as its news.

Wire copy ties a new attack to an older one in set phrases: "The attack came hours
after a car bomb killed 11 people in Beledweyne", "..., a day after an air strike killed
seven", "It was the second attack on Goma in two weeks, after shelling of the market
killed 19", "the deadliest since an April 2023 air attack", "in retaliation for a strike
on Nabatieh". The earlier happening is real and reported, so it stays an event and links
to its incident; it is flagged `background`, and an article's main event is never a
background one (a retold deadlier attack would otherwise take over the article). A plain
"after" ("police fired tear gas after protesters threw stones") tells one story in order
and flags nothing. The words live in `resources/patterns/background.toml`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from newsledger.data import load_toml
from newsledger.nlp import children, sentence_of, token_words, tokens

# A reference verb tells only how its subject relates to the earlier happening: "The
# attack came hours after ...". With a particle or another preposition it is an act of
# its own ("protesters came out after ...", "came to the square after ...").
_REFERENCE_DEPS = {"nsubj", "npadvmod", "advmod", "prep", "advcl", "punct", "cc", "conj",
                   "aux", "dobj", "mark", "ccomp", "parataxis"}  # fmt: skip


# Clauses on a word before the stretch: they go on about the news, not the earlier
# happening.
_OTHER_CLAUSES = {"relcl", "ccomp", "acl", "advcl"}


class BackgroundRules:
    """The word lists of `background.toml`."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.reference_marks = frozenset(table["reference_marks"])
        self.time_units = frozenset(table["time_units"])
        self.same_day_units = frozenset(table["same_day_units"])
        self.measure_adverbs = frozenset(table["measure_adverbs"])
        self.reference_verbs = frozenset(table["reference_verbs"])
        self.rank_words = frozenset(table["rank_words"])
        self.retaliation_phrases = tuple(tuple(p.split()) for p in table["retaliation_phrases"])
        self._first_words = frozenset(p[0] for p in self.retaliation_phrases)

    @classmethod
    @cache
    def packaged(cls) -> BackgroundRules:
        return cls(load_toml("patterns/background.toml"))

    def told_as_background(self, trigger: Token) -> bool:
        """Whether the trigger lies where its sentence names an earlier happening."""
        return self.scope_of(trigger) is not None

    def scope_of(self, trigger: Token) -> range | None:
        """The token indices of the background stretch that holds the trigger, if any:
        only a time phrase or a place inside it is the earlier happening's."""
        for start, end in self.scopes(sentence_of(trigger)):
            if start <= trigger.i < end:
                return range(start, end)
        return None

    def apart_in_time(self, trigger: Token, scope: range) -> bool:
        """Whether the background stretch says its happening lies a day or more before
        the news ("two weeks after", "a day after", "since"): it then shares no time
        told of the news. "hours after" or a bare "came after" may."""
        doc = trigger.doc
        mark = doc[scope.start]
        if mark.lower_ not in self.reference_marks:
            return False
        if mark.lower_ == "since":
            return True
        unit = doc[mark.i - 1] if mark.i > 0 else None
        return (
            unit is not None
            and unit.lemma_.lower() in self.time_units
            and unit.lemma_.lower() not in self.same_day_units
        )

    def scopes(self, sentence: Span) -> list[tuple[int, int]]:
        """(start, end) token indices of the sentence's stretches that tell background,
        found once per sentence (each event of the sentence asks)."""
        known = sentence.doc.user_data.setdefault("newsledger_background", {})
        found = known.get(sentence.start)
        if found is None:
            found = known[sentence.start] = self._scopes(sentence)
        return found

    def _scopes(self, sentence: Span) -> list[tuple[int, int]]:
        found = []
        words = token_words(sentence.doc)
        all_tokens = tokens(sentence.doc)
        for i in range(sentence.start, sentence.end):
            lower, lemma = words.lower[i], words.lemma[i]
            if lower in self.reference_marks and i > sentence.start:
                scope = self._after_scope(sentence, all_tokens[i])
                if scope is not None:
                    found.append(scope)
            elif lower in self._first_words:
                end = self._phrase_end(sentence, all_tokens[i])
                if end is not None:
                    found.append((end, self._clause_end(sentence, end)))
            elif lemma in self.reference_verbs and self._bare_reference(all_tokens[i]):
                token = all_tokens[i]
                objects = [c for c in children(token) if c.dep_ == "dobj"]  # "followed a raid"
                found += [(o.left_edge.i, o.right_edge.i + 1) for o in objects]
        return found

    def _after_scope(self, sentence: Span, mark: Token) -> tuple[int, int] | None:
        """What follows "after"/"since" when a measure or a reference clause comes before
        it. A measure that opens the sentence ("Two days after the attack, police ...")
        fronts a phrase: only that phrase is background."""
        measure = self._measure_start(mark)
        if measure is None and not self._reference_before(sentence, mark):
            return None
        if measure is not None and measure == sentence.start:
            governed = mark.head if mark.dep_ == "mark" else mark
            return mark.i, max(governed.right_edge.i, mark.i) + 1
        return mark.i, self._clause_end(sentence, mark.i + 1)  # "since January, when ..."

    def _measure_start(self, mark: Token) -> int | None:
        """Where a time measure right before the mark starts ("exactly two weeks after",
        "a day after", "hours after"), or None."""
        doc = mark.doc
        unit = doc[mark.i - 1]
        if unit.pos_ != "NOUN" or unit.lemma_.lower() not in self.time_units:
            return None
        start = unit.i
        while start > 0:
            word = doc[start - 1]
            if word.pos_ in ("DET", "NUM") or word.lower_ in self.measure_adverbs:
                start -= 1
            else:
                break
        return start

    def _reference_before(self, sentence: Span, mark: Token) -> bool:
        """A reference clause before the mark: "The strike came (hours) after", or "be"
        with a rank ("It was the second deadly attack ..., after", "the deadliest
        since")."""
        before = sentence.doc[sentence.start : mark.i]
        if any(
            t.lemma_.lower() in self.reference_verbs and self._bare_reference(t) for t in before
        ):
            return True
        ranked = any(t.tag_ == "JJS" or t.lower_ in self.rank_words for t in before)
        return ranked and any(t.lemma_ == "be" for t in before)

    def _bare_reference(self, verb: Token) -> bool:
        """A reference verb with no particle and no preposition but the reference mark."""
        if verb.pos_ != "VERB":
            return False
        for child in children(verb):
            if child.dep_ not in _REFERENCE_DEPS:
                return False
            if child.dep_ == "prep" and not (
                child.lower_ in self.reference_marks or _is_time(child)
            ):
                return False
        return True

    def _phrase_end(self, sentence: Span, first: Token) -> int | None:
        """The index after a retaliation phrase that starts at `first`, or None."""
        lower = token_words(first.doc).lower
        for phrase in self.retaliation_phrases:
            end = first.i + len(phrase)
            if end <= sentence.end and tuple(lower[first.i : end]) == phrase:
                return end
        return None

    @staticmethod
    def _clause_end(sentence: Span, start: int) -> int:
        """The end of the stretch from `start`: a semicolon, a clause joined with a
        subject of its own ("..., and Israel struck back") or a clause that hangs on a
        word before the stretch ("the first time since 2019 that troops fired") ends
        it."""
        doc = sentence.doc
        for token in doc[start : sentence.end]:
            if token.lower_ == ";":
                return token.i
            if (
                token.pos_ in ("VERB", "AUX")
                and token.head.i < start
                and token.left_edge.i >= start  # not the clause the stretch opens in
                and (
                    token.dep_ in _OTHER_CLAUSES  # "the first time since 2019 that ..."
                    or (
                        token.dep_ == "conj"
                        and any(c.dep_ in ("nsubj", "nsubjpass") for c in children(token))
                    )
                )
            ):
                return token.left_edge.i
        return sentence.end


def _is_time(preposition: Token) -> bool:
    """A time phrase ("on Monday", "in May"), which any verb may carry."""
    return any(c.ent_type_ in ("DATE", "TIME") for c in children(preposition))
