"""Coding the words that name a participant into country, sector and name.

`ActorCoder` looks phrases up in the actor dictionaries (see dictionaries.py): officials
in office on the article's date ("President Emmanuel Macron" is FRA/GOV in 2024), named
actors (the longest alias wins: "Kata'ib Hezbollah" before "Hezbollah"), then countries
by name, demonym or capital ("Washington" is the U.S. government, not the city), and the
head's role word for the sector. A word inside a longer person's name names nothing:
"Grace Wagner Otieno" is not the Wagner Group, "Michael Jordan" not Jordan.
`ArticleActors` adds what one article teaches: "Iraqi Foreign Minister Fuad Hussein" is
IRQ/GOV, and so are "Hussein", "the minister" and a "He" that opens the next sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.dictionaries import (
    NON_STATE,
    ActorDictionary,
    NamedActor,
    Tenure,
    alias_key,
    packaged_dictionary,
    person_key,
    tenure_on,
)
from newsledger.extract.model import Actor
from newsledger.nlp import children, doc_text, entities, sentence_of, subtree, token_words, tokens

if TYPE_CHECKING:  # places.py codes country names with ActorCoder: no runtime import here
    from newsledger.extract.places import PlaceMention

_MAX_WORDS = 6
_CLAUSE_DEPS = {"relcl", "acl", "advcl"}
# How an official's name may stand to the head of a phrase and still name its actor:
# "Putin's troops", "the Netanyahu government", "the president, Emmanuel Macron"; not
# "critics of Erdogan".
_OFFICIAL_LINKS = {"compound", "poss", "appos", "nmod"}
# Subject pronouns that stand for a person introduced in the sentence before: grammar,
# not a dictionary ("it" and "they" stand for bodies, see arguments.py).
_PERSONAL_SUBJECTS = frozenset({"he", "she"})
_PRONOUN_REACH = 2  # sentences back that a "He" may reach for the person it stands for
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
    affiliation_participles: frozenset[str]
    backing_participles: frozenset[str]
    representatives: frozenset[str]
    representative_preps: frozenset[str]
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
            affiliation_participles=words("affiliation_participles"),
            backing_participles=words("backing_participles"),
            representatives=words("representatives"),
            representative_preps=words("representative_preps"),
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
        self._officials = dictionary.officials
        self._official_starts = {_first_piece(key) for key in self._officials}
        self._titles = frozenset(dictionary.titles)

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

    def code(self, head: Token, on: date | None = None) -> Actor:
        """The actor named by the phrase that `head` governs, in an article published
        on `on` (None: undated, see `tenure_on`)."""
        written = phrase_of(head)
        spoken_for = self._principal(written, head, on)
        if spoken_for is not None:
            return spoken_for
        span = _without_backer(written, head)
        piece, entry = self._best_named(span, head)
        role, sector = self._find_role(span, head)
        found = self.official(span, head, on, sector)
        if found is not None and (
            found[0].start <= head.i < found[0].end
            or piece is None
            or not piece.start <= head.i < piece.end
        ):
            return self._official_actor(head, span, found, entry, role, sector, on)
        countries = [entry.country] if entry and entry.country else []
        countries += self._conjunct_countries(head, countries, on)
        if entry is not None and entry.kind == "named":
            # "Houthi fighters" are the Houthis (REB), whatever "fighters" alone would be
            sector = entry.sector or sector
        elif entry is not None and entry.kind == "capital" and not _modifies(piece, head):
            sector = sector or "GOV"  # "Washington said", "Moscow's decision"
        name = _person_in(span)
        possessor = next((c for c in children(head) if c.dep_ == "poss"), None)
        if name and possessor is not None and possessor.ent_type_ == "PERSON":
            # "Prime Minister Sudani's office": the office, not Sudani
            owner = " ".join(t.lower_ for t in subtree(possessor))
            name, role = None, role if role and role not in owner else head.lemma_.lower()
        if name is None and entry is not None and entry.kind == "named":
            name = entry.name
        unnamed = entry is None or entry.kind != "named"
        if unnamed and (sector is None or role in self._group_heads):
            group = self._armed_group(span, head)
            if group is not None:
                name, sector = group
        return Actor(
            # a slice of the doc's text: `written.text` would join its tokens again
            text=doc_text(head.doc)[written.start_char : written.end_char],
            name=name,
            country=countries[0] if countries else None,
            sector=sector,
            role=role,
            start=written.start_char,
            end=written.end_char,
            countries=tuple(countries) if len(countries) > 1 else (),
        )

    def _principal(self, span: Span, head: Token, on: date | None) -> Actor | None:
        """One who speaks or acts for another ("Yahya Rasool, military spokesperson for
        Iraqi Prime Minister al-Sudani"): the principal's country and sector, the
        representative's own role and name."""
        rules = ParticipantRules.packaged()
        lemmas = token_words(span.doc).lemma
        words = [i for i in range(span.start, span.end) if lemmas[i] in rules.representatives]
        inner = _in_prepositional_phrase(span, head) if words else set()
        for i in words:
            if i in inner:
                continue
            token = tokens(span.doc)[i]
            preps = (c for c in children(token) if c.dep_ == "prep")
            prep = next((c for c in preps if c.lower_ in rules.representative_preps), None)
            obj = object_of_preposition(prep)
            if obj is None:
                continue
            principal = self.code(obj, on)
            if principal.country is None and principal.sector is None:
                continue
            before = span.doc[span.start : token.i]
            modifiers = [c.text for c in children(token) if c.dep_ in ("amod", "compound")]
            return Actor(
                text=span.text,
                name=_person_in(before),
                country=principal.country,
                sector=principal.sector,
                role=" ".join([*modifiers, token.text]).lower(),
                start=span.start_char,
                end=span.end_char,
            )
        return None

    def _official_actor(
        self,
        head: Token,
        span: Span,
        found: tuple[Span, Tenure],
        entry: NamedActor | None,
        role: str | None,
        sector: str | None,
        on: date | None,
    ) -> Actor:
        """The actor of a phrase that names an official: the official's country, and the
        official's sector where the name is the head ("President Emmanuel Macron") or
        the phrase names no other body ("Macron's office"); the phrase's own role where
        it names one ("Putin's troops" are MIL). The official's name is the actor's only
        where the official is the head: "Prime Minister Sudani's office" is the office
        (role "office"), not Sudani."""
        piece, tenure = found
        holds_head = piece.start <= head.i < piece.end
        possessor = next((c for c in children(head) if c.dep_ == "poss"), None)
        owner = " ".join(t.lower_ for t in subtree(possessor)) if possessor is not None else ""
        if not holds_head and (role is None or role in owner):
            role = head.lemma_.lower()  # the office's own word, not the official's title
        country = tenure.country
        if not holds_head and entry is not None and entry.country:
            country = entry.country  # "a Kremlin spokesman for Putin": the entry's body
        countries = [country]
        countries += self._conjunct_countries(head, countries, on)
        return Actor(
            text=span.text,
            name=tenure.name if holds_head else None,
            country=country,
            sector=tenure.sector if holds_head or sector is None else sector,
            role=(role or tenure.role) if holds_head else role,
            start=span.start_char,
            end=span.end_char,
            countries=tuple(countries) if len(countries) > 1 else (),
        )

    def _conjunct_countries(self, head: Token, known: list[str], on: date | None) -> list[str]:
        """The countries of the heads joined to `head` ("Macron and Scholz") that
        `known` lacks."""
        found: list[str] = []
        for conjunct in (c for c in children(head) if c.dep_ == "conj"):
            phrase = phrase_of(conjunct)
            official = self.official(phrase, conjunct, on)
            other = official[1].country if official else None
            if other is None:
                named = self._find_named(phrase)
                other = named.country if named else None
            if other and other not in known and other not in found:
                found.append(other)
        return found

    def official(
        self, span: Span, head: Token, on: date | None, sector: str | None = None
    ) -> tuple[Span, Tenure] | None:
        """The official the phrase names and the term that codes it on `on`: a name
        that holds the head ("Israeli Prime Minister Benjamin Netanyahu") or is linked
        to it ("Putin's troops"), the longest such."""
        best: tuple[tuple[int, int], Span, Tenure] | None = None
        for piece, tenures in self.official_names(span):
            holds_head = piece.start <= head.i < piece.end
            if not holds_head and not (
                piece.root.head.i == head.i and piece.root.dep_ in _OFFICIAL_LINKS
            ):
                continue
            tenure = tenure_on(tenures, on, sector)
            rank = (int(holds_head), len(piece))
            if tenure is not None and (best is None or rank > best[0]):
                best = (rank, piece, tenure)
        return (best[1], best[2]) if best else None

    def official_names(self, span: Span) -> Iterator[tuple[Span, tuple[Tenure, ...]]]:
        """The names of officials in the span with all their terms, each a whole name
        of its own: capitalised, not inside a longer person's name ("Biden" in "Hunter
        Biden" is not the president)."""
        words = token_words(span.doc).spelled(span)
        pieces = _first_pieces(span.doc)[span.start : span.end]
        for start, first in enumerate(words):
            if pieces[start] not in self._official_starts:
                continue
            for size in range(min(_MAX_WORDS, len(words) - start), 0, -1):
                chunk = words[start : start + size]
                if not chunk[-1][1][:1].isupper():
                    continue
                text = "".join(w[1] + w[2] for w in chunk[:-1]) + chunk[-1][1]
                tenures = self._officials.get(person_key(text))
                if tenures is None:
                    continue
                piece = span.doc[first[0] : first[0] + size]
                if not self._inside_person(piece):
                    yield piece, tenures
                break  # the longest name starting here

    def _inside_person(self, piece: Span) -> bool:
        """Whether the words are part of a longer name that the entity recogniser tags
        PERSON: a capitalised proper noun of the same name, not a title, stands next to
        them, over hyphens and particles ("Grace Wagner Otieno", "Michael Jordan", "Chad
        Smith", "Maher al-Assad"); "Houthi spokesman Yahya Saree" keeps its Houthi."""
        doc = piece.doc
        if any(kind != "PERSON" for kind in token_words(doc).ent_type[piece.start : piece.end]):
            return False

        def same_name(i: int, step: int) -> bool:
            while 0 <= i < len(doc) and doc[i].ent_type_ == "PERSON":
                token = doc[i]
                if (step > 0 and token.ent_iob_ == "B") or (
                    step < 0 and doc[i + 1].ent_iob_ == "B"
                ):
                    return False  # another person's name begins
                if token.text in ("-", "\u2010") or (token.is_lower and len(token) <= 3):
                    i += step  # "al-", "bin", "da": the name goes on
                    continue
                return token.pos_ == "PROPN" and token.text[:1].isupper() and not self._title(token)
            return False

        return same_name(piece.start - 1, -1) or same_name(piece.end, 1)

    def _title(self, token: Token) -> bool:
        """An honorific, rank or role word before a name: "Gen.", "Sheikh", "President"."""
        word = alias_key(token.text).rstrip(".")
        return word in self._titles or self.role_of(word) is not None

    def _find_named(self, span: Span, head: Token | None = None) -> NamedActor | None:
        return self._best_named(span, head)[1]

    def _best_named(
        self, span: Span, head: Token | None = None
    ) -> tuple[Span | None, NamedActor | None]:
        """The dictionary phrase that best names the span, and where it stands: one that
        holds the head word ("NATO-member Norway" is Norway), then a named body over a
        country word ("Iraq's Kata'ib Hezbollah" is the group), then the longest; a body's
        name written in lower case comes last ("Pakistan's foreign office")."""
        best: tuple[tuple[int, int, int, int], Span, NamedActor] | None = None
        for piece, entry in self._matches(span):
            holds_head = head is not None and piece.start <= head.i < piece.end
            # a body's name written in lower case is a common noun: "Pakistan's foreign
            # office" is Pakistan's, not the British Foreign Office
            common = entry.kind == "named" and not any(t.text[:1].isupper() for t in piece)
            rank = (int(not common), int(holds_head), int(entry.kind == "named"), len(piece))
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
        words = token_words(span.doc).spelled(span)
        found = []
        hidden: set[int] = set()
        pieces = _first_pieces(span.doc)[span.start : span.end]
        starts = [k for k, piece in enumerate(pieces) if piece in self._starts]
        for size in range(min(_MAX_WORDS, len(words)), 0, -1):
            for start in starts:
                if start + size > len(words):
                    break
                first = words[start]
                indices = range(first[0], first[0] + size)
                if hidden and all(i in hidden for i in indices):
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
                elif self._inside_person(piece):
                    continue  # "Grace Wagner Otieno" is no Wagner Group, "Chad Smith" no Chad
                else:
                    found.append((piece, entry))
        return found

    def _find_role(self, span: Span, head: Token) -> tuple[str | None, str | None]:
        """The role phrase nearest the head: "Foreign Minister" in "Iraqi Foreign
        Minister Fuad Hussein", "troops" in "American troops"; one of the phrase's own
        words before one inside a prepositional phrase ("spokesperson" in "Yahya Rasool,
        military spokesperson for Iraqi Prime Minister al-Sudani")."""
        # Token texts, not spans (costly in spaCy); only phrases whose first word (or its
        # lemma) starts some role are looked up.
        spelled = token_words(span.doc)
        positions = range(span.start, span.end)
        words = [(i, spelled.text[i], spelled.whitespace[i], spelled.lemma[i]) for i in positions]
        pieces = _first_pieces(span.doc)
        starts = [
            k
            for k, i in enumerate(positions)
            if pieces[i] in self._role_starts or _first_piece(words[k][3]) in self._role_starts
        ]
        order = sorted(starts, key=lambda k: abs(words[k][0] - head.i))
        inner = _in_prepositional_phrase(span, head) if order else set()
        # without a prepositional phrase, the phrase's own words are all its words
        for own in (True, False) if inner else (False,):
            for size in range(min(self._longest_role, len(words)), 0, -1):
                for k in order:
                    if k + size > len(words):
                        continue
                    chunk = words[k : k + size]
                    if own and any(w[0] in inner for w in chunk):
                        continue
                    text = "".join(w[1] + w[2] for w in chunk[:-1]) + chunk[-1][1]
                    for candidate in (text, " ".join(w[3] for w in chunk)):
                        sector = self.role_of(candidate)
                        if sector:
                            return text.lower(), sector
        return None, None


def object_of_preposition(preposition: Token | None) -> Token | None:
    """The noun a preposition governs ("for" -> "minister")."""
    if preposition is None:
        return None
    return next((c for c in children(preposition) if c.dep_ in ("pobj", "pcomp")), None)


def _in_prepositional_phrase(span: Span, head: Token) -> set[int]:
    """Indexes of the span's words under a preposition below the head ("for Iraqi Prime
    Minister al-Sudani" in "a spokesperson for Iraqi Prime Minister al-Sudani")."""
    words = token_words(span.doc)
    inside = set()
    for i in range(span.start, span.end):
        node = i
        while node != head.i and span.start <= node < span.end and words.head[node] != node:
            if words.dep[node] == "prep":
                inside.add(i)
                break
            node = words.head[node]
    return inside


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


@lru_cache(maxsize=1 << 16)
def _first_piece(text: str) -> str:
    """The first word of an alias up to a space, apostrophe or hyphen ("kata" of
    "Kata'ib"), so a token of either spelling finds the aliases it may start."""
    return _PIECE.split(text.casefold().strip(), maxsplit=1)[0]


def _first_pieces(doc: Doc) -> list[str]:
    """`_first_piece` of each token's text, by position, once per doc: every phrase the
    coder reads asks it of each of its words."""
    found = doc.user_data.get("newsledger_first_pieces")
    if found is None:
        found = doc.user_data["newsledger_first_pieces"] = [
            _first_piece(text) for text in token_words(doc).text
        ]
    return found


def _person_in(span: Span) -> str | None:
    """The first PERSON entity in the span, read from token tags (`span.ents` walks the
    whole document)."""
    kinds = token_words(span.doc).ent_type
    first = next((i for i in range(span.start, span.end) if kinds[i] == "PERSON"), None)
    if first is None:
        return None
    last = first
    for token in tokens(span.doc)[first + 1 : span.end]:
        if token.ent_type_ != "PERSON" or token.ent_iob_ == "B":
            break
        last = token.i
    return span.doc[first : last + 1].text


def phrase_of(head: Token) -> Span:
    """The words of the phrase `head` governs, without clauses that describe something
    else and without trailing punctuation; a clause of affiliation ("hackers linked to
    North Korea") stays, as it says who the group is."""
    skip = {
        t.i
        for c in children(head)
        if (c.dep_ in _CLAUSE_DEPS and not affiliation(c))
        or c.dep_ in ("conj", "cc")
        or _time_phrase(c)
        for t in subtree(c)
    }
    words = [t for t in subtree(head) if t.i not in skip] or [head]
    words = sorted([*words, *_misparsed_affiliation(head)], key=lambda t: t.i)
    while len(words) > 1 and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    while len(words) > 1 and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    return head.doc[words[0].i : words[-1].i + 1]


def _without_backer(span: Span, head: Token) -> Span:
    """The phrase after a backer that opens it ("Russian-backed separatists": the
    separatists), which alone says who the group is."""
    backing = ParticipantRules.packaged().backing_participles
    for child in children(head):
        if (
            child.dep_ in ("amod", "compound")
            and child.i < head.i
            and child.lemma_.lower() in backing
            and child.tag_ == "VBN"
            and child.left_edge.i == span.start
        ):
            return span.doc[child.i + 1 : span.end]
    return span


def affiliation(verb: Token) -> bool:
    """Whether `verb` is a participle that ties a group to another ("hackers linked to
    North Korea", "fighters allied with Russia"): a description of who the group is, no
    act. The parser may tag it a past tense, and may make it the main verb, with the
    group as its subject and the real act as its clause ("Hackers linked to North Korea
    tried to ..."), told by the verb after it; "Kenya allied with Ethiopia" is an act."""
    rules = ParticipantRules.packaged()
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in rules.affiliation_participles:
        return False
    if verb.dep_ == "acl":
        return True
    return (
        verb.tag_ in ("VBN", "VBD")
        and not any(c.dep_ in ("aux", "auxpass") for c in children(verb))
        and any(c.dep_ == "nsubj" and c.i == verb.i - 1 for c in children(verb))
        and any(
            c.dep_ in ("advcl", "conj") and c.pos_ == "VERB" and c.i > verb.i
            for c in children(verb)
        )
    )


def _time_phrase(child: Token) -> bool:
    """A prepositional phrase of time the parser hung on a noun ("the base on Sunday"):
    when the act happened, not part of who was hit."""
    if child.dep_ != "prep" or child.i < child.head.i:
        return False
    objects = [c for c in children(child) if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def _misparsed_affiliation(head: Token) -> list[Token]:
    """The words of an affiliation clause the parser made the main verb of `head`."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.i != head.i + 1 or verb.dep_ == "acl" or not affiliation(verb):
        return []
    preps = [c for c in children(verb) if c.dep_ == "prep" and c.i > verb.i]
    return [verb, *(t for p in preps for t in subtree(p))]


@dataclass(frozen=True)
class Person:
    name: str
    country: str | None
    sector: str | None
    role: str | None


class ArticleActors:
    """The coder plus the people one article introduces, so that "Hussein", "the
    minister" and "He" later on code like "Iraqi Foreign Minister Fuad Hussein" did.
    `published` is the article's date, which says who holds an office."""

    def __init__(self, coder: ActorCoder, published: date | None = None) -> None:
        self.coder = coder
        self.published = published
        self._by_name: dict[str, Person] = {}
        self._by_role: dict[str, list[tuple[int, Person]]] = {}
        self._named: dict[int, list[tuple[Token, Person]]] = {}  # by sentence start
        self._coded: dict[int, Actor] = {}
        self._countries: dict[int, frozenset[str]] = {}
        self.places: list[PlaceMention] = []

    def _code(self, head: Token) -> Actor:
        """The dictionary coding of the phrase under `head`, once per token: the stages
        ask about the same subjects and objects many times."""
        actor = self._coded.get(head.i)
        if actor is None:
            actor = self._coded[head.i] = self.coder.code(head, self.published)
        return actor

    def countries_in(self, sentence: Span) -> frozenset[str]:
        """The countries a sentence names, once per sentence of the article."""
        found = self._countries.get(sentence.start)
        if found is None:
            found = self._countries[sentence.start] = frozenset(self.coder.countries_in(sentence))
        return found

    def learn(self, doc: Doc, places: list[PlaceMention] | None = None) -> None:
        """The people the article introduces: those it names with a country or sector,
        and the officials in office on its date (and the places it names, found by the
        caller, kept here for the stages that follow)."""
        self.places = places or []
        for entity in entities(doc):
            if entity.label_ != "PERSON":
                continue
            head = entity.root
            actor = self._code(head)
            for appositive in (c for c in children(head) if c.dep_ == "appos"):
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
            official = self.coder.official(entity, head, self.published)
            name = official[1].name if official else entity.text
            person = Person(name, actor.country, actor.sector, actor.role)
            for key in {entity.text, entity[-1].text}:
                self._by_name.setdefault(alias_key(key), person)
            self._introduce(head, person)
        for piece, tenures in self.coder.official_names(doc[:]):
            tenure = tenure_on(tenures, self.published)
            if tenure is not None and piece.root.ent_type_ != "PERSON":  # those are done
                person = Person(tenure.name, tenure.country, tenure.sector, tenure.role)
                self._introduce(piece.root, person)

    def _introduce(self, mention: Token, person: Person) -> None:
        """Where a person is named: for "the minister" and for "He" after it."""
        self._named.setdefault(sentence_of(mention).start, []).append((mention, person))
        if person.role:  # "the foreign minister" and "the minister" alike
            for role in {person.role, person.role.split()[-1]}:
                self._by_role.setdefault(alias_key(role), []).append((mention.i, person))

    def code(self, head: Token) -> Actor:
        actor = self._code(head)
        if actor.country and actor.sector:
            return actor
        possessor = next((c for c in children(head) if c.dep_ == "poss"), None)
        if possessor is not None and possessor.ent_type_ == "PERSON" and actor.name is None:
            owner = self.code(possessor)  # "Prime Minister Sudani's office": his country
            return replace(
                actor,
                country=actor.country or owner.country,
                sector=actor.sector or owner.sector,
            )
        person = None
        name = actor.name or (head.text if head.pos_ == "PROPN" else None)
        if name:
            person = self._by_name.get(alias_key(name)) or self._by_name.get(
                alias_key(name.split()[-1])
            )
        elif actor.role and not actor.country:
            person = self._latest(self._by_role.get(alias_key(actor.role), []), head)
        elif head.lower_ in _PERSONAL_SUBJECTS:
            person = self._subject_before(head)
        if person is None:
            return actor
        return replace(
            actor,
            name=person.name,
            country=actor.country or person.country,
            sector=actor.sector or person.sector,
            role=actor.role or person.role,
        )

    @staticmethod
    def _latest(mentions: list[tuple[int, Person]], head: Token) -> Person | None:
        """The person last named before `head` ("the president" is the president the
        article spoke of last), else the first named after it."""
        before = [person for i, person in mentions if i < head.i]
        return before[-1] if before else (mentions[0][1] if mentions else None)

    def main_country(self) -> str | None:
        """The country the article's places lie in most often (the first named, on a
        tie): where an official or a figure the text gives no country belongs."""
        counts: dict[str, int] = {}
        for mention in self.places:
            if mention.place.country:
                counts[mention.place.country] = counts.get(mention.place.country, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None

    def person_before(self, token: Token) -> Person | None:
        """The person named last before `token`, in its sentence or the two before it:
        whom a "he said" after a quote stands for when the parse ties it to no clause of
        its own."""
        sentence = sentence_of(token)
        start = sentence.start
        for _ in range(_PRONOUN_REACH + 1):
            before = [(m, p) for m, p in self._named.get(start, []) if m.i < token.i]
            if before:
                return max(before, key=lambda pair: pair[0].i)[1]
            if start == 0:
                return None
            start = sentence_of(token.doc[start - 1]).start
        return None

    def _subject_before(self, pronoun: Token) -> Person | None:
        """The person a "He" or "She" that opens a sentence stands for: the pronoun is
        the subject of the main clause with no person named before it in its sentence,
        and the last sentence that names people, one of the two before, names one (or,
        of several, one as the subject of its main clause)."""
        sentence = sentence_of(pronoun)
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.head.i != sentence.root.i:
            return None
        if any(m.i < pronoun.i for m, _ in self._named.get(sentence.start, [])):
            return None
        mentions: list[tuple[Token, Person]] = []
        start = sentence.start
        for _ in range(_PRONOUN_REACH):  # "The prime minister also ..." between: go on
            if start == 0 or mentions:
                break
            start = sentence_of(pronoun.doc[start - 1]).start
            mentions = self._named.get(start, [])
        people = {person.name: person for _, person in mentions}
        if len(people) == 1:
            return next(iter(people.values()))
        subjects = {
            p.name: p
            for m, p in mentions
            if m.dep_ in ("nsubj", "nsubjpass") and m.head.dep_ == "ROOT"
        }
        return next(iter(subjects.values())) if len(subjects) == 1 else None


def _inside_name(words: Span) -> bool:
    """Capitalised proper nouns on both sides: "Datu Saudi Ampatuan", "Fort Jordan
    Road" are names of their own, whatever the word between them says."""
    doc = words.doc

    def named(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()

    return named(words.start - 1) and named(words.end)
