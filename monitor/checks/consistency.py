"""carryover_mismatch, in_force_mismatch, yoy_outlier: an agency's report against its previous year's.

Both years' reports are the ones in force (the content seen last); a cell missing on either side is not
judged (a truncated table is missing_rows, not a mismatch).

in_force_mismatch follows the stock each template counts (shared/reference/domain.md X7): 现行有效件数 of
规章 and 行政规范性文件 in the 2021 template; 上一年项目数量 of 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制
and 行政事业性收费 in the 2019 one (上一年项目数量 of Y−1 + 本年增/减 of Y−1 = 上一年项目数量 of Y). A year pair
where it cannot be judged (templates without a stock in common, such as 2019 → 2021 or a report before the
national templates, or a cell absent or blank) is said so by an info finding ``not_judged``, never an alert.
Said of every pair alike, it would be noise: a row blank in both years (most departments make no 规章) and
the 2019 template's 规章 and 规范性文件, which count no documents in force, are left unsaid.
"""

from __future__ import annotations

from dataclasses import dataclass

from nianbao.parsing.template import ACTIVE_2019, REQUEST_COLUMNS

from . import check, finding

CARRIED_OVER = [f"requests.carried_over.{c}" for c in REQUEST_COLUMNS]
CARRIED_FORWARD = [f"requests.carried_forward.{c}" for c in REQUEST_COLUMNS]
IN_FORCE_ROWS = ("regulations", "normative_documents")
IN_FORCE = [f"active.{row}.{col}" for row in IN_FORCE_ROWS for col in ("issued", "repealed", "in_force")]
PROJECT_ROWS = tuple(row.key for row in ACTIVE_2019 if {"previous", "change"} <= set(row.columns))
PROJECTS = [f"active.{row}.{col}" for row in PROJECT_ROWS for col in ("previous", "change")]
MAIN_COUNTS = {
    "requests.new_received.total": "本年新收申请",
    "requests.total_processed.total": "办理结果总计",
    "appeals.review.total": "行政复议总计",
    "appeals.litigation_direct.total": "未经复议直接起诉总计",
    "appeals.litigation_after_review.total": "复议后起诉总计",
    "active.normative_documents.issued": "本年制发行政规范性文件",
}
# read together in one pass over the archive, whichever check asks first
CELL_KEYS = tuple(dict.fromkeys(CARRIED_OVER + CARRIED_FORWARD + IN_FORCE + PROJECTS + list(MAIN_COUNTS)))
OUTLIER_RATIO = 10
OUTLIER_MIN_DIFFERENCE = 20


@dataclass(frozen=True)
class YearPair:
    """An agency's report in force for a year, its previous year's, and the cells asked for of both."""

    view: object
    agency_id: int
    year: int
    report: object
    previous: object
    cells: dict
    before: dict

    @property
    def name(self) -> str:
        return self.view.agency(self.agency_id).get("name")

    def finding(self, message: str, **compared):
        evidence = {
            **self.view.about(self.agency_id, self.year),
            "url": self.report.url,
            "fetched_at": self.report.last_seen,
            "report_id": self.report.id,
            "previous_url": self.previous.url,
            "previous_fetched_at": self.previous.last_seen,
            "previous_report_id": self.previous.id,
            **compared,
        }
        return finding(message, evidence, agency_id=self.agency_id, year=self.year, report_id=self.report.id)


def year_pairs(view):
    """Every agency's pair of consecutive years, with the cells the checks compare (values in force)."""
    cells = view.cells(CELL_KEYS)
    for (agency_id, year), report in view.in_force.items():
        previous = view.in_force.get((agency_id, year - 1))
        if previous:
            yield YearPair(
                view, agency_id, year, report, previous, cells.get(report.id, {}), cells.get(previous.id, {})
            )


@check("carryover_mismatch", "warning")
def carryover_mismatch(view, context):
    """carried_over of year Y differs from carried_forward of year Y−1, same agency."""
    for pair in year_pairs(view):
        year, cells, before = pair.year, pair.cells, pair.before
        columns = [
            {"column": column, f"carried_over_{year}": cells[over], f"carried_forward_{year - 1}": before[forward]}
            for column, over, forward in zip(REQUEST_COLUMNS, CARRIED_OVER, CARRIED_FORWARD)
            if cells.get(over) is not None and before.get(forward) is not None and cells[over] != before[forward]
        ]
        if columns:
            names = "、".join(c["column"] for c in columns)
            yield pair.finding(
                f"{pair.name}: {year}年上年结转与{year - 1}年结转下年度不一致（{names}）", columns=columns
            )


