"""Datelines and the year a text supports.

A wire story opens "Baghdad, February 9 (RHC)--": place, day, agency, and often no year.
We read the year only from something printed (the dateline, a dated URL, the same day
written in full in the text); a year we cannot see stays unknown.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from newsledger.article import Dateline
from newsledger.data import load_toml

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def month_number(name: str) -> int:
    """1-12 for an English month name or abbreviation ("Feb.", "September")."""
    return _MONTHS[name.strip(".").lower()[:3]]


@cache
def _pattern(key: str) -> re.Pattern[str]:
    return re.compile(load_toml("patterns/cleaning.toml")[key])


def parse_dateline(paragraph: str, offset: int = 0) -> Dateline | None:
    """The dateline at the start of `paragraph`, with offsets shifted by `offset`."""
    match = _pattern("dateline").match(paragraph)
    if not match:
        return None
    place, month, agency = match["place"].strip(), match["month"], match["agency"]
    if not (month or agency or place.isupper()):
        return None  # "Officials said - ..." is a sentence, not a dateline
    day = int(match["day"]) if match["day"] else None
    if day is not None and not 1 <= day <= 31:
        return None
    return Dateline(
        text=match.group(0).strip(),
        place=place.title() if place.isupper() else place,
        month=month_number(month) if month else None,
        day=day,
        year=int(match["year"]) if match["year"] else None,
        agency=agency.strip() if agency else None,
        start=offset,
        end=offset + len(match.group(0).rstrip()),
    )


def date_from_url(url: str | None) -> date | None:
    """A publication date printed in an address such as /2024/02/09/."""
    if not url:
        return None
    match = _pattern("url_date").search(url)
    if not match:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def full_dates(text: str) -> list[date]:
    """Every "February 9, 2024" / "9 February 2024" written in the text."""
    found = []
    for match in _pattern("full_date").finditer(text):
        month = match["month1"] or match["month2"]
        day = match["day1"] or match["day2"]
        year = match["year1"] or match["year2"]
        try:
            found.append(date(int(year), month_number(month), int(day)))
        except ValueError:
            continue
    return found


def dateline_date(dateline: Dateline, text: str, url: str | None) -> date | None:
    """The dateline's day with a year the article itself prints, or None."""
    if dateline.month is None or dateline.day is None:
        return None
    years = []
    if dateline.year:
        years.append(dateline.year)
    from_url = date_from_url(url)
    if from_url and (from_url.month, from_url.day) == (dateline.month, dateline.day):
        years.append(from_url.year)
    years += [
        d.year for d in full_dates(text) if (d.month, d.day) == (dateline.month, dateline.day)
    ]
    if not years:
        return None
    try:
        return date(years[0], dateline.month, dateline.day)
    except ValueError:
        return None
