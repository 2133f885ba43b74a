"""Synthetic wire-style English news articles, as JSON Lines, for throughput benchmarks.

Each article is 300-900 words, in one of two styles:

- plain (the default): a dateline, a lead reporting one event (an airstrike, shelling, a
  drone attack, a protest, talks, a phone call, sanctions, an aid delivery, an
  accusation, a deployment or a ceasefire), details, quotes, reactions and background.
  Much of it is background with no event in it: about 46 events per 1,000 words as
  `newsledger extract` counts them.
- dense: a roundup ("briefing") of short event reports, each with its own actor, verb,
  target, place and date (attacks with tolls, arrests, protests, meetings, statements,
  sanctions, aid, deployments, truces), and little filler: about 108 events per 1,000
  words. Real news is denser than the plain style, and extraction's share of the time
  grows with the events, so the dense style is the harder test.

The vocabulary and templates are data, in generator_vocabulary.toml next to this script.

Article i of seed s in a style depends only on (s, i), so the first 1,000 articles of a
10,000-article corpus are the 1,000-article corpus of the same seed and style. Records are
written one at a time; the corpus is never held in memory.

Example:
    python benchmarks/generate.py --count 1000 --seed 1 --out /tmp/bench_1k.jsonl
    python benchmarks/generate.py --count 1000 --style dense --out /tmp/bench_1k_dense.jsonl
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import re
import string
import sys
import time
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO

VOCABULARY = Path(__file__).with_name("generator_vocabulary.toml")

MIN_WORDS, MAX_WORDS = 300, 900
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2025, 12, 31)
PEOPLE = ("p1", "p2", "p3", "p4", "p5")
STYLES = ("plain", "dense")
DATE_LISTS = ("same_day", "day_before", "earlier", "future")
# Days between the event and its report: most wire stories report yesterday's events.
EVENT_OFFSET_WEIGHTS = (3, 5, 2, 2, 1, 1, 1)
# English names: these scripts never call locale.setlocale, so the C locale holds.
MONTHS = tuple(calendar.month_name)[1:]
WEEKDAYS = tuple(calendar.day_name)

# Slots generate.py fills itself (the vocabulary's header comment describes them).
# fmt: off
BASE_SLOTS = frozenset({
    "city", "city2", "country", "demonym", "capital", "country2", "demonym2", "capital2",
    "city_b", "attacker", "aircraft", "group", "agency", "agency_code", "dateline_place",
    "dateline_place_upper", "weekday", "when", "when_future", "month_name", "day", "year",
    "past_month", "past_year", "years_ago", "event_month", "event_day", "future_weekday",
    "future_month", "future_day",
})
# fmt: on


class VocabularyError(ValueError):
    """The vocabulary file is malformed; the message names the table and the fix."""


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    demonym: str
    capital: str
    cities: tuple[str, ...]
    conflict: bool
    names: str
    partners: tuple[str, ...]
    groups: tuple[str, ...]
    attackers: tuple[str, ...]
    aircraft: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    intro: tuple[str, ...]
    later: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    by: tuple[str, ...]
    words: str


@dataclass(frozen=True)
class Kind:
    name: str
    weight: float
    conflict_only: bool
    headlines: tuple[str, ...]
    leads: tuple[str, ...]
    details: tuple[str, ...]
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class ReportKind:
    """One kind of short event report of the dense style (an attack, an arrest ...)."""

    name: str
    weight: float
    conflict_only: bool
    reports: tuple[str, ...]


@dataclass(frozen=True)
class DenseStyle:
    """The roundup articles of --style dense: a report per paragraph, each about a country
    of the article's region with slots of its own, and now and then a filler line."""

    home_share: float
    filler_share: float
    headlines: tuple[str, ...]
    fillers: tuple[str, ...]
    words: Mapping[str, tuple[str, ...]]
    kinds: tuple[ReportKind, ...]


