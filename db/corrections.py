"""A person's correction of one cell (a scan read by hand, a misprint): kept with who, when and why,
applied over the parsed value in ``cells`` (``corrected = 1``), and applied again after every reparse.

Example::

    correct_cell(db, 3, "requests.new_received.total", 12, note="扫描件人工核对", made_by="li")
    # Correction(report_id=3, key='requests.new_received.total', previous=None, value=12)
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import sqlite_utils

from . import ArchiveError, transaction
from .archive import Recheck, apply_corrections, recheck_findings, utc_now


@dataclass
class Correction:
    report_id: int
    key: str
    previous: float | int | None
    value: float | int | None


def correct_cell(
    db: sqlite_utils.Database,
    report_id: int,
    key: str,
    value,
    *,
    note: str,
    made_by: str | None = None,
    now: str | None = None,
    cell_keys: Collection[str] | None = None,
    recheck: Recheck | None = None,
) -> Correction:
    """Record the correction and apply it; ArchiveError for an unknown report or a key that is no cell.

    ``cell_keys`` are the keys a report may hold (the templates', which the parse stage knows and hands
    in); without them a key is known when some archived report has that cell. ``recheck(record,
    corrected)`` (the checks, handed in) recomputes the report's findings on its corrected cells."""
    with transaction(db):
        if not db.execute("SELECT 1 FROM reports WHERE id = ?", [report_id]).fetchone():
            raise ArchiveError(f"no report {report_id} in the archive")
        previous = db.execute("SELECT value FROM cells WHERE report_id = ? AND key = ?", [report_id, key]).fetchone()
        if previous is None and not known_key(db, key, cell_keys):
            raise ArchiveError(f"{key!r} is not a cell key (e.g. requests.new_received.total)")
        db["corrections"].insert(
            {
                "report_id": report_id,
                "key": key,
                "value": value,
                "note": note,
                "made_at": now or utc_now(),
                "made_by": made_by,
            }
        )
        apply_corrections(db, report_id)
        if recheck:
            recheck_findings(db, report_id, recheck, now=now)
    return Correction(report_id, key, previous[0] if previous else None, value)


def known_key(db: sqlite_utils.Database, key: str, cell_keys: Collection[str] | None) -> bool:
    if cell_keys is not None:
        return key in cell_keys
    return db.execute("SELECT 1 FROM cells WHERE key = ? LIMIT 1", [key]).fetchone() is not None
