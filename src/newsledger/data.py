"""Loading packaged data files (dictionaries, patterns, tables) once, with clear errors.

Data lives under `newsledger/resources/` so that a researcher extends coverage by editing
a file, not Python. Every loader names the file and line of a malformed entry.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsledger.errors import ResourceError


def resource_path(name: str) -> Path:
    """The path of a packaged resource such as 'patterns/cleaning.toml'."""
    return Path(str(resources.files("newsledger") / "resources" / name))


@cache
def load_toml(name: str) -> dict[str, Any]:
    path = resource_path(name)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ResourceError(f"{path}: cannot read TOML ({exc})") from exc


def read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated file with a header; '#' lines and blank lines are comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read ({exc})") from exc
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    numbered = [(n, line) for n, line in numbered if not line.lstrip().startswith("#")]
    if not numbered:
        return
    header = next(csv.reader([numbered[0][1]], delimiter="\t"))
    missing = [c for c in columns if c not in header]
    if missing:
        raise ResourceError(f"{path}: header lacks column(s) {', '.join(missing)}")
    for number, line in numbered[1:]:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise ResourceError(f"{path}:{number}: {len(cells)} fields, header has {len(header)}")
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        yield number, {c: row.get(c, "") for c in header}


@cache
def compiled_patterns(name: str, key: str) -> tuple[re.Pattern[str], ...]:
    """A list of regular expressions from a TOML resource, compiled and checked at load."""
    table = load_toml(name)
    out = []
    for index, source in enumerate(table.get(key, [])):
        try:
            out.append(re.compile(source, re.MULTILINE))
        except re.error as exc:
            raise ResourceError(
                f"{resource_path(name)}: {key}[{index}]: bad pattern ({exc})"
            ) from exc
    return tuple(out)
