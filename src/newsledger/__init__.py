"""newsledger: news articles in, a sourced, deduplicated ledger of events out.

The public surface: `extract` (text, a file or an Article -> Extraction), `read_sources`
(any input to Articles), `open` (the ledger, whose `events`, `incidents` and `quotes`
return pandas DataFrames) and the contract's records. Everything else may change.
"""

__version__ = "0.1.0"

from newsledger.api import extract  # noqa: E402
from newsledger.article import Article, Dateline  # noqa: E402
from newsledger.errors import InputError, LedgerError, NewsledgerError  # noqa: E402
from newsledger.extract import Event, Extraction, Mention, Quote  # noqa: E402
from newsledger.ingest import read_sources  # noqa: E402
from newsledger.ledger import Ledger  # noqa: E402


def open(path: str, *, read_only: bool = False) -> Ledger:  # noqa: A001 - like shelve.open
    """Open (or create) the ledger at `path`; `read_only=True` opens an existing one for
    queries only, which works on read-only storage. Raises LedgerError (see Ledger)."""
    return Ledger(path, read_only=read_only)


__all__ = [
    "Article", "Dateline", "Event", "Extraction", "InputError", "Ledger", "LedgerError",
    "Mention", "NewsledgerError", "Quote", "extract", "open", "read_sources",
]  # fmt: skip
