"""newsledger: news articles in, a sourced, deduplicated ledger of events out.

The public surface: `extract` (Article -> Extraction, pure), `read_sources` (any input
to Articles), `open` (the ledger) and the contract's records. Everything else may change.
"""

__version__ = "0.1.0"

from newsledger.article import Article, Dateline  # noqa: E402
from newsledger.errors import InputError, LedgerError, NewsledgerError  # noqa: E402
from newsledger.extract import Event, Extraction, Mention, Quote, extract  # noqa: E402
from newsledger.ingest import read_sources  # noqa: E402
from newsledger.ledger import Ledger  # noqa: E402


def open(path: str) -> Ledger:  # noqa: A001 - mirrors sqlite3.connect / shelve.open
    """Open (or create) the ledger at `path`."""
    return Ledger(path)


__all__ = [
    "Article", "Dateline", "Event", "Extraction", "InputError", "Ledger", "LedgerError",
    "Mention", "NewsledgerError", "Quote", "extract", "open", "read_sources",
]  # fmt: skip
