"""Coding events from text: `extract(article) -> Extraction`, the records of the
contract (`model`), and the stages in the modules beside this one.

The stages need spaCy, whose import alone takes about a second: they are imported
when first used (`extract`, `extract_many`, ...), so that reading the records or the
word lists (the ledger, the command line's help) does not pay for the parser.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from newsledger.extract.model import (
    Actor,
    Claim,
    Count,
    Event,
    Extraction,
    Location,
    Mention,
    Quote,
)

_STAGES = ("extract", "extract_many", "extract_doc", "parse_many", "tokenize", "warm_up")

__all__ = [
    "Actor", "Claim", "Count", "Event", "Extraction", "Location", "Mention", "Quote",
    *_STAGES,
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _STAGES:
        return getattr(import_module("newsledger.extract.extraction"), name)
    raise AttributeError(f"module 'newsledger.extract' has no attribute {name!r}")
