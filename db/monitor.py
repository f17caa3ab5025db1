"""What the monitor reads of the archive in bulk (one query per table, no per-report round trips), and the
few rows it writes besides alerts: listings for archives the crawler did not fill, and text signatures.

Example::

    reports = report_rows(db)          # every version of every report, without text or record
    cells = cell_values(db, ["requests.carried_over.total"])
"""

from __future__ import annotations

import json

import sqlite_utils

from . import transaction
from .archive import utc_now

# a start page with one of these outcomes could not be read (robots.txt forbidding it included)
FAILED_OUTCOMES = (
    "not_found",
    "soft_404",
    "blocked",
    "server_error",
    "timeout",
    "dns_error",
    "too_large",
    "disallowed",
)


def agency_rows(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT id, name, kind, region, portal, since, until, successor, in_registry FROM agencies"))


def report_rows(db: sqlite_utils.Database) -> list[tuple]:
    """Every report version: (id, agency_id, year, url, version, published_at, first_seen, last_seen,
    content_hash, sha256, first_fetch_id, format), oldest first."""
    return db.execute(
        "SELECT id, agency_id, year, url, version, published_at, first_seen, last_seen, content_hash, sha256,"
        " first_fetch_id, format FROM reports ORDER BY id"
    ).fetchall()


def cell_values(db: sqlite_utils.Database, keys: list[str], report_ids=None) -> dict[int, dict]:
    """report_id -> {key: value} for the cells named (values in force: corrections applied). The join walks
    the reports and seeks each (report_id, key) in the cells' primary key: no scan of the whole table."""
    values: dict[int, dict] = {}
    marks = ",".join("?" * len(keys))
    rows = db.execute(
        f"SELECT c.report_id, c.key, c.value FROM reports r CROSS JOIN cells c"
        f" ON c.report_id = r.id AND c.key IN ({marks})",
        keys,
    )
    for report_id, key, value in rows:
        if report_ids is None or report_id in report_ids:
            values.setdefault(report_id, {})[key] = value
    return values


def report_texts(db: sqlite_utils.Database, report_ids) -> dict[int, str]:
    found = {}
    ids = list(report_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = db.execute(f"SELECT id, text FROM reports WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        found.update({report_id: text or "" for report_id, text in rows})
    return found


def report_page_urls(db: sqlite_utils.Database) -> dict[int, set[str]]:
    """report_id -> every URL behind it (its article page and attachment), as the crawler linked them."""
    urls: dict[int, set[str]] = {}
    for report_id, url in db.execute(
        "SELECT rf.report_id, f.url FROM report_fetches rf JOIN fetches f ON f.id = rf.fetch_id"
    ):
        urls.setdefault(report_id, set()).add(url)
    return urls


def report_findings(db: sqlite_utils.Database, report_ids) -> list[dict]:
    """One-report findings (scope 'report') of the reports named."""
    wanted = set(report_ids)
    return [
        {**row, "evidence": json.loads(row["evidence"] or "{}")}
        for row in db.query(
            "SELECT code, severity, message, report_id, agency_id, year, evidence FROM findings WHERE scope = 'report'"
        )
        if row["report_id"] in wanted
    ]


def runs_of(db: sqlite_utils.Database, kind: str) -> list[dict]:
    """Runs of one kind (crawl, monitor, schedule …), oldest first, with their options and counters decoded."""
    return [
        {**row, "options": json.loads(row["options"] or "{}"), "counters": json.loads(row["counters"] or "{}")}
        for row in db.query("SELECT * FROM runs WHERE kind = ? ORDER BY started_at, id", [kind])
    ]


def list_fetches(db: sqlite_utils.Database) -> list[dict]:
    """Fetches of list pages (the annual-report columns) made by crawls."""
    return list(
        db.query(
            "SELECT id, url, fetched_at, status, outcome, reason, portal, run_id, referer FROM fetches"
            " WHERE role = 'list' AND run_id IS NOT NULL ORDER BY id"
        )
    )


def portal_report_fetches(db: sqlite_utils.Database) -> list[tuple]:
    """(portal, run_id, fetched_at) of every crawl fetch that gave a report."""
    return db.execute(
        "SELECT portal, run_id, fetched_at FROM fetches WHERE report_id IS NOT NULL AND portal IS NOT NULL"
    ).fetchall()


def listing_rows(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT run_id, list_url, url, title, listed_date, seen_at, portal FROM listings"))


def insert_listings(db: sqlite_utils.Database, rows: list[dict]) -> None:
    """Links seen on list pages (run_id, list_url, url, title, listed_date, seen_at, portal)."""
    with transaction(db):
        db["listings"].insert_all({"seen_at": utc_now(), **row} for row in rows)


def signed_report_ids(db: sqlite_utils.Database) -> list[int]:
    return [rid for (rid,) in db.execute("SELECT report_id FROM text_signatures")]


def signatures(db: sqlite_utils.Database, report_ids: set[int]) -> dict[int, tuple[int, bytes]]:
    """report_id -> (distinct shingles, MinHash bytes) of the report versions named that are signed."""
    return {
        rid: (n, blob)
        for rid, n, blob in db.execute("SELECT report_id, shingles, minhash FROM text_signatures")
        if rid in report_ids
    }


def store_signatures(db: sqlite_utils.Database, rows: list[tuple[int, int, bytes]]) -> None:
    with transaction(db):
        db.conn.executemany(
            "INSERT OR REPLACE INTO text_signatures (report_id, shingles, minhash) VALUES (?, ?, ?)", rows
        )


LIMIT_KEY = "limit:"  # monitor_settings keys of the [monitor] limits, beside grace_days


def store_limits(db: sqlite_utils.Database, limits: dict) -> None:
    """The registry's [monitor] limits, in place of the last ones (inside the caller's transaction)."""
    db.execute("DELETE FROM monitor_settings WHERE key LIKE ?", [LIMIT_KEY + "%"])
    db.conn.executemany(
        "INSERT INTO monitor_settings (key, value) VALUES (?, ?)",
        [(LIMIT_KEY + key, json.dumps(sorted(v) if isinstance(v, set) else v)) for key, v in limits.items()],
    )


def stored_limits(db: sqlite_utils.Database) -> dict:
    """The [monitor] limits the last monitor run with a registry stored (season_months as a set)."""
    rows = db.execute("SELECT key, value FROM monitor_settings WHERE key LIKE ?", [LIMIT_KEY + "%"])
    limits = {key.removeprefix(LIMIT_KEY): json.loads(value) for key, value in rows}
    if "season_months" in limits:
        limits["season_months"] = set(limits["season_months"])
    return limits


def cells_of(db: sqlite_utils.Database, report_ids) -> dict[int, dict]:
    """report_id -> every cell {key: value} of the reports named (a few: revised versions)."""
    values: dict[int, dict] = {}
    for report_id in report_ids:
        values[report_id] = dict(db.execute("SELECT key, value FROM cells WHERE report_id = ?", [report_id]))
    return values
