"""A consistent copy of the live archive: VACUUM INTO reads one snapshot (WAL), so a crawl may go on
writing meanwhile; the copy is compact and holds every table, index and search index.

Example::

    backup(db, "backups/nianbao-2025-03-01.db")
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from . import ArchiveError


def backup(db: sqlite_utils.Database, target: str | Path) -> Path:
    target = Path(target)
    if target.exists():
        raise ArchiveError(f"{target} already exists; a backup never overwrites a file")
    if not target.parent.is_dir():
        raise ArchiveError(f"no folder {target.parent} for the backup")
    db.execute("VACUUM INTO ?", [str(target)])
    return target
