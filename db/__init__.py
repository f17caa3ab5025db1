"""The archive: schema, migrations and the only code that writes SQL (besides the scheduler's job store).

``open_db(path)`` gives a ready :class:`sqlite_utils.Database`: parent folder created, WAL on, foreign
keys on, a busy timeout so a reader or a second writer waits instead of failing, migrations applied.

Example::

    db = open_db("db/nianbao.db")
    db["reports"].count
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from .migrations import apply_migrations, register_functions

DEFAULT_PATH = Path("db") / "nianbao.db"
BUSY_TIMEOUT_SECONDS = 60


class ArchiveError(Exception):
    """Bad input for the archive (missing folder, unknown report …): one line, shown as is."""


def default_path() -> Path:
    """$NIANBAO_DB, or db/nianbao.db under the current directory."""
    return Path(os.environ.get("NIANBAO_DB") or DEFAULT_PATH)


def open_db(path: str | Path | None = None, *, migrate: bool = True, read_only: bool = False) -> sqlite_utils.Database:
    """Open (creating if need be) the archive at ``path`` and bring its schema up to date.

    ``read_only`` is for readers (search, export, backup): a ``mode=ro`` connection that sees each
    committed state of a file crawls keep writing, and cannot write to it."""
    path = Path(path) if path else default_path()
    if read_only:
        return open_read_only(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute("PRAGMA journal_mode=wal")
    except (OSError, sqlite3.Error) as err:
        raise ArchiveError(f"cannot open the archive {path}: {err}") from None
    refuse_foreign_file(db, path)
    db.execute("PRAGMA foreign_keys=on")
    # WAL commits need no fsync of the main file; a crash loses at most the last transactions' durability,
    # never consistency, and the file stays valid.
    db.execute("PRAGMA synchronous=normal")
    register_functions(db)
    if migrate:
        apply_migrations(db)
    return db


def refuse_foreign_file(db: sqlite_utils.Database, path: Path) -> None:
    """Another program's SQLite file is never turned into an archive."""
    from .migrations import schema_version

    if schema_version(db) == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        db.close()
        raise ArchiveError(f"{path} is an SQLite file of another program, not a nianbao archive")


def open_read_only(path: Path) -> sqlite_utils.Database:
    from .migrations import migrations, schema_version

    if not path.is_file():
        raise ArchiveError(f"no archive at {path}")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        version = schema_version(db)
    except sqlite3.Error as err:
        raise ArchiveError(f"cannot read the archive {path}: {err}") from None
    if version == 0:
        db.close()
        raise ArchiveError(f"{path} is not a nianbao archive (nianbao ingest or crawl makes one)")
    if version < len(migrations.pending(db)) + len(migrations.applied(db)):
        db.close()
        open_db(path).close()  # an archive made by an older nianbao is upgraded once, then read
        return open_read_only(path)
    register_functions(db)
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
