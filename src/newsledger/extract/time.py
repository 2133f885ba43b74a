"""Time expressions in an article, resolved to dates against its publication date.

"On Wednesday" in a report published on Friday 9 February 2024 is 7 February, and "since
October" is October 2023: a bare weekday or month points back from the anchor, unless
the verb it modifies looks forward ("will meet on Monday"). spaCy's DATE and TIME
entities give the candidates; a scan adds the forms the small model misses ("Jan. 28",
"14March 2024", ISO dates, "overnight"). A range of days ("2-7 April", "between 2 and 7
April", "April 2-7") is dated by the smallest week, month or year that holds it, never
by one of its days. The words live in `resources/patterns/time.toml`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError
from newsledger.nlp import children, doc_text, entities

_RESOURCE = "patterns/time.toml"
_CALENDAR = ("iso", "month_day", "day_month", "month", "year")
_RANGES = ("day_range", "month_range")  # "2-7 April", "March 28 to April 3"
_NOT_NAMES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY")
# A bare month or year is found only where the NER tags a date: "May", "March" and
# "2,000" are too often something else.
_ENTITY_ONLY = ("month", "year")
# "over the last year", "the next two weeks": durations, not dates
_DURATION = re.compile(r"\bthe\s+$", re.IGNORECASE)

Reading = tuple[str, dict[str, str | None]]
_Needs = tuple[tuple[str, ...], ...]  # per group of words, one must be in the text


@dataclass(frozen=True)
class TimeExpression:
    """A dated phrase; `date` is the first day of the `precision` period (weeks start on
    Monday), None when the text cannot place it (no anchor and no written year)."""

    text: str
    start: int
    end: int
    date: dt.date | None
    precision: str | None
    token: int


class TimeGrammar:
    """The word lists of `time.toml`, with the patterns built from them."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.prepositions = frozenset(table["prepositions"])
        self.future_aux = frozenset(table["future_aux"])
        self.future_heads = frozenset(table["future_heads"])
        self.day_words: dict[str, int] = table["day_words"]
        self.relative: dict[str, int] = table["relative"]
        self.numbers: dict[str, int] = table["numbers"]
        self.long_units: dict[str, int] = table["long_units"]
        self.weekdays: dict[str, int] = _checked(table, "weekdays", range(7))
        self.last_weekday_min_days = int(table["last_weekday_min_days"])
        self.months: dict[str, int] = _checked(table, "months", range(1, 13))
        self.forms = {
            name: re.compile(source, re.IGNORECASE) for name, source, _ in _forms(table, False)
        }
        # in running text names must be capitalised; a match may not start or end mid-word
        scanned = _forms(table, True)
        self.scan_forms = {
            name: re.compile(rf"(?<!\w){source}(?!\w)", re.IGNORECASE)
            for name, source, _ in scanned
        }
        self.scan_needs = _scan_needs(scanned)
        self.scan_groups = {group for groups in self.scan_needs.values() for group in groups}
        self.scan_anchors = _scan_anchors(table)

    @classmethod
    @cache
    def packaged(cls) -> TimeGrammar:
        return cls(load_toml(_RESOURCE))

    def read(self, text: str) -> Reading | None:
        """Which form the whole of `text` is, with its parts; a leading preposition and
        extra spaces are ignored."""
        words = text.split()
        if len(words) > 1 and words[0].lower() in self.prepositions:
            words = words[1:]
        phrase = " ".join(words)
        for name, pattern in self.forms.items():
            match = pattern.fullmatch(phrase)
            if match:
                return name, match.groupdict()
        return None

    def resolve(
        self, reading: Reading, anchor: dt.date | None, tense: str
    ) -> tuple[dt.date, str] | None:
        """The first day and precision of a read expression; only a written year
        resolves without an anchor."""
        name, parts = reading
        if name in _CALENDAR:
            return self._calendar(parts, anchor, tense)
        if name in _RANGES:
            return self._range(parts, anchor, tense)
        if anchor is None:
            return None
        shift = self.relative.get((parts.get("rel") or "").lower())
        if name == "weekday":
            return self._weekday(_part(parts, "weekday"), shift, anchor, tense), "day"
        if name == "weekend":  # "the weekend": the Saturday and Sunday it names
            return self._weekend(shift, anchor, tense), "week"
        if name == "day_word":
            return anchor + dt.timedelta(days=self.day_words[_part(parts, "word")]), "day"
        if name == "part_of_day":
            return anchor + dt.timedelta(days=shift or 0), "day"
        unit = _part(parts, "unit")
        if name == "unit":
            if unit in self.long_units:
                return None  # "last decade": no period a date can hold
            return _period(anchor, unit, shift or 0), unit
        count = _part(parts, "count")
        number = int(count) if count.isdigit() else self.numbers[count]
        if unit in self.long_units:  # "two decades ago": the year, no finer
            return _period(anchor, "year", -number * self.long_units[unit]), "year"
        if unit == "day":
            return anchor - dt.timedelta(days=number), "day"
        if unit == "week":
            return _period(anchor - dt.timedelta(weeks=number), "week", 0), "week"
        return _period(anchor, unit, -number), unit

    def _calendar(
        self, parts: dict[str, str | None], anchor: dt.date | None, tense: str
    ) -> tuple[dt.date, str] | None:
        year = int(parts["year"]) if parts.get("year") else None
        if not parts.get("month"):
            return (dt.date(year, 1, 1), "year") if year else None
        month_text = _part(parts, "month")
        month = int(month_text) if month_text.isdigit() else self.months[month_text]
        day = int(parts["day"]) if parts.get("day") else None
        if year is None:
            if anchor is None:
                return None
            # the year that puts the date on or before the anchor (after it, looking forward)
            here = (anchor.month, anchor.day if day else 0)
            year = anchor.year
            if tense == "future" and (month, day or 0) < here:
                year += 1
            elif tense != "future" and (month, day or 0) > here:
                year -= 1
        try:
            return dt.date(year, month, day or 1), "day" if day else "month"
        except ValueError:  # "February 30"
            return None

    def _range(
        self, parts: dict[str, str | None], anchor: dt.date | None, tense: str
    ) -> tuple[dt.date, str] | None:
        """The smallest week, month or year that holds the whole range ("2-7 April" 2024
        is the week of Monday 1 April), so that no day inside it is passed off as the
        day; None for a range across a new year. The first day places the range against
        the anchor; the last day follows it (into the next year if its month comes
        earlier: "28 December to 3 January")."""
        written = parts.get("year")
        month_from = parts.get("month_from") or parts.get("month")
        opening = {"year": parts.get("year_from") or written, "month": month_from}
        start = self._calendar({**opening, "day": parts.get("day_from")}, anchor, tense)
        if start is None:
            return None
        # "April 2-7": the last day's month is the first's
        closing = {"year": written or str(start[0].year), "month": parts.get("month") or month_from}
        end = self._calendar({**closing, "day": parts.get("day")}, anchor, tense)
        if end is None:
            return None
        first: dt.date | None = start[0]
        last: dt.date | None = end[0]
        if end[0] < start[0] and not parts.get("year_from"):
            # "28 December to 3 January 2024" began the year before its written year;
            # with no year written, it ends in the year after its first day
            if written:
                first = _shift_year(start[0], -1)
            else:
                last = _shift_year(end[0], 1)
        if first is None or last is None or last < first:
            return None  # "7-2 April" is no range
        return _covering(first, last)

    def _weekend(self, shift: int | None, anchor: dt.date, tense: str) -> dt.date:
        """The Monday of the week whose Saturday and Sunday are meant: the last weekend
        before the anchor ("the weekend shelling", said on Monday), the coming one for
        "next" or a verb that looks forward; a weekend is inside one Monday-based week."""
        saturday = self._weekday("saturday", shift, anchor, tense)
        if shift is None and tense != "future" and anchor.weekday() == 6:
            saturday = anchor - dt.timedelta(days=1)  # on a Sunday, this weekend
        return saturday - dt.timedelta(days=saturday.weekday())

    def _weekday(self, name: str, shift: int | None, anchor: dt.date, tense: str) -> dt.date:
        weekday = self.weekdays[name]
        back = (anchor.weekday() - weekday) % 7
        ahead = (weekday - anchor.weekday()) % 7
        if shift == -1:  # "last Friday" on a Friday is a week ago, on a Saturday too
            while back < self.last_weekday_min_days:
                back += 7
            return anchor - dt.timedelta(days=back)
        if shift == 1:
            return anchor + dt.timedelta(days=ahead or 7)
        return anchor + dt.timedelta(days=ahead if tense == "future" else -back)

    def tense(self, token: Token) -> str:
        """ "past", "present" or "future": the tense of the verb above `token`."""
        verb = token
        for _ in range(8):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        auxiliaries = [c for c in children(verb) if c.dep_ in ("aux", "auxpass")]
        lowered = {a.lower_ for a in auxiliaries}
        if lowered & self.future_aux and "have" not in lowered:
            return "future"
        past = verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)
        # "has attacked" is past, "is expected" (a present passive) is not
        past = past or (
            verb.tag_ == "VBN"
            and not any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxiliaries)
        )
        if past:
            return "past"
        head = verb.head
        infinitive = "to" in lowered and head.i != verb.i
        if verb.lemma_.lower() in self.future_heads or (
            infinitive
            and (head.lower_ == "going" or head.lemma_.lower() in self.future_heads)
            and self.tense(head) != "past"
        ):
            return "future"
        return "present"


