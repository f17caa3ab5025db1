"""Writing the panel (db/panel.py) as CSV, JSON or an Excel workbook.

Example::

    write_panel(db, "xlsx", Path("panel.xlsx"))  # 212 (rows written)
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from nianbao.db.panel import PANEL_COLUMNS, corrections_by_report, panel_rows

CORRECTED_FILL = "FFF2CC"  # pale yellow: a person's value, not the parser's


def write_panel(db, fmt: str, output: Path | None) -> int:
    """Write the panel; returns the number of rows."""
    rows = panel_rows(db)
    if fmt == "xlsx":
        write_xlsx(rows, corrections_by_report(db), output)
    elif fmt == "json":
        write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", output)
    else:
        write_csv(rows, output)
    return len(rows)


def write_text(text: str, output: Path | None) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def write_csv(rows: list[dict], output: Path | None) -> None:
    # utf-8-sig so that Excel, which researchers will open it with, reads the Chinese right
    stream = output.open("w", newline="", encoding="utf-8-sig") if output else sys.stdout
    try:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]) if rows else header())
        writer.writeheader()
        writer.writerows(rows)
    finally:
        if output:
            stream.close()


def header() -> list[str]:
    return [
        "agency",
        "region",
        "kind",
        "year",
        *PANEL_COLUMNS,
        "report_url",
        "published_at",
        "report_id",
        "version",
        "versions",
        "format",
        "corrected",
    ]


def write_xlsx(rows: list[dict], notes: dict, output: Path) -> None:
    """Sheet 'panel' (corrected cells highlighted, the note as a comment) and sheet 'columns' (说明)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "panel"
    columns = list(rows[0]) if rows else header()
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "E2"
    fill = PatternFill("solid", fgColor=CORRECTED_FILL)
    for row in rows:
        sheet.append([row[column] for column in columns])
        for column, lines in notes.get(row["report_id"], {}).items():
            cell = sheet.cell(row=sheet.max_row, column=columns.index(column) + 1)
            cell.fill = fill
            cell.comment = Comment("corrected by hand:\n" + "\n".join(lines), "nianbao")
    legend = book.create_sheet("columns")
    legend.append(["column", "中文", "meaning"])
    for column, (chinese, english, _) in PANEL_COLUMNS.items():
        legend.append([column, chinese, english])
    legend.append(["corrected", "人工更正", "columns whose value a person corrected (highlighted in 'panel')"])
    book.save(output)
