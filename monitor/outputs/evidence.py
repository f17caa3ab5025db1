"""Evidence pages: a report's three tables laid out as printed (template rows and columns, Chinese labels)
with the cells behind an alert highlighted, the numbers compared, and the fetches behind the report.

Example::

    keys = highlighted_keys("balance", {"columns": [{"column": "total", ...}]})
    sorted(keys)[:2]
    ['requests.carried_forward.total', 'requests.carried_over.total']
"""

from __future__ import annotations

import re

from nianbao.parsing.template import APPEAL_COLUMNS, APPEAL_GROUPS, OUTCOME_ROWS, REQUEST_COLUMNS

from .labels import (
    ACTIVE_2019,
    ACTIVE_2021,
    APPEAL_COLUMN_NAMES,
    APPEAL_GROUP_NAMES,
    KIND_NAMES,
    REQUEST_COLUMN_NAMES,
    REQUEST_LABELS,
)

BALANCE_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")
CELL_KEY = re.compile(r"^(active|requests|appeals)\.\w+\.\w+$")
ROW_KEY = re.compile(r"^(active|requests|appeals)\.(\w+)$")
WHOLE_TABLE = re.compile(r"^(requests|appeals) \(whole table\)$")  # missing_rows names an absent table so

# Evidence keys a clerk reads, in Chinese.
EVIDENCE_LABELS = {
    "url": "网址",
    "fetched_at": "抓取时间（UTC）",
    "published": "认定的发布日期",
    "published_at": "发布日期",
    "claimed_published_at": "页面所称发布日期",
    "first_seen_by_crawl": "首次抓取到的时间（UTC）",
    "first_seen_day": "首次抓取到的日期（北京时间）",
    "judged_by": "判断依据",
    "deadline": "法定期限",
    "deadline_rule": "期限依据",
    "grace_days": "宽限天数",
    "days_late": "逾期天数",
    "as_of": "判断日期",
    "portal": "门户",
    "list_url": "栏目网址",
    "crawls_failed": "连续失败次数",
    "crawls_in_all": "抓取总次数",
    "crawl_without_it": "未见该报告的抓取",
    "crawls_of_portal": "门户抓取次数",
    "last_crawl_started_at": "最近一次抓取（UTC）",
    "years_archived": "已存档年度",
    "agency": "机构",
    "region": "地区",
    "kind": "类别",
    "year": "年度",
    "columns": "不符的列",
    "rows": "不符的行",
    "groups": "不符的组",
    "cells": "单元格",
    "missing": "缺少",
    "mismatches": "不一致之处",
    "failures": "失败记录",
    "column": "列",
    "row": "行",
    "group": "组",
    "table": "表",
    "new_received": "一、本年新收",
    "carried_over": "二、上年结转",
    "total_processed": "三（七）总计",
    "carried_forward": "四、结转下年度继续办理",
    "received_side": "一 + 二",
    "handled_side": "三（七） + 四",
    "sum_of_outcomes": "办理结果各项之和",
    "outcomes": "办理结果各项",
    "sum": "分项之和",
    "total": "总计",
    "stated": "正文所述",
    "sentence": "原句",
    "what": "内容",
    "expected_cells": "模板单元格数",
    "seen_cells": "实际单元格数",
    "seen": "实际内容",
    "section": "章节",
    "heading": "标题",
    "overdue": "未按时运行的任务",
    "last_runs": "各类任务最近一次运行",
    "schedule": "定时周期",
    "crawl": "抓取",
    "monitor": "监测",
    "run_id": "运行编号",
    "started_at": "开始时间（UTC）",
    "finished_at": "结束时间（UTC）",
    "outcome": "结果",
    "gap_days": "距今天数",
    "allowed_days": "允许间隔天数",
    "season": "申报季",
    "now": "判断时间（UTC）",
    "templates": "各年表格模板",
    "why": "原因",
    "in_force_mismatch": "现行有效件数（项目数量）衔接",
}


def key_label(key: str) -> str:
    return EVIDENCE_LABELS.get(key, key)


