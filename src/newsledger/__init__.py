"""newsledger: news articles in, a sourced, deduplicated ledger of events out.

The public surface: `extract` (text, a file or an Article -> Extraction), `read_sources`
(any input to Articles), `open` (the ledger, whose `events`, `incidents` and `quotes`
return pandas DataFrames) and the contract's records. Everything else may change.

What needs spaCy, the readers or pandas is imported on first use, so that `import
newsledger` (and `newsledger --help`) stays quick.
"""

from __future__ import annotations

__version__ = "0.1.0"

from datetime import date, datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

# The subpackage first: importing it binds `newsledger.extract` to the module, and the
# function defined below must be what that name holds.
import newsledger.extract as _extract_package  # noqa: E402, F401
from newsledger.article import Article, Dateline  # noqa: E402
from newsledger.errors import InputError, LedgerError, NewsledgerError  # noqa: E402
from newsledger.extract.model import Event, Extraction, Mention, Quote  # noqa: E402

if TYPE_CHECKING:
    from newsledger.ledger import Ledger


def extract(
    source: str | Path | Article, *, published: date | datetime | str | None = None
) -> Extraction:
    """The extraction of one article given as its text, a file path or an Article (see
    `newsledger.api.extract`)."""
    from newsledger.api import extract as extract_source

    return extract_source(source, published=published)


def open(path: str | Path, *, read_only: bool = False) -> Ledger:  # noqa: A001 - like shelve.open
    """Open (or create) the ledger at `path`; `read_only=True` opens an existing one for
    queries only, which works on read-only storage. Raises LedgerError (see Ledger)."""
    from newsledger.ledger import Ledger

    return Ledger(path, read_only=read_only)


def __getattr__(name: str) -> Any:
    if name == "read_sources":
        from newsledger.ingest import read_sources

        return read_sources
    if name == "Ledger":
        from newsledger.ledger import Ledger

        return Ledger
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")


__all__ = [
    "Article", "Dateline", "Event", "Extraction", "InputError", "Ledger", "LedgerError",
    "Mention", "NewsledgerError", "Quote", "extract", "open", "read_sources",
]  # fmt: skip
