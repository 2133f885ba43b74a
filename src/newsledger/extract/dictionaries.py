"""Actor dictionaries: the packaged ones and those a user adds.

Four kinds of entry, all keyed by a lower-cased alias:
- a named actor (country, institution, organisation, armed group, person) with its
  country code (ISO 3166-1 alpha-3, or IGO / NGO / IMG / MNC) and PLOVER sector;
- a role word ("foreign minister", "troops") that gives only a sector;
- for countries, the kind of alias (name, demonym, capital: a capital names the
  government, so it also gives sector GOV);
- an official: a person's terms in office (`Tenure`), so that "Macron" is FRA/GOV in an
  article of 2024 and no one in an article of 2016.

User dictionaries come in two formats (see the README):
- CSV with the header `alias,name,country,sector`; a row without a country is a role;
- the PETRARCH/Phoenix actor and agent formats: `PHRASE_ [CODE]` records with `+SYNONYM_`
  lines and tab-indented `[CODE date-range]` lines, and agents `PHRASE_ {PLURAL} [~GOV]`.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from newsledger.data import read_tsv, resource_path
from newsledger.errors import ResourceError

ACTORS_ENV = "NEWSLEDGER_ACTORS"
NON_STATE = {"IGO", "NGO", "IMG", "ISM", "MNC", "UNO", "EUR"}
SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR",
    "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
}  # fmt: skip
# CAMEO agent codes that PLOVER folds into its sectors.
_CAMEO_SECTORS = {"INS": "REB", "SEP": "REB", "RAD": "OPP", "HLH": "MED", "MED": "JRN",
                  "IGO": "GOV", "NGO": "SOC", "NGM": "SOC", "HRI": "SOC", "ENV": "SOC"}  # fmt: skip
_COUNTRY_KINDS = ("name", "demonym", "capital")


@dataclass(frozen=True)
class NamedActor:
    name: str
    country: str | None
    sector: str | None
    kind: str = "named"  # named | name | demonym | capital


@dataclass(frozen=True)
class Tenure:
    """One person in one office: "Emmanuel Macron, president of France (FRA/GOV), from
    2017-05-14". `end` is the last day in office, None while in office as far as the
    source (`source`, a Wikipedia page title or an official site) says."""

    name: str
    country: str
    sector: str
    role: str
    start: date
    end: date | None
    source: str

    def serves_on(self, day: date) -> bool:
        """Whether `day` falls in the term, both ends included."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class ActorDictionary:
    """Aliases to named actors, role words to sectors, person aliases (`person_key`) to
    all the terms in office of that person, and the honorifics and ranks that stand
    before a name ("Gen.", "Sheikh") without being part of it."""

    actors: dict[str, NamedActor]
    roles: dict[str, str]
    officials: dict[str, tuple[Tenure, ...]] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)

    def merge(self, other: ActorDictionary) -> None:
        """Entries of `other` win: a user's dictionary overrides the packaged one."""
        self.actors.update(other.actors)
        self.roles.update(other.roles)
        self.officials.update(other.officials)
        self.titles.update(other.titles)