@dataclass(frozen=True)
class NumberSlot:
    low: int
    high: int
    mode: int
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """Everything the generator draws from, checked when it is loaded."""

    agencies: tuple[Mapping[str, str], ...]
    datelines: tuple[str, ...]
    countries: tuple[Country, ...]
    names: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]
    people: Mapping[str, tuple[Role, ...]]
    numbers: Mapping[str, NumberSlot]
    number_words: tuple[str, ...]
    dates: Mapping[str, tuple[str, ...]]
    fixed: Mapping[str, tuple[str, ...]]
    varied: Mapping[str, tuple[str, ...]]
    defaults: Mapping[str, tuple[str, ...]]
    quote_frames: tuple[str, ...]
    generic_quotes: tuple[Quote, ...]
    reactions: tuple[str, ...]
    background: tuple[str, ...]
    kinds: tuple[Kind, ...]
    dense: DenseStyle

    @classmethod
    def load(cls, path: Path = VOCABULARY) -> Vocabulary:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise VocabularyError(f"{path}: cannot read the vocabulary ({exc})") from exc
        try:
            vocabulary = _build(raw)
        except (KeyError, TypeError, ValueError) as exc:
            raise VocabularyError(f"{path}: {exc}") from exc
        _check(vocabulary, path)
        return vocabulary

    def slot_names(self) -> frozenset[str]:
        """Every slot a paragraph template may name, without its capitalised form."""
        numbers = {name for key in self.numbers for name in (key, f"{key}_n")}
        surnames = {f"surname_{p}" for p in PEOPLE}
        return BASE_SLOTS | numbers | set(self.fixed) | set(self.varied) | set(PEOPLE) | surnames


def _build(raw: dict[str, Any]) -> Vocabulary:
    def strings(values: Sequence[Any], where: str) -> tuple[str, ...]:
        if not values or not all(isinstance(v, str) for v in values):
            raise ValueError(f"{where}: expected a non-empty list of strings")
        return tuple(values)

    def quotes(values: Sequence[Mapping[str, Any]], where: str) -> tuple[Quote, ...]:
        return tuple(
            Quote(strings(q["by"], f"{where}[{i}].by"), q["q"]) for i, q in enumerate(values)
        )

    countries = tuple(
        Country(
            id=c["id"],
            name=c["name"],
            demonym=c["demonym"],
            capital=c["capital"],
            cities=strings(c["cities"], f"country {c['id']}.cities"),
            conflict=bool(c.get("conflict", False)),
            names=c["names"],
            partners=strings(c["partners"], f"country {c['id']}.partners"),
            groups=tuple(c.get("groups", ())),
            attackers=tuple(c.get("attackers", ())),
            aircraft=tuple(c.get("aircraft", ())),
        )
        for c in raw["country"]
    )
    kinds = tuple(
        Kind(
            name=name,
            weight=float(k["weight"]),
            conflict_only=_place(k["place"], f"[kind.{name}]"),
            headlines=strings(k["headlines"], f"[kind.{name}].headlines"),
            leads=strings(k["leads"], f"[kind.{name}].leads"),
            details=strings(k["details"], f"[kind.{name}].details"),
            quotes=quotes(k["quotes"], f"[kind.{name}].quotes"),
        )
        for name, k in raw["kind"].items()
    )
    return Vocabulary(
        agencies=tuple(raw["agency"]),
        datelines=strings(raw["dateline"]["forms"], "[dateline].forms"),
        countries=countries,
        names={
            key: (
                strings(pool["given"], f"[names.{key}].given"),
                strings(pool["family"], f"[names.{key}].family"),
            )
            for key, pool in raw["names"].items()
        },
        people={
            key: tuple(
                Role(
                    strings(r["intro"], f"[people.{key}].intro"),
                    strings(r["later"], f"[people.{key}].later"),
                )
                for r in roles
            )
            for key, roles in raw["people"].items()
        },
        numbers={
            key: NumberSlot(
                n["range"][0],
                n["range"][1],
                n.get("mode", n["range"][0]),
                strings(n["forms"], f"[numbers.{key}].forms"),
            )
            for key, n in raw["numbers"].items()
        },
        number_words=strings(raw["number_words"]["words"], "[number_words].words"),
        dates={key: strings(raw["dates"][key], f"[dates].{key}") for key in DATE_LISTS},
        fixed={key: strings(v, f"[fixed].{key}") for key, v in raw["fixed"].items()},
        varied={key: strings(v, f"[varied].{key}") for key, v in raw["varied"].items()},
        defaults={
            key: strings(raw["defaults"][key], f"[defaults].{key}")
            for key in ("groups", "attackers", "aircraft")
        },
        quote_frames=strings(raw["quotes"]["frames"], "[quotes].frames"),
        generic_quotes=quotes(raw["quotes"]["generic"], "[quotes].generic"),
        reactions=strings(raw["paragraphs"]["reactions"], "[paragraphs].reactions"),
        background=strings(raw["paragraphs"]["background"], "[paragraphs].background"),
        kinds=kinds,
        dense=_dense(raw["dense"], strings),
    )


