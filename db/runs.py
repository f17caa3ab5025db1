"""Runs: each ingest, reparse, crawl, monitor, schedule or notify run is a row, opened when it starts and
closed with its counters when it ends (a killed run stays open, with no outcome). The kinds are
``RUN_KINDS``, each described in docs/codes.md; a run of another kind is refused.

Example::

    run_id = start_run(db, "ingest", {"paths": ["downloads/"]})
    finish_run(db, run_id, "ok", {"new": 3})
"""

from __future__ import annotations

import json

import sqlite_utils

from . import transaction
from .archive import utc_now

RUN_KINDS = ("ingest", "reparse", "crawl", "monitor", "schedule", "notify")


def start_run(db: sqlite_utils.Database, kind: str, options: dict | None = None, *, now: str | None = None) -> int:
    if kind not in RUN_KINDS:
        raise ValueError(f"run kind {kind!r} is none of {', '.join(RUN_KINDS)} (docs/codes.md)")
    with transaction(db):
        return (
            db["runs"]
            .insert(
                {"kind": kind, "started_at": now or utc_now(), "options": json.dumps(options or {}, ensure_ascii=False)}
            )
            .last_pk
        )


def finish_run(db: sqlite_utils.Database, run_id: int, outcome: str, counters: dict, *, now: str | None = None) -> None:
    with transaction(db):
        db.execute(
            "UPDATE runs SET finished_at = ?, outcome = ?, counters = ? WHERE id = ?",
            [now or utc_now(), outcome, json.dumps(counters, ensure_ascii=False), run_id],
        )
