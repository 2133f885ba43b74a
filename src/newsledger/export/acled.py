"""ACLED's CSV: one row per incident (or per event) in exactly the columns, order and
codes of ACLED's public data, so a reader written for ACLED loads it unchanged.

Following the ACLED Codebook: `inter1`/`inter2` are the actor types as text, the
`interaction` names the pair in the codebook's order ("State forces-Civilians") or one
type ("Rebel group only"), the target of violence against civilians is actor 2,
demonstrators are named after their country ("Protesters (Kenya)") with the group's own
name as the associated actor, `iso` is the ISO 3166 numeric code, `source` lists the
outlets separated by semicolons, `notes` tell the event in the reports' own sentences,
and `fatalities` is the lowest credible figure: a later report that raises a toll
replaces the earlier one, and of the rest the lowest counts. The mappings are data:
`resources/export/acled.toml` and `acled_countries.tsv`.

Only events ACLED codes get a row: those with an ACLED event type (violence, protests,
coercion; see `[acled]` in `ontology/plover.toml`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

import pycountry

from newsledger.data import load_toml, read_tsv, resource_path
from newsledger.errors import ResourceError
from newsledger.export.places import place_level

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

_RULES = "export/acled.toml"
_COUNTRIES = "export/acled_countries.tsv"


@dataclass(frozen=True)
class Country:
    code: str
    iso: int | None
    name: str
    region: str


@dataclass(frozen=True)
class AcledRules:
    """The mappings of `acled.toml` and `acled_countries.tsv`, checked when loaded."""

    inter_order: tuple[str, ...]
    sector_inter: dict[str, str]
    external_countries: frozenset[str]
    state_types: frozenset[str]
    unknown_actor: str
    unknown_recipient: str
    unknown_recipient_by_type: dict[str, str]
    demonstrators: dict[str, str]
    generic_types: frozenset[str]
    unidentified: str
    unidentified_types: frozenset[str]
    state_forces: dict[str, str]
    pronouns: frozenset[str]
    place_before: frozenset[str]
    place_after: frozenset[str]
    disorder: dict[str, str]
    time_precision: dict[str, int]
    geo_precision: dict[str, int]
    civilian_value: str
    civilian_disorder: str
    civilian_types: frozenset[str]
    countries: dict[str, Country]

    @classmethod
    @cache
    def packaged(cls) -> AcledRules:
        table = load_toml(_RULES)
        try:
            rules = cls(
                inter_order=tuple(table["inter_order"]),
                sector_inter={
                    sector: inter
                    for inter, sectors in table["sector_inter"].items()
                    for sector in sectors
                },
                external_countries=frozenset(table["external"]["countries"]),
                state_types=frozenset(table["external"]["state_types"]),
                unknown_actor=table["unknown_sector"]["actor"],
                unknown_recipient=table["unknown_sector"]["recipient"],
                unknown_recipient_by_type=dict(table["unknown_sector"]["recipient_by_event_type"]),
                demonstrators=dict(table["demonstrators"]),
                generic_types=frozenset(table["generic_names"]["types"]),
                unidentified=table["generic_names"]["unidentified"],
                unidentified_types=frozenset(table["generic_names"]["unidentified_types"]),
                state_forces=dict(table["generic_names"]["state_forces"]),
                pronouns=frozenset(table["no_party"]["pronouns"]),
                place_before=frozenset(table["no_party"]["place_before"]),
                place_after=frozenset(table["no_party"]["place_after"]),
                disorder=dict(table["disorder_type"]),
                time_precision={k: int(v) for k, v in table["time_precision"].items()},
                geo_precision={k: int(v) for k, v in table["geo_precision"].items()},
                civilian_value=table["civilian_targeting"]["value"],
                civilian_disorder=table["civilian_targeting"]["disorder"],
                civilian_types=frozenset(table["civilian_targeting"]["event_types"]),
                countries=_countries(),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(
                f"{resource_path(_RULES)}: missing or malformed entry ({exc})"
            ) from exc
        named = {*rules.sector_inter.values(), *rules.demonstrators.values(),
                 rules.unknown_actor, rules.unknown_recipient, *rules.generic_types,
                 *rules.unknown_recipient_by_type.values(), *rules.unidentified_types}  # fmt: skip
        if unknown := named - set(rules.inter_order):
            raise ResourceError(
                f"{resource_path(_RULES)}: actor types {sorted(unknown)} are not in inter_order"
            )
        if "default" not in rules.state_forces:
            raise ResourceError(f"{resource_path(_RULES)}: [generic_names.state_forces] needs "
                                "a `default` name")  # fmt: skip
        return rules

    def inter_rank(self, inter: str) -> int:
        return self.inter_order.index(inter)


def _countries() -> dict[str, Country]:
    path = resource_path(_COUNTRIES)
    countries = {}
    for number, row in read_tsv(path, ("code", "iso", "country", "region")):
        code = row["code"]
        record = pycountry.countries.get(alpha_3=code)
        if row["iso"]:
            iso: int | None = int(row["iso"])
        elif record is not None:
            iso = int(record.numeric)
        else:
            raise ResourceError(f"{path}:{number}: {code} has no ISO numeric code; give `iso`")
        countries[code] = Country(code, iso, row["country"], row["region"])
    return countries


@dataclass(frozen=True)
class Party:
    """An actor or recipient as ACLED needs it: its words, whether they are a name (a
    named actor, not "12 people"), its country and PLOVER sector."""

    words: str
    named: bool
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Report:
    """One source of the happening: outlet, URL, day, sentence and toll."""

    outlet: str | None
    published: str | None
    sentence: str | None
    fatalities: dict[str, Any] | None


@dataclass(frozen=True)
class Happening:
    """What one ACLED row tells: an incident across its sources, or one event."""

    id: str
    event_type: str
    sub_event_type: str
    date: str | None
    date_precision: str | None
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    location: dict[str, Any]
    reports: tuple[Report, ...]
    ingested_at: str | None


def event_happening(flat: dict[str, Any], ingested_at: str | None) -> Happening | None:
    """The happening of one flat event row; None when ACLED would not code it."""
    if not flat["acled_event_type"]:
        return None
    report = Report(
        flat["article_source"], flat["article_published"], flat["sentence"], _toll(flat)
    )
    return Happening(
        id=flat["id"],
        event_type=flat["acled_event_type"],
        sub_event_type=flat["acled_sub_event_type"],
        date=flat["date"],
        date_precision=flat["date_precision"],
        actors=tuple(_parties([flat], "actor")),
        recipients=tuple(_parties([flat], "recipient")),
        location=_location(flat),
        reports=(report,),
        ingested_at=ingested_at,
    )


def incident_happening(
    record: dict[str, Any], members: list[dict[str, Any]], ingested: dict[str, str]
) -> Happening | None:
    """The happening of an incident record and its member events' flat rows; None when
    none of its events has an ACLED type. `ingested` maps event ids to ingestion times."""
    coded = [(m["acled_event_type"], m["acled_sub_event_type"]) for m in members]
    coded = [pair for pair in coded if pair[0]]
    if not coded:
        return None
    event_type, sub_event_type = Counter(coded).most_common(1)[0][0]
    sentences: dict[str, str] = {}
    for member in members:
        sentences.setdefault(member["article_id"], member["sentence"])
    reports = tuple(
        Report(s.get("outlet"), s.get("published"), sentences.get(s["article"]),
               s.get("fatalities"))
        for s in record.get("sources") or []
    )  # fmt: skip
    times = [ingested[m["id"]] for m in members if ingested.get(m["id"])]
    return Happening(
        id=record["id"],
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=record.get("date"),
        date_precision=record.get("date_precision"),
        actors=tuple(_parties(members, "actor")),
        recipients=tuple(_parties(members, "recipient")),
        location=record.get("location") or {},
        reports=reports,
        ingested_at=max(times, default=None),
    )


def _parties(rows: list[dict[str, Any]], side: str) -> list[Party]:
    """The distinct parties of one side, one per country and sector, in telling order.
    Words that name no party (a pronoun, words with no name, country or sector, a town
    taken for a name) are not kept as the party's name: `_side` names it by its type
    and country instead ("Unidentified Armed Group (Somalia)")."""
    rules = AcledRules.packaged()
    seen: dict[tuple[str | None, str | None], Party] = {}
    for row in rows:
        name, text = row[f"{side}_name"], row[f"{side}_text"]
        country, sector = row[f"{side}_country"], row[f"{side}_sector"]
        if name and _names_a_place(name, text, rules):
            name = None
        if not (name or text or country or sector):
            continue
        names_a_party = bool(name or country or sector)
        words = name or (text if text and names_a_party and not _pronoun(text, rules) else "")
        seen.setdefault((country, sector), Party(words, bool(name), country, sector))
    return list(seen.values())


def _pronoun(words: str, rules: AcledRules) -> bool:
    return " ".join(words.lower().split()) in rules.pronouns


def _names_a_place(name: str, text: str | None, rules: AcledRules) -> bool:
    """Whether a name the actor dictionary does not know is a place rather than the
    party: a town or division of the gazetteer, or a name that the actor's words give
    as a place ("gunmen on the road between Garbaharey and Luuq")."""
    from newsledger.extract.dictionaries import alias_key, packaged_dictionary
    from newsledger.extract.gazetteer import Gazetteer

    if alias_key(name) in packaged_dictionary().actors:
        return False
    if any(p.kind != "country" for p in Gazetteer.packaged().candidates(name)):
        return True
    words = (text or "").split()
    size = len(name.split())
    for start in range(len(words) - size + 1):
        if " ".join(words[start : start + size]).strip(",.;:") != name:
            continue
        before = words[start - 1].lower() if start else ""
        after = words[start + size].lower().strip(",.;:") if start + size < len(words) else ""
        if before in rules.place_before or after in rules.place_after:
            return True
    return False


def _location(flat: dict[str, Any]) -> dict[str, Any]:
    return {k: flat[f"location_{k}"] for k in ("name", "country", "admin1", "lat", "lon",
                                              "precision")}  # fmt: skip


def _toll(flat: dict[str, Any]) -> dict[str, Any] | None:
    if flat["fatalities_min"] is None and flat["fatalities_max"] is None:
        return None
    return {"min": flat["fatalities_min"], "max": flat["fatalities_max"],
            "text": flat["fatalities_text"]}  # fmt: skip


def acled_row(happening: Happening, rules: AcledRules | None = None) -> dict[str, Any]:
    """One ACLED row (`ACLED_COLUMNS`)."""
    rules = rules or AcledRules.packaged()
    place = happening.location.get("country")
    country = rules.countries.get(place) if place else None
    day = happening.date or _first_report(happening)
    precision = happening.date_precision if happening.date else "undated"
    disorder = rules.disorder.get(
        f"{happening.event_type}/{happening.sub_event_type}",
        rules.disorder.get(happening.event_type, ""),
    )
    first, second = _sides(happening, rules, disorder)
    inter1, inter2 = first[2], second[2]
    targeting = rules.civilian_value if (
        inter2 == "Civilians" and happening.event_type in rules.civilian_types
    ) else ""  # fmt: skip
    level = place_level(happening.location)
    geo = rules.geo_precision.get(level or "", "")
    row = {
        "event_id_cnty": f"{place}-{happening.id}" if place else happening.id,
        "event_date": day or "",
        "year": int(day[:4]) if day else "",
        "time_precision": rules.time_precision.get(precision or "", "") if day else "",
        "disorder_type": disorder,
        "event_type": happening.event_type,
        "sub_event_type": happening.sub_event_type,
        "actor1": first[0], "assoc_actor_1": first[1], "inter1": inter1,
        "actor2": second[0], "assoc_actor_2": second[1], "inter2": inter2,
        "interaction": _interaction(inter1, inter2, rules),
        "civilian_targeting": targeting,
        "iso": country.iso if country and country.iso is not None else "",
        "region": country.region if country else "",
        "country": country.name if country else (place or ""),
        "admin1": happening.location.get("admin1")
        or (happening.location.get("name") if level == "admin1" else "")
        or "",
        "admin2": "",
        "admin3": "",
        "location": happening.location.get("name") or "",
        "latitude": _blank(happening.location.get("lat")),
        "longitude": _blank(happening.location.get("lon")),
        "geo_precision": geo if happening.location.get("name") else "",
        "source": "; ".join(dict.fromkeys(r.outlet for r in happening.reports if r.outlet)),
        "source_scale": "",
        "notes": notes(happening, day),
        "fatalities": lowest_credible_toll(happening.reports),
        "tags": "",
        "timestamp": _timestamp(happening.ingested_at),
    }  # fmt: skip
    return {name: row[name] for name in ACLED_COLUMNS}


Side = tuple[str, str, str]  # actor name, associated actors, actor type


def _sides(happening: Happening, rules: AcledRules, disorder: str) -> tuple[Side, Side]:
    """Actor 1 and actor 2 with their associated actors and types."""
    place = happening.location.get("country")
    crowd = rules.demonstrators.get(happening.event_type)
    if crowd:
        # Demonstrators first; state forces that acted on them ("police fired tear gas
        # at the marchers") second. What a protest is against ("a finance bill", the
        # ministry) is no party to it.
        forces = [p for p in happening.actors if _is_force(p, place, rules)]
        marchers = [p for p in happening.actors if p not in forces]
        if forces:
            marchers += [p for p in happening.recipients if _civilian(p, rules)]
        country = next((p.country for p in marchers if p.country in rules.countries), place)
        names = _joined(p.words for p in marchers if p.named)
        return (_named_after(crowd, country, rules), names, crowd), _side(forces, place, rules)
    violent = rules.civilian_disorder in disorder
    first = _side(
        list(happening.actors), place, rules, rules.unknown_actor if violent else None,
        unidentified_when_absent=violent,
    )  # fmt: skip
    if happening.event_type == "Violence against civilians":  # the target is actor 2
        victims = list(happening.recipients) or [Party("", False, place, None)]
        return first, _side(victims, place, rules, force="Civilians")
    unknown = rules.unknown_recipient_by_type.get(happening.event_type, rules.unknown_recipient)
    return first, _side(list(happening.recipients), place, rules, unknown if violent else None)


def _side(
    parties: list[Party],
    place: str | None,
    rules: AcledRules,
    unknown: str | None = None,
    force: str | None = None,
    unidentified_when_absent: bool = False,
) -> Side:
    """One side: its first party's name (or ACLED's generic name for its type), the
    others' names as associated actors, and its type (`force` overrides the sector's)."""
    if not parties:
        if unidentified_when_absent and unknown and place:  # violence by someone unnamed
            return _named_after(rules.unidentified, place, rules), "", unknown
        return "", "", ""
    main, *others = parties
    inter = force or _inter(main, place, rules, unknown) or ""
    if inter in rules.generic_types:
        words = _named_after(inter, _country(main, place, rules), rules)
        return words, _joined(p.words for p in parties if p.named), inter
    return _actor_name(main, inter, place, rules), _joined(p.words for p in others), inter


def _actor_name(party: Party, inter: str, place: str | None, rules: AcledRules) -> str:
    """A party's ACLED name: its own name; an unnamed armed group's generic name
    ("Unidentified Armed Group (Somalia)"); the words of other unnamed parties
    ("Police"); for state forces known only by a pronoun, their country's forces
    ("Military Forces of Sudan")."""
    if party.named:
        return party.words
    if inter in rules.unidentified_types:
        return _named_after(rules.unidentified, _country(party, place, rules), rules)
    if party.words or not inter:
        return party.words
    country = rules.countries.get(_country(party, place, rules) or "")
    if country is None:
        return rules.unidentified
    forces = rules.state_forces.get(party.sector or "", rules.state_forces["default"])
    return f"{forces} {country.name}"


def _country(party: Party, place: str | None, rules: AcledRules) -> str | None:
    """The country a party is named after: its own, else (none, or a body such as the
    UN that is no country) the country the event happens in."""
    return party.country if party.country in rules.countries else place


def _civilian(party: Party, rules: AcledRules) -> bool:
    return rules.sector_inter.get(party.sector or "") == "Civilians"


def _inter(party: Party, place: str | None, rules: AcledRules, unknown: str | None) -> str | None:
    if _external(party, place, rules):
        return rules.inter_order[-1]  # External/Other forces
    if party.sector:
        return rules.sector_inter.get(party.sector, unknown)
    return unknown


def _is_force(party: Party, place: str | None, rules: AcledRules) -> bool:
    return _inter(party, place, rules, None) in {*rules.state_types, rules.inter_order[-1]}


def _external(party: Party, place: str | None, rules: AcledRules) -> bool:
    """Forces of another state, or of an international mission, where the event happens.
    A party coded only by a foreign country ("US" in Baghdad: USA, no sector) is that
    state acting abroad."""
    if party.country in rules.external_countries:
        return party.sector is None or _state(party, rules)
    foreign = bool(party.country and place and party.country != place)
    return (
        foreign
        and party.country in rules.countries
        and (party.sector is None or _state(party, rules))
    )


def _state(party: Party, rules: AcledRules) -> bool:
    return rules.sector_inter.get(party.sector or "") in rules.state_types


def _named_after(kind: str, code: str | None, rules: AcledRules) -> str:
    """ "Protesters (Kenya)", ACLED's name for a group known only by its country."""
    country = rules.countries.get(code or "")
    return f"{kind} ({country.name})" if country else kind


