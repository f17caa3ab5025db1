"""Deliveries of new alerts, per notification service: what was sent where, and what is still owed.

A service is named by a hash of its URL (``service_key``); a row per monitor run and service says
when it was last tried and, once it got through, when it was sent.

Example::

    record_attempt(db, [12], service_key(url), "json://10.0.0.5", run_id=13, now=now, sent=False)
    owed_monitor_runs(db, service_key(url))
    {12}
"""

from __future__ import annotations

import hashlib

import sqlite_utils

from . import transaction


def service_key(url: str) -> str:
    """A service's name in the archive, which `nianbao serve` shows to anyone: a URL may hold a mail
    password, so a slow, memory-hard hash (scrypt, ~16 MB) rather than a plain one that a dictionary of
    passwords could be run against quickly."""
    return hashlib.scrypt(url.encode(), salt=b"nianbao notify service", n=2**14, r=8, p=1, dklen=16).hex()


def owed_monitor_runs(db: sqlite_utils.Database, service: str) -> set[int]:
    """Monitor runs whose new alerts were tried on this service and did not get through."""
    return {
        run_id
        for (run_id,) in db.execute(
            "SELECT monitor_run_id FROM notifications WHERE service = ? AND sent_at IS NULL", [service]
        )
    }


def delivered_services(db: sqlite_utils.Database, monitor_run: int) -> set[str]:
    return {
        service
        for (service,) in db.execute(
            "SELECT service FROM notifications WHERE monitor_run_id = ? AND sent_at IS NOT NULL", [monitor_run]
        )
    }


def record_attempt(
    db: sqlite_utils.Database, monitor_runs, service: str, label: str, *, run_id: int, now: str, sent: bool
) -> None:
    """One sending of the monitor runs' alerts to one service: sent, or owed until the next try."""
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO notifications (monitor_run_id, service, label, run_id, attempted_at, sent_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (monitor_run_id, service) DO UPDATE SET"
            " label = excluded.label, run_id = excluded.run_id, attempted_at = excluded.attempted_at,"
            " sent_at = excluded.sent_at",
            [(m, service, label, run_id, now, now if sent else None) for m in sorted(monitor_runs)],
        )
