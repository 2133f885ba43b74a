"""Which sense of a trigger word a sentence has.

Many trigger words have a common sense that reports no political event: "shoot
videos", "the general in charge of", "released its quarterly results", "attacked the
new tax law" (criticism, not violence), "an earthquake struck". A row of
`event_triggers.tsv` picks its sense with the tests of its `with` column, parsed here
(`parse_with`); the word classes those tests name (`@hazard`, `@people` ...) and two
sentence-level tests live in `resources/patterns/trigger_senses.toml`: a sentence
about a game reports no conflict or diplomacy ("the visitors were killed off by a
second goal"), and a state told with an event verb is no act ("troops were stationed
in Jordan at the time", "the outpost, which hosts Danish engineers").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError

_NAMES = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW"}
_TIMES = {"DATE", "TIME"}
_PRESENT = {"VBZ", "VBP"}


@dataclass(frozen=True)
class Condition:
    """One test of a row's `with` column other than a plain governed word.

    kind "class": the trigger governs a word of a class (`@hazard`) or an entity of
    its labels; "dep": it has a dependent with that relation (`:xcomp`); "head": it
    hangs from that word, or from a preposition under it (`^in`: "in charge of").
    """

    kind: str
    words: frozenset[str]
    entities: frozenset[str] = frozenset()

    def holds(self, token: Token, governed: Iterable[Token]) -> bool:
        if self.kind == "dep":
            return any(c.dep_ in self.words for c in token.children)
        if self.kind == "head":
            heads = [token.head] if token.head.i != token.i else []
            if heads and heads[0].pos_ == "ADP" and heads[0].head.i != heads[0].i:
                heads.append(heads[0].head)  # "free of charge": of, then free
            return any(_named(h, self.words) for h in heads)
        return any(_named(t, self.words) or t.ent_type_ in self.entities for t in governed)


@dataclass(frozen=True)
class WithColumn:
    """A parsed `with` cell: plain words the trigger must govern (any of them, as
    before: `governs`), other tests of which one must hold (`requires`), and tests
    that rule the row out (`excludes`, written with a leading "!")."""

    governs: frozenset[str]
    requires: tuple[Condition, ...]
    excludes: tuple[Condition, ...]


class TriggerSenses:
    """The word classes and sentence tests of `trigger_senses.toml`."""

    def __init__(self, table: dict[str, Any], source: str = "trigger_senses.toml") -> None:
        self.source = source
        self.prepositions = frozenset(table["governed"]["prepositions"])
        self.object_prepositions = frozenset(table["governed"]["object_prepositions"])
        entities = table.get("entity_classes", {})
        self.classes = {
            name: Condition("class", _lower(words), frozenset(entities.get(name, ())))
            for name, words in table["classes"].items()
        }
        sport = table["sport"]
        self.sport_words = _lower(sport["words"])
        self.sport_min_words = int(sport["min_words"])
        self.sport_blocks = frozenset(sport["blocks"])
        try:
            self.score = re.compile(sport["score"])
        except re.error as exc:
            raise ResourceError(f"{source}: sport.score: bad pattern ({exc})") from exc
        states = table["states"]
        self.location_passives = _lower(states["location_passives"])
        self.placement_passives = _lower(states["placement_passives"])
        self.state_markers = _lower(states["markers"])
        self.state_phrases = tuple(p.lower() for p in states["phrases"])
        self.said_now = frozenset(states["said_now"])

    @classmethod
    @cache
    def packaged(cls) -> TriggerSenses:
        name = "patterns/trigger_senses.toml"
        return cls(load_toml(name), str(resource_path(name)))

    def parse_with(self, cell: str, where: str) -> WithColumn:
        """Read one `with` cell: `word`, `@country`, `@class`, `:dep`, `^head`, each
        optionally negated with "!"; `where` names the row for error messages."""
        governs: set[str] = set()
        requires: list[Condition] = []
        excludes: list[Condition] = []
        for item in (w.strip().lower() for w in cell.split("|")):
            if not item:
                continue
            negated, test = item.startswith("!"), item.removeprefix("!")
            if not test:
                raise ResourceError(f"{where}: empty test after '!' in {cell!r}")
            if test == "@country" and not negated:
                governs.add(test)
                continue
            condition = self._condition(test, where)
            if negated:
                excludes.append(condition or Condition("class", frozenset({test})))
            elif condition is None:
                governs.add(test)  # a plain word, matched as before this module
            else:
                requires.append(condition)
        return WithColumn(frozenset(governs), tuple(requires), tuple(excludes))

    def _condition(self, test: str, where: str) -> Condition | None:
        if test.startswith("@"):
            if test[1:] not in self.classes:
                known = ", ".join(sorted(self.classes))
                raise ResourceError(
                    f"{where}: unknown word class {test!r} (known: @country, {known}; "
                    f"add it to {self.source})"
                )
            return self.classes[test[1:]]
        if test.startswith(":"):
            return Condition("dep", frozenset({test[1:]}))
        if test.startswith("^"):
            return Condition("head", frozenset({test[1:]}))
        return None

    def around(self, token: Token, governed: Iterable[Token]) -> list[Token]:
        """What a ! test looks at: `governed` (the trigger's dependents), the objects
        of its participant prepositions ("killed in a car crash", "killed by floods"),
        and the subject a participle shares with its verb ("an earthquake struck
        Turkey, killing 30")."""
        found = [t for t in governed if not tells_time(t)]
        found += _prepositional_objects(token, self.prepositions, agent=True)
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            found += _shared_subject(token)
        return found

    def done_to(self, token: Token, governed: Iterable[Token]) -> list[Token]:
        """What an @class test looks at: what the act is done to, never its doer
        ("Netanyahu released a statement" releases no person) nor a cause ("attacked
        the town in response to the decision" is no criticism)."""
        found = [t for t in governed if t.dep_ != "nsubj" and not tells_time(t)]
        return found + _prepositional_objects(token, self.object_prepositions, agent=False)

    def is_sport(self, sentence: Span) -> bool:
        """Whether the sentence tells a game: enough different sport words outside
        names, a match score counting as one."""
        seen: set[str] = set()
        tokens = list(sentence)
        for n, token in enumerate(tokens):
            words = {token.lower_, token.lemma_.lower()}
            if n + 2 < len(tokens) and tokens[n + 1].text == "-":
                words.add(f"{token.lower_}-{tokens[n + 2].lower_}")  # "half - time"
                if self.score.match(f"{token.text}-{tokens[n + 2].text}"):
                    seen.add("<score>")
            if token.ent_type_ in _NAMES:
                continue
            seen |= words & self.sport_words
        return len(seen) >= self.sport_min_words

    def describes_noun(self, token: Token, event_type: str) -> bool:
        """A present-tense relative clause that describes its noun ("the outpost, which
        hosts Danish engineers", "Iran, which supplies the militia"): what the thing
        does, not an act at a time. A speech act is still reported ("refugees, whom
        authorities blame for the conflict"): it is said now."""
        return (
            token.pos_ == "VERB"
            and token.dep_ == "relcl"
            and token.tag_ in _PRESENT
            and event_type not in self.said_now
            and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
        )

    def describes_state(self, token: Token) -> bool:
        """A passive that tells a state, not an act: of location ("were stationed in
        Jordan"), or of placement in the present or with a state marker ("are
        deployed in Syria", "were deployed there at the time")."""
        if token.pos_ != "VERB":
            return False
        passive = next((c for c in token.children if c.dep_ == "auxpass"), None)
        lemma = token.lemma_.lower()
        if passive is None or lemma not in self.location_passives | self.placement_passives:
            return False
        # "have been deployed to the border" is a recent act; "are deployed" a state
        return (
            lemma in self.location_passives or passive.tag_ in _PRESENT or self._marks_state(token)
        )

    def _marks_state(self, token: Token) -> bool:
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ in self.state_markers:
                return True
            if child.dep_ == "prep":
                phrase = " ".join(t.lower_ for t in child.subtree)
                if phrase.startswith(self.state_phrases):
                    return True
        return False


def _lower(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _named(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


def tells_time(token: Token) -> bool:
    """A preposition whose object is a date or time ("on Monday", "at dawn") says when,
    not what or whom: "fired on Monday" did not fire on anyone."""
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return token.dep_ == "prep" and bool(objects) and objects[0].ent_type_ in _TIMES


def _prepositional_objects(token: Token, prepositions: frozenset[str], agent: bool) -> list[Token]:
    """The objects of the trigger's prepositions in `prepositions` (and of its passive
    "by" agent if `agent`), leaving out time phrases ("on Monday")."""
    found: list[Token] = []
    for prep in token.children:
        if (prep.dep_ == "agent" and agent) or (
            prep.dep_ == "prep" and prep.lower_ in prepositions and not tells_time(prep)
        ):
            found += [o for o in prep.children if o.dep_ in ("pobj", "pcomp")]
    return found


def _shared_subject(token: Token) -> Sequence[Token]:
    """The subject of the verb a participle or conjunct verb hangs from."""
    if token.dep_ not in ("advcl", "conj", "xcomp") or token.head.i == token.i:
        return ()
    return [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
