"""Places in a text: the toponyms it names and where its events happen.

Names are read against the gazetteer (gazetteer.py). `find_places` picks the reading of
each name from what the document says (a country named nearby, a province its cities
lie in, "the state of"), then population. `event_places` keeps the toponyms of the
locative phrases ("in", "near", "on the outskirts of") that hang on an event's
trigger, its clause verb or its object.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.actors import ActorCoder
from newsledger.extract.gazetteer import Gazetteer, Place, place_key
from newsledger.nlp import (
    TokenWords,
    children,
    doc_text,
    entities,
    sentence_of,
    sentences,
    subtree,
    token_words,
    tokens,
)

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NAME_LABELS = {"PERSON", "NORP", "ORG", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"}
# What follows a dateline's place name: "BAGHDAD, March 3", "GAZA (Wire) --".
_DATELINE_END = (",", "(", "-", "\u2013", "\u2014")


@dataclass(frozen=True)
class PlaceMention:
    text: str  # as written
    start: int  # offsets into doc.text
    end: int
    token: int  # doc token index of the mention's head token
    place: Place  # the chosen reading


# --- words that place an event --------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    event: frozenset[str]
    other: frozenset[str]
    target: frozenset[str]
    target_verbs: frozenset[str]
    topics: frozenset[str]
    areas: frozenset[str]
    directions: frozenset[str]
    borders: frozenset[str]
    cues: dict[str, frozenset[str]]
    after: frozenset[str]
    before: frozenset[str]
    before_of: frozenset[str]
    government: frozenset[str]
    articles: frozenset[str]
    particles: frozenset[str]


@cache
def _words() -> _Words:
    name = "places/locative.toml"
    table = load_toml(name)

    def words(key: str, within: dict | None = None) -> frozenset[str]:
        value = (table if within is None else within).get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ResourceError(f"{resource_path(name)}: {key} must be a list of words")
        return frozenset(v.lower() for v in value)

    cues, features = table.get("cues", {}), table.get("features", {})
    return _Words(
        event=words("event_prepositions"),
        other=words("other_prepositions"),
        target=words("target_prepositions"),
        target_verbs=words("target_verbs"),
        topics=words("topics"),
        areas=words("areas"),
        directions=words("directions"),
        borders=words("borders"),
        cues={kind: words(kind, cues) for kind in ("admin1", "city", "site")},
        after=words("after", features),
        before=words("before", features),
        before_of=words("before_of", features),
        government=words("government_nouns"),
        articles=words("name_articles"),
        particles=words("name_particles"),
    )


# --- toponyms in a document -----------------------------------------------------------


@dataclass
class _Toponym:
    span: Span
    candidates: tuple[Place, ...]
    cue: str | None


def find_places(doc: Doc, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Toponyms in the doc, disambiguated, in text order; names used for governments
    ("Washington said", "Baghdad rejected") are not places."""
    gazetteer = gazetteer or Gazetteer.packaged()
    words = _words()
    text = doc_text(doc)
    toponyms = list(_toponyms(doc, text, gazetteer, words))
    readings = _resolve(doc, toponyms, gazetteer)
    pairs = list(zip(toponyms, readings, strict=True))
    doubtful = {place_key(t.span.text) for t, p in pairs if _miscued(t, p, gazetteer)}
    named = {p.country for t, p in pairs if place_key(t.span.text) not in doubtful}
    mentions = []
    for toponym, place in pairs:
        span = toponym.span
        if _names_government(span, text, place, gazetteer, words):
            continue
        if place_key(span.text) in doubtful and place.country not in named:
            continue  # "Kani township" in a story about Myanmar is no town in Japan
        mentions.append(PlaceMention(span.text, span.start_char, span.end_char, span.root.i, place))
    return mentions


