"""One exception tree for everything a user can act on.

NewsledgerError
 ├── InputError      a source could not be read (names the file and the reason)
 ├── LedgerError     the ledger file is unusable (wrong schema, not a ledger, locked)
 └── ResourceError   a packaged data file is malformed (names the file and line)
"""

from __future__ import annotations

from dataclasses import dataclass, field


class NewsledgerError(Exception):
    """Base class: the message is one line a user can act on."""


class InputError(NewsledgerError):
    """A source (file, record, feed entry) that cannot become an Article."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class LedgerError(NewsledgerError):
    """The ledger database cannot be opened or written as asked."""


class ResourceError(NewsledgerError):
    """A packaged or user-supplied dictionary file is malformed."""


@dataclass
class Failures:
    """The inputs a run could not take, counted and kept for its report; the run's
    own counts (ingested, loaded, batched) live in the report that extends this."""

    failed: int = 0
    errors: list[InputError] = field(default_factory=list)

    def record(self, error: InputError) -> None:
        self.failed += 1
        self.errors.append(error)
