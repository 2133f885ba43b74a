"""Indented JSON text of the extraction contract, fast and equal to the standard library's.

`json.dumps(value, ensure_ascii=False, indent=2)` runs its pure-Python encoder (the C one
serves only compact output) and took a third of a second per 200 articles; orjson writes
the same text ten times faster. The two differ only where orjson cannot or will not
write what `json` does, so those payloads go to `json` instead:

- a float below 1e-4 in magnitude: `json` writes `1e-05`, orjson `0.00001`. A payload
  whose orjson text holds "0.0000" (a float of that kind, or a string with those
  characters: harmless either way) is written by `json`;
- a lone surrogate in a string, a key that is not a string or an integer wider than 64
  bits, which orjson refuses (`orjson.JSONEncodeError`).

tests/test_json_text.py checks the equality on real payloads and on each of those cases.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def indented(value: Any) -> str:
    """`value` as JSON text with two-space indents and non-ASCII kept, byte for byte as
    `json.dumps(value, ensure_ascii=False, indent=2)` writes it.

    Raises TypeError or ValueError, as `json.dumps` does, for what JSON cannot hold."""
    try:
        encoded = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, indent=2)
    if b"0.0000" in encoded:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return encoded.decode()