def _interaction(first: str, second: str, rules: AcledRules) -> str:
    if not first:
        return ""
    if not second:
        return f"{first} only"
    low, high = sorted((first, second), key=rules.inter_rank)
    return f"{low}-{high}"


def lowest_credible_toll(reports: Iterable[Report]) -> int:
    """ACLED's conservative count: each source's lowest figure ("at least 15" is 15,
    "up to 25" 25); a later report that raises an earlier one replaces it ("the toll
    rose to 20"); of the figures left, the lowest. No toll at all is 0."""
    figures = []
    for report in reports:
        toll = report.fatalities or {}
        figure = toll.get("min") if toll.get("min") is not None else toll.get("max")
        if figure is not None:
            figures.append((report.published or "", figure))
    standing = [
        (day, figure)
        for day, figure in figures
        if not any(later > day and larger > figure for later, larger in figures)
    ]
    return min((figure for _, figure in standing), default=0)


def notes(happening: Happening, day: str | None) -> str:
    """ACLED-style notes from the evidence: the date, then each source's sentence with
    its outlet and day, then the tolls when sources give several."""
    told = []
    for report in happening.reports:
        if report.sentence:
            where = ", ".join(x for x in (report.outlet, report.published) if x)
            told.append(f"{report.sentence.strip()} [{where}]" if where else report.sentence)
    text = f"{_when(happening, day)}: {' '.join(dict.fromkeys(told))}"
    tolls = [
        f"{(r.fatalities or {}).get('text')} ({r.outlet})"
        for r in happening.reports
        if r.fatalities and r.outlet
    ]
    if len(tolls) > 1:
        text += f" Reported fatalities: {'; '.join(tolls)}."
    return text


def _when(happening: Happening, day: str | None) -> str:
    if not day:
        return "Undated"
    when = date.fromisoformat(day)
    if not happening.date:
        return f"Undated (reported {when.day} {when:%B %Y})"
    return {
        "week": f"In the week of {when.day} {when:%B %Y}",
        "month": f"In {when:%B %Y}",
        "year": f"In {when.year}",
    }.get(happening.date_precision or "", f"On {when.day} {when:%B %Y}")


def _first_report(happening: Happening) -> str | None:
    return min((r.published for r in happening.reports if r.published), default=None)


def _timestamp(ingested_at: str | None) -> int | str:
    """ACLED's `timestamp` is when the row was last changed: here, when its latest
    article was stored, in Unix seconds."""
    if not ingested_at:
        return ""
    return int(datetime.fromisoformat(ingested_at).timestamp())


def _joined(words: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(w for w in words if w))


def _blank(value: Any) -> Any:
    return "" if value is None else value
