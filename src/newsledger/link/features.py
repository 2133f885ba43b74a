"""The score of two events as one happening, from features a reader can check: type,
dates, places, parties, tolls and the words of their sentences. A feature may also veto
the pair (a cannot-link): types of no one family, dates that cannot meet, precise places
too far apart or in different first-level divisions, and two events of one article
(in-article coreference has already made one record per happening).

Why rapidfuzz and anyascii: names come in many spellings ("Abu Baqir" / "Abu Bakr",
"Kata'ib" / "Kataib"); anyascii folds scripts and accents to ASCII, rapidfuzz's
token-set ratio scores the folded words. Sentence similarity uses the same ratio: it
needs no model and no download.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from newsledger.extract.dictionaries import NON_STATE
from newsledger.extract.gazetteer import distance_km
from newsledger.link.settings import LinkSettings
from newsledger.link.views import EventView


@dataclass(frozen=True)
class PairScore:
    """Each feature's value in [0, 1], the weighted score, and the veto, if any."""

    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    veto: str | None = None


# One shared score per veto: most pairs of a busy block are vetoed, each checked once.
_VETOES = {
    reason: PairScore(veto=reason)
    for reason in ("one article", "types", "dates", "countries", "places", "admin1")
}


def score_pair(a: EventView, b: EventView, settings: LinkSettings) -> PairScore:
    """How likely two events of different articles tell one happening (0-1)."""
    if a.article_hash == b.article_hash:
        return _VETOES["one article"]
    if not settings.kin(a.type, b.type):
        return _VETOES["types"]
    gap = max(a.start_day - b.end_day, b.start_day - a.end_day, 0)
    if gap > 1:
        return _VETOES["dates"]
    place, place_veto = _place(a, b, settings)
    if place_veto:
        return _VETOES[place_veto]
    features = {
        "type": 1.0 if a.type == b.type else 0.6,
        "date": 1.0 if gap == 0 else 0.5,
        "place": place,
        "participants": (_party(a.actor, b.actor) + _party(a.recipient, b.recipient)) / 2,
        "toll": _toll(a.fatalities, b.fatalities),
        "text": _similar(a.sentence, b.sentence),
    }
    weights = settings.weights
    score = sum(weights[name] * value for name, value in features.items()) / sum(weights.values())
    return PairScore(features={k: round(v, 3) for k, v in features.items()}, score=round(score, 4))


def _place(a: EventView, b: EventView, settings: LinkSettings) -> tuple[float, str | None]:
    if a.country and b.country and a.country != b.country:
        return 0.0, "countries"
    if a.precise_place and b.precise_place:
        km = distance_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        if km > settings.apart_km:
            return 0.0, "places"
        if a.admin1 and b.admin1 and a.admin1 != b.admin1 and km > settings.near_km:
            return 0.0, "admin1"
        return (1.0 if km <= settings.near_km else 0.6), None
    if a.place and b.place and fold(a.place) == fold(b.place):
        return 1.0, None
    if a.admin1 and b.admin1 and a.admin1 == b.admin1:
        return 0.7, None
    return (0.5 if a.country and a.country == b.country else 0.3), None


def _party(
    a: tuple[str | None, str | None, str | None], b: tuple[str | None, str | None, str | None]
) -> float:
    """Two coded parties: the same name in any spelling (1), the same country and sector
    (0.8), one unknown (0.5), countries that differ (0)."""
    words_a, country_a, sector_a = a
    words_b, country_b, sector_b = b
    if country_a and country_b and country_a != country_b:
        return 0.5 if {country_a, country_b} & NON_STATE else 0.0  # IMG names no country
    if words_a and words_b and fuzz.token_set_ratio(fold(words_a), fold(words_b)) >= 85:
        return 1.0
    if country_a and country_a == country_b and sector_a == sector_b:
        return 0.8
    return 0.5


def _toll(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> float:
    """Tolls that can be one happening's (1), far apart (0.2), or one unknown (0.5)."""
    if a == (None, None) or b == (None, None):
        return 0.5
    low_a, high_a = a[0] or 0, a[1] if a[1] is not None else 10**9
    low_b, high_b = b[0] or 0, b[1] if b[1] is not None else 10**9
    if low_a <= high_b and low_b <= high_a:
        return 1.0
    smaller, larger = sorted((max(low_a, 1), max(low_b, 1)))
    return 0.6 if larger <= 3 * smaller else 0.2  # sources differ; updates rise


def _similar(first: str, second: str) -> float:
    return fuzz.token_set_ratio(fold(first), fold(second)) / 100


# Bounded small: the keys are event sentences and article openings (up to `copy_chars`),
# and the ingesting process keeps this cache for its whole run. At 65,536 entries it
# grew with every article, towards 70 MB by 10,000 (an opening and its folded copy are
# about 6 KB); 4,096 entries miss 1% more on a dense ledger (benchmarks/RESULTS.md).
@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Words folded to lower-case ASCII without apostrophes: "Kata'ib" -> "kataib"."""
    folded = anyascii(text).lower().replace("'", "").replace("\u2019", "").replace("-", " ")
    return " ".join(folded.split())
