"""The ledger file: one SQLite database in WAL mode, written in batched transactions.

Identity is the hash of the normalised text, so writing the same article twice changes
nothing. A batch commits as one transaction: a crash loses at most the batch in flight,
never anything already committed, and readers (a dashboard) keep reading meanwhile.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from newsledger import __version__
from newsledger.errors import LedgerError
from newsledger.extract.model import Claim, Contradiction, Event, Extraction, Quote
from newsledger.ledger.schema import check_schema, latest_version, migrate
from newsledger.link import link_articles, link_unlinked
from newsledger.link import rebuild as rebuild_incidents

if TYPE_CHECKING:
    import pandas


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    db = sqlite3.connect(target, isolation_level=None, timeout=30, uri=uri)
    db.row_factory = sqlite3.Row
    return db


def _writable(path: str) -> bool:
    """Whether this process may write the ledger and the `-wal`/`-shm` files beside it."""
    file = Path(path)
    folder_ok = os.access(file.resolve().parent, os.W_OK)
    return (
        folder_ok
        and (not file.exists() or os.access(file, os.W_OK))
        and not _mounted_read_only(file)
    )


def _mounted_read_only(file: Path) -> bool:
    """Root may write files whatever their mode; a read-only mount stops it all the same."""
    try:
        return bool(os.statvfs(file.resolve().parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _is_read_only_fault(exc: sqlite3.OperationalError) -> bool:
    return any(word in str(exc) for word in ("readonly", "read-only", "write access"))


def _locked(exc: sqlite3.OperationalError) -> bool:
    """Another connection holds the lock: callers that wait and retry must see it."""
    return "locked" in str(exc) or "busy" in str(exc)


class Ledger:
    """An open ledger; use as a context manager, or call `close()`.

    `read_only=True` opens the file for queries only (SQLite `mode=ro`), so a ledger on
    read-only storage can still be listed and searched. A file that is refused (not a
    ledger, a newer schema) is left byte for byte as it was: nothing is written to it
    before those checks pass, not even the switch to WAL mode.

    Raises LedgerError: no ledger at `path` (with `create=False` or `read_only=True`), not
    an SQLite ledger, a schema newer than this version, or read-only storage for a write.
    """

    def __init__(self, path: str | Path, *, create: bool = True, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if (read_only or not create) and not Path(self.path).exists():
            raise LedgerError(f"{self.path}: no ledger here (run `newsledger ingest` first)")
        try:
            self._db = self._open_read_only() if read_only else self._open_for_writing()
        except sqlite3.OperationalError as exc:
            if _is_read_only_fault(exc):
                raise LedgerError(
                    f"{self.path}: the ledger is read-only ({exc}); "
                    "`newsledger events` and `newsledger articles` can still read it"
                ) from exc
            raise LedgerError(f"{self.path}: not a usable SQLite ledger ({exc})") from exc
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{self.path}: not a usable SQLite ledger ({exc})") from exc

    def _open_for_writing(self) -> sqlite3.Connection:
        if not _writable(self.path):
            if not (folder := Path(self.path).parent).is_dir():
                raise LedgerError(f"{self.path}: the folder {folder} does not exist (create it)")
            if not Path(self.path).exists():
                raise LedgerError(
                    f"{self.path}: cannot create a ledger here (the folder is read-only)"
                )
            raise sqlite3.OperationalError("no write access to the file or its folder")
        db = _connect(self.path)
        try:
            check_schema(db, self.path)  # before anything is written to the file
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
            migrate(db, self.path)
        except BaseException:
            db.close()
            raise
        return db

    def _open_read_only(self) -> sqlite3.Connection:
        """A query-only connection. A WAL ledger in a read-only folder has no `-shm` file
        to share, so SQLite can only read it as immutable (no writer can exist there)."""
        for options in ("mode=ro", "mode=ro&immutable=1"):
            db = _connect(f"{Path(self.path).resolve().as_uri()}?{options}", uri=True)
            try:
                current = check_schema(db, self.path)
            except sqlite3.OperationalError:
                db.close()
                if options.endswith("immutable=1") or _writable(self.path):
                    raise
                continue
            except BaseException:
                db.close()
                raise
            if current == 0:
                db.close()
                raise LedgerError(
                    f"{self.path}: no ledger here, an empty SQLite file (run `newsledger "
                    "ingest` first)"
                )
            if current < latest_version():
                db.close()
                self._bring_forward(current)
                return self._open_read_only()
            return db
        raise AssertionError("unreachable")

    def _bring_forward(self, current: int) -> None:
        """An older ledger opened for queries: migrate it once, if it may be written."""
        if not _writable(self.path):
            raise LedgerError(
                f"{self.path}: the ledger has schema {current} and is read-only; open it once "
                f"with write access (e.g. `newsledger ingest`) to upgrade it to schema "
                f"{latest_version()}"
            )
        Ledger(self.path, create=False).close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for read-only queries."""
        return self._db

    def known(self, hashes: Iterable[str]) -> set[str]:
        """Which of these article hashes the ledger already holds."""
        wanted = list(hashes)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT hash FROM articles WHERE hash IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def origin(self, article_hash: str) -> str | None:
        """Where the stored article with this hash was read from (FILE or FILE:LINE)."""
        row = self._db.execute(
            "SELECT origin FROM articles WHERE hash = ?", (article_hash,)
        ).fetchone()
        return row[0] if row else None

    def write(self, extractions: Sequence[Extraction]) -> int:
        """Store a batch in one transaction; returns how many articles were new."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        added = 0
        try:
            self._db.execute("BEGIN IMMEDIATE")
            new = []
            for extraction in extractions:
                if self._write_one(extraction, now):
                    added += 1
                    new.append(extraction.article.hash)
            link_articles(self._db, new)  # incidents, in the same transaction
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and not _locked(exc):
                # a full disk, an I/O error: one line, and the batch was rolled back
                raise LedgerError(
                    f"{self.path}: cannot write the ledger ({exc}); nothing of this batch "
                    "was stored"
                ) from exc
            raise
        return added

    def _write_one(self, extraction: Extraction, now: str) -> int:
        article = extraction.article
        meta = article.metadata()
        cursor = self._db.execute(
            """INSERT OR IGNORE INTO articles (hash, id, title, subtitle, source, url,
                   published, published_from, dateline, language, origin, text,
                   extractor_version, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article.hash, article.id, article.title, article.subtitle, article.source,
                article.url, meta["published"], article.published_from,
                json.dumps(meta["dateline"]) if meta["dateline"] else None,
                article.language, article.origin, article.text, __version__, now,
            ),
        )  # fmt: skip
        if cursor.rowcount == 0:
            return 0
        write_extraction_rows(self._db, extraction)
        return 1

    def link(self, rebuild: bool = False) -> int:
        """Link stored events into incidents in one transaction: all of them afresh with
        `rebuild`, else the linkable events with no incident yet (`link.link_unlinked`).
        Returns how many incidents were written."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            count = rebuild_incidents(self._db) if rebuild else link_unlinked(self._db)
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        return count

    def events(self, **filters: Any) -> pandas.DataFrame:
        """The events the filters select (`Filters`: since, until, type, country,
        actor, source, search, include_flagged, limit; days as dates or "YYYY-MM-DD")
        as a pandas DataFrame in the export's columns (README, Exports)."""
        from newsledger.api import events_frame

        return events_frame(self.connection, **filters)

    def incidents(self, **filters: Any) -> pandas.DataFrame:
        """The incidents of the events the filters select, as a DataFrame."""
        from newsledger.api import incidents_frame

        return incidents_frame(self.connection, **filters)

    def quotes(self, **filters: Any) -> pandas.DataFrame:
        """The quotes the filters select (since, until, speaker, country, source,
        search, limit), as a DataFrame."""
        from newsledger.api import quotes_frame

        return quotes_frame(self.connection, **filters)

    def counts(self) -> dict[str, int]:
        row = self._db.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)"
        ).fetchone()
        return {"articles": row[0], "events": row[1]}


