"""The shape of a finding: code and severity from checks.md, a readable message, evidence."""

from __future__ import annotations

SEVERITY = {
    "balance": "error",
    "row_sum": "error",
    "total_sum": "error",
    "appeals_sum": "error",
    "negative_value": "error",
    "narrative_mismatch": "warning",
    "missing_section": "warning",
    "missing_rows": "warning",
    "malformed_table": "warning",
    "blank_cells": "info",
    "outdated_format": "warning",
    "period_mismatch": "warning",
    "image_only": "warning",
    "empty_section": "info",
}


def finding(code: str, message: str, **evidence) -> dict:
    return {"code": code, "severity": SEVERITY[code], "message": message, "evidence": evidence}
