"""A consistent copy of the live archive: VACUUM INTO reads one snapshot (WAL), so a crawl may go on
writing meanwhile; the copy is compact and holds every table, index and search index.

Example::

    backup(db, "backups/nianbao-2025-03-01.db")
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from . import ArchiveError, refuse_damaged_file


def backup(db: sqlite_utils.Database, target: str | Path) -> Path:
    target = Path(target)
    if target.exists():
        raise ArchiveError(f"{target} already exists; a backup never overwrites a file")
    if not target.parent.is_dir():
        raise ArchiveError(f"no folder {target.parent} for the backup")
    source = Path(db.execute("PRAGMA database_list").fetchone()[2])
    refuse_damaged_file(db, source, "integrity_check")  # a backup must not copy damage silently
    db.execute("VACUUM INTO ?", [str(target)])
    return target
