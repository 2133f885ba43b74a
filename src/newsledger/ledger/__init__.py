"""The embedded ledger: SQLite with WAL, a versioned schema and FTS5 search.

Its names are imported on first use: the filters' word lists (`filter_values`) load
without the ledger's writer and linker behind it."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_NAMES = {"Filters": "query", "select_articles": "query", "select_events": "query",
          "Ledger": "store", "default_path": "paths"}  # fmt: skip

__all__ = ["Filters", "Ledger", "default_path", "select_articles", "select_events"]


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        return getattr(import_module(f"newsledger.ledger.{_NAMES[name]}"), name)
    raise AttributeError(f"module 'newsledger.ledger' has no attribute {name!r}")
