"""One-report checks (shared/spec/checks.md): small named functions over one record.

``run_checks(record)`` returns the parse findings plus every check's finding, one per code."""

from .report import run_checks

__all__ = ["run_checks"]