def value_label(value, key: str | None):
    """A coded value in Chinese where the key says what it codes (kind, column, row, group), else as is."""
    names = {
        "kind": KIND_NAMES,
        "column": REQUEST_COLUMN_NAMES,
        "group": APPEAL_GROUP_NAMES,
        "row": {row: third or second or first for row, first, second, third in REQUEST_LABELS},
    }.get(key)
    if names and isinstance(value, str) and value in names:
        return f"{names[value]}（{value}）"
    return value


def highlighted_keys(code: str, evidence: dict) -> set[str]:
    """The flattened cell keys (requests.new_received.total …) an alert is about."""
    keys = set(cell_keys_by_code(code, evidence))
    keys |= set(cell_keys_named(evidence))
    return keys


def cell_keys_by_code(code: str, evidence: dict):
    """The cells the table checks (checks/sums.py) compared, from their evidence."""
    if code == "balance":
        for failure in evidence.get("columns", []):
            yield from (f"requests.{row}.{failure['column']}" for row in BALANCE_ROWS)
    elif code == "total_sum":
        for failure in evidence.get("columns", []):
            yield from (f"requests.{row}.{failure['column']}" for row in (*OUTCOME_ROWS, "total_processed"))
    elif code == "row_sum":
        for failure in evidence.get("rows", []):
            yield from (f"requests.{failure['row']}.{column}" for column in REQUEST_COLUMNS)
    elif code == "appeals_sum":
        for failure in evidence.get("groups", []):
            yield from (f"appeals.{failure['group']}.{column}" for column in APPEAL_COLUMNS)
    elif code == "malformed_table":
        for row in evidence.get("rows", []):
            yield from row_cells(row.get("table"), row.get("row"))


def row_cells(table: str | None, row: str | None):
    if table == "requests":
        yield from (f"requests.{row}.{column}" for column in REQUEST_COLUMNS)
    elif table == "appeals":
        groups = APPEAL_GROUPS if row in (None, "all groups") else (row,)
        yield from (f"appeals.{group}.{column}" for group in groups for column in APPEAL_COLUMNS)


