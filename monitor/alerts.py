"""Alerts across runs: what a monitor run's findings do to the alert list (db/alerts.py writes it).

- a finding no alert has yet opens one;
- a finding whose alert is open updates ``last_seen`` (and its evidence, when that changed);
- an open or acknowledged alert no finding supports any more is resolved (``resolved_at``): the report
  appeared, a corrected version was published; a resolved alert whose problem comes back reopens;
- an acknowledged alert stays quiet while its evidence is the same and reopens when it changes; a dismissed
  one (a false positive, kept with its reason) is never reopened by the same evidence either.

"The same evidence" is compared by ``evidence_hash``, over the evidence without what moves on its own from
run to run (the as-of date, the clock, the time a report was last fetched, how many crawls there were).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from nianbao.db import alerts as store
from nianbao.db import transaction

VOLATILE = {"as_of", "now", "gap_days", "crawls_of_portal", "last_crawl_started_at"}
VOLATILE |= {"last_seen", "fetched_at", "previous_fetched_at", "column"}
QUIET = ("acknowledged", "dismissed")


def evidence_hash(evidence: dict) -> str:
    payload = json.dumps(stable(evidence), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def stable(value):
    if isinstance(value, dict):
        return {k: stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [stable(v) for v in value]
    return value


@dataclass
class AlertChanges:
    opened: list[int] = field(default_factory=list)  # fingerprints' alert ids, filled after writing
    reopened: list[int] = field(default_factory=list)
    still_open: int = 0
    quiet: int = 0  # acknowledged or dismissed, same evidence
    resolved: list[int] = field(default_factory=list)
    by_code: dict[str, int] = field(default_factory=dict)  # new and reopened, by code


def alert_row(finding) -> dict:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "agency_id": finding.agency_id,
        "year": finding.year,
        "report_id": finding.report_id,
        "subject": finding.subject,
        "evidence": finding.evidence,
        "evidence_hash": evidence_hash(finding.evidence),
        "fingerprint": finding.fingerprint,
    }


def update_alerts(db, findings, run_id: int, now: str) -> AlertChanges:
    """Apply one run's findings to the alert list (one transaction)."""
    changes = AlertChanges()
    states = store.alert_states(db)
    new, refreshed, touched, reopened, seen = [], [], [], [], set()
    for finding in findings:
        row = alert_row(finding)
        if row["fingerprint"] in seen:
            continue  # two findings of one thing: the first speaks
        seen.add(row["fingerprint"])
        state = states.get(row["fingerprint"])
        if state is None:
            new.append(row)
        elif state.status == "resolved":
            reopened.append({**row, "id": state.id, "why": "the problem is found again"})
        elif state.status in QUIET and state.evidence_hash != row["evidence_hash"]:
            reopened.append({**row, "id": state.id, "why": f"evidence changed since it was {state.status}"})
        elif state.evidence_hash != row["evidence_hash"]:
            refreshed.append({**row, "id": state.id})
        else:
            touched.append(state.id)
            changes.quiet += state.status in QUIET
    gone = [s.id for fp, s in states.items() if fp not in seen and s.status in ("open", "acknowledged")]
    with transaction(db):
        store.insert_alerts(db, new, run_id, now)
        store.refresh_alerts(db, refreshed, run_id, now)
        store.touch_alerts(db, touched, run_id, now)
        store.reopen_alerts(db, reopened, run_id, now)
        store.resolve_alerts(db, gone, run_id, now)
    changes.opened = [a["id"] for a in store.alerts_opened_by(db, run_id) if a["fingerprint"] not in states]
    changes.reopened = [row["id"] for row in reopened]
    changes.still_open = len(refreshed) + len(touched) - changes.quiet
    changes.resolved = gone
    for row in new + reopened:
        changes.by_code[row["code"]] = changes.by_code.get(row["code"], 0) + 1
    return changes


def new_alerts(db, run_id: int | None = None) -> list[dict]:
    """The alerts the latest monitor run (or ``run_id``) opened or reopened, still open: what to send.

    Each is a dict of the ``alerts`` columns plus ``agency`` and ``region``, with ``evidence`` decoded."""
    run_id = run_id or store.latest_run_id(db, "monitor")
    return store.alerts_opened_by(db, run_id) if run_id else []


def acknowledge(db, alert_id: int, note: str, now: str) -> dict:
    return store.set_by_person(db, alert_id, "acknowledged", note, now)


def dismiss(db, alert_id: int, reason: str, now: str) -> dict:
    return store.set_by_person(db, alert_id, "dismissed", reason, now)
