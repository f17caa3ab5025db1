"""The one-report checks of shared/spec/checks.md, each a small named function.

Each check takes the record and returns one finding (or None) listing every failing row, column or
group in its evidence, so a clerk can redo the sum by hand. Relations are judged only on cells that
are present: a blank (null) or absent cell makes its relation unjudgeable, never a failure."""

from __future__ import annotations

from .narrative import narrative_mismatch
from .structure import blank_cells, empty_section, missing_section, outdated_format, period_mismatch
from .sums import appeals_sum, balance, negative_value, row_sum, total_sum

PARSE_CODES = ("image_only", "malformed_table", "missing_rows")
CHECKS = (
    balance,
    row_sum,
    total_sum,
    appeals_sum,
    negative_value,
    narrative_mismatch,
    missing_section,
    blank_cells,
    outdated_format,
    period_mismatch,
    empty_section,
)


def run_checks(record: dict) -> list[dict]:
    """The parse findings of the record and the finding of every check that fails, one per code."""
    findings = [f for f in record.get("findings", []) if f["code"] in PARSE_CODES]
    for check in CHECKS:
        finding = check(record)
        if finding:
            findings.append(finding)
    return findings
