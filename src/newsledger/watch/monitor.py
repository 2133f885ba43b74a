"""The watch loop: poll every source, store what is new, sleep, again.

Each new article is extracted under the per-article guard and committed in a
transaction of its own, so a stop (a signal, a kill) costs at most the article in
hand. Nothing a source serves can end the loop: a source that fails, an article that
cannot be read, extracted or stored, even a full or locked ledger, is reported once
(`failures.py`) and the next poll tries again.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsledger.article import Article
from newsledger.errors import Failures, InputError, LedgerError, NewsledgerError
from newsledger.extract.model import Extraction
from newsledger.ingest.language import CODED_LANGUAGE, uncoded_reason
from newsledger.scale.pool import Guard, extract_stream
from newsledger.watch.failures import FailureLog
from newsledger.watch.shutdown import Shutdown
from newsledger.watch.sources import Item, Source

if TYPE_CHECKING:
    from newsledger.ledger import Ledger


@dataclass
class WatchReport(Failures):
    """Counts over a whole run; `failed` counts each failure once, as it is reported."""

    polls: int = 0
    ingested: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        polls = f"{self.polls} poll" + ("" if self.polls == 1 else "s")
        return (
            f"ingested {self.ingested}, unchanged {self.unchanged}, failed {self.failed} ({polls})"
        )


class _LedgerFault(NewsledgerError):
    """The ledger could not be written (disk full, locked, read-only): the poll stops
    and is done again next time."""


class Watcher:
    """Polls `sources` into `ledger` until `shutdown` is requested."""

    def __init__(
        self,
        sources: Sequence[Source],
        ledger: Ledger,
        *,
        guard: Guard,
        failures: FailureLog,
        shutdown: Shutdown,
        say: Callable[[str], None],
    ) -> None:
        self.sources = sources
        self.ledger = ledger
        self.guard = guard
        self.failures = failures
        self.shutdown = shutdown
        self.say = say
        self.report = WatchReport()
        self._unusable: set[str] = set()  # hashes that failed extraction or storage

    def run(self, every: float, once: bool = False) -> WatchReport:
        """Poll, then sleep until `every` seconds after the poll began; a stop request
        ends the sleep at once."""
        while not self.shutdown.requested:
            began = time.monotonic()
            self.poll()
            if once:
                break
            self.shutdown.sleep(every - (time.monotonic() - began))
        if self.shutdown.requested:
            self.say(f"watch: {self.shutdown.signal_name}: stopped after the article in hand")
        return self.report

    def poll(self) -> None:
        report = self.report
        ingested, unchanged, failed = report.ingested, report.unchanged, report.failed
        report.polls += 1
        for source in self.sources:
            if self.shutdown.requested:
                break
            self._poll_source(source)
        if report.ingested > ingested or report.failed > failed:
            self.say(
                f"watch: poll {report.polls}: ingested {report.ingested - ingested}, "
                f"unchanged {report.unchanged - unchanged}, failed {report.failed - failed}"
            )

    def _poll_source(self, source: Source) -> None:
        try:
            poll = source.poll(self.ledger.connection)
            if self._store(poll.items):
                poll.done()
            self.failures.source_ok(source.name)
        except _LedgerFault as fault:
            self._source_failed(self.ledger.path, str(fault))
        except sqlite3.OperationalError as exc:  # saving a feed's validators
            self._source_failed(self.ledger.path, _ledger_fault(self.ledger, exc))
        except NewsledgerError as error:  # the source is down, missing or not a feed
            self._source_failed(source.name, str(error))
        except Exception as exc:  # a reader's bug must not end weeks of monitoring
            self._source_failed(
                source.name, f"{source.name}: unexpected failure ({type(exc).__name__}: {exc})"
            )

    def _source_failed(self, name: str, message: str) -> None:
        if self.failures.source_failed(name, message):
            self.report.failed += 1

    def _store(self, items: Iterable[Item]) -> bool:
        """Extract and store the new articles among `items`, one transaction each;
        returns False when a stop request cut the poll short."""
        in_hand: list[Article] = []
        cut_short = False

        def new_articles() -> Iterator[Article]:
            nonlocal cut_short
            for item in items:
                if self.shutdown.requested:
                    cut_short = True
                    return
                if isinstance(item, InputError):
                    self._failed(item.origin, item.reason)
                elif item.hash in self._unusable:
                    continue
                elif self.ledger.known([item.hash]):
                    self.report.unchanged += 1
                else:
                    in_hand[:] = [item]
                    yield item

        # chunks of one: a stop request waits for one article's extraction, not sixteen
        for result in extract_stream(new_articles(), guard=self.guard, chunk_size=1):
            article = in_hand[0]
            if isinstance(result, InputError):
                self._unusable.add(article.hash)
                self._failed(result.origin, result.reason)
                continue
            self._write(article, result)
        return not cut_short

    def _write(self, article: Article, extraction: Extraction) -> None:
        try:
            self.report.ingested += self.ledger.write([extraction])
        except sqlite3.OperationalError as exc:
            raise _LedgerFault(_ledger_fault(self.ledger, exc)) from exc
        except LedgerError as error:
            cause = error.__cause__  # a full disk: the next poll tries again
            if isinstance(cause, sqlite3.OperationalError):
                raise _LedgerFault(_ledger_fault(self.ledger, cause)) from error
            raise _LedgerFault(str(error)) from error
        except Exception as exc:  # this article only: the transaction was rolled back
            self._unusable.add(article.hash)
            self._failed(article.origin, f"cannot be stored ({type(exc).__name__}: {exc})")
            return
        self.failures.source_ok(self.ledger.path)
        if article.language != CODED_LANGUAGE and (reason := uncoded_reason(article.language)):
            self.say(f"warning: {article.origin}: {reason}")

    def _failed(self, origin: str, reason: str) -> None:
        if self.failures.item_failed(origin, reason):
            self.report.record(InputError(origin, reason))


def _ledger_fault(ledger: Ledger, exc: sqlite3.OperationalError) -> str:
    return f"{ledger.path}: cannot write the ledger ({exc}); trying again at the next poll"
