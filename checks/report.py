"""The one-report checks of shared/spec/checks.md, each a small named function registered with
``@check`` (checks/finding.py).

Each check takes the record and returns one finding (or None) listing every failing row, column or
group in its evidence, so a clerk can redo the sum by hand. Relations are judged only on cells that
are present: a blank (null) or absent cell makes its relation unjudgeable, never a failure."""

from __future__ import annotations

from nianbao.parsing.findings import FINDING_KINDS, PARSE_CODES, SEVERITIES

from . import narrative, structure, sums  # noqa: F401  (imported for their @check registrations)
from .facts import Facts
from .finding import CHECKS

# Errors first, then warnings, then information; in registration order within each.
ORDERED_CHECKS = sorted(CHECKS, key=lambda check: SEVERITIES.index(FINDING_KINDS[check.code].severity))


def run_checks(record: dict) -> list[dict]:
    """The parse findings of the record and the finding of every check that fails, one per code."""
    findings = [f for f in record.get("findings", []) if f["code"] in PARSE_CODES]
    facts = Facts(record)
    for check in ORDERED_CHECKS:
        finding = check(record, facts)
        if finding:
            findings.append(finding)
    return findings
