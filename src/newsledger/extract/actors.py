"""Coding the words that name a participant into country, sector and name.

`ActorCoder` looks phrases up in the actor dictionaries (see dictionaries.py): named
actors first (the longest alias wins: "Kata'ib Hezbollah" before "Hezbollah"), then
countries by name, demonym or capital ("Washington" is the U.S. government, not the
city), and the head's role word for the sector. `ArticleActors` adds what one article
teaches: "Iraqi Foreign Minister Fuad Hussein" is IRQ/GOV, and so are "Hussein" and
"the minister" later in the same article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.dictionaries import (
    NON_STATE,
    ActorDictionary,
    NamedActor,
    alias_key,
    packaged_dictionary,
)
from newsledger.extract.model import Actor

if TYPE_CHECKING:  # places.py codes country names with ActorCoder: no runtime import here
    from newsledger.extract.places import PlaceMention

_MAX_WORDS = 6
_CLAUSE_DEPS = {"relcl", "acl", "advcl"}
_PARTICIPANTS = "patterns/modality.toml"


@dataclass(frozen=True)
class ParticipantRules:
    """The word lists of the `[participants]` table of `modality.toml`: who does an act,
    who suffers it, and who only sees, reports or protests it."""

    perception_verbs: frozenset[str]
    act_verbs: frozenset[str]
    complaint_preps: frozenset[str]
    violent_types: frozenset[str]
    harm_participles: frozenset[str]
    settlement_nouns: frozenset[str]
    first_person: frozenset[str]
    singular_third_person: frozenset[str]
    plural_third_person: frozenset[str]
    group_heads: frozenset[str]
    opposition_words: frozenset[str]

    @classmethod
    @cache
    def packaged(cls) -> ParticipantRules:
        table = load_toml(_PARTICIPANTS).get("participants")
        if not isinstance(table, dict):
            raise ResourceError(f"{resource_path(_PARTICIPANTS)}: no [participants] table")
        groups = table.get("armed_groups", {})

        def words(key: str, within: dict = table) -> frozenset[str]:
            value = within.get(key)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ResourceError(
                    f"{resource_path(_PARTICIPANTS)}: participants.{key} must be a list of words"
                )
            return frozenset(v.lower() for v in value)

        return cls(
            perception_verbs=words("perception_verbs"),
            act_verbs=words("act_verbs"),
            complaint_preps=words("complaint_preps"),
            violent_types=frozenset(t.upper() for t in words("violent_types")),
            harm_participles=words("harm_participles"),
            settlement_nouns=words("settlement_nouns"),
            first_person=words("first_person"),
            singular_third_person=words("singular_third_person"),
            plural_third_person=words("plural_third_person"),
            group_heads=words("name_heads", groups),
            opposition_words=words("opposition_words", groups),
        )


class ActorCoder:
    """Dictionary lookups shared by every article in a process (load once, read only)."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self._actors = dictionary.actors
        self._roles = dictionary.roles
        self._longest_role = max((len(r.split()) for r in self._roles), default=1)
        self._starts = {_first_piece(alias) for alias in self._actors}
        self._role_starts = {_first_piece(role) for role in self._roles}
        self._group_heads = ParticipantRules.packaged().group_heads

    @classmethod
    @cache
    def packaged(cls) -> ActorCoder:
        return cls(packaged_dictionary())

    def country_of(self, text: str) -> NamedActor | None:
        """A country (or international body) named by `text`, if any."""
        if text.lower() == "us" and text != "US":
            return None  # "US" the country, "us" the pronoun
        entry = self._actors.get(alias_key(text))
        return entry if entry is not None and entry.country else None

    def named(self, text: str) -> NamedActor | None:
        if text.lower() == "us" and text != "US":
            return None
        return self._actors.get(alias_key(text))

    def role_of(self, words: str) -> str | None:
        return self._roles.get(alias_key(words))

    def code(self, head: Token) -> Actor:
        """The actor named by the phrase that `head` governs."""
        span = phrase_of(head)
        piece, entry = self._best_named(span, head)
        role, sector = self._find_role(span, head)
        countries = [entry.country] if entry and entry.country else []
        for conjunct in (c for c in head.children if c.dep_ == "conj"):
            other = self._find_named(phrase_of(conjunct))
            if other and other.country and other.country not in countries:
                countries.append(other.country)
        if entry is not None and entry.kind == "named":
            # "Houthi fighters" are the Houthis (REB), whatever "fighters" alone would be
            sector = entry.sector or sector
        elif entry is not None and entry.kind == "capital" and not _modifies(piece, head):
            sector = sector or "GOV"  # "Washington said", "Moscow's decision"
        name = _person_in(span)
        if name is None and entry is not None and entry.kind == "named":
            name = entry.name
        unnamed = entry is None or entry.kind != "named"
        if unnamed and (sector is None or role in self._group_heads):
            group = self._armed_group(span, head)
            if group is not None:
                name, sector = group
        return Actor(
            text=span.text,
            name=name,
            country=countries[0] if countries else None,
            sector=sector,
            role=role,
            start=span.start_char,
            end=span.end_char,
            countries=tuple(countries) if len(countries) > 1 else (),
        )

    def _find_named(self, span: Span, head: Token | None = None) -> NamedActor | None:
        return self._best_named(span, head)[1]

    def _best_named(
        self, span: Span, head: Token | None = None
    ) -> tuple[Span | None, NamedActor | None]:
        """The dictionary phrase that best names the span, and where it stands: one that
        holds the head word ("NATO-member Norway" is Norway), then a named body over a
        country word ("Iraq's Kata'ib Hezbollah" is the group), then the longest."""
        best: tuple[tuple[int, int, int], Span, NamedActor] | None = None
        for piece, entry in self._matches(span):
            holds_head = head is not None and piece.start <= head.i < piece.end
            rank = (int(holds_head), int(entry.kind == "named"), len(piece))
            if best is None or rank > best[0]:
                best = (rank, piece, entry)
        return (best[1], best[2]) if best else (None, None)

    def _armed_group(self, span: Span, head: Token) -> tuple[str, str] | None:
        """(name, sector) of an armed group the dictionaries do not know, named by a
        proper name ending in a group word ("the Korvali Brigade", "the Velmar Liberation
        Front"): armed opposition (REB) with an opposition word in the name, else a
        non-state armed group (UAF), as PLOVER's sector list has it."""
        rules = ParticipantRules.packaged()
        if head.pos_ != "PROPN" or head.lower_ not in rules.group_heads:
            return None
        words = [t for t in span if t.i < head.i and t.dep_ in ("compound", "amod")]
        if not words or not all(t.pos_ in ("PROPN", "ADJ") and t.text[:1].isupper() for t in words):
            return None  # "the 5th Brigade", "the army": a unit or a role, not a name
        if any(self.country_of(t.text.removesuffix("'s")) for t in words):
            return None  # "the Sudanese Army" is a state's army
        lowered = {t.lower_ for t in span}
        sector = "REB" if lowered & rules.opposition_words else "UAF"
        return span.doc[words[0].i : head.i + 1].text, sector

    def countries_in(self, span: Span) -> set[str]:
        """Every country a span names (international bodies aside); a country word
        inside a longer proper name names none ("the town of Datu Saudi Ampatuan")."""
        return {
            e.country for _, e in self._matches(span) if e.country and e.country not in NON_STATE
        }

    def _matches(self, span: Span) -> list[tuple[Span, NamedActor]]:
        """Dictionary phrases in the span, longest first. A phrase listed without a
        country ("Latin America") hides the country words inside it ("America").

        Works on the token texts (spans and `doc[i]` are costly in spaCy) and only
        tries phrases whose first word starts some alias."""
        words = [(t.i, t.text, t.whitespace_) for t in span]
        found = []
        hidden: set[int] = set()
        for size in range(min(_MAX_WORDS, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                first = words[start]
                if _first_piece(first[1]) not in self._starts:
                    continue
                indices = range(first[0], first[0] + size)
                if all(i in hidden for i in indices):
                    continue
                chunk = words[start : start + size]
                text = "".join(w[1] + w[2] for w in chunk[:-1]) + chunk[-1][1]
                entry = self.named(text.removesuffix("'s").removesuffix("\u2019s").strip())
                if entry is None:
                    continue
                piece = span.doc[first[0] : first[0] + size]
                if entry.country is None:
                    hidden.update(indices)
                elif entry.kind != "named" and _inside_name(piece):
                    continue  # "the town of Datu Saudi Ampatuan" names no Saudi
                else:
                    found.append((piece, entry))
        return found

    def _find_role(self, span: Span, head: Token) -> tuple[str | None, str | None]:
        """The role phrase nearest the head: "Foreign Minister" in "Iraqi Foreign
        Minister Fuad Hussein", "troops" in "American troops"."""
        # Token texts, not spans (costly in spaCy); only phrases whose first word (or its
        # lemma) starts some role are looked up.
        words = [(t.i, t.text, t.whitespace_, t.lemma_) for t in span]
        starts = [
            _first_piece(w[1]) in self._role_starts or _first_piece(w[3]) in self._role_starts
            for w in words
        ]
        order = sorted(range(len(words)), key=lambda k: abs(words[k][0] - head.i))
        for size in range(min(self._longest_role, len(words)), 0, -1):
            for k in order:
                if k + size > len(words) or not starts[k]:
                    continue
                chunk = words[k : k + size]
                text = "".join(w[1] + w[2] for w in chunk[:-1]) + chunk[-1][1]
                for candidate in (text, " ".join(w[3] for w in chunk)):
                    sector = self.role_of(candidate)
                    if sector:
                        return text.lower(), sector
        return None, None


def _modifies(piece: Span | None, head: Token) -> bool:
    """Whether a dictionary phrase is a modifier of another noun, as a capital is a place
    in "a Mogadishu hotel", "the Beirut port" or "a hotel in Mogadishu" (but names the
    government in "the Baghdad government", which the role word codes)."""
    if piece is None or piece.start <= head.i < piece.end:
        return False
    if piece.root.dep_ in ("compound", "amod") and piece.root.head.i == head.i:
        return True
    # "a hotel in Mogadishu", "talks with officials in Kabul": where, not who
    node = piece.root
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "pobj":
            return True
        node = node.head
    return False


_PIECE = re.compile(r"[\s'\u2019\-]+")


def _first_piece(text: str) -> str:
    """The first word of an alias up to a space, apostrophe or hyphen ("kata" of
    "Kata'ib"), so a token of either spelling finds the aliases it may start."""
    return _PIECE.split(text.casefold().strip(), maxsplit=1)[0]


def _person_in(span: Span) -> str | None:
    """The first PERSON entity in the span, read from token tags (`span.ents` walks the
    whole document)."""
    tokens = [t for t in span if t.ent_type_ == "PERSON"]
    if not tokens:
        return None
    first = tokens[0]
    last = first
    for token in span[first.i - span.start + 1 :]:
        if token.ent_type_ != "PERSON" or token.ent_iob_ == "B":
            break
        last = token
    return span.doc[first.i : last.i + 1].text


def phrase_of(head: Token) -> Span:
    """The words of the phrase `head` governs, without clauses that describe something
    else and without trailing punctuation."""
    skip = {t.i for c in head.children if c.dep_ in _CLAUSE_DEPS for t in c.subtree}
    skip |= {t.i for c in head.children if c.dep_ == "conj" or c.dep_ == "cc" for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in skip] or [head]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return head.doc[tokens[0].i : tokens[-1].i + 1]


@dataclass(frozen=True)
class Person:
    name: str
    country: str | None
    sector: str | None
    role: str | None


class ArticleActors:
    """The coder plus the people one article introduces, so that "Hussein" and "the
    minister" later on code like "Iraqi Foreign Minister Fuad Hussein" did."""

    def __init__(self, coder: ActorCoder) -> None:
        self.coder = coder
        self._by_name: dict[str, Person] = {}
        self._by_role: dict[str, Person] = {}
        self._coded: dict[int, Actor] = {}
        self._countries: dict[int, frozenset[str]] = {}
        self.places: list[PlaceMention] = []

    def _code(self, head: Token) -> Actor:
        """The dictionary coding of the phrase under `head`, once per token: the stages
        ask about the same subjects and objects many times."""
        actor = self._coded.get(head.i)
        if actor is None:
            actor = self._coded[head.i] = self.coder.code(head)
        return actor

    def countries_in(self, sentence: Span) -> frozenset[str]:
        """The countries a sentence names, once per sentence of the article."""
        found = self._countries.get(sentence.start)
        if found is None:
            found = self._countries[sentence.start] = frozenset(self.coder.countries_in(sentence))
        return found

    def learn(self, doc: Doc, places: list[PlaceMention] | None = None) -> None:
        """The people the article introduces (and the places it names, found by the
        caller, kept here for the stages that follow)."""
        self.places = places or []
        for entity in doc.ents:
            if entity.label_ != "PERSON":
                continue
            head = entity.root
            actor = self._code(head)
            for appositive in (c for c in head.children if c.dep_ == "appos"):
                described = self._code(appositive)
                actor = replace(
                    actor,
                    country=actor.country or described.country,
                    sector=actor.sector or described.sector,
                    role=actor.role or described.role,
                )
            if head.dep_ == "appos":  # "the spokesman, Ali Hassan": the head describes him
                described = self._code(head.head)
                actor = replace(
                    actor,
                    country=actor.country or described.country,
                    sector=actor.sector or described.sector,
                    role=actor.role or described.role,
                )
            if not (actor.country or actor.sector):
                continue
            person = Person(entity.text, actor.country, actor.sector, actor.role)
            for key in {entity.text, entity[-1].text}:
                self._by_name.setdefault(alias_key(key), person)
            if actor.role:  # "the foreign minister" and "the minister" alike
                self._by_role[alias_key(actor.role)] = person
                self._by_role[alias_key(actor.role.split()[-1])] = person

    def code(self, head: Token) -> Actor:
        actor = self._code(head)
        if actor.country and actor.sector:
            return actor
        person = None
        name = actor.name or (head.text if head.pos_ == "PROPN" else None)
        if name:
            person = self._by_name.get(alias_key(name)) or self._by_name.get(
                alias_key(name.split()[-1])
            )
        elif actor.role and not actor.country:
            person = self._by_role.get(alias_key(actor.role))
        if person is None:
            return actor
        return replace(
            actor,
            name=person.name,
            country=actor.country or person.country,
            sector=actor.sector or person.sector,
            role=actor.role or person.role,
        )


def _inside_name(words: Span) -> bool:
    """Capitalised proper nouns on both sides: "Datu Saudi Ampatuan", "Fort Jordan
    Road" are names of their own, whatever the word between them says."""
    doc = words.doc

    def named(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()

    return named(words.start - 1) and named(words.end)
