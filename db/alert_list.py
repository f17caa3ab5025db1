"""Reading alerts and what stands behind them, for the alert lists and evidence pages (monitor/outputs).

Read-only: every function takes a :class:`sqlite_utils.Database`, which may wrap a ``mode=ro``
connection (the CLI's reader, or one of Datasette's connections).

Example::

    [a["code"] for a in alert_rows(db, ["open"])]
    ['missing', 'balance']
"""

from __future__ import annotations

import json

import sqlite_utils

from .archive import blob_bytes

STATUSES = ("open", "acknowledged", "dismissed", "resolved")

ALERT_SQL = """
SELECT al.id, al.code, al.severity, al.status, al.message, a.name AS agency, a.region, a.kind, al.year,
       al.agency_id, al.report_id, r.title AS report_title, r.url AS report_url, r.published_at,
       al.first_seen, al.last_seen, al.resolved_at, al.note, al.subject, al.evidence
FROM alerts al LEFT JOIN agencies a ON a.id = al.agency_id LEFT JOIN reports r ON r.id = al.report_id
"""
ORDER = " ORDER BY a.region IS NULL, a.region, a.name, al.year, CASE al.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, al.code, al.id"


def with_evidence(row: dict) -> dict:
    return {**row, "evidence": json.loads(row["evidence"]) if row["evidence"] else {}}


def alert_rows(db: sqlite_utils.Database, statuses=STATUSES) -> list[dict]:
    """Alerts of the given statuses, by region, agency, year and severity; evidence as an object."""
    marks = ", ".join("?" for _ in statuses)
    return [with_evidence(row) for row in db.query(f"{ALERT_SQL} WHERE al.status IN ({marks}){ORDER}", list(statuses))]


def alert_row(db: sqlite_utils.Database, alert_id: int) -> dict | None:
    rows = list(db.query(f"{ALERT_SQL} WHERE al.id = ?", [alert_id]))
    return with_evidence(rows[0]) if rows else None


def alerts_of_report(db: sqlite_utils.Database, report_id: int) -> list[dict]:
    return [with_evidence(row) for row in db.query(f"{ALERT_SQL} WHERE al.report_id = ?{ORDER}", [report_id])]


def report_row(db: sqlite_utils.Database, report_id: int) -> dict | None:
    """The report with its agency, record (parsed JSON) and cells in force (corrections applied)."""
    rows = list(
        db.query(
            """SELECT r.id, r.agency_id, a.name AS agency, a.region, a.kind, r.year, r.title, r.url, r.format,
                      r.published_at, r.first_seen, r.last_seen, r.version, r.sha256, r.record
               FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id WHERE r.id = ?""",
            [report_id],
        )
    )
    if not rows:
        return None
    report = {**rows[0], "record": json.loads(rows[0]["record"])}
    report["cells"] = {c["key"]: c for c in db.query("SELECT * FROM cells WHERE report_id = ?", [report_id])}
    report["versions"] = list(
        db.query(
            "SELECT id, version, first_seen FROM reports WHERE agency_id IS ? AND year IS ? AND url = ? ORDER BY version",
            [report["agency_id"], report["year"], report["url"]],
        )
    )
    return report


def report_fetches(db: sqlite_utils.Database, report_id: int) -> list[dict]:
    """Every fetch behind a report (article page, attachment, local file), oldest first."""
    return list(
        db.query(
            """SELECT f.id, f.url, f.fetched_at, f.status, f.outcome, f.content_type, f.size, f.sha256,
                      coalesce(rf.role, f.role) AS role
               FROM fetches f LEFT JOIN report_fetches rf ON rf.fetch_id = f.id AND rf.report_id = ?
               WHERE f.report_id = ? OR rf.report_id IS NOT NULL
               ORDER BY f.fetched_at, f.id""",
            [report_id, report_id],
        )
    )


def original_bytes(db: sqlite_utils.Database, report_id: int) -> tuple[bytes, str | None, str | None] | None:
    """The report's raw bytes as archived, with the content type and file name of the fetch that brought them."""
    rows = list(
        db.query(
            """SELECT r.sha256, f.content_type, f.file_name, f.url FROM reports r
               LEFT JOIN fetches f ON f.sha256 = r.sha256 WHERE r.id = ? ORDER BY f.id LIMIT 1""",
            [report_id],
        )
    )
    if not rows:
        return None
    row = rows[0]
    return blob_bytes(db, row["sha256"]), row["content_type"], row["file_name"] or row["url"]


def reporting_by_region_year(db: sqlite_utils.Database) -> list[dict]:
    """How many agencies of each region published a report on each year (any version)."""
    return list(
        db.query(
            """SELECT a.region, r.year, count(DISTINCT r.agency_id) AS reported
               FROM reports r JOIN agencies a ON a.id = r.agency_id
               WHERE r.year IS NOT NULL GROUP BY a.region, r.year"""
        )
    )


def alert_facts(db: sqlite_utils.Database) -> list[dict]:
    """One row per alert a person has not dismissed: region, year, agency, code, severity, status."""
    return list(
        db.query(
            """SELECT a.region, al.year, al.agency_id, al.code, al.severity, al.status
               FROM alerts al LEFT JOIN agencies a ON a.id = al.agency_id WHERE al.status != 'dismissed'"""
        )
    )


def notified_monitor_runs(db: sqlite_utils.Database) -> set[int]:
    """Monitor runs whose new alerts were sent (a ``notify`` run that ended ``ok`` names them)."""
    return {
        row["monitor_run"]
        for row in db.query(
            "SELECT json_extract(options, '$.monitor_run') AS monitor_run FROM runs WHERE kind = 'notify' AND outcome = 'ok'"
        )
    }
