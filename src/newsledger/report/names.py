"""Readable names for the codes the ledger stores."""

from __future__ import annotations

from functools import cache

# PLOVER's codes for actors with no single country (extract/dictionaries.py, NON_STATE;
# PLOVER manual, actor codes).
_NON_STATE = {
    "IGO": "intergovernmental organisation",
    "NGO": "non-governmental organisation",
    "IMG": "transnational militarized group",
    "ISM": "international social movement",
    "MNC": "multinational corporation",
    "UNO": "United Nations",
    "EUR": "European Union",
    "KOS": "Kosovo",
}


@cache
def country_name(code: str | None) -> str:
    """A country's name from its code ("SDN" -> "Sudan"); an unknown code as it is."""
    if not code:
        return "unknown"
    if code in _NON_STATE:
        return _NON_STATE[code]
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def party(country: str | None, sector: str | None) -> str:
    """A coded actor by its codes: "SDN MIL", "IGO", "REB" (no country)."""
    return " ".join(part for part in (country, sector) if part) or "uncoded"
