"""The registry of finding codes: each code's severity and description are registered once, here, and
every finding is made through :func:`make_finding`, so a code cannot carry two severities.

Parsing registers the three codes it finds itself; ``nianbao.checks`` registers each check with its
``@check`` decorator (description from the docstring, the way Spidermon's monitors take theirs), so
both see one table without parsing importing the checks.

    >>> make_finding("missing_rows", "standard rows absent: requests.granted", missing=["requests.granted"])
    {'code': 'missing_rows', 'severity': 'warning', 'message': 'standard rows absent: requests.granted', 'evidence': {'missing': ['requests.granted']}}
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class FindingKind:
    code: str
    severity: str
    description: str


FINDING_KINDS: dict[str, FindingKind] = {}


def register_finding(code: str, severity: str, description: str) -> FindingKind:
    """Register a code once; registering it again with another severity or description is a bug."""
    kind = FindingKind(code, severity, " ".join(description.split()))
    if severity not in SEVERITIES:
        raise ValueError(f"{code}: severity {severity!r} is none of {SEVERITIES}")
    if FINDING_KINDS.setdefault(code, kind) != kind:
        raise ValueError(f"finding code {code!r} is registered twice, differently")
    return kind


def make_finding(code: str, message: str, **evidence) -> dict:
    """A finding of a registered code: {code, severity, message, evidence}."""
    return {"code": code, "severity": FINDING_KINDS[code].severity, "message": message, "evidence": evidence}


# The findings parsing makes itself (shared/spec/checks.md).
PARSE_CODES = tuple(
    register_finding(code, "warning", description).code
    for code, description in (
        ("image_only", "The report's tables are only pictures or a scan: nothing to check, a person must read it."),
        (
            "malformed_table",
            "A row has more or fewer cells than the template, so its values cannot be placed with certainty.",
        ),
        ("missing_rows", "Standard rows or whole tables are absent."),
    )
)
