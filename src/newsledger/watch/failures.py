"""Each failure reported once, not at every poll.

A source that cannot be polled (a feed that is down, a folder not there yet) is
reported when it starts failing or fails for another reason, and once more when it
recovers. A bad article or feed entry is reported the first time it is read; a feed
entry is known by its feed and reason, not by its position, which moves as the feed
gains entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_ENTRY = re.compile(r"#entry\d+$")


@dataclass
class FailureLog:
    """Writes each line through `say` (stderr, in the command)."""

    say: Callable[[str], None]
    sources: dict[str, str] = field(default_factory=dict)  # source -> its failure now
    items: set[tuple[str, str]] = field(default_factory=set)

    def source_failed(self, source: str, message: str) -> bool:
        """Report a failing source unless this failure is already reported; returns
        whether it was reported now."""
        if self.sources.get(source) == message:
            return False
        self.sources[source] = message
        self.say(f"error: {message}")
        return True

    def source_ok(self, source: str) -> None:
        if self.sources.pop(source, None) is not None:
            self.say(f"watch: {source}: polled again without error")

    def item_failed(self, origin: str, reason: str) -> bool:
        """Report a bad item the first time; returns whether it was reported now."""
        key = (_ENTRY.sub("", origin), reason)
        if key in self.items:
            return False
        self.items.add(key)
        self.say(f"error: {origin}: {reason}")
        return True