def _miscued(toponym: _Toponym, place: Place, gazetteer: Gazetteer) -> bool:
    """A name the text calls a kind of place that its reading is not ("Kani township",
    read as a town in Japan): if the text names that country nowhere else, the
    gazetteer does not know the local place, and better no place than a wrong one."""
    # only a local unit ("township", "district", "commune"): a city of the name lies in
    # the province of the name ("the Duhok region" is read as the city of Duhok)
    cued = toponym.cue == "site" and place.kind != "site"
    return cued and place not in gazetteer.curated


def _toponyms(doc: Doc, text: str, gazetteer: Gazetteer, words: _Words) -> Iterator[_Toponym]:
    """The longest gazetteer names in each sentence that the text lets be places."""
    # Surnames of the people the text names in full: "Hussein" after "Fuad Hussein".
    people = {place_key(e[-1].text) for e in entities(doc) if e.label_ == "PERSON" and len(e) > 1}
    longest = min(2 * gazetteer.max_words, 12)
    spelled = token_words(doc)
    # Each token's offsets and whether it may end a name, read once per doc: up to
    # `longest` windows are tried at each token that may start a name.
    all_tokens = tokens(doc)
    starts = [t.idx for t in all_tokens]
    ends = [start + len(word) for start, word in zip(starts, spelled.text, strict=True)]
    closes = [not (t.is_punct or t.is_space) for t in all_tokens]  # "U.S." is neither
    first_words: dict[str, bool] = {}
    for sentence in sentences(doc):
        i = sentence.start
        while i < sentence.end:
            if not _may_start(spelled, i, gazetteer, first_words):
                i += 1
                continue
            # a feature word ("Gulf", "Sea") starts only a longer name: "the Gulf of Aden"
            shortest = i + 2 if spelled.lower[i] in words.after else i + 1
            found = None
            for j in range(min(sentence.end, i + longest), shortest - 1, -1):
                if not closes[j - 1]:
                    continue
                key = place_key(text[starts[i] : ends[j - 1]])
                candidates = gazetteer.lookup(key) if key else ()
                if candidates:
                    found = _admit(doc[i:j], text, key, candidates, gazetteer, words, people)
                    if found is not None:
                        break
            if found is None:
                i += 1
                continue
            yield found
            i = found.span.end


def _may_start(
    spelled: TokenWords, i: int, gazetteer: Gazetteer, first_words: dict[str, bool]
) -> bool:
    """Whether token `i` may start a name; `first_words` remembers the answer for each
    capitalised word of the doc (names recur)."""
    text = spelled.text[i]
    if text[:1].isupper() and text[:1].isalpha():
        if not spelled.whitespace[i]:
            return True  # "Kata'ib": the name's first word runs on into the next token
        known = first_words.get(text)
        if known is None:
            known = first_words[text] = place_key(text).split(" ", 1)[0] in gazetteer.first_words
        return known
    return (
        spelled.lower[i] in _words().articles
        and not spelled.whitespace[i]
        and i + 1 < len(spelled.text)
        and spelled.text[i + 1] in ("-", "\u2010", "\u2011")
    )


