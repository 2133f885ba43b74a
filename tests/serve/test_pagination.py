"""Keyset pagination: pages cover a list once, in order; rows stored while a client
pages never shift the next page; cursors are opaque and belong to one list."""

from __future__ import annotations

import pytest

from newsledger.serve.pagination import CursorError, encode_cursor, paginate, sort_key


def _key(row):
    return sort_key(row["date"], row["id"])


ROWS = [
    {"id": "e5", "date": None},
    {"id": "e2", "date": "2024-03-01"},
    {"id": "e1", "date": "2024-03-01"},
    {"id": "e4", "date": "2024-02-01"},
    {"id": "e3", "date": "2024-04-01"},
]


def _walk(rows, limit):
    seen, cursor = [], None
    while True:
        page = paginate(rows, _key, list_name="events", limit=limit, cursor=cursor)
        seen.append([row["id"] for row in page.rows])
        if page.next is None:
            return seen
        cursor = page.next


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 50])
def test_pages_cover_the_list_once_by_date_then_id_undated_last(limit):
    pages = _walk(ROWS, limit)
    assert [i for page in pages for i in page] == ["e4", "e1", "e2", "e3", "e5"]
    assert all(0 < len(page) <= limit for page in pages)


def test_rows_stored_before_the_cursor_do_not_shift_the_next_page():
    first = paginate(ROWS, _key, list_name="events", limit=2)
    grown = [*ROWS, {"id": "e0", "date": "2024-01-01"}, {"id": "e9", "date": "2024-03-15"}]
    second = paginate(grown, _key, list_name="events", limit=2, cursor=first.next)
    assert [r["id"] for r in second.rows] == ["e2", "e9"]
    assert second.total == 7


def test_the_last_page_has_no_next_cursor():
    assert paginate(ROWS, _key, list_name="events", limit=5).next is None
    assert paginate([], _key, list_name="events", limit=5).next is None


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!",
        "bm90IGpzb24",
        encode_cursor(sort_key("2024-01-01", "e1"), "incidents"),
        encode_cursor(((0, 5), (0, 6)), "events"),  # numbers where this list has text
        "WyJldmVudHMiLCBbWzIsICJ4Il1dXQ",  # ["events", [[2, "x"]]]: no such null flag
    ],
)
def test_a_cursor_this_list_did_not_give_is_refused(cursor):
    with pytest.raises(CursorError, match="is not one this list gave"):
        paginate(ROWS, _key, list_name="events", limit=2, cursor=cursor)
