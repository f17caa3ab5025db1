"""Archive-level checks (shared/spec/checks.md "Across the archive", plus the monitor watching itself).

Each check is a small named function ``check(view, context) -> iterable of Finding``, registered once with
its code and severity; its docstring's first line is its description (Spidermon's vocabulary: a stable
name, a sentence, a level; findings are data, not test failures). Checks never read the clock: the run's
``as_of`` date and ``now`` come in the context.

Example::

    [c.code for c in CHECKS]
    ['missing', 'late', 'backdated', ...]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from ..deadlines import DeadlineRules


@dataclass
class Finding:
    code: str
    message: str
    evidence: dict
    agency_id: int | None = None
    year: int | None = None
    report_id: int | None = None
    subject: str | None = None  # what it is about when no agency is: a portal, a crawl run
    severity: str = ""

    @property
    def fingerprint(self) -> str:
        """One alert per thing to look at: code + agency + year (+ report, + subject)."""
        parts = (self.code, self.agency_id, self.year, self.report_id, self.subject)
        return ":".join("" if part is None else str(part) for part in parts)


@dataclass(frozen=True)
class Context:
    as_of: date  # deadlines are judged against this day (Asia/Shanghai)
    now: datetime  # UTC: what "stale" and "missed" are measured from
    rules: DeadlineRules = DeadlineRules()
    settings: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    function: Callable
    description: str

    def run(self, view, context: Context) -> list[Finding]:
        findings = list(self.function(view, context))
        for finding in findings:
            finding.code, finding.severity = self.code, self.severity
        return findings


CHECKS: list[Check] = []


def check(code: str, severity: str):
    """Register a check under its code (checks.md) and severity; its docstring says what it flags."""

    def register(function: Callable[..., Iterable[Finding]]):
        description = (function.__doc__ or "").strip().splitlines()[0]
        CHECKS.append(Check(code, severity, function, description))
        return function

    return register


def finding(message: str, evidence: dict, **about) -> Finding:
    """A finding; the check that yields it fills in its code and severity."""
    return Finding(code="", message=message, evidence=evidence, **about)


# the modules register their checks on import, in the order of checks.md
from . import deadlines, consistency, versions, reachability, copied, system  # noqa: E402,F401,I001
