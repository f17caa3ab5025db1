"""The report a layout case renders: the template's cells (hand-read truth from ../shared, or random
plausible numbers that keep the template's relations), the printed labels of each row, and the
tables as grids of printed cells that every renderer (HTML, PDF, DOCX, text) draws its own way."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st
from nianbao.parsing.template import ACTIVE_ROWS, APPEAL_COLUMNS, APPEAL_GROUPS, OTHER_SUB_ROWS, REQUEST_COLUMNS

SHARED = Path(__file__).resolve().parents[3] / "shared"

# Table 3 rows in printed order, with the label of each level (a group label spans its rows).
RESULTS = "三、本年度办理结果"
REQUEST_LABELS = {
    "new_received": ("一、本年新收政府信息公开申请数量",),
    "carried_over": ("二、上年结转政府信息公开申请数量",),
    "granted": (RESULTS, "（一）予以公开"),
    "partially_granted": (RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    "withheld_state_secret": (RESULTS, "（三）不予公开", "1.属于国家秘密"),
    "withheld_prohibited_by_law": (RESULTS, "（三）不予公开", "2.其他法律行政法规禁止公开"),
    "withheld_security_stability": (RESULTS, "（三）不予公开", "3.危及“三安全一稳定”"),
    "withheld_third_party": (RESULTS, "（三）不予公开", "4.保护第三方合法权益"),
    "withheld_internal_affairs": (RESULTS, "（三）不予公开", "5.属于三类内部事务信息"),
    "withheld_process_info": (RESULTS, "（三）不予公开", "6.属于四类过程性信息"),
    "withheld_enforcement_files": (RESULTS, "（三）不予公开", "7.属于行政执法案卷"),
    "withheld_inquiry": (RESULTS, "（三）不予公开", "8.属于行政查询事项"),
    "unavailable_not_held": (RESULTS, "（四）无法提供", "1.本机关不掌握相关政府信息"),
    "unavailable_needs_creation": (RESULTS, "（四）无法提供", "2.没有现成信息需要另行制作"),
    "unavailable_unclear": (RESULTS, "（四）无法提供", "3.补正后申请内容仍不明确"),
    "not_processed_complaint": (RESULTS, "（五）不予处理", "1.信访举报投诉类申请"),
    "not_processed_duplicate": (RESULTS, "（五）不予处理", "2.重复申请"),
    "not_processed_publication": (RESULTS, "（五）不予处理", "3.要求提供公开出版物"),
    "not_processed_excessive": (RESULTS, "（五）不予处理", "4.无正当理由大量反复申请"),
    "not_processed_confirmation": (RESULTS, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    "other_no_correction": (
        RESULTS,
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    "other_unpaid_fee": (
        RESULTS,
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    "other_other": (RESULTS, "（六）其他处理", "3.其他"),
    "other_handling": (RESULTS, "（六）其他处理"),
    "total_processed": (RESULTS, "（七）总计"),
    "carried_forward": ("四、结转下年度继续办理",),
}
REQUEST_HEADER_COLUMNS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
APPEAL_GROUP_NAMES = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_review": "行政诉讼（复议后起诉）",
}
APPEAL_HEADER = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
# Table 2, per template: (section line, header cells, rows as (key, printed label)).
ACTIVE_LAYOUT = {
    "2021": (
        (
            "第二十条第（一）项",
            ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            ("regulations", "normative_documents"),
        ),
        ("第二十条第（五）项", ("信息内容", "本年处理决定数量"), ("licensing",)),
        ("第二十条第（六）项", ("信息内容", "本年处理决定数量"), ("punishment", "coercion")),
        ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), ("fees",)),
    ),
    "2019": (
        (
            "第二十条第（一）项",
            ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
            ("regulations", "normative_documents"),
        ),
        (
            "第二十条第（五）项",
            ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
            ("licensing", "other_services"),
        ),
        ("第二十条第（六）项", ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"), ("punishment", "coercion")),
        ("第二十条第（八）项", ("信息内容", "上一年项目数量", "本年增/减"), ("fees",)),
        ("第二十条第（九）项", ("信息内容", "采购项目数量", "采购总金额"), ("procurement",)),
    ),
}
ACTIVE_LABELS = {
    "regulations": "规章",
    "normative_documents": "行政规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "punishment": "行政处罚",
    "coercion": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}


@dataclass
class Report:
    """One report's numbers (None is a blank cell) and its format; ``year`` for the title."""

    fmt: str
    year: int
    active: dict[str, dict]
    requests: dict[str, dict]
    appeals: dict[str, dict]
    name: str = "random"

    def cells(self) -> dict[str, object]:
        return {
            f"{table}.{row}.{column}": value
            for table in ("active", "requests", "appeals")
            for row, columns in getattr(self, table).items()
            for column, value in columns.items()
        }

    def request_rows(self) -> list[str]:
        """Table 3's rows in printed order (其他处理 as one row or as its sub-rows)."""
        return [key for key in REQUEST_LABELS if key in self.requests]


# ------------------------------------------------------------------ truth from ../shared


def truth_reports() -> list[Report]:
    """Every report with hand-read truth in ../shared as a Report of its cells (null cells blank)."""
    reports = []
    for folder in ("seeds", "samples"):
        for path in sorted((SHARED / folder).glob("*.expected.json")):
            truth = json.loads(path.read_text(encoding="utf-8"))
            report = report_from_truth(truth, f"{folder}/{path.name.split('.')[0]}")
            if report is not None:
                reports.append(report)
    return reports


