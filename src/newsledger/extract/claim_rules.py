"""The word lists of `patterns/claims.toml` (and the qualifiers of casualties.toml) that
claims.py reads: apart from the claim finder, so that the ledger's filters (`--kind`)
read them without loading spaCy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError

_RESOURCE = "patterns/claims.toml"


@dataclass(frozen=True)
class ClaimRules:
    kinds: dict[str, str]  # a kind or a word for it -> the kind
    counted: dict[str, str]  # lemma -> kind
    harmed: dict[str, str]
    people: frozenset[str]
    generic_people: frozenset[str]
    currencies: dict[str, str]
    updates: frozenset[str]
    source_verbs: frozenset[str]
    tallies: frozenset[str]
    none_words: frozenset[str]
    approximate_share: float
    approximate: tuple[str, ...]  # qualifiers of an approximate figure
    qualifiers: tuple[str, ...]  # every qualifier phrase, longest first

    @classmethod
    @cache
    def packaged(cls) -> ClaimRules:
        table = load_toml(_RESOURCE)
        path = resource_path(_RESOURCE)
        try:
            kinds = {kind: kind for kind in table["kinds"]}
            kinds |= {w: kind for kind, words in table["kinds"].items() for w in words}
            counted = {w: kind for kind, words in table["counted"].items() for w in words}
            harmed = {
                w: kind
                for kind, words in table["harmed"].items()
                if kind not in ("people", "generic_people")
                for w in words
            }
            people = frozenset(table["harmed"]["people"])
            generic_people = frozenset(table["harmed"]["generic_people"])
            currencies = {k.lower(): v for k, v in table["currencies"].items()}
            updates = frozenset(table["qualifiers"]["updates"])
            source_verbs = frozenset(table["sources"]["verbs"])
            tallies = frozenset(table["tallies"]["words"])
            none_words = frozenset(table["tallies"]["none_words"])
            share = float(table["qualifiers"]["approximate_share"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(f"{path}: missing or malformed entry ({exc})") from exc
        casualty = load_toml("patterns/casualties.toml")["qualifiers"]
        phrases = [p for key in ("at_least", "more_than", "up_to", "fewer_than", "approximate")
                   for p in casualty[key]]  # fmt: skip
        return cls(
            kinds=kinds,
            counted=counted,
            harmed=harmed,
            people=people,
            generic_people=generic_people,
            currencies=currencies,
            updates=updates,
            source_verbs=source_verbs,
            tallies=tallies,
            none_words=none_words,
            approximate_share=share,
            approximate=tuple(casualty["approximate"]),
            qualifiers=tuple(sorted(phrases, key=len, reverse=True)),
        )
