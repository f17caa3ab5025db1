"""The alert list in every format the oversight office and scripts use: a terminal table, CSV, JSON,
an Excel workbook (xlsx.py) and a static HTML page (html.py).

Files are written to a temporary file beside the target and renamed, so a reader never sees half a
file; an existing file is kept unless ``force``; the archive itself is never a target.

Example::

    alerts = listed_alerts(db, ["open"], "http://127.0.0.1:8001")
    write_alert_list(db, "xlsx", alerts, Path("提醒清单.xlsx"), "http://127.0.0.1:8001")
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from nianbao.db.alert_list import alert_rows

from nianbao.output_files import OutputRefused, atomic_output, refuse_unsafe_output

from .labels import KIND_NAMES, SEVERITY_NAMES, STATUS_NAMES, code_name

FORMATS = ("table", "csv", "json", "xlsx", "html")
DEFAULT_BASE_URL = "http://127.0.0.1:8001"
LIST_COLUMNS = (
    "id", "code", "code_name", "severity", "severity_name", "status", "status_name", "region", "agency",
    "agency_id", "subject", "about", "kind", "kind_name", "year", "message", "report_id", "report_title", "report_url",
    "published_at", "evidence_url", "original_url", "first_seen", "last_seen", "resolved_at", "note", "evidence",
)  # fmt: skip


def evidence_url(base_url: str, alert: dict) -> str:
    """The alert's evidence page under ``nianbao serve`` (monitor/outputs/plugin.py)."""
    return f"{base_url.rstrip('/')}/-/evidence/alert/{alert['id']}"


def report_page_url(base_url: str, report_id: int) -> str:
    return f"{base_url.rstrip('/')}/-/evidence/report/{report_id}"


def original_url(base_url: str, report_id: int) -> str:
    return f"{base_url.rstrip('/')}/-/evidence/report/{report_id}/original"


def subject_name(subject: str | None) -> str:
    """What an alert without an agency is about, in Chinese: a portal, a crawl run, the scheduler."""
    if not subject:
        return "—"
    kind, _, name = subject.partition(" ")
    return {"portal": f"门户 {name}", "run": f"抓取任务 {name}", "scheduler": "定时任务"}.get(kind, subject)


def listed(alert: dict, base_url: str) -> dict:
    """An alert as the lists show it: the archive's columns plus names in Chinese and the links."""
    return {
        "id": alert["id"],
        "code": alert["code"],
        "code_name": code_name(alert["code"]),
        "severity": alert["severity"],
        "severity_name": SEVERITY_NAMES.get(alert["severity"], alert["severity"]),
        "status": alert["status"],
        "status_name": STATUS_NAMES.get(alert["status"], alert["status"]),
        "region": alert["region"],
        "agency": alert["agency"],
        "agency_id": alert["agency_id"],
        "subject": alert["subject"],
        "about": alert["agency"] or subject_name(alert["subject"]),
        "kind": alert["kind"],
        "kind_name": KIND_NAMES.get(alert["kind"], alert["kind"]),
        "year": alert["year"],
        "message": alert["message"],
        "report_id": alert["report_id"],
        "report_title": alert["report_title"],
        "report_url": alert["report_url"],
        "published_at": alert["published_at"],
        "evidence_url": evidence_url(base_url, alert),
        "original_url": original_url(base_url, alert["report_id"]) if alert["report_id"] else None,
        "first_seen": alert["first_seen"],
        "last_seen": alert["last_seen"],
        "resolved_at": alert["resolved_at"],
        "note": alert["note"],
        "evidence": alert["evidence"],
    }


def listed_alerts(db, statuses, base_url: str = DEFAULT_BASE_URL) -> list[dict]:
    return [listed(alert, base_url) for alert in alert_rows(db, statuses)]


def format_of(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output's extension names, else a table."""
    if fmt:
        return fmt
    if output is None:
        return "table"
    suffix = output.suffix.lstrip(".").lower()
    suffix = {"htm": "html", "xls": "xlsx"}.get(suffix, suffix)
    if suffix not in FORMATS or suffix == "table":
        raise OutputRefused(f"cannot tell the format from {output.name!r}: give --format csv, json, xlsx or html")
    return suffix


def as_csv(alerts: list[dict]) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=LIST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for alert in alerts:
        writer.writerow({**alert, "evidence": json.dumps(alert["evidence"], ensure_ascii=False)})
    return stream.getvalue()


def as_json(alerts: list[dict]) -> str:
    return json.dumps(alerts, ensure_ascii=False, indent=1) + "\n"


def write_file(output: Path, write, force: bool = False, archive: Path | None = None) -> None:
    """``write(path)`` into a temporary file beside ``output``, then rename it over ``output``
    (nianbao.output_files: never the archive or an SQLite file, an existing file only with force)."""
    refuse_unsafe_output(output, archive, force)
    with atomic_output(output) as temporary:
        write(temporary)


def write_text(output: Path, text: str, force: bool = False, archive: Path | None = None, encoding="utf-8") -> None:
    write_file(output, lambda path: path.write_text(text, encoding=encoding), force, archive)


def render(db, fmt: str, alerts: list[dict], base_url: str) -> str:
    """The text formats: csv, json, html."""
    if fmt == "csv":
        return as_csv(alerts)
    if fmt == "json":
        return as_json(alerts)
    from .html import alert_page

    return alert_page(db, alerts, base_url)


def write_alert_list(
    db, fmt: str, alerts: list[dict], output: Path, base_url: str, force: bool = False, archive: Path | None = None
) -> None:
    if fmt == "xlsx":
        from .rates import region_rates
        from .xlsx import write_workbook

        write_file(output, lambda path: write_workbook(alerts, region_rates(db), path), force, archive)
        return
    # utf-8-sig for CSV: Excel, which a clerk opens it with, then reads the Chinese right
    write_text(output, render(db, fmt, alerts, base_url), force, archive, "utf-8-sig" if fmt == "csv" else "utf-8")


def print_alert_table(alerts: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    from .charts import short_region

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)  # piped into a file or a pager: no reason to squeeze
    table = Table(title=f"提醒 {len(alerts)} 条")
    for column in ("id", "地区", "机构", "年度", "问题", "程度", "状态"):
        table.add_column(column, no_wrap=True)
    table.add_column("说明", overflow="fold", ratio=1)
    styles = {"error": "red", "warning": "yellow", "info": "cyan"}
    for a in alerts:
        table.add_row(
            str(a["id"]),
            short_region(a["region"]),
            a["about"],
            str(a["year"] or ""),
            a["code_name"],
            f"[{styles.get(a['severity'], '')}]{a['severity_name']}[/]",
            a["status_name"],
            a["message"] or "",
        )
    console.print(table)