def _dense(raw: Mapping[str, Any], strings: Any) -> DenseStyle:
    """The [dense] table and its [dense.words] and [dense.kind.*] tables."""
    if not raw.get("kind"):
        raise ValueError("[dense]: needs at least one [dense.kind.NAME] table")
    return DenseStyle(
        home_share=float(raw["home_share"]),
        filler_share=float(raw["filler_share"]),
        headlines=strings(raw["headlines"], "[dense].headlines"),
        fillers=strings(raw["fillers"], "[dense].fillers"),
        words={key: strings(v, f"[dense.words].{key}") for key, v in raw["words"].items()},
        kinds=tuple(
            ReportKind(
                name=name,
                weight=float(k["weight"]),
                conflict_only=_place(k["place"], f"[dense.kind.{name}]"),
                reports=strings(k["reports"], f"[dense.kind.{name}].reports"),
            )
            for name, k in raw["kind"].items()
        ),
    )


def _place(value: str, table: str) -> bool:
    if value not in ("conflict", "any"):
        raise ValueError(f"{table}.place: {value!r} is not 'conflict' or 'any'")
    return value == "conflict"


def _check(vocabulary: Vocabulary, path: Path) -> None:
    """Refuse unknown slots and dangling references now, not in the middle of a corpus."""
    problems: list[str] = []
    slots = vocabulary.slot_names()
    slots = slots | {s[:1].upper() + s[1:] for s in slots}

    def check(templates: Sequence[str], where: str, allowed: frozenset[str] | set[str]) -> None:
        for index, template in enumerate(templates):
            try:
                fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
            except ValueError as exc:
                problems.append(f"{where}[{index}]: {exc} in {template!r}")
                continue
            problems.extend(
                f"{where}[{index}]: unknown slot {{{field}}} in {template!r}"
                for field in fields
                if field not in allowed
            )

    by_id = {c.id for c in vocabulary.countries}
    for c in vocabulary.countries:
        if len(c.cities) < 2:
            problems.append(f"country {c.id}: needs at least two cities")
        if c.names not in vocabulary.names:
            problems.append(f"country {c.id}: names pool {c.names!r} is not in [names]")
        problems.extend(
            f"country {c.id}: partner {p!r} is not a country id"
            for p in c.partners
            if p not in by_id or p == c.id
        )
    if not any(c.conflict for c in vocabulary.countries):
        problems.append("no country has conflict = true")
    missing = [p for p in PEOPLE if p not in vocabulary.people]
    if missing:
        problems.append(f"[people] lacks {', '.join(missing)}")
    for key, slot in vocabulary.numbers.items():
        if not slot.low <= slot.mode <= slot.high:
            problems.append(f"[numbers.{key}]: needs range low <= mode <= high")
        check(slot.forms, f"[numbers.{key}].forms", {"n", "w"})
    check(vocabulary.datelines, "[dateline].forms", BASE_SLOTS)
    for key, templates in vocabulary.dates.items():
        check(templates, f"[dates].{key}", BASE_SLOTS)
    for key, templates in vocabulary.fixed.items():
        check(templates, f"[fixed].{key}", BASE_SLOTS)
    for key, templates in vocabulary.varied.items():
        check(templates, f"[varied].{key}", slots)
    for key, roles in vocabulary.people.items():
        for index, role in enumerate(roles):
            person_slots = BASE_SLOTS | {"name", "surname"}
            check(role.intro, f"[people.{key}][{index}].intro", person_slots)
            check(role.later, f"[people.{key}][{index}].later", person_slots)
    check(vocabulary.quote_frames, "[quotes].frames", slots | {"q", "speaker", "Speaker"})
    quote_sets = [("[quotes].generic", vocabulary.generic_quotes)]
    quote_sets += [(f"[kind.{k.name}].quotes", k.quotes) for k in vocabulary.kinds]
    for where, entries in quote_sets:
        check([q.words for q in entries], where, slots)
        problems.extend(
            f"{where}: speaker {p!r} is not one of {', '.join(PEOPLE)}"
            for q in entries
            for p in q.by
            if p not in PEOPLE
        )
    check(vocabulary.reactions, "[paragraphs].reactions", slots)
    check(vocabulary.background, "[paragraphs].background", slots)
    for kind in vocabulary.kinds:
        for part in ("headlines", "leads", "details"):
            check(getattr(kind, part), f"[kind.{kind.name}].{part}", slots)
        if kind.weight <= 0:
            problems.append(f"[kind.{kind.name}].weight must be positive")
    problems.extend(_check_dense(vocabulary, slots, check))
    if problems:
        raise VocabularyError(f"{path}:\n  " + "\n  ".join(problems))


