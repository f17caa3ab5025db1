"""Who is who (cli-and-registry.md): a report is matched to an agency by its printed name or an alias,
after normalising spaces and full-width forms, within the portal's region. A name no entry matches
creates an agency with ``in_registry = 0``; nothing is ever attached to a merely similar name.

Example::

    agency_for(db, "西夏区 信访局", "宁夏回族自治区/银川市/西夏区", "2025-01-20T00:00:00Z")  # 3
"""

from __future__ import annotations

import re
import unicodedata

import sqlite_utils

SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The form names are compared in: full-width folded (NFKC), spaces dropped.

    >>> name_key("西夏区　信访局 ")
    '西夏区信访局'
    """
    return SPACES.sub("", unicodedata.normalize("NFKC", name))


def agency_for(db: sqlite_utils.Database, name: str | None, region: str | None, seen_at: str) -> int | None:
    """The id of the agency called ``name`` in ``region``, created (not in the registry) when unknown.

    Without a region (a researcher's own file), a name held by exactly one agency is that agency;
    a name several regions share goes to the region-less agency of that name."""
    if not name or not name.strip():
        return None
    matches = db.execute(
        "SELECT DISTINCT a.id, a.region FROM agency_names n JOIN agencies a ON a.id = n.agency_id WHERE n.name_key = ?",
        [name_key(name)],
    ).fetchall()
    if region is not None:
        in_region = [agency_id for agency_id, agency_region in matches if agency_region == region]
    elif len(matches) == 1:
        in_region = [matches[0][0]]
    else:
        in_region = [agency_id for agency_id, agency_region in matches if agency_region is None]
    if in_region:
        return in_region[0]
    return add_agency(db, name.strip(), region=region, first_seen=seen_at, in_registry=0)


def add_agency(db: sqlite_utils.Database, name: str, *, aliases=(), first_seen: str, **columns) -> int:
    """A new agency with its name and aliases as matching keys (the registry loader uses this too)."""
    agency_id = db["agencies"].insert({"name": name, "first_seen": first_seen, **columns}).last_pk
    add_names(db, agency_id, (name, *aliases))
    return agency_id


def register_agency(db: sqlite_utils.Database, name: str, *, aliases=(), seen_at: str, **columns) -> int:
    """A registry entry in the archive: the agency already known by its name or an alias in its region
    (perhaps discovered on a portal before it was registered) is updated and marked ``in_registry``;
    otherwise it is added. Returns its id."""
    keys = [name_key(n) for n in (name, *aliases)]
    known = db.execute(
        f"SELECT DISTINCT a.id FROM agency_names n JOIN agencies a ON a.id = n.agency_id"
        f" WHERE n.name_key IN ({','.join('?' * len(keys))}) AND a.region IS ? ORDER BY a.in_registry DESC, a.id",
        [*keys, columns.get("region")],
    ).fetchone()
    if not known:
        return add_agency(db, name, aliases=aliases, first_seen=seen_at, in_registry=1, **columns)
    agency_id = known[0]
    db["agencies"].update(agency_id, {"name": name, "in_registry": 1, **columns})
    add_names(db, agency_id, (name, *aliases))
    return agency_id


def add_names(db: sqlite_utils.Database, agency_id: int, names) -> None:
    """Names (as printed) an agency is matched by."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO agency_names (agency_id, name, name_key) VALUES (?, ?, ?)",
        [(agency_id, printed, name_key(printed)) for printed in names],
    )
