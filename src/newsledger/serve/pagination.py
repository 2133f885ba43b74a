"""Keyset pagination: `limit` rows at a time, and an opaque `next` cursor naming the
last row's (sort key, id), so that rows stored while a client pages (an ingest running
beside the server) never shift a page or repeat a row.

A cursor is the base64url of a small JSON array; clients pass it back untouched. It
carries the list it belongs to, so an events cursor given to /api/incidents is an error,
not a silently wrong page.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsledger.errors import NewsledgerError

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000

Row = dict[str, Any]
# A sort key: one (is_null, value) pair per part, so that missing values sort last
# (as the CLI's listings put undated rows last) and never compare None with a string.
SortKey = tuple[tuple[int, Any], ...]


class CursorError(NewsledgerError, ValueError):
    """A cursor this server did not give for this list (the API answers 400)."""


@dataclass(frozen=True)
class Page:
    """One page of a list: its rows, the cursor of the next page (None on the last),
    and how many rows the whole filtered list holds."""

    rows: list[Row]
    next: str | None
    total: int


def sort_key(*parts: Any) -> SortKey:
    """The key of one row from its sort values, most significant first."""
    return tuple((1, "") if part is None else (0, part) for part in parts)


def paginate(
    rows: Sequence[Row],
    key: Callable[[Row], SortKey],
    *,
    list_name: str,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
) -> Page:
    """The page of `rows` (in any order) after `cursor`, ordered by `key`."""
    ordered = sorted(rows, key=key)
    keys = [key(row) for row in ordered]
    start = 0
    if cursor:
        after = decode_cursor(cursor, list_name)
        try:
            start = bisect.bisect_right(keys, after)
        except TypeError as exc:  # a key of other types than this list's
            raise CursorError(_problem(cursor)) from exc
    page = ordered[start : start + limit]
    more = start + limit < len(ordered)
    return Page(
        rows=page,
        next=encode_cursor(keys[start + limit - 1], list_name) if more else None,
        total=len(ordered),
    )


def encode_cursor(key: SortKey, list_name: str) -> str:
    raw = json.dumps([list_name, key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, list_name: str) -> SortKey:
    """The sort key a cursor names; CursorError for anything this server did not make."""
    problem = _problem(cursor)
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        name, key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, TypeError, binascii.Error, UnicodeError) as exc:
        raise CursorError(problem) from exc
    if name != list_name or not isinstance(key, list):
        raise CursorError(problem)
    parts = []
    for part in key:
        if not (isinstance(part, list) and len(part) == 2 and part[0] in (0, 1)):
            raise CursorError(problem)
        if not isinstance(part[1], str | int | float) or isinstance(part[1], bool):
            raise CursorError(problem)
        parts.append((part[0], part[1]))
    return tuple(parts)


def _problem(cursor: str) -> str:
    return f"cursor {cursor[:40]!r} is not one this list gave; drop it to start again"
