"""A person's correction of one cell (a scan read by hand, a misprint): kept with who, when and why,
applied over the parsed value in ``cells`` (``corrected = 1``), and applied again after every reparse.

    >>> correct_cell(db, 3, "requests.new_received.total", 12, note="扫描件人工核对", made_by="li")
    Correction(report_id=3, key='requests.new_received.total', previous=None, value=12)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from . import ArchiveError, transaction
from .archive import apply_corrections, utc_now

CELL_KEY = re.compile(r"^(active|requests|appeals)\.[a-z_]+\.[a-z_]+$")


@dataclass
class Correction:
    report_id: int
    key: str
    previous: float | int | None
    value: float | int | None


def correct_cell(
    db: sqlite_utils.Database, report_id: int, key: str, value, *, note: str, made_by: str | None = None
) -> Correction:
    """Record the correction and apply it; ArchiveError for an unknown report or a key that is no cell."""
    with transaction(db):
        if not db.execute("SELECT 1 FROM reports WHERE id = ?", [report_id]).fetchone():
            raise ArchiveError(f"no report {report_id} in the archive")
        previous = db.execute("SELECT value FROM cells WHERE report_id = ? AND key = ?", [report_id, key]).fetchone()
        if previous is None and not CELL_KEY.match(key):
            raise ArchiveError(f"{key!r} is not a cell key (e.g. requests.new_received.total)")
        db["corrections"].insert(
            {"report_id": report_id, "key": key, "value": value, "note": note, "made_at": utc_now(), "made_by": made_by}
        )
        apply_corrections(db, report_id)
    return Correction(report_id, key, previous[0] if previous else None, value)
