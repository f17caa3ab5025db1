"""The archive: schema, migrations and the only code that writes SQL (besides the scheduler's job store).

``open_db(path)`` gives a ready :class:`sqlite_utils.Database`: parent folder created, WAL on, foreign
keys on, a busy timeout so a reader or a second writer waits instead of failing, migrations applied.

    >>> db = open_db("db/nianbao.db")
    >>> db["reports"].count
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from db.migrations import apply_migrations, register_functions

DEFAULT_PATH = Path("db") / "nianbao.db"
BUSY_TIMEOUT_SECONDS = 60


class ArchiveError(Exception):
    """Bad input for the archive (missing folder, unknown report …): one line, shown as is."""


def default_path() -> Path:
    """$NIANBAO_DB, or db/nianbao.db under the current directory."""
    return Path(os.environ.get("NIANBAO_DB") or DEFAULT_PATH)


def open_db(path: str | Path | None = None, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if need be) the archive at ``path`` and bring its schema up to date."""
    path = Path(path) if path else default_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute("PRAGMA journal_mode=wal")
    except (OSError, sqlite3.Error) as err:
        raise ArchiveError(f"cannot open the archive {path}: {err}") from None
    db.execute("PRAGMA foreign_keys=on")
    # WAL commits need no fsync of the main file; a crash loses at most the last transactions' durability,
    # never consistency, and the file stays valid.
    db.execute("PRAGMA synchronous=normal")
    register_functions(db)
    if migrate:
        apply_migrations(db)
    return db


@contextmanager
def transaction(db: sqlite_utils.Database):
    """One write transaction, taken with BEGIN IMMEDIATE so concurrent writers queue on the busy timeout
    instead of failing on a lock upgrade. Nested use joins the outer transaction."""
    if db.conn.in_transaction:
        yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    db.execute("COMMIT")