def alias_key(text: str) -> str:
    """How aliases are compared: curly apostrophes folded, spaces collapsed, no case."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("_", " ")
    return " ".join(text.split()).casefold()


def person_key(text: str) -> str:
    """How person names are compared: as `alias_key`, and with accents dropped and
    hyphens read as spaces, since news spells "Erdoğan" and "Erdogan", "al-Sisi" and
    "al Sisi" alike."""
    text = unicodedata.normalize("NFKD", alias_key(text).replace("-", " "))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def tenure_on(
    tenures: Iterable[Tenure], day: date | None, sector: str | None = None
) -> Tenure | None:
    """The term of a person that codes a mention on `day` (an article's publication
    date): one that covers the day, the one in sector `sector` (what the text calls
    the person: "army chief" is MIL) where two do, else the first listed. Without a
    date, a person's only office, or the latest where all of them give one country and
    sector (Putin as prime minister, then president): anything else would guess."""
    tenures = tuple(tenures)
    if day is None:
        if len({(t.country, t.sector) for t in tenures}) != 1:
            return None
        return max(tenures, key=lambda t: t.start)
    serving = [t for t in tenures if t.serves_on(day)]
    return next((t for t in serving if t.sector == sector), serving[0] if serving else None)


def packaged_dictionary() -> ActorDictionary:
    """The dictionaries shipped in `resources/actors/`, then any named in
    $NEWSLEDGER_ACTORS (paths separated by the OS path separator)."""
    dictionary = ActorDictionary({}, {})
    _add_pycountry(dictionary)
    path = resource_path("actors/countries.tsv")
    for number, row in read_tsv(path, ("alias", "code", "kind")):
        if row["kind"] not in _COUNTRY_KINDS:
            raise ResourceError(f"{path}:{number}: kind must be one of {', '.join(_COUNTRY_KINDS)}")
        _check_code(row["code"], path, number)
        dictionary.actors[alias_key(row["alias"])] = NamedActor(
            row["alias"], row["code"], "GOV" if row["kind"] == "capital" else None, row["kind"]
        )
    path = resource_path("actors/organisations.tsv")
    for number, row in read_tsv(path, ("alias", "name", "country", "sector")):
        _check_code(row["country"], path, number)
        _check_sector(row["sector"], path, number)
        dictionary.actors[alias_key(row["alias"])] = NamedActor(
            row["name"], row["country"] or None, row["sector"] or None
        )
    path = resource_path("actors/roles.tsv")
    for number, row in read_tsv(path, ("word", "sector")):
        _check_sector(row["sector"], path, number, required=True)
        dictionary.roles[alias_key(row["word"])] = row["sector"]
    dictionary.officials = read_officials(resource_path("actors/officials.tsv"))
    path = resource_path("actors/titles.tsv")
    dictionary.titles = {alias_key(row["word"]).rstrip(".") for _, row in read_tsv(path, ("word",))}
    for extra in user_dictionary_paths():
        dictionary.merge(read_user_dictionary(extra))
    return dictionary


def user_dictionary_paths() -> list[Path]:
    value = os.environ.get(ACTORS_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def read_user_dictionary(path: Path) -> ActorDictionary:
    """A CSV or a PETRARCH/Phoenix dictionary, told apart by the CSV header."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{path}: cannot read actor dictionary ({exc})") from exc
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.replace(" ", "").lower().startswith("alias,"):
        return read_csv_dictionary(text.splitlines(), path)
    return read_phoenix_dictionary(text.splitlines(), path)


_CSV_COLUMNS = ("alias", "name", "country", "sector")
_OFFICIAL_COLUMNS = ("name", "aliases", "country", "sector", "role", "start", "end", "source")


def read_officials(path: Path) -> dict[str, tuple[Tenure, ...]]:
    """Terms in office from a TSV with the columns of `_OFFICIAL_COLUMNS` (the header
    comment of `resources/actors/officials.tsv` describes them), keyed by `person_key`
    of the name and of every alias. Rows of one name are one person: all the person's
    aliases lead to all of the person's terms.

    Raises ResourceError (file:line and the fix) for a missing field, an unknown country
    or sector, a date that is not YYYY-MM-DD, an end before the start, and an alias
    that two people share (a surname is listed alone only where one person has it)."""
    tenures: dict[str, list[Tenure]] = {}
    aliases: dict[str, set[str]] = {}
    owner: dict[str, tuple[str, int]] = {}  # person key -> (name, first line)
    for number, row in read_tsv(path, _OFFICIAL_COLUMNS):
        where = f"{path}:{number}"
        for column in ("name", "country", "sector", "role", "start", "source"):
            if not row[column]:
                raise ResourceError(f"{where}: empty {column} (every official needs one)")
        country, sector = row["country"], row["sector"]
        if country not in known_codes():
            raise ResourceError(
                f"{where}: country {country!r} is not an ISO 3166 alpha-3 code "
                f"nor one of {', '.join(sorted(NON_STATE | {'KOS'}))}"
            )
        _check_sector(sector, path, number, required=True)
        start = _iso_date(row["start"], "start", where)
        end = _iso_date(row["end"], "end", where) if row["end"] else None
        if end is not None and end < start:
            raise ResourceError(f"{where}: end {end} is before start {start}")
        name = row["name"]
        names = [name, *row["aliases"].split("|")] if row["aliases"] else [name]
        for alias in names:
            key = person_key(alias)
            if not key:
                raise ResourceError(f"{where}: empty alias (aliases are separated by '|')")
            holder, line = owner.setdefault(key, (name, number))
            if holder != name:
                raise ResourceError(
                    f"{where}: alias {alias!r} names {name} here and {holder} on line "
                    f"{line}; give each their full name only"
                )
        aliases.setdefault(name, set()).update(person_key(a) for a in names)
        tenures.setdefault(name, []).append(
            Tenure(name, country, sector, alias_key(row["role"]), start, end, row["source"])
        )
    return {key: tuple(tenures[name]) for name, keys in aliases.items() for key in keys}


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(text: str, column: str, where: str) -> date:
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ResourceError(f"{where}: {column} {text!r} is not a date as YYYY-MM-DD")


