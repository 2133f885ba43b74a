"""Which sense of a trigger word a sentence has.

Many trigger words have a common sense that reports no political event: "shoot
videos", "the general in charge of", "released its quarterly results", "attacked the
new tax law" (criticism, not violence), "an earthquake struck". A row of
`event_triggers.tsv` picks its sense with the tests of its `with` column, parsed here
(`parse_with`); the word classes those tests name (`@hazard`, `@people` ...) and two
sentence-level tests live in `resources/patterns/trigger_senses.toml`: a sentence
about a game or a market reports no conflict ("the visitors were killed off by a
second goal", "the phone will help it fight back against its rivals"; in a match
report one sport word is enough), and a state told with an event verb is no act
("troops were stationed in Jordan at the time", "the outpost, which hosts Danish
engineers").

A test may name the role of what it looks at: who does the act ("attacks from
opposition lawmakers" are criticism: `by@critic`; "a fire broke out, killing nine" is
no attack: `!by@element`), the direct object ("killing the town" kills no one:
`!obj@settlement`) or a preposition's object ("fight for market share":
`!for@prize`); and tests joined with "&" must all hold ("by@critic&!@target": a
critic's attack on no armed or physical target). A class takes words (two-word ones
too: "house fire"), entity labels, actor sectors ("opposition lawmakers" are LEG),
and titles of names ("Cyclone Ashar", "Senator Warren"); modifiers may take a word
out of it ("Israeli fire" is no blaze).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.actors import ActorCoder
from newsledger.nlp import children, paragraph_of, subtree, token_words, tokens

_NAMES = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW"}
_TIMES = {"DATE", "TIME"}
_PRESENT = {"VBZ", "VBP"}
_AMOUNTS = {"CARDINAL", "QUANTITY", "PERCENT"}
_BODIES = {"ORG", "GPE", "FAC"}
_BY = ("by", "from")  # "attacks by the opposition", "attacks from lawmakers"


@dataclass(frozen=True)
class Guard:
    """Modifiers that take a word out of its class: "Israeli fire", "sniper fire" and
    "fire from the army" are gunfire, not a blaze (`[unless_modified]`)."""

    words: frozenset[str]
    entities: frozenset[str]
    sourced: bool = False  # any "from" object takes the word out: "fire from positions"

    def rules_out(self, token: Token) -> bool:
        if self.sourced and _shot_from(token):
            return True
        for modifier in _modifiers(token):
            if _named(modifier, self.words) or modifier.ent_type_ in self.entities:
                return True
        return False


@dataclass(frozen=True)
class Condition:
    """One test of a row's `with` column other than a plain governed word.

    kind "class": the trigger governs a word of a class (`@hazard`), an entity of its
    labels or an actor of its sectors; `role` narrows what it looks at ("by": who does
    the act, "obj": the direct object, a preposition: that preposition's object);
    "dep": it has a dependent with that relation (`:xcomp`); "head": it hangs from
    that word, or from a preposition under it (`^in`: "in charge of"); "all": each of
    `parts` holds (or, for a part marked True, does not hold).
    """

    kind: str
    words: frozenset[str]
    entities: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    guard: Guard | None = None
    role: str = ""
    parts: tuple[tuple[Condition, bool], ...] = ()
    suffixes: tuple[str, ...] = ()  # "commercialisation", "militarization": abstract

    def holds(self, token: Token, governed: Iterable[Token]) -> bool:
        if self.kind == "dep":
            return any(c.dep_ in self.words for c in children(token))
        if self.kind == "head":
            heads = [token.head] if token.head.i != token.i else []
            if heads and heads[0].pos_ == "ADP" and heads[0].head.i != heads[0].i:
                heads.append(heads[0].head)  # "free of charge": of, then free
            return any(_named(h, self.words) for h in heads)
        if self.kind == "all":
            return all(part.holds(token, governed) != negated for part, negated in self.parts)
        if self.role:
            governed = _in_role(token, self.role)
        return any(self.names(t) for t in governed)

    def names(self, token: Token) -> bool:
        """Whether `token` is of the class: by its word (or the two words it ends:
        "house fire", "middle class"), its entity label, a title of a proper name
        ("Cyclone Ashar", "Senator Warren"), or the sector of the actor it heads."""
        if self._word(token) and not _names_a_body(token):
            return True
        pos = token_words(token.doc).pos[token.i]
        if pos == "PROPN" and any(self._word(c) for c in _compounds(token)):
            return True
        if not self.sectors or pos not in ("NOUN", "PROPN"):
            return False
        actor = ActorCoder.packaged().code(token)
        if token.pos_ == "NOUN" and actor.role and token.lower_ not in actor.role.split():
            return False  # "party supporters", "youths of the ruling party": not the party
        return actor.sector in self.sectors

    def _word(self, token: Token) -> bool:
        table, i = token_words(token.doc), token.i
        if table.pos[i] in ("VERB", "AUX") and token.tag_ != "VBG":
            return False  # the classes hold things: "to demand" is no market's demand
        named = (
            table.lemma[i] in self.words
            or table.lower[i] in self.words
            or (self._has_pairs and _named_pair(token, self.words))
            or (
                table.pos[i] == "NOUN" and table.lower[i].endswith(self.suffixes)
                if self.suffixes
                else False
            )
        )
        if not named and table.ent_type[i] not in self.entities:
            return False
        return self.guard is None or not self.guard.rules_out(token)

    @cached_property
    def _has_pairs(self) -> bool:
        """Whether a member is two words: only then does `_word` read the word before."""
        return any(" " in w for w in self.words)


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
        sectors = table.get("sector_classes", {})
        suffixes = table.get("class_suffixes", {})
        guards = {
            name: Guard(
                _lower(guard.get("words", ())),
                frozenset(guard.get("labels", ())),
                bool(guard.get("sourced", False)),
            )
            for name, guard in table.get("unless_modified", {}).items()
        }
        for name in set(entities) | set(sectors) | set(guards) | set(suffixes):
            if name not in table["classes"]:
                raise ResourceError(f"{source}: {name!r} is not a class of [classes]")
        self.classes = {
            name: Condition(
                "class",
                _lower(words),
                frozenset(entities.get(name, ())),
                frozenset(sectors.get(name, ())),
                guards.get(name),
                suffixes=tuple(w.lower() for w in suffixes.get(name, ())),
            )
            for name, words in table["classes"].items()
        }
        self.domains = tuple(_domain(name, table, source) for name in table.get("domains", {}))
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
        """Read one `with` cell: `word`, `@country`, `@class` (also `by@class`,
        `obj@class`, `for@class`...), `:dep`, `^head`, each optionally negated with
        "!", and tests joined with "&" that must all hold ("by@critic&!@target"); a
        "!" in front of a joined item rules the row out when all its parts hold.
        The plain words after "!" ("!deal|!pact") make one test that any of them
        passes: a cell may list twenty, and each is then no test of its own to run.
        `where` names the row for error messages."""
        governs: set[str] = set()
        requires: list[Condition] = []
        excludes: list[Condition] = []
        unless: set[str] = set()
        for item in (w.strip().lower() for w in cell.split("|")):
            if not item:
                continue
            negated, test = item.startswith("!"), item.removeprefix("!")
            if not test:
                raise ResourceError(f"{where}: empty test after '!' in {cell!r}")
            if "&" in test:
                joined = Condition("all", frozenset(), parts=self._parts(test, cell, where))
                (excludes if negated else requires).append(joined)
                continue
            if test == "@country" and not negated:
                governs.add(test)
                continue
            condition = self._condition(test, where)
            if negated and condition is None:
                unless.add(test)
            elif negated:
                excludes.append(condition)
            elif condition is None:
                governs.add(test)  # a plain word, matched as before this module
            else:
                requires.append(condition)
        if unless:
            excludes.append(Condition("class", frozenset(unless)))
        return WithColumn(frozenset(governs), tuple(requires), tuple(excludes))

    def _parts(self, test: str, cell: str, where: str) -> tuple[tuple[Condition, bool], ...]:
        """The parts of a joined test, each with whether it is negated."""
        parts: list[tuple[Condition, bool]] = []
        for n, part in enumerate(test.split("&")):
            negated = n > 0 and part.startswith("!")  # a leading "!" negates the whole
            part = part.removeprefix("!") if negated else part
            if not part or part == "@country" or part.startswith("!"):
                raise ResourceError(f"{where}: bad joined test {part!r} in {cell!r}")
            condition = self._condition(part, where)
            parts.append((condition or Condition("class", frozenset({part})), negated))
        return tuple(parts)

    def _condition(self, test: str, where: str) -> Condition | None:
        role, at, name = test.partition("@")
        if at:
            if name not in self.classes:
                known = ", ".join(sorted(self.classes))
                raise ResourceError(
                    f"{where}: unknown word class {'@' + name!r} (known: @country, "
                    f"{known}; add it to {self.source})"
                )
            if role and not role.isalpha():
                raise ResourceError(f"{where}: {role!r} before @{name} is no role")
            return replace(self.classes[name], role=role)
        if test.startswith(":"):
            return Condition("dep", frozenset({test[1:]}))
        if test.startswith("^"):
            return Condition("head", frozenset({test[1:]}))
        return None

    def around(self, token: Token, governed: Iterable[Token]) -> list[Token]:
        """What a ! test looks at: `governed` (the trigger's dependents), the objects
        of its participant prepositions ("killed in a car crash", "killed by floods"),
        and the subject a participle shares with its verb ("an earthquake struck
        Turkey, killing 30"); a relative pronoun subject stands for its noun
        ("mudslides that killed 40")."""
        found = [t for t in governed if not tells_time(t)]
        found += _prepositional_objects(token, self.prepositions, agent=True)
        found = [_antecedent(t, token) if t.dep_ == "nsubj" else t for t in found]
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(token)):
            found += _shared_subject(token)
        return found

    def done_to(self, token: Token, governed: Iterable[Token]) -> list[Token]:
        """What an @class test looks at: what the act is done to, never its doer
        ("Netanyahu released a statement" releases no person) nor a cause ("attacked
        the town in response to the decision" is no criticism)."""
        found = [
            t
            for t in governed
            if t.dep_ not in _NOT_DONE_TO and not tells_time(t)
        ]  # fmt: skip
        found += _prepositional_objects(token, self.object_prepositions, agent=False)
        return found + _named_in_free_relative(token)

    def blocked_types(self, sentence: Span) -> frozenset[str]:
        """The event types a sentence cannot report because it tells a game or a
        market in the words of war (`[domains]`): those of each domain the sentence
        belongs to."""
        blocked: frozenset[str] = frozenset()
        for domain in self.domains:
            if domain.holds(sentence):
                blocked |= domain.blocks
        return blocked

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
            and not any(c.dep_ in ("aux", "auxpass") for c in children(token))
        )

    def describes_state(self, token: Token) -> bool:
        """A passive that tells a state, not an act: of location ("were stationed in
        Jordan"), or of placement in the present or with a state marker ("are
        deployed in Syria", "were deployed there at the time")."""
        if token.pos_ != "VERB":
            return False
        passive = next((c for c in children(token) if c.dep_ == "auxpass"), None)
        lemma = token.lemma_.lower()
        if passive is None or lemma not in self.location_passives | self.placement_passives:
            return False
        # "have been deployed to the border" is a recent act; "are deployed" a state
        return (
            lemma in self.location_passives or passive.tag_ in _PRESENT or self._marks_state(token)
        )

    def _marks_state(self, token: Token) -> bool:
        for child in children(token):
            if child.dep_ == "advmod" and child.lower_ in self.state_markers:
                return True
            if child.dep_ == "prep":
                phrase = " ".join(t.lower_ for t in subtree(child))
                if phrase.startswith(self.state_phrases):
                    return True
        return False


# Dependents that are never what an act is done to: its doer, auxiliaries, punctuation,
# and prepositions themselves ("according to figures": "according" is no "accord").
_NOT_DONE_TO = frozenset({"nsubj", "aux", "auxpass", "punct", "prep", "cc", "mark", "neg",
                          "advmod", "det"})  # fmt: skip


@dataclass(frozen=True)
class Domain:
    """A field whose news borrows the words of war: a sport's match reports, business
    news (`[domains.NAME]` of trigger_senses.toml)."""

    name: str
    words: frozenset[str]
    min_words: int
    article_words: int
    violence: frozenset[str]
    blocks: frozenset[str]
    score: re.Pattern[str] | None
    paragraphs: bool = False  # in a domain article, a word in the paragraph is enough

    def holds(self, sentence: Span) -> bool:
        """Whether the sentence belongs to the domain: `min_words` different words of
        it outside names (in an article with `article_words` of them, one in the
        sentence or its paragraph), and no word of real violence in the sentence
        (police, injuries, arrests)."""
        lower = token_words(sentence.doc).lower[sentence.start : sentence.end]
        if not self.violence.isdisjoint(lower):
            return False  # "fans attacked the referee after the match, police said"
        seen = len(self.seen_in(sentence))
        if seen >= self.min_words:
            return True
        if not self.in_article(sentence.doc):
            return False
        if seen >= 1:
            return True
        # in a match report, a coach's "We were shot to pieces" belongs to the
        # paragraph about the game
        return self.paragraphs and bool(self.seen_in(paragraph_of(sentence)))

    def in_article(self, doc: Doc) -> bool:
        """Whether the whole article is about the domain (a match report)."""
        key = f"newsledger_domain_{self.name}"
        if key not in doc.user_data:
            doc.user_data[key] = len(self.seen_in(doc[:])) >= self.article_words
        return bool(doc.user_data[key])

    def seen_in(self, span: Span) -> set[str]:
        """The different words of the domain in `span` outside names; a match score
        ("2-1") counts as the word <score>; hyphenated words are matched across
        spaCy's split ("half - time")."""
        seen: set[str] = set()
        table = token_words(span.doc)
        text, lower, lemma, ent_type = table.text, table.lower, table.lemma, table.ent_type
        words, pair_starts = self.words, self._pair_starts
        start, end = span.start, span.end
        for i in range(start, end):
            hyphen = i + 2 < end and text[i + 1] == "-"
            if hyphen and self.score is not None and self.score.match(f"{text[i]}-{text[i + 2]}"):
                seen.add("<score>")
            if ent_type[i] in _NAMES:
                continue
            if lower[i] in words:
                seen.add(lower[i])
            if lemma[i] in words:
                seen.add(lemma[i])
            if lower[i] not in pair_starts:
                continue  # no entry of two words starts with it
            if i + 1 < end and f"{lower[i]} {lower[i + 1]}" in words:
                seen.add(f"{lower[i]} {lower[i + 1]}")  # "home side"
            if hyphen and f"{lower[i]}-{lower[i + 2]}" in words:
                seen.add(f"{lower[i]}-{lower[i + 2]}")  # "half - time"
        return seen

    @cached_property
    def _pair_starts(self) -> frozenset[str]:
        """What a token must read for `seen_in` to try a two-word entry from it: the
        words before the space of "home side", before any hyphen of "half-time" (a
        word token holds no space, but may hold a hyphen)."""
        starts = {w.split(" ", 1)[0] for w in self.words if " " in w}
        starts |= {w[:k] for w in self.words for k, char in enumerate(w) if char == "-"}
        return frozenset(starts)


def _domain(name: str, table: dict[str, Any], source: str) -> Domain:
    entry = table["domains"][name]
    try:
        score = re.compile(entry["score"]) if "score" in entry else None
    except re.error as exc:
        raise ResourceError(f"{source}: domains.{name}.score: bad pattern ({exc})") from exc
    try:
        return Domain(
            name,
            _lower(entry["words"]),
            int(entry["min_words"]),
            int(entry["article_words"]),
            _lower(entry["violence"]),
            frozenset(entry["blocks"]),
            score,
            bool(entry.get("paragraphs", False)),
        )
    except KeyError as exc:
        raise ResourceError(f"{source}: domains.{name}: missing {exc.args[0]!r}") from exc


def _lower(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _named(token: Token, words: frozenset[str]) -> bool:
    table = token_words(token.doc)
    return table.lemma[token.i] in words or table.lower[token.i] in words


def tells_time(token: Token) -> bool:
    """A preposition whose object is a date or time ("on Monday", "at dawn") says when,
    not what or whom: "fired on Monday" did not fire on anyone."""
    if token.dep_ != "prep":
        return False
    first = next((c for c in children(token) if c.dep_ == "pobj"), None)
    return first is not None and first.ent_type_ in _TIMES


def _prepositional_objects(token: Token, prepositions: frozenset[str], agent: bool) -> list[Token]:
    """The objects of the trigger's prepositions in `prepositions` (and of its passive
    "by" agent if `agent`), leaving out time phrases ("on Monday")."""
    found: list[Token] = []
    for prep in children(token):
        if (prep.dep_ == "agent" and agent) or (
            prep.dep_ == "prep" and prep.lower_ in prepositions and not tells_time(prep)
        ):
            found += [o for o in children(prep) if o.dep_ in ("pobj", "pcomp")]
    return found


def _shared_subject(token: Token) -> Sequence[Token]:
    """The subject of the verb a participle or conjunct verb hangs from."""
    if token.dep_ not in ("advcl", "conj", "xcomp") or token.head.i == token.i:
        return ()
    return [c for c in children(token.head) if c.dep_ in ("nsubj", "nsubjpass")]


def _named_pair(token: Token, words: frozenset[str]) -> bool:
    """Whether the word before `token` and `token` name a two-word member ("house fire",
    "middle class", "top ten"): a modifier right before its head."""
    if token.i == 0:
        return False
    before = tokens(token.doc)[token.i - 1]
    if before.dep_ not in ("compound", "amod") or before.head.i != token.i:
        return False
    return f"{before.lower_} {token.lower_}" in words or (
        f"{before.lemma_.lower()} {token.lemma_.lower()}" in words
    )


def _names_a_body(token: Token) -> bool:
    """Whether `token` ends the name of an organisation or a place made of common
    words ("the White House", "the Washington Post"): it names that body, not a house
    or a post."""
    return (
        token.pos_ == "PROPN"
        and token.ent_type_ in _BODIES
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in children(token))
    )


def _shot_from(token: Token) -> bool:
    """Whether a "from" tells where `token` came from: under it ("fire from enemy
    positions") or, for a passive's agent, under the verb ("killed by fire from
    across the border")."""
    holders = [token]
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        holders.append(token.head.head)
    return any(c.dep_ == "prep" and c.lower_ == "from" for h in holders for c in children(h))


def _compounds(token: Token) -> list[Token]:
    """The compound words in front of a name, at any depth: "Opposition leader Raila"
    before "Odinga", "Cyclone" before "Ashar"."""
    found: list[Token] = []
    for child in children(token):
        if child.dep_ == "compound" and child.i < token.i:
            found += [child, *_compounds(child)]
    return found


def _modifiers(token: Token) -> list[Token]:
    """What modifies a noun: words in front of it and the object of its "from" or "by"
    ("Israeli fire", "sniper fire", "fire from the army")."""
    found = [c for c in children(token) if c.dep_ in ("amod", "compound", "nmod", "poss")]
    for prep in children(token):
        if prep.dep_ == "prep" and prep.lower_ in _BY:
            found += [o for o in children(prep) if o.dep_ == "pobj"]
    return found


def _named_in_free_relative(token: Token) -> list[Token]:
    """What a free relative object names: in "attacked what they call the
    commercialisation of the festival" the act is aimed at the commercialisation."""
    found: list[Token] = []
    for clause in (c for c in children(token) if c.dep_ == "ccomp"):
        if any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubj") for c in children(clause)):
            found += [c for c in children(clause) if c.dep_ in ("oprd", "attr")]
    return found


def _relative_noun(clause: Token) -> Token:
    """The noun a relative clause stands for: the one just before its relative pronoun
    ("the peace that our people fought for", however the parser hangs the clause)."""
    pronoun = next((c for c in children(clause) if c.tag_ in ("WDT", "WP")), None)
    if pronoun is not None and pronoun.i > 0:
        before = clause.doc[pronoun.i - 1]
        if before.pos_ in ("NOUN", "PROPN"):
            return before
    return clause.head


def _in_role(token: Token, role: str) -> list[Token]:
    """What a role-qualified class test looks at: "by" who does the act (`_doers`),
    "obj" the direct object or passive subject (and what a number measures:
    "thousands of jobs", but not "residents of the town"), any other word the objects
    of that preposition under the trigger."""
    if role == "by":
        return _doers(token)
    if role == "obj":
        objects = [c for c in children(token) if c.dep_ in ("dobj", "nsubjpass")]
        for obj in [o for o in objects if o.pos_ == "NUM" or o.ent_type_ in _AMOUNTS]:
            for of in (c for c in children(obj) if c.dep_ == "prep" and c.lower_ == "of"):
                objects += [o for o in children(of) if o.dep_ == "pobj"]
        return objects
    found = []
    for prep in (c for c in children(token) if c.dep_ == "prep" and c.lower_ == role):
        objects = [o for o in children(prep) if o.dep_ in ("pobj", "pcomp")]
        if not objects and token.dep_ == "relcl":
            objects = [_relative_noun(token)]  # "the peace that our people fought for"
        found += objects
    return found


def _doers(token: Token) -> list[Token]:
    """Who does the act a trigger tells: a verb's subject (the noun a relative pronoun
    stands for: "mudslides that killed 40"), its passive "by" agent, or the subject it
    shares with the verb it hangs from ("a fire broke out, killing nine"); a noun's
    owner, its modifiers and its "by" or "from" object ("the party's attacks",
    "opposition attacks", "attacks from lawmakers")."""
    found: list[Token] = []
    for child in children(token):
        if child.dep_ == "nsubj":
            found.append(_antecedent(child, token))
        elif child.dep_ == "agent":
            found += [o for o in children(child) if o.dep_ == "pobj"]
        elif token.pos_ in ("NOUN", "PROPN") and child.dep_ in ("poss", "compound", "amod"):
            found.append(child)
        elif token.pos_ in ("NOUN", "PROPN") and child.dep_ == "prep" and child.lower_ in _BY:
            found += [o for o in children(child) if o.dep_ == "pobj"]
    if token.pos_ == "VERB" and not any(c.dep_.startswith("nsubj") for c in children(token)):
        shared = _shared_subject(token)  # the verb's subject, not its passive patient
        found += [_antecedent(s, token.head) for s in shared if s.dep_ == "nsubj"]
    return found


def _antecedent(subject: Token, verb: Token) -> Token:
    """The noun a relative pronoun subject stands for ("mudslides that killed 40"):
    the noun the relative clause hangs from."""
    if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.i != verb.i:
        return verb.head
    return subject
