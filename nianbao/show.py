"""Readable terminal output of records and findings (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from nianbao.parsing.record import flat_cells

console = Console()


def print_record(record: dict, with_checks: bool) -> None:
    """A summary of the record, then one line per finding with its message."""
    console.rule(f"[bold]{record.get('file')}", align="left")
    head = Table(show_header=False)
    for key in ("agency", "year", "format", "published_at", "period", "sections_found"):
        value = record.get(key)
        head.add_row(key, ", ".join(map(str, value)) if isinstance(value, list) else str(value))
    cells = flat_cells(record)
    head.add_row(
        "cells", f"{sum(v is not None for v in cells.values())} read, {sum(v is None for v in cells.values())} blank"
    )
    console.print(head)
    findings = record.get("findings", [])
    if not findings:
        console.print("  no findings" if with_checks else "  nothing found while parsing")
        return
    table = Table("code", "severity", "what", show_lines=False)
    for finding in findings:
        table.add_row(finding["code"], finding["severity"], finding["message"])
    console.print(table)


def print_summary(records: list[dict]) -> None:
    """How many reports were read and how many of them each finding code concerns."""
    counts: dict[str, int] = {}
    for record in records:
        for code in {f["code"] for f in record.get("findings", [])}:
            counts[code] = counts.get(code, 0) + 1
    console.rule("[bold]summary", align="left")
    summary = Table("finding", "reports")
    for code, count in sorted(counts.items(), key=lambda item: -item[1]):
        summary.add_row(code, str(count))
    console.print(f"{len(records)} reports read")
    if counts:
        console.print(summary)