def _admit(
    span: Span,
    text: str,
    key: str,
    candidates: tuple[Place, ...],
    gazetteer: Gazetteer,
    words: _Words,
    people: set[str],
) -> _Toponym | None:
    """The readings the text allows a name: all of them in a place-name entity (GPE, LOC,
    FAC); none inside a longer name ("the Washington Post", "Fuad Hussein") or for a
    person the text has named ("Hussein"); otherwise, and also when the small model tags
    the name alone as a person or group ("Rafah" PERSON, "Rukban" ORG), a country or
    curated place anywhere, any other reading only in a locative phrase ("near X")."""
    spelled = token_words(span.doc)
    lower, start, end = spelled.lower, span.start, span.end
    if end < len(lower) and lower[end] in words.after:
        return None  # "the Jordan River", "the Jordan Valley"
    if start > 0 and lower[start - 1] in words.before:
        return None  # "the river Jordan", "Lake Chad"
    if start > 1 and lower[start - 1] == "of" and lower[start - 2] in words.before_of:
        return None  # "the Gulf of Aden"
    if _part_of_longer_name(span, words):
        return None  # "the Abu Naama camp": neither Abu (India) nor Naama (Algeria)
    types = spelled.ent_type[start:end]
    if all(t in ("DATE", "TIME") for t in types):
        return None  # "on March 5-8": the month, not March in England
    cue = _cue(span, words)
    labels = {t for t in types if t}

    def placed() -> bool:  # asked only where the labels leave the reading open
        return cue is not None or _in_locative_phrase(span, words) or _dateline(span, text)

    if labels & _PLACE_LABELS:
        admitted = candidates
    elif labels & _NAME_LABELS and not _whole_entity(span):
        return None  # "the Washington Post", "the Gaza health ministry"
    elif key in people:
        return None  # "Hussein", once "Fuad Hussein" has been named
    elif "NORP" in labels:
        if _demonym_modifier(span):
            return None  # "the Somali port city of Kismayo": Somalia's, not the region
        admitted = candidates if placed() else ()  # "Amhara militias" are people
    elif placed():
        admitted = candidates
    else:
        admitted = tuple(c for c in candidates if _well_known(c, key, gazetteer))
    return _Toponym(span, admitted, cue) if admitted else None


def _part_of_longer_name(span: Span, words: _Words) -> bool:
    """A name particle followed by a capitalised word ("Abu Naama"), or a word that
    follows such a particle: part of a longer name the gazetteer does not know."""
    spelled = token_words(span.doc)
    lower, text, start, end = spelled.lower, spelled.text, span.start, span.end
    if lower[end - 1] in words.particles and end < len(text) and text[end][:1].isupper():
        return True
    return (
        start > 0
        and lower[start - 1] in words.particles
        and text[start - 1][:1].isupper()
        and not tokens(span.doc)[start - 1].is_sent_start
    )


def _demonym_modifier(span: Span) -> bool:
    """A nationality adjective on a noun ("the Somali port city", "Kurdish fighters"):
    the people or the country, never a place of that name."""
    if len(span) != 1 or span.root.dep_ not in ("amod", "compound", "nmod"):
        return False
    named = ActorCoder.packaged().country_of(span.text)
    return named is not None and named.kind == "demonym"


def _well_known(place: Place, key: str, gazetteer: Gazetteer) -> bool:
    """A reading safe to take without a place-name tag or a locative phrase: a country, a
    curated place, a capital, or a city of a million people called by its own name."""
    if place.kind == "country" or place in gazetteer.curated or place in gazetteer.capitals:
        return True
    return place in gazetteer.major and place_key(place.name) == key


def _whole_entity(span: Span) -> bool:
    """Whether the span is all of the entity it lies in ("the" aside)."""
    entity = next((e for e in entities(span.doc) if e.start <= span.start < e.end), None)
    if entity is None:
        return True
    start = entity.start + (1 if entity[0].lower_ == "the" else 0)
    return start == span.start and entity.end == span.end


def _cue(span: Span, words: _Words) -> str | None:
    """The kind of place a neighbouring word says the name is: "Kirkuk province", "the
    state of Georgia", "the Rukban camp"."""
    lower = token_words(span.doc).lower
    if span.end < len(lower):
        following = lower[span.end]
        for kind, cues in words.cues.items():
            if following in cues:
                return kind
    if span.start > 1 and lower[span.start - 1] == "of":
        preceding = lower[span.start - 2]
        for kind, cues in words.cues.items():
            if preceding in cues:
                return kind
    return None


def _in_locative_phrase(span: Span, words: _Words) -> bool:
    """In a phrase that names a place: after a place preposition ("near X", "the town
    of X"), or as what an attack or a capture is done to ("shelled X", "X was seized")."""
    token = _phrase_head(span.root)
    if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in words.target_verbs:
        return True
    preposition = token.head
    if token.dep_ != "pobj" or preposition is token:
        return False
    lower = preposition.lower_
    if lower == "of":
        return _is(preposition.head, words.areas)
    return lower in words.event or lower in words.other or lower in words.target


