"""Coding the words that name a participant into country, sector and name.

A first dictionary coder: country names, demonyms and capitals from
`resources/actors/countries.tsv` (plus pycountry's official names), role words from
`resources/actors/sectors.tsv`. "Washington" codes the U.S. government, not the city.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry
from spacy.tokens import Span, Token

from newsledger.data import read_tsv, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.model import Actor

_MAX_NGRAM = 4


@dataclass(frozen=True)
class CountryEntry:
    code: str
    kind: str  # name | demonym | capital


class ActorCoder:
    """Dictionary lookups shared by every article in a process (load once, read only)."""

    def __init__(self, countries: dict[str, CountryEntry], sectors: dict[str, str]) -> None:
        self._countries = countries
        self._sectors = sectors

    @classmethod
    @cache
    def packaged(cls) -> ActorCoder:
        countries: dict[str, CountryEntry] = {}
        for country in pycountry.countries:
            for name in (country.name, getattr(country, "common_name", None)):
                if name:
                    countries[_key(name)] = CountryEntry(country.alpha_3, "name")
        path = resource_path("actors/countries.tsv")
        for number, row in read_tsv(path, ("alias", "code", "kind")):
            if row["kind"] not in ("name", "demonym", "capital"):
                raise ResourceError(f"{path}:{number}: kind must be name, demonym or capital")
            countries[_key(row["alias"])] = CountryEntry(row["code"], row["kind"])
        sectors = {
            _key(row["word"]): row["sector"]
            for _, row in read_tsv(resource_path("actors/sectors.tsv"), ("word", "sector"))
        }
        return cls(countries, sectors)

    def country_of(self, text: str) -> CountryEntry | None:
        # "US" the country, "us" the pronoun: short upper-case aliases match exactly.
        if text.lower() == "us" and text != "US":
            return None
        return self._countries.get(_key(text))

    def sector_of(self, word: str) -> str | None:
        return self._sectors.get(_key(word))

    def code(self, head: Token) -> Actor:
        """The actor named by the phrase that `head` governs (its subtree)."""
        tokens = _before_clause(head)
        while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        span = head.doc[tokens[0].i : tokens[-1].i + 1]
        country = self._find_country(span)
        name = next((e.text for e in span.ents if e.label_ == "PERSON"), None)
        if name is None:
            name = next(
                (e.text for e in span.ents if e.label_ == "ORG" and not self.country_of(e.text)),
                None,
            )
        role, sector = self._find_role(span, head)
        if sector is None and country is not None and country.kind == "capital":
            sector = "GOV"
        return Actor(
            text=span.text,
            name=name,
            country=country.code if country else None,
            sector=sector,
            role=role,
            start=span.start_char,
            end=span.end_char,
        )

    def _find_country(self, span: Span) -> CountryEntry | None:
        words = [t.text for t in span]
        for size in range(min(_MAX_NGRAM, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                entry = self.country_of(phrase) or self.country_of(
                    phrase.removesuffix("'s").removesuffix(" 's")
                )
                if entry:
                    return entry
        return None

    def _find_role(self, span: Span, head: Token) -> tuple[str | None, str | None]:
        candidates = [head, *[t for t in span if t.i != head.i]]
        for token in candidates:
            for text in (f"{token.text} {token.head.text}", token.lemma_, token.text):
                sector = self.sector_of(text)
                if sector:
                    return text, sector
        return None, None


def _before_clause(head: Token) -> list[Token]:
    """The phrase's tokens without the relative clauses that describe something else."""
    skip = {t.i for child in head.children if child.dep_ in ("relcl", "acl")
            for t in child.subtree}  # fmt: skip
    return [t for t in head.subtree if t.i not in skip] or [head]


def _key(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).casefold()