@check("in_force_mismatch", "info")
def in_force_mismatch(view, context):
    """in_force of Y−1 + issued of Y − repealed of Y differs from in_force of Y (2019 template: previous of Y−1 + change of Y−1 differs from previous of Y)."""
    for pair, judged in view.computed(stock_chains):
        if judged and judged[1]:
            what, broken, _ = judged
            yield pair.finding(f"{pair.name}: {pair.year}年{what}", rows=broken)


@check("not_judged", "info")
def in_force_not_judged(view, context):
    """A year pair whose in_force_mismatch could not be judged: no stock in common between the two templates, or a cell it needs absent or blank."""
    for pair, judged in view.computed(stock_chains):
        if judged is None:
            why = f"模板 {pair.previous.format} → {pair.report.format} 无共同的存量栏目（现行有效件数或上一年项目数量）"
            unjudged = [{"why": why}]
        else:
            unjudged = judged[2]
        if unjudged:
            shown = "；".join(f"{u['row']}：{u['why']}" if "row" in u else u["why"] for u in unjudged)
            yield pair.finding(
                f"{pair.name}: {pair.year}年与上年的存量关系未能判断（{shown}）",
                in_force_mismatch=unjudged,
                templates={str(pair.year - 1): pair.previous.format, str(pair.year): pair.report.format},
            )


def stock_chains(view) -> list[tuple]:
    """Every year pair with its stock chain judged, once for in_force_mismatch and not_judged alike."""
    return [(pair, stock_chain(pair)) for pair in year_pairs(view)]


def stock_chain(pair):
    """(what a break means, the rows broken, the rows not judged), or None when the two reports' templates
    count no stock in common."""
    formats = (pair.previous.format, pair.report.format)
    if formats == ("2021", "2021"):
        return "现行有效件数与上年现行有效+本年制发−本年废止不符", *judge_rows(pair, IN_FORCE_ROWS, in_force_terms)
    if formats == ("2019", "2019"):
        return "上一年项目数量与上年的上一年项目数量+本年增/减不符", *judge_rows(pair, PROJECT_ROWS, project_terms)
    return None


def judge_rows(pair, rows, terms) -> tuple[list[dict], list[dict]]:
    broken, unjudged = [], []
    for row in rows:
        cells, expected, found = terms(pair, row)
        if expected is None:
            if all(value is None for value in cells.values()):
                continue  # a row left blank in both years (a department makes no 规章): nothing to judge
            absent = "、".join(key for key, value in cells.items() if value is None)
            unjudged.append({"row": row, "why": f"缺少或空白 {absent}"})
        elif list(expected.values())[0] != found:
            broken.append({"row": row, **cells, **expected})
    return broken, unjudged


def in_force_terms(pair, row) -> tuple[dict, dict | None, object]:
    """2021: 现行有效件数 Y−1 + 本年制发 Y − 本年废止 Y = 现行有效件数 Y."""
    last, now = pair.before.get(f"active.{row}.in_force"), pair.cells.get(f"active.{row}.in_force")
    issued, repealed = (pair.cells.get(f"active.{row}.{c}") for c in ("issued", "repealed"))
    cells = {f"in_force_{pair.year - 1}": last, "issued": issued, "repealed": repealed, f"in_force_{pair.year}": now}
    judged = None not in cells.values()
    return cells, {"expected_in_force": last + issued - repealed} if judged else None, now


def project_terms(pair, row) -> tuple[dict, dict | None, object]:
    """2019: 上一年项目数量 Y−1 + 本年增/减 Y−1 = 上一年项目数量 Y."""
    last, change = (pair.before.get(f"active.{row}.{c}") for c in ("previous", "change"))
    now = pair.cells.get(f"active.{row}.previous")
    year = pair.year
    cells = {f"previous_{year - 1}": last, f"change_{year - 1}": change, f"previous_{year}": now}
    judged = None not in cells.values()
    return cells, {"expected_previous": last + change} if judged else None, now


def is_outlier(now, before) -> bool:
    if abs(now - before) < OUTLIER_MIN_DIFFERENCE:
        return False
    return now >= OUTLIER_RATIO * before or before >= OUTLIER_RATIO * now


@check("yoy_outlier", "info")
def yoy_outlier(view, context):
    """A main count is ten times or a tenth of the previous year's, and differs by at least 20."""
    for pair in year_pairs(view):
        year, cells, before = pair.year, pair.cells, pair.before
        counts = [
            {"key": key, "label": label, str(year - 1): before[key], str(year): cells[key]}
            for key, label in MAIN_COUNTS.items()
            if cells.get(key) is not None and before.get(key) is not None and is_outlier(cells[key], before[key])
        ]
        if counts:
            names = "、".join(f"{c['label']} {c[str(year - 1)]}→{c[str(year)]}" for c in counts)
            yield pair.finding(f"{pair.name}: {year}年主要数字较上年变化十倍以上（{names}）", counts=counts)
