"""`--every`: intervals as people write them."""

from __future__ import annotations

import pytest

from newsledger.watch.interval import parse_interval


@pytest.mark.parametrize(
    "text, seconds",
    [("30s", 30), ("10m", 600), ("1h", 3600), ("1.5h", 5400), ("1d", 86400), ("45", 45),
     ("2 min", 120), ("0.5s", 0.5)],
)  # fmt: skip
def test_an_interval_is_read_in_seconds(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "10x", "-5m", "0s", "ten minutes", "1e9s"])
def test_anything_else_is_refused_with_the_forms_that_work(text):
    with pytest.raises(ValueError, match="30s, 10m, 1h or 1d|longer than zero"):
        parse_interval(text)
