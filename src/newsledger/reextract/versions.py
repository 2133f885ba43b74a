"""Extractor versions compared as versions ("0.10.0" is newer than "0.9.2"), with
`packaging`, which spaCy depends on and so is always installed."""

from __future__ import annotations

from packaging.version import InvalidVersion, Version

from newsledger import __version__
from newsledger.errors import NewsledgerError


def target_version(before: str | None) -> Version:
    """The version stored articles are compared with: `--before`, else this newsledger.

    Raises NewsledgerError for a malformed version, or one newer than this newsledger:
    articles extracted again would still be older than it, and a second run would
    extract them all once more."""
    current = Version(__version__)
    if before is None:
        return current
    try:
        wanted = Version(before)
    except InvalidVersion as exc:
        raise NewsledgerError(f"--before {before}: not a version number (e.g. 0.1.0)") from exc
    if wanted > current:
        raise NewsledgerError(
            f"--before {before}: newer than this newsledger ({__version__}); "
            "upgrade newsledger first"
        )
    return wanted


def is_older(stored: str, target: Version) -> bool:
    """Whether an article extracted by `stored` is older than `target`. A version that
    does not parse was written by no release of newsledger: it is taken as older."""
    try:
        return Version(stored) < target
    except InvalidVersion:
        return True
