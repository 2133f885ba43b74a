"""Where the ledger is when none is named: light enough for the command line's options."""

from __future__ import annotations

import os

DEFAULT_PATH = "newsledger.db"


def default_path() -> str:
    """`NEWSLEDGER_DB` if set, else ./newsledger.db."""
    return os.environ.get("NEWSLEDGER_DB") or DEFAULT_PATH
