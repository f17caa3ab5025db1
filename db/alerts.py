"""Alerts across monitor runs: the writes (nianbao.monitor.alerts decides what they are).

An alert is one row per fingerprint (code + agency + year (+ report, or a subject such as a portal));
``alert_events`` keeps each change of state with the run and time, so an alert's history can be shown.

Example::

    states = alert_states(db)            # fingerprint -> AlertState
    acknowledge(db, 12, "已电话督促", now)
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlite_utils

from . import ArchiveError, transaction

PERSON_STATES = ("acknowledged", "dismissed")


@dataclass(frozen=True)
class AlertState:
    id: int
    status: str
    evidence_hash: str | None


def alert_states(db: sqlite_utils.Database) -> dict[str, AlertState]:
    return {
        fingerprint: AlertState(alert_id, status, evidence_hash)
        for alert_id, fingerprint, status, evidence_hash in db.execute(
            "SELECT id, fingerprint, status, evidence_hash FROM alerts"
        )
    }


ALERT_COLUMNS = (
    "code",
    "severity",
    "message",
    "agency_id",
    "year",
    "report_id",
    "subject",
    "evidence",
    "evidence_hash",
)


def insert_alerts(db: sqlite_utils.Database, rows: list[dict], run_id: int, now: str) -> None:
    """New alerts, open from this run on; each gets its ``opened`` event (set-based: a first run may open
    tens of thousands)."""
    db.conn.executemany(
        f"INSERT INTO alerts ({', '.join(ALERT_COLUMNS)}, fingerprint, status, first_seen, last_seen, opened_at,"
        f" opened_run_id, last_run_id) VALUES ({', '.join('?' * len(ALERT_COLUMNS))}, ?, 'open', ?, ?, ?, ?, ?)",
        [
            (
                *(json.dumps(row[c], ensure_ascii=False) if c == "evidence" else row[c] for c in ALERT_COLUMNS),
                row["fingerprint"],
                now,
                now,
                now,
                run_id,
                run_id,
            )
            for row in rows
        ],
    )
    db.execute(
        "INSERT INTO alert_events (alert_id, run_id, at, event, evidence_hash)"
        " SELECT id, ?, ?, 'opened', evidence_hash FROM alerts"
        " WHERE opened_run_id = ? AND id NOT IN (SELECT alert_id FROM alert_events)",
        [run_id, now, run_id],
    )


def refresh_alerts(db: sqlite_utils.Database, rows: list[dict], run_id: int, now: str) -> None:
    """Alerts seen again: last_seen moves on; message and evidence are this run's."""
    db.conn.executemany(
        "UPDATE alerts SET last_seen = ?, last_run_id = ?, message = ?, evidence = ?, evidence_hash = ? WHERE id = ?",
        [
            (
                now,
                run_id,
                row["message"],
                json.dumps(row["evidence"], ensure_ascii=False),
                row["evidence_hash"],
                row["id"],
            )
            for row in rows
        ],
    )


def touch_alerts(db: sqlite_utils.Database, alert_ids: list[int], run_id: int, now: str) -> None:
    """Alerts seen again with the same evidence: only last_seen moves on (the cheap path for most alerts)."""
    db.conn.executemany(
        "UPDATE alerts SET last_seen = ?, last_run_id = ? WHERE id = ?", [(now, run_id, i) for i in alert_ids]
    )


def reopen_alerts(db: sqlite_utils.Database, rows: list[dict], run_id: int, now: str) -> None:
    """Resolved alerts whose problem is back, and acknowledged or dismissed ones whose evidence changed."""
    refresh_alerts(db, rows, run_id, now)
    for row in rows:
        db.execute(
            "UPDATE alerts SET status = 'open', resolved_at = NULL, opened_at = ?, opened_run_id = ? WHERE id = ?",
            [now, run_id, row["id"]],
        )
        add_event(db, row["id"], run_id, now, "reopened", note=row["why"], evidence_hash=row["evidence_hash"])


def resolve_alerts(db: sqlite_utils.Database, alert_ids: list[int], run_id: int, now: str) -> None:
    """Alerts whose problem this run no longer finds."""
    db.conn.executemany(
        "UPDATE alerts SET status = 'resolved', resolved_at = ?, last_run_id = ? WHERE id = ?",
        [(now, run_id, i) for i in alert_ids],
    )
    db.conn.executemany(
        "INSERT INTO alert_events (alert_id, run_id, at, event) VALUES (?, ?, ?, 'resolved')",
        [(i, run_id, now) for i in alert_ids],
    )


def add_event(db, alert_id: int, run_id: int | None, at: str, event: str, note=None, evidence_hash=None) -> None:
    db.execute(
        "INSERT INTO alert_events (alert_id, run_id, at, event, note, evidence_hash) VALUES (?, ?, ?, ?, ?, ?)",
        [alert_id, run_id, at, event, note, evidence_hash],
    )


def set_by_person(db: sqlite_utils.Database, alert_id: int, status: str, note: str, now: str) -> dict:
    """A person acknowledges (``acknowledged``) or dismisses (``dismissed``) an alert, with a note."""
    assert status in PERSON_STATES
    with transaction(db):
        row = db.execute("SELECT status, evidence_hash FROM alerts WHERE id = ?", [alert_id]).fetchone()
        if row is None:
            raise ArchiveError(f"no alert {alert_id} (nianbao alerts --status all lists them)")
        db.execute("UPDATE alerts SET status = ?, note = ? WHERE id = ?", [status, note, alert_id])
        add_event(db, alert_id, None, now, status, note=note, evidence_hash=row[1])
    return {"id": alert_id, "was": row[0], "status": status}


def alerts_opened_by(db: sqlite_utils.Database, run_id: int) -> list[dict]:
    """Alerts the run opened or reopened and that are still open: what is new for the office."""
    return [
        {**row, "evidence": json.loads(row["evidence"] or "{}")}
        for row in db.query(
            "SELECT a.*, ag.name AS agency, ag.region FROM alerts a LEFT JOIN agencies ag ON ag.id = a.agency_id"
            " WHERE a.opened_run_id = ? AND a.status = 'open' ORDER BY a.id",
            [run_id],
        )
    ]


def latest_run_id(db: sqlite_utils.Database, kind: str) -> int | None:
    row = db.execute("SELECT max(id) FROM runs WHERE kind = ?", [kind]).fetchone()
    return row[0]


def replace_archive_findings(db: sqlite_utils.Database, rows: list[dict], run_id: int, now: str) -> None:
    """The archive-level findings are the latest run's: the previous run's make way (alerts keep history)."""
    db.execute("DELETE FROM findings WHERE scope = 'archive'")
    db.conn.executemany(
        "INSERT INTO findings (code, severity, message, report_id, agency_id, year, evidence, scope, run_id, found_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 'archive', ?, ?)",
        [
            (
                row["code"],
                row["severity"],
                row["message"],
                row["report_id"],
                row["agency_id"],
                row["year"],
                json.dumps(row["evidence"], ensure_ascii=False),
                run_id,
                now,
            )
            for row in rows
        ],
    )