def _phrase_head(token: Token) -> Token:
    """From a name to the noun phrase it is part of: "Syria" in "Iraq and Syria" is placed
    by the "in" of "Iraq", "Anbar" in "Anbar province" by the word governing "province"."""
    seen = 0
    while token.dep_ in ("compound", "conj", "appos", "nmod", "amod", "poss") and seen < 6:
        if token.head is token:
            break
        token = token.head
        seen += 1
    return token


def _dateline(span: Span, text: str) -> bool:
    """A name that opens a line and is followed by a comma, bracket or dash: "BAGHDAD
    (Reuters) -", "Cairo, May 6"."""
    line_start = text.rfind("\n", 0, span.start_char) + 1
    if text[line_start : span.start_char].strip(" \t*_#>"):
        return False
    return text[span.end_char : span.end_char + 4].lstrip().startswith(_DATELINE_END)


def _resolve(doc: Doc, toponyms: list[_Toponym], gazetteer: Gazetteer) -> list[Place]:
    """The reading of each toponym: its prior, plus what the rest of the document says.
    The first pass sees only unambiguous names and demonyms; the second, every first
    choice (a name never counts as evidence for itself)."""
    coder = ActorCoder.packaged()
    sentence_starts = [sentence_of(t.span.root).start for t in toponyms]
    demonyms: dict[int, set[str]] = {}
    written, all_tokens = token_words(doc).text, tokens(doc)
    for sentence in sentences(doc):
        found = demonyms.setdefault(sentence.start, set())
        for i in range(sentence.start, sentence.end):
            word = written[i]
            if word[:1].isupper() and all_tokens[i].pos_ in ("ADJ", "PROPN", "NOUN"):
                entry = coder.country_of(word)
                if entry is not None and entry.kind == "demonym" and entry.country:
                    found.add(entry.country)
    in_document = set().union(*demonyms.values()) if demonyms else set()
    choices: list[Place | None] = [
        t.candidates[0] if len(t.candidates) == 1 else None for t in toponyms
    ]
    for _ in range(2):
        # Each toponym's context is what the other choices say: counted once a pass, less
        # the toponym's own choice (asking all the others for each toponym is quadratic).
        facts = [_facts(p, gazetteer) if p else None for p in choices]
        countries: Counter[str] = Counter()
        by_sentence: dict[int, Counter[str]] = {}
        inside: Counter[str] = Counter()
        divisions: Counter[tuple[str, str]] = Counter()
        for here, fact in zip(sentence_starts, facts, strict=True):
            if fact is not None:
                country, subnational, division = fact
                countries[country] += 1
                by_sentence.setdefault(here, Counter())[country] += 1
                if subnational:
                    inside[country] += 1
                if division is not None:
                    divisions[division] += 1
        fresh = []
        for i, toponym in enumerate(toponyms):
            here, fact = sentence_starts[i], facts[i]
            own = fact is not None
            country, subnational, division = fact if own else (None, False, None)
            context = _Context(
                sentence=demonyms[here] | _less(by_sentence.get(here, Counter()), country, own),
                document=in_document | _less(countries, country, own),
                inside=_less(inside, country, own and subnational),
                divisions=_less(divisions, division, division is not None),
            )
            fresh.append(_best(toponym, context, gazetteer))
        choices = list(fresh)
    return [c for c in choices if c is not None]  # every toponym has a candidate


def _facts(place: Place, gazetteer: Gazetteer) -> tuple[str, bool, tuple[str, str] | None]:
    """What a chosen reading tells the others: its country, whether it lies inside it
    (`_subnational`), and its (country, division key) where it has a division."""
    division = (place.country, place_key(place.admin1)) if place.admin1 else None
    return place.country, _subnational(place, gazetteer), division


