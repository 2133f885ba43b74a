"""Schema versions: numbered SQL files applied in order, recorded in PRAGMA user_version."""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

from newsledger.errors import LedgerError

_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every packaged migration, in order."""
    folder = resources.files("newsledger.ledger") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def latest_version() -> int:
    return migrations()[-1][0]


def check_schema(connection: sqlite3.Connection, path: str) -> int:
    """The ledger's schema version, reading only: 0 for an empty file.

    Raises LedgerError for an SQLite file with other tables and no version (not a
    ledger) or a version newer than this newsledger knows; sqlite3.DatabaseError for a
    file that is not SQLite at all.
    """
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    newest = latest_version()
    if current > newest:
        raise LedgerError(
            f"{path}: ledger has schema {current}, newer than this newsledger knows "
            f"({newest}); upgrade newsledger"
        )
    if (current == 0 and _has_foreign_tables(connection)) or (
        current > 0 and not _has_ledger_tables(connection)
    ):
        raise LedgerError(f"{path}: an SQLite file that is not a newsledger ledger")
    return current


def migrate(connection: sqlite3.Connection, path: str) -> int:
    """Bring the ledger to the newest schema; each step is one transaction."""
    current = check_schema(connection, path)
    for version, name, sql in migrations():
        if version <= current:
            continue
        try:
            connection.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};")
            connection.execute("COMMIT")
        except sqlite3.Error as exc:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise LedgerError(f"{path}: migration {name} failed ({exc})") from exc
    return latest_version()


# What every schema version has: another program's file may carry a user_version and
# even tables of these names, but not with these columns.
_LEDGER_COLUMNS = {"articles": {"hash", "text"}, "events": {"article_hash", "record"},
                   "extractions": {"article_hash"}}  # fmt: skip


def _has_ledger_tables(connection: sqlite3.Connection) -> bool:
    for table, columns in _LEDGER_COLUMNS.items():
        found = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if not columns <= found:
            return False
    return True


def _has_foreign_tables(connection: sqlite3.Connection) -> bool:
    row = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return row[0] > 0