def cell_keys_named(evidence) -> set[str]:
    """Any cell key the evidence names, as a value or a key, at any depth (archive-level checks such as
    carryover_mismatch name the cells they compare); a row key (requests.carried_forward) names its cells."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(key)
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
        elif isinstance(value, str):
            if CELL_KEY.match(value):
                found.add(value)
            elif match := ROW_KEY.match(value):
                found.update(row_cells(match.group(1), match.group(2)))
            elif match := WHOLE_TABLE.match(value):
                rows = [key for key, *_ in REQUEST_LABELS] if match.group(1) == "requests" else [None]
                found.update(key for row in rows for key in row_cells(match.group(1), row))

    walk(evidence)
    return found


def cell(report_cells: dict, key: str, highlight: set[str]) -> dict:
    stored = report_cells.get(key)
    return {
        "key": key,
        "value": None if stored is None else stored["value"],
        "present": stored is not None,
        "corrected": bool(stored and stored.get("corrected")),
        "parsed": None if stored is None else stored.get("parsed"),
        "highlight": key in highlight,
    }


def active_table(report: dict, highlight: set[str]) -> list[dict]:
    """Table 2 (二、主动公开政府信息情况) as blocks of the template in force."""
    blocks = ACTIVE_2019 if report.get("format") == "2019" else ACTIVE_2021
    return [
        {
            "item": item,
            "columns": list(columns.values()),
            "rows": [
                {"label": label, "cells": [cell(report["cells"], f"active.{row}.{c}", highlight) for c in columns]}
                for row, label in rows
            ],
        }
        for item, columns, rows in blocks
    ]


def request_rows_shown(report: dict) -> list[tuple]:
    """Table 3's rows as this report's template prints them: 2021 splits （六）其他处理 in three, 2019
    prints it as one row (and so do some 2021 reports)."""
    keys = {key.split(".")[1] for key in report["cells"] if key.startswith("requests.")}
    one_other_row = "other_handling" in keys or (report.get("format") == "2019" and not keys & {"other_other"})
    skip = {"other_no_correction", "other_unpaid_fee", "other_other"} if one_other_row else {"other_handling"}
    return [row for row in REQUEST_LABELS if row[0] not in skip]


def requests_table(report: dict, highlight: set[str]) -> list[dict]:
    """Table 3 (三、收到和处理政府信息公开申请情况): rows with their label cells (rowspan and colspan as
    printed) and the seven applicant columns."""
    rows = request_rows_shown(report)
    body = []
    for index, (key, first, second, third) in enumerate(rows):
        labels = []
        if index == 0 or rows[index - 1][1] != first:
            span = sum(1 for r in rows[index:] if r[1] == first) if second else 1
            labels.append({"text": first, "rowspan": span, "colspan": 1 if second else 3})
        if second and (index == 0 or rows[index - 1][2] != second or rows[index - 1][1] != first):
            span = sum(1 for r in rows[index:] if r[1] == first and r[2] == second) if third else 1
            labels.append({"text": second, "rowspan": span, "colspan": 1 if third else 2})
        if third:
            labels.append({"text": third, "rowspan": 1, "colspan": 1})
        cells = [cell(report["cells"], f"requests.{key}.{column}", highlight) for column in REQUEST_COLUMNS]
        body.append({"key": key, "labels": labels, "cells": cells})
    return body


def appeals_table(report: dict, highlight: set[str]) -> list[dict]:
    """Table 4 (四、政府信息公开行政复议、行政诉讼情况): one row of three groups of five."""
    return [
        {
            "group": APPEAL_GROUP_NAMES[group],
            "cells": [cell(report["cells"], f"appeals.{group}.{column}", highlight) for column in APPEAL_COLUMNS],
        }
        for group in APPEAL_GROUPS
    ]


def tables(report: dict, highlight: set[str]) -> dict:
    return {
        "active": active_table(report, highlight),
        "requests": requests_table(report, highlight),
        "request_columns": [REQUEST_COLUMN_NAMES[c] for c in REQUEST_COLUMNS],
        "appeals": appeals_table(report, highlight),
        "appeal_columns": [APPEAL_COLUMN_NAMES[c] for c in APPEAL_COLUMNS],
        "has_cells": bool(report["cells"]),
    }


def comparisons(code: str, evidence: dict) -> list[str]:
    """The numbers compared, one sentence each, for the table checks."""
    names = REQUEST_COLUMN_NAMES
    if code == "balance":
        return [
            f"{names.get(f['column'], f['column'])}：一+二 = {f['new_received']}+{f['carried_over']} = {f['received_side']}，"
            f"三（七）+四 = {f['total_processed']}+{f['carried_forward']} = {f['handled_side']}"
            for f in evidence.get("columns", [])
        ]
    if code == "total_sum":
        return [
            f"{names.get(f['column'], f['column'])}：办理结果各项之和 {f['sum_of_outcomes']}，三（七）总计 {f['total_processed']}"
            for f in evidence.get("columns", [])
        ]
    if code == "row_sum":
        labels = {row[0]: row[3] or row[2] or row[1] for row in REQUEST_LABELS}
        return [
            f"{labels.get(f['row'], f['row'])}：各类申请人之和 {f['sum']}，总计 {f['total']}"
            for f in evidence.get("rows", [])
        ]
    if code == "appeals_sum":
        return [
            f"{APPEAL_GROUP_NAMES.get(f['group'], f['group'])}：维持+纠正+其他+尚未审结 = {f['sum']}，总计 {f['total']}"
            for f in evidence.get("groups", [])
        ]
    if code == "narrative_mismatch":
        return [f"正文称 {m['stated']}，表格为 {m['table']}：“{m['sentence']}”" for m in evidence.get("mismatches", [])]
    if "days_late" in evidence and "deadline" in evidence:
        return [
            f"发布日期 {evidence.get('published')}，法定期限 {evidence['deadline']}，逾期 {evidence['days_late']} 天"
        ]
    return []
