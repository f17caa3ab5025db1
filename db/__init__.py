"""The archive: schema, migrations and the only code that writes SQL (besides the scheduler's job store).

``open_db(path)`` gives a ready :class:`sqlite_utils.Database`: parent folder created, WAL on, foreign
keys on, a busy timeout so a reader or a second writer waits instead of failing, migrations applied.

Example::

    db = open_db("db/nianbao.db")
    db["reports"].count
"""

from __future__ import annotations

import fcntl
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


def open_db(
    path: str | Path | None = None, *, migrate: bool = True, read_only: bool = False, threads: bool = False
) -> sqlite_utils.Database:
    """Open (creating if need be) the archive at ``path`` and bring its schema up to date.

    ``threads``: the connection may be used from more than one thread; the caller lets one at a time
    (the crawl's store holds a lock around each use).

    ``read_only`` is for readers (search, export, backup): a ``mode=ro`` connection that sees each
    committed state of a file crawls keep writing, and cannot write to it.

    Nothing is changed in a file before it is known to be ours: a FIFO, a device, another program's
    SQLite file or a damaged archive is refused with one line, untouched. Processes that start together
    on a new archive, or on one that needs a migration, take turns (a lock beside the file): the first
    creates or migrates, the others wait and then find it done."""
    path = Path(path) if path else default_path()
    if read_only:
        return open_read_only(path)
    refuse_what_is_not_an_archive_file(path, may_be_new=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = connect(path, threads=threads)
        if migrate and needs_migration(db):
            with creation_lock(path):
                refuse_foreign_file(db, path)
                enable_wal(db, path)
                apply_migrations(db)
        else:
            refuse_foreign_file(db, path)
            enable_wal(db, path)
        refuse_damaged_file(db, path, "quick_check")
    except (OSError, sqlite3.Error) as err:
        raise archive_error(path, err) from None
    return db


def archive_error(path: Path, err: Exception) -> ArchiveError:
    """One line for a failure to open: damage (with how to recover) told apart from the rest."""
    if isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.OperationalError):
        return ArchiveError(damaged_message(path, str(err)))
    return ArchiveError(f"cannot open the archive {path}: {err}")


def connect(path: Path, uri: str | None = None, threads: bool = False) -> sqlite_utils.Database:
    conn = sqlite3.connect(uri or str(path), uri=bool(uri), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=not threads)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys=on")
    register_functions(db)
    return db


def enable_wal(db: sqlite_utils.Database, path: Path) -> None:
    """WAL lets readers see every commit while a crawl writes. WAL commits need no fsync of the main file;
    a crash loses at most the last transactions' durability, never consistency."""
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.execute("PRAGMA journal_mode=wal")
    db.execute("PRAGMA synchronous=normal")


def needs_migration(db: sqlite_utils.Database) -> bool:
    from .migrations import latest_version, schema_version

    return schema_version(db) < latest_version()


@contextmanager
def creation_lock(path: Path):
    """An exclusive lock on ``<archive>.lock`` while the schema is created or migrated. SQLite's own locks
    cannot serve: switching to WAL and each migration's transaction are separate steps that another
    process could interleave. (A lock file, not a lock on the archive itself: closing any descriptor of
    the archive would drop the POSIX locks SQLite holds on it in this process.)"""
    with open(f"{path}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


SQLITE_HEADER = b"SQLite format 3\x00"


def refuse_what_is_not_an_archive_file(path: Path, may_be_new: bool) -> None:
    """A path that cannot be an archive is refused before SQLite opens (and so changes) anything."""
    if not path.exists():
        if may_be_new:
            return
        raise ArchiveError(f"no archive at {path}")
    if not path.is_file():
        raise ArchiveError(f"{path} is not a file, so it cannot be an archive")
    if not os.access(path, os.R_OK):
        raise ArchiveError(f"cannot read {path}: permission denied")
    with open(path, "rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if not header:
        if may_be_new:
            return  # an empty file (touch db/nianbao.db) becomes a new archive
        raise ArchiveError(f"{path} is empty, not a nianbao archive")
    if header != SQLITE_HEADER:
        raise ArchiveError(f"{path} is not an SQLite file, so not a nianbao archive")


def refuse_foreign_file(db: sqlite_utils.Database, path: Path) -> None:
    """Another program's SQLite file is never turned into an archive."""
    from .migrations import schema_version

    if schema_version(db) == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        db.close()
        raise ArchiveError(f"{path} is an SQLite file of another program, not a nianbao archive")


def refuse_damaged_file(db: sqlite_utils.Database, path: Path, check: str = "quick_check") -> None:
    """A damaged archive is refused before anything is written to it, with how to recover. Writers run
    ``quick_check`` on open (about 0.8 s a GB of archive, warm), backup the full ``integrity_check``."""
    try:
        problems = [row[0] for row in db.execute(f"PRAGMA {check}(3)").fetchall()]
    except sqlite3.DatabaseError as err:  # damage can stop the check itself
        problems = [str(err)]
    if problems != ["ok"]:
        db.close()
        raise ArchiveError(damaged_message(path, "; ".join(problems)))


def damaged_message(path: Path, detail: str) -> str:
    detail = " ".join(detail.split())  # SQLite's report spans lines; the message is one
    return (
        f"the archive {path} is damaged ({detail[:200]}); recover what is readable into a new file with"
        f" `sqlite3 {path} .recover | sqlite3 recovered.db` and use that"
    )


def open_read_only(path: Path) -> sqlite_utils.Database:
    from .migrations import schema_version

    refuse_what_is_not_an_archive_file(path, may_be_new=False)
    try:
        try:
            db = connect(path, f"{path.resolve().as_uri()}?mode=ro")
            version = schema_version(db)
        except sqlite3.OperationalError:
            db = open_on_read_only_storage(path)
            version = schema_version(db)
    except sqlite3.Error as err:
        raise archive_error(path, err) from None
    if version == 0:
        db.close()
        raise ArchiveError(f"{path} is not a nianbao archive (nianbao ingest or crawl makes one)")
    if needs_migration(db):
        db.close()
        open_db(path).close()  # an archive made by an older nianbao is upgraded once, then read
        return open_read_only(path)
    # No quick_check here: it reads the whole file (about 0.8 s a GB), and a reader changes nothing;
    # damage it meets on the way is one line too (nianbao.cli).
    return db


def open_on_read_only_storage(path: Path) -> sqlite_utils.Database:
    """A WAL archive on read-only storage (a mounted copy, a CD): mode=ro needs to write the -shm file and
    cannot; nobody writes there, so the file is immutable for us."""
    db = connect(path, f"{path.resolve().as_uri()}?immutable=1")
    db.execute("SELECT count(*) FROM sqlite_master")  # fails here, not later, when the file is unreadable
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
