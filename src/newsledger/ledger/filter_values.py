"""What a user types into a filter, made exact before any query runs.

A filter that matches nothing because it was misspelt looks exactly like a filter that
matched nothing: an empty table and exit 0. So an event type must be a PLOVER type, a
country is a name or an ISO 3166 code turned into the alpha-3 code the ledger stores,
and search words are quoted for FTS5 unless the user wrote FTS5 syntax on purpose.
Each check raises FilterValueError with a message that says what would be accepted;
`filter_builder` applies them to the filters of each list.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from functools import cache

from newsledger.errors import NewsledgerError
from newsledger.extract.ontology import PLOVER_TYPES


class FilterValueError(NewsledgerError, ValueError):
    """A filter value that names nothing the ledger can hold. The message is the problem
    alone; `filter_name` says whose value it was, so that each front end can name the
    filter its own way (an option, a query parameter, a keyword)."""

    def __init__(self, problem: str, filter_name: str | None = None) -> None:
        super().__init__(problem)
        self.filter_name = filter_name


def iso_day(text: str) -> date:
    """The day "YYYY-MM-DD" names: "2024-03-01" -> date(2024, 3, 1)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FilterValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def event_type(text: str) -> str:
    """The PLOVER type `text` names, in any case: "assault" -> "ASSAULT".

    Raises FilterValueError listing the 16 types for anything else ("ATTACK").
    """
    name = text.strip().upper()
    if name in PLOVER_TYPES:
        return name
    raise FilterValueError(
        f"{text!r} is not a PLOVER event type; use one of {', '.join(PLOVER_TYPES)}"
    )


def country_code(text: str) -> str:
    """The ISO 3166-1 alpha-3 code (or PLOVER's KOS, IGO, NGO, ...) that `text` names.

    Accepts alpha-3 and alpha-2 codes and country names in any case, from pycountry and
    the packaged actor dictionary (`resources/actors/countries.tsv`, rows of kind name):
    "Sudan", "sd", "SDN", "DR Congo", "Ivory Coast" all work. Raises FilterValueError,
    with the closest names, for anything else.
    """
    from newsledger.extract.dictionaries import alias_key

    key = alias_key(text)
    codes, names = _country_index()
    if key.upper() in codes:
        return key.upper()
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)
    suggestions = sorted({f"{c.title()} ({names[c]})" for c in close})  # "Armenia (ARM)"
    hint = f"; did you mean {', '.join(suggestions)}?" if close else ""
    raise FilterValueError(
        f"{text!r} is not a country name or ISO 3166 code (e.g. SDN or Sudan){hint}"
    )


@cache
def _country_index() -> tuple[frozenset[str], dict[str, str]]:
    """(codes the ledger can hold, lower-case name or alpha-2 -> alpha-3)."""
    import pycountry

    from newsledger.extract.dictionaries import NON_STATE, alias_key, packaged_dictionary

    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[country.alpha_2.casefold()] = country.alpha_3
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names[alias_key(value)] = country.alpha_3
    names["xk"] = "KOS"  # Kosovo's user-assigned alpha-2 code, in common use
    for key, actor in packaged_dictionary().actors.items():
        if actor.kind == "name" and actor.country and actor.country not in NON_STATE:
            names.setdefault(key, actor.country)
    codes = frozenset(names.values()) | NON_STATE
    return codes, names


# A word FTS5 reads as itself; anything else in a bare word (hyphens, apostrophes,
# dots) is a syntax error or an operator to FTS5, so such words are quoted.
_BAREWORD = re.compile(r"[\w\u0080-\uffff]+", re.UNICODE)
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_COLUMNS = ("title", "text")
_TOKEN = re.compile(r'\w+:"(?:[^"]|"")*"|"(?:[^"]|"")*"|[(),]|[^\s(),"]+|"')


def fts_query(text: str) -> str:
    """The FTS5 query that searches `text` as the user means it.

    Plain words that FTS5 would misread are quoted: al-Shabaab -> "al-Shabaab" (the
    phrase al shabaab), d'Ivoire -> "d'Ivoire", and a stray double quote is taken as a
    character. Explicit FTS5 syntax passes through unchanged: "quoted phrases", AND, OR,
    NOT, NEAR(...), parentheses, prefix* and the column filters title: and text:.
    (SQLite FTS5 query syntax: https://www.sqlite.org/fts5.html#full_text_query_syntax)
    """
    out: list[str] = []
    near = depth = 0  # inside NEAR(...), a comma sets the distance; elsewhere it is dropped
    for token in _TOKEN.findall(text):
        if token == "(":
            depth += 1
            near = depth if out and out[-1] == "NEAR" and not near else near
        elif token == ")":
            near = 0 if depth == near else near
            depth = max(depth - 1, 0)
        elif token == "," and not near:
            continue
        elif token not in ("NEAR", ",") and not _BAREWORD.search(token):
            continue  # punctuation alone ('"', "-", "+") searches for nothing
        out.append(token if token in ("NEAR", ",", "(", ")") else _fts_token(token))
    return " ".join(word for word in out if word)


def _fts_token(token: str) -> str:
    if token in ("(", ")") or token in _OPERATORS:
        return token
    if len(token) > 1 and token.startswith('"') and token.endswith('"'):
        return token  # a phrase the user quoted
    column, colon, rest = token.partition(":")
    if colon and column.lower() in _COLUMNS:
        inner = _fts_token(rest) if _BAREWORD.search(rest) else ""
        return f"{column.lower()}:{inner}" if inner else ""  # "title:" alone asks nothing
    prefix = token.endswith("*") and len(token) > 1
    word = token[:-1] if prefix else token
    if _BAREWORD.fullmatch(word):
        return token
    quoted = '"' + word.replace('"', '""') + '"'
    return quoted + ("*" if prefix else "")