def _check_dense(vocabulary: Vocabulary, slots: frozenset[str], check: Any) -> list[str]:
    """The dense style's own checks; `check` records unknown slots itself. Its words may
    name any slot but each other; its reports may also name its words."""
    dense, problems = vocabulary.dense, []
    if not 0 <= dense.home_share <= 1:
        problems.append("[dense].home_share must be between 0 and 1")
    if not 0 <= dense.filler_share < 1:
        problems.append("[dense].filler_share must be 0 or more and below 1")
    clash = sorted(set(dense.words) & vocabulary.slot_names())
    if clash:
        problems.append(f"[dense.words]: {', '.join(clash)}: the name of a slot already")
    check(dense.headlines, "[dense].headlines", slots)
    check(dense.fillers, "[dense].fillers", slots)
    for key, phrases in dense.words.items():
        check(phrases, f"[dense.words].{key}", slots)
    words = set(dense.words) | {w[:1].upper() + w[1:] for w in dense.words}
    for kind in dense.kinds:
        check(kind.reports, f"[dense.kind.{kind.name}].reports", slots | words)
        if kind.weight <= 0:
            problems.append(f"[dense.kind.{kind.name}].weight must be positive")
    return problems


class _Person:
    """A person in one article: named with a title first, by surname or role after."""

    def __init__(self, intro: str, later: tuple[str, ...], rng: random.Random):
        self.intro, self.later, self.rng = intro, later, rng
        self.mentioned = False

    def mention(self) -> str:
        if not self.mentioned:
            self.mentioned = True
            return self.intro
        return self.rng.choice(self.later)


class _Slots(dict[str, str]):
    """Slot values of one article. People and [varied] phrases are resolved at each use,
    and {Slot} is {slot} with its first letter capitalised."""

    def __init__(
        self,
        values: dict[str, str],
        people: dict[str, _Person],
        varied: Mapping[str, tuple[str, ...]],
        rng: random.Random,
    ):
        super().__init__(values)
        self.people, self.varied, self.rng = people, varied, rng

    def __missing__(self, key: str) -> str:
        if key in self.people:
            return self.people[key].mention()
        if key in self.varied:
            return self.rng.choice(self.varied[key]).format_map(self)
        lower = key[:1].lower() + key[1:]
        if lower != key:
            value = self[lower]
            return value[:1].upper() + value[1:]
        raise KeyError(key)


# An appositive introduction ("Amal Odeh, a resident of Kirkuk,") ends in a comma that
# must go when the sentence ends right after it.
_DANGLING_COMMA = re.compile(r",(?=[.,:])")
_SLUG = re.compile(r"[^a-z0-9]+")