def report_from_truth(truth: dict, name: str) -> Report | None:
    cells = truth["cells"]
    fmt = truth.get("format") or cells.get("format")
    if fmt not in ("2021", "2019"):
        return None
    tables: dict[str, dict] = {"active": {}, "requests": {}, "appeals": {}}
    for key in [k for k in cells if k.count(".") == 2] + list(truth.get("null_cells", [])):
        table, row, column = key.split(".")
        value = cells.get(key)
        tables[table].setdefault(row, {})[column] = value if isinstance(value, (int, float)) else None
    complete_rows(tables, fmt)
    year = truth.get("year") or cells.get("year") or 2023
    return Report(fmt, year, tables["active"], tables["requests"], tables["appeals"], name)


def complete_rows(tables: dict, fmt: str) -> None:
    """Columns the truth does not name are blank; table 3 gets every template row it lacks, blank."""
    for spec in ACTIVE_ROWS[fmt]:
        if spec.key in tables["active"]:
            tables["active"][spec.key] = {c: tables["active"][spec.key].get(c) for c in spec.columns}
    single = fmt == "2019" or "other_handling" in tables["requests"]
    skip = set(OTHER_SUB_ROWS) if single else {"other_handling"}
    if tables["requests"]:
        for key in REQUEST_LABELS:
            if key not in skip:
                row = tables["requests"].get(key, {})
                tables["requests"][key] = {c: row.get(c) for c in REQUEST_COLUMNS}
    if tables["appeals"]:  # a group the truth does not name is printed blank
        for group in APPEAL_GROUPS:
            tables["appeals"][group] = {c: tables["appeals"].get(group, {}).get(c) for c in APPEAL_COLUMNS}


# ------------------------------------------------------------------ random consistent reports

COUNT = st.one_of(st.just(0), st.just(0), st.integers(0, 9), st.integers(0, 400))


@st.composite
def consistent_report(draw, fmt=None) -> Report:
    """A report whose table 3 balances (一 + 二 = 三（七） + 四, outcome rows add up to 三（七）, each row's
    applicants add up to 总计) and whose table 4 groups add up."""
    fmt = fmt or draw(st.sampled_from(("2021", "2019")))
    single_other = fmt == "2019" or draw(st.booleans()) and draw(st.booleans())
    skip = set(OTHER_SUB_ROWS) if single_other else {"other_handling"}
    outcome_keys = [k for k in list(REQUEST_LABELS)[2:24] if k not in skip]
    requests: dict[str, dict] = {k: {} for k in REQUEST_LABELS if k not in skip}
    for column in REQUEST_COLUMNS[:-1]:
        for key in outcome_keys:
            requests[key][column] = draw(COUNT)
        done = sum(requests[k][column] for k in outcome_keys)
        forward = draw(COUNT)
        old = draw(st.integers(0, done + forward))
        requests["total_processed"][column] = done
        requests["carried_forward"][column] = forward
        requests["carried_over"][column] = old
        requests["new_received"][column] = done + forward - old
    for row in requests.values():
        row["total"] = sum(row[c] for c in REQUEST_COLUMNS[:-1])
    appeals = {}
    for group in APPEAL_GROUPS:
        parts = [draw(st.integers(0, 12)) for _ in APPEAL_COLUMNS[:-1]]
        appeals[group] = dict(zip(APPEAL_COLUMNS, [*parts, sum(parts)]))
    active = {spec.key: {c: draw(active_value(spec.key, c)) for c in spec.columns} for spec in ACTIVE_ROWS[fmt]}
    year = draw(st.integers(2019, 2025)) if fmt == "2019" else draw(st.integers(2021, 2025))
    return Report(fmt, year, active, requests, appeals)


@st.composite
def with_blanks(draw, report: Report) -> Report:
    """The report with some cells printed blank where Word's padding hides them: a row's first value
    (beside its label) or its last (a blank 总计)."""
    rows = [(table, key) for table in ("active", "requests") for key in getattr(report, table)]
    chosen = draw(st.lists(st.tuples(st.sampled_from(rows), st.sampled_from((0, -1))), max_size=4)) if rows else []
    if not chosen:
        return report
    report = copy.deepcopy(report)
    for (table, key), end in chosen:
        row = getattr(report, table)[key]
        row[list(row)[end]] = None
    return report


def active_value(row: str, column: str):
    if column == "amount":
        return st.one_of(st.just(0), st.integers(1, 99999).map(lambda cents: cents / 100))
    if column == "change":
        return st.integers(-40, 40)
    return st.one_of(st.just(0), st.integers(0, 30), st.integers(0, 20000))


# ------------------------------------------------------------------ printed cells


def printed(value, blank: str = "") -> str:
    """How a cell prints: integers plainly, money with its decimals, a blank as ``blank``."""
    if value is None:
        return blank
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    value: bool = False  # a value cell (the rest are labels and headers)
    key: str = ""  # a value cell's flattened key (requests.granted.total)


@dataclass
class Grid:
    """A table as printed: rows of cells, each cell once at its top-left slot (spans cover the rest).
    ``data`` marks which rows hold values; ``keys`` names the template row each data row prints."""

    rows: list[list[Cell]] = field(default_factory=list)
    keys: list[str | None] = field(default_factory=list)
    header_rows: int = 0
    table: str = ""  # "requests" for table 3

    def add(self, cells: list[Cell], key: str | None = None) -> None:
        self.rows.append(cells)
        self.keys.append(key)

    @property
    def width(self) -> int:
        return sum(c.colspan for c in self.rows[0]) if self.rows else 0


@dataclass
class Piece:
    """One part of the document in reading order: a paragraph, or a table grid."""

    text: str = ""
    grid: Grid | None = None
    page_break: bool = False  # a page break forced here (PDF)
