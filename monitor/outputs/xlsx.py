"""The Excel workbook a clerk opens: sheet 提醒清单 (one row per alert, names in Chinese, severity
colours, filters, frozen header, links to the report and to its evidence page), sheet 按地区汇总 (on-time
and defect rates by region and year, with a sentence ready for the 通报) and sheet 说明 (the legend)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .labels import CODE_NAMES, SEVERITY_COLOURS, SEVERITY_NAMES, STATUS_NAMES
from .rates import percent

SHANGHAI = ZoneInfo("Asia/Shanghai")
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
# one style object each, shared by every cell: openpyxl compares each new one against all it knows
SEVERITY_FILLS = {severity: PatternFill("solid", fgColor=colour) for severity, colour in SEVERITY_COLOURS.items()}
WRAPPED = Alignment(wrap_text=True, vertical="top")

# (header, width, value of a listed alert)
ALERT_COLUMNS = (
    ("编号", 7, lambda a: a["id"]),
    ("地区", 28, lambda a: a["region"]),
    ("机构", 26, lambda a: a["about"]),
    ("类别", 9, lambda a: a["kind_name"]),
    ("年度", 7, lambda a: a["year"]),
    ("问题", 20, lambda a: a["code_name"]),
    ("严重程度", 9, lambda a: a["severity_name"]),
    ("状态", 8, lambda a: a["status_name"]),
    ("说明", 60, lambda a: a["message"]),
    ("发布日期", 11, lambda a: a["published_at"]),
    ("首次发现（北京时间）", 17, lambda a: local_time(a["first_seen"])),
    ("最近发现（北京时间）", 17, lambda a: local_time(a["last_seen"])),
    ("原文链接", 12, lambda a: "打开原文" if a["report_url"] else None),
    ("存档证据", 12, lambda a: "查看证据"),
    ("处理说明", 24, lambda a: a["note"]),
    ("代码", 16, lambda a: a["code"]),
)
LINKS = {"原文链接": "report_url", "存档证据": "evidence_url"}

RATE_COLUMNS = (
    ("地区", 28, "region"),
    ("年度", 7, "year"),
    ("应公开单位", 11, "due"),
    ("已发布", 8, "reported"),
    ("按时发布", 9, "on_time"),
    ("逾期发布", 9, "late"),
    ("未发布", 8, "missing"),
    ("按时发布率", 11, "on_time_rate"),
    ("内容有问题的报告", 15, "defective"),
    ("问题报告比例", 12, "defect_rate"),
)


def local_time(utc_iso: str | None) -> str | None:
    """A UTC ISO 8601 time as Beijing time to the minute (what the office reads)."""
    if not utc_iso:
        return None
    moment = datetime.fromisoformat(utc_iso.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        return utc_iso
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def bulletin_sentence(rate: dict) -> str:
    """The line a 通报 prints for one region and year."""
    region = (rate["region"] or "未知地区").replace("/", "")
    return (
        f"{region}{rate['year']}年度：应公开{rate['due']}个单位，按时公开{rate['on_time']}个"
        f"（{percent(rate['on_time_rate'])}），逾期公开{rate['late']}个，未公开{rate['missing']}个；"
        f"已公开年报中{rate['defective']}份存在数据或内容问题（{percent(rate['defect_rate'])}）。"
    )


def write_workbook(alerts: list[dict], rates: list[dict], path: Path) -> None:
    book = Workbook()
    alert_sheet(book.active, alerts)
    rate_sheet(book.create_sheet("按地区汇总"), rates)
    legend_sheet(book.create_sheet("说明"))
    book.save(path)


def header(sheet, columns) -> None:
    sheet.append([column[0] for column in columns])
    for cell, column in zip(sheet[1], columns):
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = column[1]
    sheet.freeze_panes = "A2"


def alert_sheet(sheet, alerts: list[dict]) -> None:
    sheet.title = "提醒清单"
    header(sheet, ALERT_COLUMNS)
    column = {name: index for index, (name, _, _) in enumerate(ALERT_COLUMNS, 1)}
    # cells are reached by row and column number: openpyxl's sheet[row] and max_row scan the whole sheet
    for row, alert in enumerate(alerts, 2):
        sheet.append([value(alert) for _, _, value in ALERT_COLUMNS])
        fill = SEVERITY_FILLS.get(alert["severity"])
        if fill:
            for name in ("问题", "严重程度"):
                sheet.cell(row, column[name]).fill = fill
        sheet.cell(row, column["说明"]).alignment = WRAPPED
        for name, key in LINKS.items():
            if alert[key]:
                cell = sheet.cell(row, column[name])
                cell.hyperlink = alert[key]
                cell.style = "Hyperlink"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ALERT_COLUMNS))}{len(alerts) + 1}"


def rate_sheet(sheet, rates: list[dict]) -> None:
    columns = (*RATE_COLUMNS, ("通报用语", 90, None))
    header(sheet, columns)
    rate_columns = [index for index, (_, _, key) in enumerate(RATE_COLUMNS, 1) if key.endswith("_rate")]
    for row, rate in enumerate(rates, 2):
        sheet.append([rate[key] for _, _, key in RATE_COLUMNS] + [bulletin_sentence(rate)])
        for index in rate_columns:
            sheet.cell(row, index).number_format = "0.0%"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rates) + 1}"


def legend_sheet(sheet) -> None:
    sheet.append(["问题", "代码"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for code, name in CODE_NAMES.items():
        sheet.append([name, code])
    sheet.append([])
    sheet.append(["严重程度", "颜色"])
    for severity, name in SEVERITY_NAMES.items():
        sheet.append([name, severity])
        sheet[sheet.max_row][1].fill = PatternFill("solid", fgColor=SEVERITY_COLOURS[severity])
    sheet.append([])
    sheet.append(["状态", "代码"])
    for status, name in STATUS_NAMES.items():
        sheet.append([name, status])
    sheet.append([])
    sheet.append(["按时发布率", "按时发布 ÷ 应公开单位（已发布 + 未发布）"])
    sheet.append(["问题报告比例", "有严重或警告级内容问题的年报 ÷ 已发布"])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 40
