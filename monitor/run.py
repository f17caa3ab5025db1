"""One monitor run: load the archive, run every check, write the findings, update the alert list, record
the run in ``runs`` (kind ``monitor``) with its counters.

Example::

    result = run_monitor(db, registry, as_of=date(2025, 4, 1), now=datetime.now(UTC))
    result.changes.opened, result.counts
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from nianbao.db import monitor as reads
from nianbao.db import transaction
from nianbao.db.alerts import replace_archive_findings
from nianbao.db.runs import finish_run, start_run

from nianbao.registry import store_registry

from .alerts import AlertChanges, update_alerts
from .checks import CHECKS, Context, Finding
from .deadlines import DeadlineRules, store_rules, stored_rules
from .view import ArchiveView

CODES = {c.code for c in CHECKS}  # the archive-level ones; one-report findings are already in `findings`


@dataclass
class MonitorResult:
    run_id: int
    findings: list[Finding]
    changes: AlertChanges

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(f.code for f in self.findings))


def run_monitor(
    db, registry=None, *, as_of: date, now: datetime, settings: dict | None = None, progress=None
) -> MonitorResult:
    """Run every check as of ``as_of`` (deadlines) and ``now`` (UTC, for crawl health); the caller owns the clock.
    The self-watch limits are ``settings`` if given, else the registry's [monitor] table (stored in the
    archive, so a run without a registry uses the last one's). ``progress(step)`` is told each step as it
    starts (a check's code, then ``alerts``)."""
    progress = progress or (lambda step: None)
    stamp = utc_iso(now)
    rules = DeadlineRules.from_registry(registry) if registry else stored_rules(db.conn)
    if registry:
        store_registry(db, registry, stamp)
        with transaction(db):
            store_rules(db, rules)
            reads.store_limits(db, registry.monitor)
    limits = settings if settings is not None else reads.stored_limits(db)
    options = {"as_of": as_of.isoformat(), "registry": str(registry.path) if registry and registry.path else None}
    run_id = start_run(db, "monitor", options)
    try:
        findings = all_findings(db, Context(as_of, now, rules, limits), progress)
        with transaction(db):
            replace_archive_findings(db, [archive_row(f) for f in findings if f.code in CODES], run_id, stamp)
        progress("alerts")
        changes = update_alerts(db, [f for f in findings if f.code not in NOT_ALERTS], run_id, stamp)
    except BaseException:
        finish_run(db, run_id, "failed", {})
        raise
    result = MonitorResult(run_id, findings, changes)
    finish_run(db, run_id, "ok", counters(result))
    return result


def all_findings(db, context: Context, progress) -> list[Finding]:
    view = ArchiveView(db)
    findings = []
    for check in CHECKS:
        progress(check.code)
        findings.extend(check.run(view, context))
    findings.extend(one_report_findings(view))
    return findings


# Findings that inform a reader but ask nothing of the office: which relations a blank cell or an older
# template left unjudged is no problem to act on (one-report and archive-level alike).
NOT_ALERTS = {"not_judged"}


def one_report_findings(view: ArchiveView) -> list[Finding]:
    """The one-report checks' findings of the reports a reader finds now (latest version at each URL)."""
    by_id = {r.id: r for r in view.reports}
    found = []
    for row in reads.report_findings(view.db, view.current_report_ids):
        if row["code"] in NOT_ALERTS:
            continue
        report = by_id[row["report_id"]]
        evidence = {
            **view.about(row["agency_id"], row["year"]),
            "url": report.url,
            "fetched_at": report.first_seen,
            **row["evidence"],
        }
        found.append(
            Finding(
                row["code"],
                row["message"] or row["code"],
                evidence,
                agency_id=row["agency_id"],
                year=row["year"],
                report_id=row["report_id"],
                severity=row["severity"],
            )
        )
    return found


def archive_row(finding: Finding) -> dict:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "report_id": finding.report_id,
        "agency_id": finding.agency_id,
        "year": finding.year,
        "evidence": finding.evidence,
    }


def counters(result: MonitorResult) -> dict:
    changes = result.changes
    return {
        "findings": len(result.findings),
        "by_code": result.counts,
        "opened": len(changes.opened),
        "reopened": len(changes.reopened),
        "still_open": changes.still_open,
        "quiet": changes.quiet,
        "resolved": len(changes.resolved),
    }


def utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