class ArticleGenerator:
    """Articles of one seed; article(i) is the same whatever else was generated."""

    def __init__(self, vocabulary: Vocabulary, seed: int, style: str = "plain"):
        if style not in STYLES:
            raise ValueError(f"style {style!r} is not one of {', '.join(STYLES)}")
        self.vocabulary, self.seed, self.style = vocabulary, seed, style
        self.by_id = {c.id: c for c in vocabulary.countries}
        self.conflict_countries = tuple(c for c in vocabulary.countries if c.conflict)
        self.kind_weights = tuple(k.weight for k in vocabulary.kinds)
        self.report_weights = tuple(k.weight for k in vocabulary.dense.kinds)

    def articles(self, count: int, start: int = 0) -> Iterator[dict[str, str]]:
        article = self.dense_article if self.style == "dense" else self.article
        for index in range(start, start + count):
            yield article(index)

    def article(self, index: int) -> dict[str, str]:
        """Article `index` in the plain style: one story, filled out with background."""
        rng = random.Random(f"{self.seed}:{index}")
        v = self.vocabulary
        kind = rng.choices(v.kinds, self.kind_weights)[0]
        country = rng.choice(self.conflict_countries if kind.conflict_only else v.countries)
        partner = self.by_id[rng.choice(country.partners)]
        agency = rng.choice(v.agencies)
        published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        slots = self._slots(rng, country, partner, agency, published)

        target = rng.randint(MIN_WORDS, MAX_WORDS - 20)
        paragraphs = self._body(rng, kind, slots, target)
        dateline = rng.choice(v.datelines).format_map(slots)
        paragraphs[0] = dateline + paragraphs[0]
        title = _tidy(rng.choice(kind.headlines).format_map(slots))
        return _record(f"gen-{self.seed}-{index:07d}", title, paragraphs, agency, published)

    def dense_article(self, index: int) -> dict[str, str]:
        """Article `index` in the dense style: a roundup of short event reports from a
        conflict country and its partners. Its random stream is not the plain style's,
        so the two styles never share an article."""
        rng = random.Random(f"{self.seed}:dense:{index}")
        v = self.vocabulary
        home = rng.choice(self.conflict_countries)
        partner = self.by_id[rng.choice(home.partners)]
        agency = rng.choice(v.agencies)
        published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        slots = self._slots(rng, home, partner, agency, published)

        target = rng.randint(MIN_WORDS, MAX_WORDS - 20)
        paragraphs = self._roundup(rng, home, agency, published, slots, target)
        paragraphs[0] = rng.choice(v.datelines).format_map(slots) + paragraphs[0]
        title = _tidy(rng.choice(v.dense.headlines).format_map(slots))
        return _record(f"gen-{self.seed}-dense-{index:07d}", title, paragraphs, agency, published)

    def _slots(
        self,
        rng: random.Random,
        country: Country,
        partner: Country,
        agency: Mapping[str, str],
        published: date,
    ) -> _Slots:
        v = self.vocabulary
        city, city2 = rng.sample(country.cities, 2)
        event = published - timedelta(
            days=rng.choices(range(len(EVENT_OFFSET_WEIGHTS)), EVENT_OFFSET_WEIGHTS)[0]
        )
        future = published + timedelta(days=rng.randint(2, 12))
        gap = (published - event).days
        place = city if rng.random() < 0.7 else country.capital
        values = {
            "city": city,
            "city2": city2,
            "country": country.name,
            "demonym": country.demonym,
            "capital": country.capital,
            "country2": partner.name,
            "demonym2": partner.demonym,
            "capital2": partner.capital,
            "city_b": rng.choice(partner.cities),
            "attacker": rng.choice(country.attackers or v.defaults["attackers"]),
            "aircraft": rng.choice(country.aircraft or v.defaults["aircraft"]),
            "group": rng.choice(country.groups or v.defaults["groups"]),
            "agency": agency["name"],
            "agency_code": agency["code"],
            "dateline_place": place,
            "dateline_place_upper": place.upper(),
            "weekday": WEEKDAYS[event.weekday()],
            "event_month": MONTHS[event.month - 1],
            "event_day": str(event.day),
            "month_name": MONTHS[published.month - 1],
            "day": str(published.day),
            "year": str(published.year),
            "future_weekday": WEEKDAYS[future.weekday()],
            "future_month": MONTHS[future.month - 1],
            "future_day": str(future.day),
            "past_month": rng.choice(MONTHS),
            "past_year": str(published.year - rng.randint(1, 8)),
            "years_ago": v.number_words[rng.randint(2, len(v.number_words) - 1)],
        }
        for key, number in v.numbers.items():
            n = _plausible(round(rng.triangular(number.low, number.high, number.mode)))
            digits = f"{n:,}"
            words = v.number_words[n] if n < len(v.number_words) else digits
            values[key] = rng.choice(number.forms).format(n=digits, w=words)
            values[f"{key}_n"] = digits
        dates = v.dates["same_day" if gap == 0 else "day_before" if gap == 1 else "earlier"]
        values["when"] = rng.choice(dates).format_map(values)
        values["when_future"] = rng.choice(v.dates["future"]).format_map(values)
        for key, phrases in v.fixed.items():
            values[key] = rng.choice(phrases).format_map(values)

        people = {}
        for key in PEOPLE:
            origin = partner if key == "p2" else country
            if key == "p4":
                origin = rng.choice(v.countries)
            given, family = v.names[origin.names]
            surname = rng.choice(family)
            name = f"{rng.choice(given)} {surname}"
            role = rng.choice(v.people[key])

            def named(template: str, name: str = name, surname: str = surname) -> str:
                return template.replace("{name}", name).replace("{surname}", surname)

            intro = named(rng.choice(role.intro)).format_map(values)
            later = tuple(named(t).format_map(values) for t in role.later)
            people[key] = _Person(intro, later, rng)
            values[f"surname_{key}"] = surname
        return _Slots(values, people, v.varied, rng)

    def _body(self, rng: random.Random, kind: Kind, slots: _Slots, target: int) -> list[str]:
        """Lead first, then the story's details, quotes and reactions, then background,
        until the article reaches `target` words (never more than MAX_WORDS)."""
        v = self.vocabulary
        details = rng.sample(kind.details, len(kind.details))
        quotes = rng.sample(kind.quotes, min(len(kind.quotes), rng.randint(1, 3)))
        quotes += rng.sample(v.generic_quotes, rng.randint(1, 2))
        story = details[1:] + [self._quote(rng, q) for q in quotes]
        story += rng.sample(v.reactions, rng.randint(2, 4))
        rng.shuffle(story)
        templates = [rng.choice(kind.leads), details[0], *story]
        templates += rng.sample(v.background, len(v.background))

        paragraphs: list[str] = []
        words = 0
        for template in templates:
            mentioned = {key: p.mentioned for key, p in slots.people.items()}
            paragraph = _tidy(template.format_map(slots))
            length = len(paragraph.split())
            if words + length > MAX_WORDS - 12:  # leave room for the dateline
                for key, person in slots.people.items():
                    person.mentioned = mentioned[key]
                continue
            paragraphs.append(paragraph)
            words += length
            if words >= target:
                return paragraphs
        if words < MIN_WORDS:
            raise VocabularyError(
                f"[kind.{kind.name}]: templates give only {words} words; add background "
                f"paragraphs to reach {MIN_WORDS}"
            )
        return paragraphs

    def _roundup(
        self,
        rng: random.Random,
        home: Country,
        agency: Mapping[str, str],
        published: date,
        home_slots: _Slots,
        target: int,
    ) -> list[str]:
        """Reports until the article reaches `target` words (never more than MAX_WORDS),
        the first one the lead. Each report has slots of its own: a fresh country of the
        region, cities, people, figures and date. Reports of a kind are dealt from a
        shuffled deck, so an article repeats a template only once it has used them all."""
        dense = self.vocabulary.dense
        region = (home, *(self.by_id[p] for p in home.partners))
        conflict_region = tuple(c for c in region if c.conflict)  # holds home at least
        decks: dict[str, list[str]] = {}
        paragraphs: list[str] = []
        words = 0
        while words < target:
            if paragraphs and rng.random() < dense.filler_share:
                template, slots = _deal(rng, decks, "filler", dense.fillers), home_slots
            else:
                kind = rng.choices(dense.kinds, self.report_weights)[0]
                template = _deal(rng, decks, kind.name, kind.reports)
                place = home if rng.random() < dense.home_share else rng.choice(region[1:])
                if kind.conflict_only and not place.conflict:
                    place = rng.choice(conflict_region)
                partner = self.by_id[rng.choice(place.partners)]
                slots = self._slots(rng, place, partner, agency, published)
                for key, phrases in dense.words.items():
                    slots[key] = rng.choice(phrases).format_map(slots)
            paragraph = _tidy(template.format_map(slots))
            length = len(paragraph.split())
            if words + length > MAX_WORDS - 12:  # leave room for the dateline
                break  # a report is short: the article has well over MIN_WORDS already
            paragraphs.append(paragraph)
            words += length
        return paragraphs

    def _quote(self, rng: random.Random, quote: Quote) -> str:
        speaker = rng.choice(quote.by)
        frame = rng.choice(self.vocabulary.quote_frames)
        return (
            frame.replace("{q}", quote.words)
            .replace("{speaker}", "{" + speaker + "}")
            .replace("{Speaker}", "{" + speaker.capitalize() + "}")
        )


