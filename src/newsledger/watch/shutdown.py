"""SIGINT and SIGTERM as a request to stop after the article in hand.

The first signal only sets a flag: the watcher finishes (extracts and commits) the
article it holds, then stops before the next one or wakes from its sleep between polls.
A second signal stops at once: KeyboardInterrupt is raised where the program is, and
the article's open transaction is rolled back by the ledger.
"""

from __future__ import annotations

import signal
import time
from types import FrameType, TracebackType
from typing import Any

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_NAP = 0.2  # seconds between looks at the flag while sleeping


class Shutdown:
    """A context manager that installs the handlers (main thread only) and restores them."""

    def __init__(self) -> None:
        self.signal_name: str | None = None
        self._previous: dict[int, Any] = {}

    @property
    def requested(self) -> bool:
        return self.signal_name is not None

    def __enter__(self) -> Shutdown:
        for number in _SIGNALS:
            self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        # Only a flag: a handler runs between two bytecodes of whatever the main thread
        # was doing, and anything more (a lock, a print) could deadlock there.
        self.signal_name = signal.Signals(number).name

    def sleep(self, seconds: float) -> None:
        """Sleep `seconds`, or less if a stop is requested meanwhile."""
        end = time.monotonic() + seconds
        while not self.requested and (left := end - time.monotonic()) > 0:
            time.sleep(min(_NAP, left))
