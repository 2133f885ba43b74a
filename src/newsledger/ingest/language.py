"""The language an article is written in, so that only English reaches the English coder.

Events are coded with spaCy's English pipeline and English dictionaries. A French or
Polish article run through them yields junk ("Protest", "embargo" and "Ultimatum" coded
as events), so every Article carries the language of its text and extraction codes only
English (`CODED_LANGUAGE`).

Why py3langid: it is langid.py (a naive Bayes model over byte n-grams, 140 languages)
with its model inside the package, so nothing is downloaded at run time; it is
BSD-licensed, takes about a millisecond per article, and is the detector trafilatura
itself offers. Its most probable label is not trusted on its own: name-heavy English
("Abdul-Mahdi al-Sudani met Volodymyr Zelensky in Baghdad") comes out as Central Bikol or
Nigerian Pidgin. The rule instead asks how much probability English keeps, and gives
short texts the benefit of the doubt; thresholds and measurements are in
`resources/patterns/language.toml`.

Only the text decides. A language that a page or record declares (an HTML `lang`
attribute, usually the site template's) is not consulted: it is missing or wrong too
often, and a wrong "en" is exactly the fault this module exists to catch.
"""

from __future__ import annotations

from functools import cache

import pycountry
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsledger.data import load_toml

CODED_LANGUAGE = "en"
"""The one language whose articles are coded into events."""

_NO_LANGUAGE = "zxx"  # py3langid's label for text with no linguistic content


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's packaged model with probabilities that sum to 1 (loads in ~1 s)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _thresholds() -> tuple[int, float]:
    settings = load_toml("patterns/language.toml")
    return settings["min_letters"], settings["max_english_share"]


def detect_language(text: str) -> str:
    """The language of `text`: an ISO 639-1 code ("fr"), or ISO 639-3 for a language
    that has none ("pcm"). "en" unless the text is long enough to tell and English keeps
    less than `max_english_share` of the probability."""
    min_letters, max_english_share = _thresholds()
    if sum(char.isalpha() for char in text) < min_letters:
        return CODED_LANGUAGE
    ranking = _identifier().rank(text)
    best = ranking[0][0]
    english_share = dict(ranking).get(CODED_LANGUAGE, 0.0)
    if best == _NO_LANGUAGE or english_share >= max_english_share:
        return CODED_LANGUAGE
    return best


def language_name(code: str) -> str:
    """The English name of an ISO 639 code ("fr" -> "French"), or the code itself."""
    lookup = {"alpha_2": code} if len(code) == 2 else {"alpha_3": code}
    language = pycountry.languages.get(**lookup)
    return language.name if language is not None else code


def uncoded_reason(language: str) -> str | None:
    """Why an article in `language` has no events, as the one line a user is warned
    with; None for English, which is coded."""
    if language == CODED_LANGUAGE:
        return None
    return (
        f"written in {language_name(language)} ({language}); only English is coded, "
        "so no events were extracted"
    )