def write_extraction_rows(db: sqlite3.Connection, extraction: Extraction) -> None:
    """Write the rows an extraction adds beside its stored article: events, the
    extraction's JSON, quotes, claims and contradictions. `Ledger.write` and
    re-extraction both call it, so an article's rows never depend on which wrote them."""
    article = extraction.article
    db.executemany(
        _insert("events", _EVENT_COLUMNS),
        [_event_row(article.hash, i, e, article.text) for i, e in enumerate(extraction.events)],
    )
    data = extraction.to_dict(with_text=False)
    # OR REPLACE: a re-extracted article keeps its row here; a new article has none yet.
    db.execute(
        "INSERT OR REPLACE INTO extractions (article_hash, quotes, claims, contradictions) "
        "VALUES (?, ?, ?, ?)",
        (article.hash, *(json.dumps(data[k]) for k in ("quotes", "claims", "contradictions"))),
    )
    _write_quotes_and_claims(db, extraction)


def _write_quotes_and_claims(db: sqlite3.Connection, extraction: Extraction) -> None:
    """Rows for what the article reports people said and claimed (schema 3); a
    contradiction's pair of claim indexes becomes a pair of claim ids."""
    article = extraction.article
    quotes = [_quote_row(article.hash, i, q) for i, q in enumerate(extraction.quotes)]
    claims = [_claim_row(article.hash, i, c) for i, c in enumerate(extraction.claims)]
    claim_ids = [row[0] for row in claims]
    where = article.origin or article.id
    db.executemany(_insert("quotes", _QUOTE_COLUMNS), quotes)
    db.executemany(_insert("claims", _CLAIM_COLUMNS), claims)
    db.executemany(
        _insert("contradictions", _CONTRADICTION_COLUMNS),
        [
            (article.hash, i, *_claim_pair(claim_ids, c, where), c.note)
            for i, c in enumerate(extraction.contradictions)
        ],
    )


