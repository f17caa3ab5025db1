"""carryover_mismatch, in_force_mismatch, yoy_outlier: an agency's report against its previous year's.

Both years' reports are the ones in force (the content seen last); a cell missing on either side is not
judged (a truncated table is missing_rows, not a mismatch).
"""

from __future__ import annotations

from dataclasses import dataclass

from nianbao.parsing.template import REQUEST_COLUMNS

from . import check, finding

CARRIED_OVER = [f"requests.carried_over.{c}" for c in REQUEST_COLUMNS]
CARRIED_FORWARD = [f"requests.carried_forward.{c}" for c in REQUEST_COLUMNS]
IN_FORCE_ROWS = ("regulations", "normative_documents")
IN_FORCE = [f"active.{row}.{col}" for row in IN_FORCE_ROWS for col in ("issued", "repealed", "in_force")]
MAIN_COUNTS = {
    "requests.new_received.total": "本年新收申请",
    "requests.total_processed.total": "办理结果总计",
    "appeals.review.total": "行政复议总计",
    "appeals.litigation_direct.total": "未经复议直接起诉总计",
    "appeals.litigation_after_review.total": "复议后起诉总计",
    "active.normative_documents.issued": "本年制发行政规范性文件",
}
# read together in one pass over the archive, whichever check asks first
CELL_KEYS = tuple(dict.fromkeys(CARRIED_OVER + CARRIED_FORWARD + IN_FORCE + list(MAIN_COUNTS)))
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
    """in_force of Y−1 + issued of Y − repealed of Y differs from in_force of Y."""
    for pair in year_pairs(view):
        year, cells, before = pair.year, pair.cells, pair.before
        rows = []
        for row in IN_FORCE_ROWS:
            last = before.get(f"active.{row}.in_force")
            issued, repealed, now = (cells.get(f"active.{row}.{c}") for c in ("issued", "repealed", "in_force"))
            if None in (last, issued, repealed, now):
                continue
            expected = last + issued - repealed
            if expected != now:
                rows.append(
                    {
                        "row": row,
                        f"in_force_{year - 1}": last,
                        "issued": issued,
                        "repealed": repealed,
                        "expected_in_force": expected,
                        f"in_force_{year}": now,
                    }
                )
        if rows:
            yield pair.finding(f"{pair.name}: {year}年现行有效件数与上年现行有效+本年制发−本年废止不符", rows=rows)


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
