"""`--every 10m`: a polling interval written as a number and a unit."""

from __future__ import annotations

import re
from typing import Any

import click

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.IGNORECASE)
_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in "30s", "10m", "1.5h" or "1d" (a bare number is seconds).

    Raises ValueError for anything else, or for no time at all."""
    match = _INTERVAL.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not an interval (write it as 30s, 10m, 1h or 1d)")
    seconds = float(match.group(1)) * _SECONDS[(match.group(2) or "s").lower()]
    if seconds <= 0:
        raise ValueError(f"{text!r}: the interval must be longer than zero")
    return seconds


class Interval(click.ParamType):
    """A click type for `parse_interval`: a malformed value is a usage error (exit 2)."""

    name = "INTERVAL"

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        if isinstance(value, int | float):
            return float(value)
        try:
            return parse_interval(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
