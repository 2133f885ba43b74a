"""The embedded ledger: SQLite with WAL, a versioned schema and FTS5 search."""

from newsledger.ledger.query import Filters, select_articles, select_events
from newsledger.ledger.store import Ledger, default_path

__all__ = ["Filters", "Ledger", "default_path", "select_articles", "select_events"]