def _less(counts: Counter, item: object, counted: bool) -> set:
    """The items of `counts`, less `item` where it was `counted` only once."""
    found = set(counts)
    if counted and counts[item] == 1:
        found.discard(item)
    return found


@dataclass(frozen=True)
class _Context:
    sentence: set[str]  # countries the sentence names, by name, demonym or place
    document: set[str]
    inside: set[str]  # countries with a town, division or site named in the document
    divisions: set[tuple[str, str]]  # (country, admin1 key) of places named


def _subnational(place: Place, gazetteer: Gazetteer) -> bool:
    # A capital says which government is involved, not that the story is domestic.
    return place.kind != "country" and place not in gazetteer.capitals


def _best(toponym: _Toponym, context: _Context, gazetteer: Gazetteer) -> Place:
    candidates = toponym.candidates
    if len(candidates) == 1:
        return candidates[0]
    divided = {p.country for p in candidates if p.kind == "admin1"}

    def score(place: Place) -> float:
        value = gazetteer.prior(place)
        if place.country in context.sentence:
            value += 2.0
        elif place.country in context.document:
            value += 1.0
        if place.country in context.inside:
            value += 1.0
        if place.kind in ("admin1", "city") and (
            (place.country, place_key(place.name)) in context.divisions
        ):
            # "Georgia" after "Atlanta" (Georgia) is the US state; "Baghdad" after the
            # Green Zone (Baghdad) the governorate or, better still, its capital city.
            value += 3.0
        if toponym.cue is not None and toponym.cue == place.kind:
            value += 3.0
        if place.kind == "city" and place.country in divided:
            value += 0.5  # "Kirkuk": the city more often than the governorate
        return value

    best, best_score = candidates[0], score(candidates[0])
    for place in candidates[1:]:
        value = score(place)
        if value > best_score:
            best, best_score = place, value
    return best


def _names_government(
    span: Span, text: str, place: Place, gazetteer: Gazetteer, words: _Words
) -> bool:
    """A country or capital that acts or speaks is its government: "Washington rejected",
    "a decision by Baghdad", "Washington's decision", "the Baghdad government"."""
    if place.kind != "country" and place not in gazetteer.capitals:
        return False
    if _dateline(span, text):
        return False
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "nsubj":
        return token.head.lemma_ != "be"  # "Jordan is home to ..." is the country
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True
    # "Washington's decision", "the Baghdad government"
    return token.dep_ in ("poss", "compound") and _is(token.head, words.government)


# --- where an event happened ----------------------------------------------------------


def event_places(
    trigger: Token, mentions: list[PlaceMention], violent: bool = False
) -> list[PlaceMention]:
    """The places where the event reported by `trigger` happened: toponyms in locative
    phrases ("in", "near", "at", "outside", "on the outskirts of", "across", "along")
    attached to the trigger, its clause verb, or its object/victim phrase -- not every
    place in the sentence (e.g. not the actor's origin "Iraqi", not a destination of talks
    about somewhere else). Several places are allowed ("in Iraq and Syria" -> both). For a
    `violent` act, what it hits is where it happened, a capital too ("strikes targeting
    Beirut", "shelled Kyiv"); "accused Kyiv" names a government. Returns [] when none."""
    if not mentions:
        return []
    finder = _EventPlaces(trigger.doc, mentions, _words(), Gazetteer.packaged().capitals, violent)
    heads = _event_heads(trigger)
    if not finder.names_any(heads[-1]):
        return []  # the last head's subtree holds the others'
    for head in heads:
        finder.from_head(head)
    for head in heads:
        for child in children(head):
            if child.dep_ in ("dobj", "obj", "nsubjpass"):
                finder.from_object(child, targeted=violent)
    if violent and trigger.pos_ in ("NOUN", "PROPN"):  # "the shelling of Avdiivka"
        for of in (c for c in children(trigger) if finder.lower[c.i] == "of"):
            for noun in finder.objects(of):
                finder.from_object(noun, targeted=True)
    return sorted(finder.found.values(), key=lambda m: m.start)