def _plausible(n: int) -> int:
    """Reporters round large figures: 76,856 displaced people are "77,000"."""
    if n < 1000:
        return n
    scale = 10 ** (len(str(n)) - 2)
    return round(n / scale) * scale


def _tidy(paragraph: str) -> str:
    return _DANGLING_COMMA.sub("", paragraph)


def _deal(rng: random.Random, decks: dict[str, list[str]], name: str, cards: Sequence[str]) -> str:
    """The next card of the deck `name`, shuffled again from `cards` when it runs out."""
    deck = decks.get(name)
    if not deck:
        deck = decks[name] = rng.sample(cards, len(cards))
    return deck.pop()


def _record(
    id: str, title: str, paragraphs: list[str], agency: Mapping[str, str], published: date
) -> dict[str, str]:
    """The JSON Lines record of one article, as `newsledger ingest` reads it."""
    slug = _SLUG.sub("-", title.lower()).strip("-")[:70].rstrip("-")
    return {
        "id": id,
        "title": title,
        "text": "\n\n".join(paragraphs),
        "url": f"https://{agency['domain']}/{published:%Y/%m/%d}/{slug}",
        "source": agency["name"],
        "published": published.isoformat(),
    }


def write_corpus(records: Iterator[dict[str, str]], out: TextIO) -> tuple[int, int]:
    """Write records as JSON Lines, one at a time; returns (articles, words)."""
    count = words = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        count += 1
        words += len(record["text"].split())
    return count, words


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write synthetic wire-style news articles (300-900 words) as JSON Lines.",
        epilog="example: python benchmarks/generate.py --count 1000 --seed 1 --style dense "
        "--out /tmp/bench_1k_dense.jsonl",
    )
    parser.add_argument("--count", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--style",
        choices=STYLES,
        default="plain",
        help="plain: one story with background, ~46 events per 1,000 words (default); "
        "dense: a roundup of short event reports, ~108 events per 1,000 words",
    )
    parser.add_argument("--out", default="-", help="output file, or - for stdout (default)")
    parser.add_argument(
        "--vocabulary", type=Path, default=VOCABULARY, help="templates and word lists (TOML)"
    )
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    try:
        vocabulary = Vocabulary.load(args.vocabulary)
    except VocabularyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    records = ArticleGenerator(vocabulary, args.seed, args.style).articles(args.count)
    try:
        if args.out == "-":
            count, words = write_corpus(records, sys.stdout)
            sys.stdout.flush()
        else:
            with open(args.out, "w", encoding="utf-8") as out:
                count, words = write_corpus(records, out)
    except BrokenPipeError:
        # The reader (say, `head`) stopped early: not an error. Point stdout at /dev/null
        # so that the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"error: {args.out}: cannot write ({exc.strerror})", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    rate = count / elapsed if elapsed > 0 else float("inf")
    print(
        f"wrote {count:,} articles ({words:,} words) to {args.out} in {elapsed:.2f} s "
        f"({rate:,.0f} articles/s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