def resolve_date(text: str, anchor: dt.date, tense: str = "past") -> tuple[dt.date, str] | None:
    """Resolve one English time expression against the publication date. tense is "past",
    "present" or "future" (of the verb the expression modifies); present counts as past."""
    grammar = TimeGrammar.packaged()
    reading = grammar.read(text)
    return grammar.resolve(reading, anchor, tense) if reading else None


def find_time_expressions(doc: Doc, anchor: dt.date | None) -> list[TimeExpression]:
    """Every time expression in a parsed doc, resolved against anchor with the tense of
    the verb it attaches to. Durations ("for three years") are not expressions."""
    grammar = TimeGrammar.packaged()
    text = doc_text(doc)
    found = []
    for start, end, reading in _longest_first(_candidates(doc, grammar)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        before = doc[span.start - 1] if span.start else None
        # "on Wednesday": the preposition joins, so `token` attaches to the verb or noun
        if before is not None and before.lower_ in grammar.prepositions and root.head == before:
            start, root = before.idx, before
        resolved = grammar.resolve(reading, anchor, grammar.tense(root))
        date, precision = resolved if resolved else (None, None)
        found.append(TimeExpression(text[start:end], start, end, date, precision, root.i))
    return sorted(found, key=lambda e: e.start)


def _candidates(doc: Doc, grammar: TimeGrammar) -> Iterator[tuple[int, int, Reading]]:
    """Readable DATE/TIME entities, then scanned forms outside other entities."""
    text = doc_text(doc)
    ents = entities(doc)
    for entity in ents:
        if entity.label_ not in ("DATE", "TIME"):
            continue
        # the NER keeps the comma of "Jan 28, 2024"
        written = text[entity.start_char : entity.end_char].rstrip(",;: ")
        reading = grammar.read(written)
        if reading and not _in_duration(text, entity.start_char, reading[0]):
            yield entity.start_char, entity.start_char + len(written), reading
    # a name holds no date ("Sunday Times"); a number the NER took apart may ("from 2-7 April")
    named = [(e.start_char, e.end_char) for e in ents if e.label_ not in _NOT_NAMES]
    folded = _folded(text)
    present = {group: any(w in folded for w in group) for group in grammar.scan_groups}
    breaks: dict[re.Pattern[str], list[int]] = {}
    stretches: dict[_Anchor, list[tuple[int, int]]] = {}
    for name, pattern in grammar.scan_forms.items():
        if name == "year":
            continue
        if not all(present[group] for group in grammar.scan_needs.get(name, ())):
            continue  # a word the form cannot match without is nowhere in the text
        anchor = grammar.scan_anchors.get(name)
        if anchor is None or (anchor.folded and len(folded) != len(text)):
            matches: Iterable[re.Match[str]] = pattern.finditer(text)
        else:
            if anchor not in stretches:
                if anchor.breaks not in breaks:
                    breaks[anchor.breaks] = [m.start() for m in anchor.breaks.finditer(text)]
                stretches[anchor] = _stretches(
                    folded if anchor.folded else text, breaks[anchor.breaks], anchor.pattern
                )
            matches = (m for lo, hi in stretches[anchor] for m in pattern.finditer(text, lo, hi))
        for match in matches:
            parts = match.groupdict()
            if name in _ENTITY_ONLY and not parts.get("year"):
                continue
            if _in_duration(text, match.start(), name):
                continue
            if _overlaps(named, match.start(), match.end()):
                continue  # "Sunday Times"
            yield match.start(), match.end(), (name, parts)


def _longest_first(
    candidates: Iterable[tuple[int, int, Reading]],
) -> list[tuple[int, int, Reading]]:
    kept: list[tuple[int, int, Reading]] = []
    taken: list[tuple[int, int]] = []  # the kept spans, in order
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        start, end, _ = candidate
        if not _overlaps(taken, start, end):
            kept.append(candidate)
            insort(taken, (start, end))
    return kept


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether (start, end) overlaps one of `spans`: (start, end) offsets in order that
    overlap each other nowhere, so their ends are in order too and of those that begin
    before `end` only the last may reach past `start`. A bisection, not a scan: a dense
    article has a hundred entities and as many candidates."""
    at = bisect_left(spans, (end,))
    return at > 0 and spans[at - 1][1] > start


def _forms(table: dict[str, Any], scan: bool) -> list[tuple[str, str, _Needs]]:
    """(name, regular expression, needed words) of each form, built from the word
    lists."""

    def needs(key: str) -> tuple[str, ...]:
        return tuple(w.lower() for w in table[key])

    def words(items: Iterable[str], name: bool = False) -> str:
        ordered = sorted(items, key=len, reverse=True)  # "sept" before "sep"
        body = "|".join(re.escape(w.title() if scan and name else w) for w in ordered)
        return f"(?-i:{body})" if scan and name else f"(?:{body})"

    def month(group: str = "month") -> str:
        return rf"(?P<{group}>{words(table['months'], name=True)})\.?"

    def day(group: str = "day") -> str:
        return rf"(?P<{group}>[0-3]?\d)(?:st|nd|rd|th)?"

    def year(group: str = "year") -> str:
        return rf"(?P<{group}>1[89]\d\d|20\d\d)"

    qualifier = rf"(?:{words(table['qualifiers'])}(?:-|\s+))?"
    # "14 March", "14March", "14-Mar-2024", "14th of March"; "March 14", "March14"
    day_then_month = rf"(?:\s+(?:of\s+)?|-)?{month()}(?:(?:,?\s*|-){year()})?"
    month_then_day = rf"{month()}\s*{day()}(?:(?:,\s*|\s+){year()})?"
    # "2-7 April", "from 2 to 7 April", "between 2 and 7 April", "28 March to 3 April";
    # "and" joins two days into a range only after "between" ("on 2 and 7 April" is two)
    dash = r"\s*[-\u2013\u2014]\s*"
    joiner = rf"(?(between)\s+and\s+|(?:{dash}|\s+(?:{words(table['range_joiners'])})\s+))"
    between = rf"(?:(?P<between>{words(table['range_and_openers'])})\s+)?"
    first_year = rf"(?:,?\s+{year('year_from')})?"
    weekday = rf"(?P<weekday>{words(table['weekdays'], name=True)})"
    part = rf"(?:\s+{words(table['parts_of_day'])})?"
    relative = rf"(?P<rel>{words(table['relative'])})"
    unit = rf"(?P<unit>{words(table['units'])})"
    dated = rf"{qualifier}(?:{weekday},?\s+)?"
    # Each form with the words it cannot match without (one of each group, in lower
    # case): a text that lacks them skips the form's scan (`_scan_needs`).
    month_names, weekday_names = needs("months"), needs("weekdays")
    relative_words, unit_words = needs("relative"), needs("units")
    return [
        ("iso", r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)", (("-",),)),
        (
            "day_range",
            rf"{between}{day('day_from')}(?:\s*{month('month_from')}{first_year})?"
            rf"{joiner}{day()}\s*{month()}(?:,?\s*{year()})?",
            (month_names,),
        ),
        (
            "month_range",
            rf"{between}{month('month_from')}\s*{day('day_from')}{first_year}"
            rf"{joiner}(?:{month()}\s*)?{day()}(?:,?\s+{year()})?",
            (month_names,),
        ),
        ("month_day", rf"{dated}{month_then_day}{part}", (month_names,)),
        ("day_month", rf"{dated}{day()}{day_then_month}{part}", (month_names,)),
        ("month", rf"{qualifier}{month()}(?:,?\s+{year()})?", (month_names,)),
        ("year", rf"{qualifier}{year()}", ()),
        ("weekday", rf"{qualifier}(?:{relative}\s+)?{weekday}{part}", (weekday_names,)),
        (
            "day_word",
            rf"{qualifier}(?P<word>{words(table['day_words'])}){part}",
            (needs("day_words"),),
        ),
        (
            "weekend",
            rf"(?:{relative}\s+|the\s+){words(table['weekend_words'])}",
            (needs("weekend_words"),),
        ),
        (
            "part_of_day",
            rf"{relative}\s+{words(table['parts_of_day'])}",
            (needs("parts_of_day"), relative_words),
        ),
        ("unit", rf"{qualifier}{relative}\s+{unit}", (relative_words, unit_words)),
        (
            "ago",
            rf"(?P<count>\d+|{words(table['numbers'])})\s+{unit}s?\s+ago",
            (("ago",), unit_words),
        ),
    ]


def _scan_needs(forms: list[tuple[str, str, _Needs]]) -> dict[str, _Needs]:
    """Words each scanned form cannot match without, one of each group, in lower case
    (declared with the form in `_forms`): a text whose `_folded` form lacks them skips
    the form. A scan tries its pattern at every position of the text, and most texts
    have no "ago" or "weekend"."""
    # only ASCII words: `_folded` keeps to what IGNORECASE matches to an ASCII letter
    return {
        name: tuple(g for g in groups if all(w.isascii() for w in g)) for name, _, groups in forms
    }


@dataclass(frozen=True)
class _Anchor:
    """Where a scanned form may match: only in the stretches of text between `breaks`
    (characters its matches never hold) that hold `pattern` (what it cannot match
    without), looked for in the `_folded` text when `folded` (words in any case)."""

    pattern: re.Pattern[str]
    folded: bool
    breaks: re.Pattern[str]


def _scan_anchors(table: dict[str, Any]) -> dict[str, _Anchor]:
    """What lets a scan skip most of a text (a scan tries its pattern at every position).

    A match of `_forms` holds only letters, digits, white space and hyphens; one that
    holds a month or weekday name also commas, dashes, and a period right after a month
    name ("Jan. 28"). Anything else breaks the text into stretches that no match runs
    across, and a form is scanned only in the stretches that hold a word it cannot match
    without: a month or weekday name as written there ("March", not "march") and followed
    by no letter (`_forms`: a period, a space, a comma, a dash, a digit or the end of
    the match); for the other forms, a word of theirs in any case. Scanning a stretch
    alone reads the same: the break after it ends every match attempt there as the end
    of the text does. With a word that breaks these rules in the word lists, every form
    is scanned across the whole text."""
    lists = ("qualifiers", "range_joiners", "range_and_openers", "parts_of_day")
    lists += ("weekend_words", "units", "day_words", "relative", "numbers")
    words = [w for key in lists for w in table[key]]
    names = [w.title() for key in ("months", "weekdays") for w in table[key]]
    if not all(re.fullmatch(r"[\w ]+", w) and w.isascii() for w in words) or not all(
        n.isascii() and n.isalpha() for n in names
    ):
        return {}

    def alternatives(items: Iterable[str]) -> str:
        return "|".join(sorted((re.escape(w) for w in items), key=len, reverse=True))

    months = sorted((m.title() for m in table["months"]), key=len, reverse=True)
    not_after_month = "".join(f"(?<!{m}\\.)" for m in months)
    dated = re.compile(rf"[^\w\s,.\-\u2013\u2014]|\.{not_after_month}")
    plain = re.compile(r"[^\w\s\-]")

    def name(key: str) -> _Anchor:
        found = alternatives(w.title() for w in table[key])
        return _Anchor(re.compile(rf"(?:{found})(?![^\W\d])"), False, dated)

    def word(*keys: str) -> _Anchor:
        found = alternatives(w.lower() for key in keys for w in table[key])
        return _Anchor(re.compile(found), True, plain)

    in_month = name("months")
    anchors = dict.fromkeys(("day_range", "month_range", "month_day", "day_month"), in_month)
    return anchors | {
        "iso": _Anchor(re.compile(r"\d\d\d\d-\d\d-\d\d"), False, plain),
        "month": in_month,
        "weekday": name("weekdays"),
        "day_word": word("day_words"),
        "weekend": word("weekend_words"),
        "part_of_day": word("parts_of_day"),
        "unit": word("relative"),
        "ago": _Anchor(re.compile("ago"), True, plain),
    }


def _stretches(text: str, breaks: list[int], anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    """The stretches between `breaks` (offsets into `text`) that hold the `anchor`."""
    found: list[tuple[int, int]] = []
    for match in anchor.finditer(text):
        at = bisect_right(breaks, match.start())
        stretch = (breaks[at - 1] + 1 if at else 0, breaks[at] if at < len(breaks) else len(text))
        if not found or found[-1] != stretch:
            found.append(stretch)
    return found


# The four letters outside ASCII that IGNORECASE matches to an ASCII letter (the `re`
# docs): İ and dotless ı to "i", long ſ to "s", the Kelvin sign to "k".
_ASCII_CASES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _folded(text: str) -> str:
    """The text in lower case, where an ASCII word that a pattern matches with
    IGNORECASE is found in lower case, at the same offset (no letter left here has a
    longer lower case)."""
    return (text if text.isascii() else text.translate(_ASCII_CASES)).lower()


def _checked(table: dict[str, Any], key: str, allowed: range) -> dict[str, int]:
    bad = [name for name, value in table[key].items() if value not in allowed]
    if bad:
        raise ResourceError(
            f"{resource_path(_RESOURCE)}: [{key}] {', '.join(bad)}: "
            f"must be a number from {allowed.start} to {allowed.stop - 1}"
        )
    return table[key]


def _in_duration(text: str, start: int, form: str) -> bool:
    """ "over the last year": a relative form after "the" is a span of time. A calendar
    form after "the" is not ("the 2014 bombing", "the January 28 attack")."""
    if form in _CALENDAR or form in _RANGES:
        return False
    return _DURATION.search(text, max(0, start - 8), start) is not None


def _part(parts: dict[str, str | None], key: str) -> str:
    return (parts.get(key) or "").lower()


def _period(anchor: dt.date, unit: str, shift: int) -> dt.date:
    """The first day of the week, month or year `shift` periods from the anchor's."""
    if unit == "week":
        return anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        return dt.date(year, month + 1, 1)
    if unit == "year":
        return dt.date(anchor.year + shift, 1, 1)
    return anchor + dt.timedelta(days=shift)


def _shift_year(day: dt.date, years: int) -> dt.date | None:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return None


def _covering(first: dt.date, last: dt.date) -> tuple[dt.date, str] | None:
    """The first day and precision of the smallest day, week, month or year holding
    `first` to `last`; None when the range runs across a new year (no period a date can
    hold, as "last decade")."""
    for precision in ("day", "week", "month", "year"):
        start = _period(first, precision, 0)
        if date_window(start, precision)[1] >= last:
            return start, precision
    return None


def date_window(day: dt.date, precision: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day a date of this precision may mean ("week" of Monday 29
    January: 29 January to 4 February)."""
    if precision == "week":
        return day, day + dt.timedelta(days=6)
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    return day, day