def _event_heads(trigger: Token) -> list[Token]:
    """The trigger and, for a noun ("a drone attack"), the verb of its clause."""
    heads = [trigger]
    token, steps = trigger, 0
    while token.pos_ not in ("VERB", "AUX") and token.head is not token and steps < 4:
        if token.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp"):
            break
        token, steps = token.head, steps + 1
    if token is not trigger and token.pos_ in ("VERB", "AUX"):
        heads.append(token)
    return heads


class _EventPlaces:
    """Walks locative phrases down from an event's heads, collecting the toponyms."""

    _MAX_DEPTH = 4
    _NOT_PHRASE = {"prep", "relcl", "acl", "advcl", "conj", "cc"}

    def __init__(
        self,
        doc: Doc,
        mentions: list[PlaceMention],
        words: _Words,
        capitals: frozenset[Place],
        violent: bool = False,
    ) -> None:
        self.words = words
        self.violent = violent
        self.capitals = capitals
        self.by_token, self.mention_tokens = _mentions_by_token(doc, mentions)
        spelled = token_words(doc)
        self.lower = spelled.lower
        self.found: dict[int, PlaceMention] = {}
        self.visited: set[int] = set()

    def from_head(self, head: Token, depth: int = 0) -> None:
        """Locative phrases on the trigger, its verb, or an object."""
        if not self.names_any(head):
            return
        words = self.words
        for child in children(head):
            lower = self.lower[child.i]
            if lower in words.event:
                for noun in self.objects(child):
                    self.collect(noun, depth)
            elif lower in words.target:  # "strikes on Kyiv", not "talks on the war"
                for noun in self.objects(child):
                    if _is(noun, words.areas):  # "on the outskirts of Mosul"
                        self.collect(noun, depth)
                    elif noun.i in self.by_token or not _is(noun, words.topics):
                        self.from_object(noun, depth, targeted=True)
            elif lower == "to" and self.violent:  # "set fire to the offices of a union in Cusco"
                for noun in self.objects(child):
                    self.from_object(noun, depth, targeted=True)
            elif lower == "with" and self._beside_border(head):  # "along the border with Syria"
                for noun in self.objects(child):
                    self.collect(noun, depth)
            elif lower in words.directions:  # "40 km north of Baghdad"
                for of in (c for c in children(child) if self.lower[c.i] == "of"):
                    for noun in self.objects(of):
                        self.collect(noun, depth)

    def from_object(self, noun: Token, depth: int = 0, targeted: bool = False) -> None:
        """What an event hits: a town, division or site itself ("shelled Kharkiv",
        "attacked the Rukban camp"), then the locative phrases on it ("a convoy near
        Al-Qaim") or on what it was doing ("a monastery sheltering villagers in
        Sagaing"). Not a country ("accused Iran", "a US base"), nor a capital unless it
        is the target of "on" or "against" ("strikes on Kyiv", not "accused Kyiv")."""
        if noun.i in self.visited or depth > self._MAX_DEPTH or not self.names_any(noun):
            return
        self.visited.add(noun.i)
        for mention in self._phrase_mentions(noun):
            place = mention.place
            if place.kind == "country" or (place in self.capitals and not targeted):
                continue
            self.found[mention.start] = mention
        dependents = children(noun)
        for conjunct in (c for c in dependents if c.dep_ == "conj"):
            self.from_object(conjunct, depth, targeted)
        self.from_head(noun, depth + 1)
        self._of_phrases(noun, depth)
        if self.violent:  # "the offices of a farmers' union in Cusco"
            for of in (c for c in dependents if self.lower[c.i] == "of"):
                for inner in self.objects(of):
                    self.from_object(inner, depth + 1, targeted)
        for participle in (c for c in dependents if c.dep_ == "acl" and c.tag_ == "VBG"):
            # what the target was doing there: "hit a car carrying two men near Qamishli"
            self.from_head(participle, depth + 1)
            for carried in (c for c in children(participle) if c.dep_ == "dobj"):
                self.from_head(carried, depth + 2)

    def collect(self, noun: Token, depth: int) -> None:
        """A locative object: its own toponyms, its conjuncts, and the places nested in it
        ("in a drone attack in Jordan", "the outskirts of Mosul")."""
        if noun.i in self.visited or depth > self._MAX_DEPTH or not self.names_any(noun):
            return
        self.visited.add(noun.i)
        for mention in self._phrase_mentions(noun):
            self.found[mention.start] = mention
        for conjunct in (c for c in children(noun) if c.dep_ == "conj"):
            self.collect(conjunct, depth)
        self.from_head(noun, depth + 1)
        self._of_phrases(noun, depth)

    def objects(self, preposition: Token) -> list[Token]:
        return [c for c in children(preposition) if c.dep_ in ("pobj", "dobj", "pcomp")]

    def _beside_border(self, head: Token) -> bool:
        """Whether a locative phrase on `head` is about a border (the parser often hangs
        the "with" of "along the border with Syria" on the verb)."""
        return any(
            _is(noun, self.words.borders)
            for child in children(head)
            if self.lower[child.i] in self.words.event
            for noun in self.objects(child)
        )

    def _of_phrases(self, noun: Token, depth: int) -> None:
        around = _is(noun, self.words.areas) or self.lower[noun.i] in self.words.directions
        for child in children(noun):
            lower = self.lower[child.i]
            if (lower == "of" and around) or (  # "outskirts of X", "a village west of X"
                lower == "with" and _is(noun, self.words.borders)
            ):
                for inner in self.objects(child):
                    self.collect(inner, depth + 1)

    def names_any(self, token: Token) -> bool:
        """Whether a toponym may lie in the token's subtree: one of its tokens lies
        between the subtree's edges. Most subtrees hold none, and every phrase the walk
        takes from a word lies in the word's subtree: nothing to walk below those."""
        at = bisect_left(self.mention_tokens, token.left_edge.i)
        return at < len(self.mention_tokens) and self.mention_tokens[at] <= token.right_edge.i

    def _phrase_mentions(self, noun: Token) -> list[PlaceMention]:
        """The toponyms of the noun phrase: the noun itself ("in Jordan"), and towns or
        sites that modify it ("a Baghdad market", "the Rukban camp"), but not countries
        that do ("U.S. airstrikes", "a US base": whose, not where)."""
        skipped = {t.i for c in children(noun) if c.dep_ in self._NOT_PHRASE for t in subtree(c)}
        own = self.by_token.get(noun.i)
        found = {}
        for token in subtree(noun):
            mention = self.by_token.get(token.i)
            if mention is None or token.i in skipped:
                continue
            if mention is own or mention.place.kind != "country":
                found[mention.start] = mention
        return list(found.values())


def _mentions_by_token(
    doc: Doc, mentions: list[PlaceMention]
) -> tuple[dict[int, PlaceMention], list[int]]:
    """Which mention each token belongs to, and those tokens in order; worked out once
    per doc and mention list, since every event of the article asks."""
    cached = doc.user_data.get("newsledger_place_tokens")
    if cached is not None and cached[0] is mentions:
        return cached[1], cached[2]
    by_token: dict[int, PlaceMention] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        for token in span if span is not None else ():
            by_token[token.i] = mention
    in_order = sorted(by_token)
    doc.user_data["newsledger_place_tokens"] = (mentions, by_token, in_order)
    return by_token, in_order


def _is(noun: Token, words: frozenset[str]) -> bool:
    """Whether a noun is one of the words, as written or by lemma ("outskirts", whose
    lemma the small model gives as "outskirt")."""
    spelled = token_words(noun.doc)
    return spelled.lower[noun.i] in words or spelled.lemma[noun.i] in words