@cache
def known_codes() -> frozenset[str]:
    """Country codes an actor may carry: ISO 3166-1 alpha-3 (pycountry), Kosovo's KOS
    as PLOVER writes it, and the codes of bodies with no single country (NON_STATE)."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | NON_STATE | {"KOS"}


def read_csv_dictionary(lines: Iterable[str], path: Path) -> ActorDictionary:
    dictionary = ActorDictionary({}, {})
    reader = csv.DictReader(lines)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in _CSV_COLUMNS if name not in header]
    if missing:
        raise ResourceError(
            f"{path}: CSV actor dictionary needs the header alias,name,country,sector "
            f"(missing: {', '.join(missing)})"
        )
    reader.fieldnames = header
    for row in reader:
        number = reader.line_num
        if None in row or None in row.values():
            raise ResourceError(
                f"{path}:{number}: a row needs {len(header)} fields, as the header has"
            )
        alias = (row.get("alias") or "").strip()
        country = (row.get("country") or "").strip().upper()
        sector = (row.get("sector") or "").strip().upper()
        if not alias:
            raise ResourceError(f"{path}:{number}: empty alias")
        _check_code(country, path, number)
        if country and country not in known_codes():
            raise ResourceError(
                f"{path}:{number}: country {country!r} is not an ISO 3166 alpha-3 code "
                f"nor one of {', '.join(sorted(NON_STATE | {'KOS'}))}"
            )
        _check_sector(sector, path, number)
        if country:
            name = (row.get("name") or "").strip() or alias
            dictionary.actors[alias_key(alias)] = NamedActor(name, country, sector or None)
        elif sector:
            dictionary.roles[alias_key(alias)] = sector
        else:
            raise ResourceError(f"{path}:{number}: a row needs a country, a sector or both")
    return dictionary


_COMMENT = re.compile(r"<!--.*?-->|#.*$|;.*$")
_RECORD = re.compile(
    r"^(?P<phrase>[^\s\[{+][^\[{]*?)\s*(?:\{(?P<plural>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*$"
)
_RESTRICTION = re.compile(r"^\[(?P<code>[^\]\s]+)(?:\s+(?P<dates>[^\]]*))?\]$")


def read_phoenix_dictionary(lines: Iterable[str], path: Path) -> ActorDictionary:
    """PETRARCH/Phoenix actor records and agent lines (see the module docstring)."""
    dictionary = ActorDictionary({}, {})
    phrases: list[str] = []
    codes: list[str] = []

    def close_record() -> None:
        code = codes[-1] if codes else ""
        if phrases and code:
            _add_phoenix(dictionary, phrases, code)
        phrases.clear()
        codes.clear()

    in_comment = False
    for number, raw in enumerate(lines, 1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            line, in_comment = line.split("<!--", 1)[0], True
        line = _COMMENT.sub("", line).rstrip()
        if not line.strip():
            continue
        if line[0].isspace() or line.startswith("["):
            match = _RESTRICTION.match(line.strip())
            if not match or not phrases:
                raise ResourceError(f"{path}:{number}: expected a [CODE date-range] line")
            codes.append(match["code"])
        elif line.startswith("+"):
            if not phrases:
                raise ResourceError(f"{path}:{number}: a +synonym before any record")
            phrases.append(line[1:].strip())
        else:
            close_record()
            match = _RECORD.match(line.strip())
            if not match:
                raise ResourceError(f"{path}:{number}: not a PHRASE_ [CODE] record")
            phrases.append(match["phrase"])
            if match["code"]:
                codes.append(match["code"].strip())
            if match["plural"]:
                phrases.append(match["plural"])
    close_record()
    return dictionary


def _add_phoenix(dictionary: ActorDictionary, phrases: list[str], code: str) -> None:
    names = [alias_key(p) for p in phrases if alias_key(p)]
    if code.startswith("~"):  # an agent: a role word
        sector = _sector_of(code[1:4])
        for name in names:
            if sector:
                dictionary.roles[name] = sector
                if not name.endswith("s"):
                    dictionary.roles[name + "s"] = sector
        return
    code = code.rstrip("~")
    country = code[:3].upper()
    sector = _sector_of(code[3:6]) if len(code) >= 6 else None
    display = phrases[0].replace("_", " ").strip().title()
    for name in names:
        dictionary.actors[name] = NamedActor(display, country, sector)


def _sector_of(code: str) -> str | None:
    code = code.upper()
    return code if code in SECTORS else _CAMEO_SECTORS.get(code)


def _check_code(code: str, path: Path, number: int) -> None:
    if code and not (len(code) == 3 and code.isalpha() and code.isupper()):
        raise ResourceError(f"{path}:{number}: country {code!r} is not a 3-letter code")


def _check_sector(sector: str, path: Path, number: int, required: bool = False) -> None:
    if (sector or required) and sector not in SECTORS:
        raise ResourceError(f"{path}:{number}: sector {sector!r} is not a PLOVER sector")


def _add_pycountry(dictionary: ActorDictionary) -> None:
    import pycountry

    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                dictionary.actors[alias_key(name)] = NamedActor(name, country.alpha_3, None, "name")