_EVENT_COLUMNS = (
    "id", "article_hash", "position", "type", "mode", "cameo", "goldstein",
    "acled_event_type", "acled_sub_event_type",
    "actor_text", "actor_name", "actor_country", "actor_sector",
    "recipient_text", "recipient_name", "recipient_country", "recipient_sector",
    "date", "date_precision", "location_name", "location_country",
    "fatalities_min", "fatalities_max", "injuries_min", "injuries_max",
    "verbal", "negated", "hypothetical", "future", "generic", "historical", "confidence",
    "sentence", "record", "location_lat", "location_lon", "location_admin1",
    "location_precision", "fatalities_text", "background",
)  # fmt: skip


def _event_row(article_hash: str, position: int, event: Event, text: str) -> tuple[Any, ...]:
    record = event.to_dict()
    acled = event.acled or {}
    actor, recipient = record["actor"] or {}, record["recipient"] or {}
    location = record["location"] or {}
    fatalities, injuries = record["fatalities"] or {}, record["injuries"] or {}
    first = event.mentions[0]
    return (
        event.id, article_hash, position, event.type, event.mode, event.cameo, event.goldstein,
        acled.get("event_type"), acled.get("sub_event_type"),
        actor.get("text"), actor.get("name"), actor.get("country"), actor.get("sector"),
        recipient.get("text"), recipient.get("name"), recipient.get("country"),
        recipient.get("sector"),
        event.date, event.date_precision, location.get("name"), location.get("country"),
        fatalities.get("min"), fatalities.get("max"), injuries.get("min"), injuries.get("max"),
        int(event.verbal), int(event.negated), int(event.hypothetical), int(event.future),
        int(event.generic), int(event.historical), event.confidence,
        text[first.start : first.end], json.dumps(record),
        location.get("lat"), location.get("lon"), location.get("admin1"),
        location.get("precision"), fatalities.get("text"), int(event.background),
    )  # fmt: skip


_QUOTE_COLUMNS = (
    "id", "article_hash", "position", "speaker_text", "speaker_name", "speaker_role",
    "speaker_country", "speaker_sector", "anonymous", "text", "direct", "cue", "start", "end",
    "events",
)  # fmt: skip
_CLAIM_COLUMNS = (
    "id", "article_hash", "position", "kind", "subject", "subject_key", "value_min",
    "value_max", "qualifier", "source", "reported", "unit", "text", "start", "end", "events",
)  # fmt: skip
_CONTRADICTION_COLUMNS = ("article_hash", "position", "claim_a", "claim_b", "note")


def _insert(table: str, columns: Sequence[str]) -> str:
    # "end" is an SQL keyword that SQLite takes as a name only by leniency: quote them all.
    names = ", ".join(f'"{column}"' for column in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"


def _quote_row(article_hash: str, position: int, quote: Quote) -> tuple[Any, ...]:
    # A quote from an extractor that gave no ids gets the id schema 3 gave moved quotes.
    speaker = quote.speaker
    return (
        quote.id or f"{article_hash[:12]}-q{position + 1}", article_hash, position,
        speaker and speaker.text, speaker and speaker.name, speaker and speaker.role,
        speaker and speaker.country, speaker and speaker.sector, int(quote.anonymous),
        quote.text, int(quote.direct), quote.cue, quote.start, quote.end,
        json.dumps(list(quote.events)),
    )  # fmt: skip


def _claim_row(article_hash: str, position: int, claim: Claim) -> tuple[Any, ...]:
    return (
        claim.id or f"{article_hash[:12]}-c{position + 1}", article_hash, position, claim.kind,
        claim.subject, claim.subject_key, claim.value.min, claim.value.max, claim.qualifier,
        claim.source, claim.reported, claim.unit, claim.text, claim.start, claim.end,
        json.dumps(list(claim.events)),
    )  # fmt: skip


def _claim_pair(ids: list[str], contradiction: Contradiction, where: str) -> tuple[str, str]:
    """The ids of the two claims a contradiction points at by index."""
    first, second = contradiction.claims
    if not (0 <= first < len(ids) and 0 <= second < len(ids)):
        raise LedgerError(
            f"{where}: contradiction {contradiction.claims} points past the article's "
            f"{len(ids)} claims (an extractor bug; report it)"
        )
    return ids[first], ids[second]
