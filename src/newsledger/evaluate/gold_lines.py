"""The JSON Lines gold files every evaluation reads: one JSON object a line, as a stream.

A line that is not an object (invalid JSON, a list, bytes that are not UTF-8) is reported
with its line number and the rest of the file is still read; a file that is not text at
all is reported once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsledger.errors import InputError
from newsledger.ingest.decode import UTF16_BOMS, looks_binary

_HEAD_BYTES = 8192


def read_gold_objects(path: Path) -> Iterator[tuple[int, dict[str, Any]] | InputError]:
    """(line number, object) for each line that holds a JSON object; blank lines skipped."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot open ({exc.strerror or exc})")
        return
    with handle:
        head = handle.peek(_HEAD_BYTES)[:_HEAD_BYTES]
        if head.startswith(UTF16_BOMS):
            yield InputError(str(path), "UTF-16 text, not UTF-8 (re-save the file as UTF-8)")
            return
        if looks_binary(head):
            yield InputError(str(path), "binary file, not JSON Lines")
            return
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield InputError(where, "not UTF-8 (re-save the file as UTF-8)")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            except RecursionError:
                yield InputError(where, "invalid JSON (nested too deeply)")
                continue
            if not isinstance(record, dict):
                yield InputError(where, f"not a JSON object but {json_kind(record)}")
                continue
            yield number, record


def json_kind(value: Any) -> str:
    """What a JSON value is, in the words of the JSON format: 'a list', 'a number'."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    kinds = {dict: "an object", list: "a list", str: "a string", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)
