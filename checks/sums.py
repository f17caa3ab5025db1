"""The arithmetic of tables 3 and 4: 勾稽关系, row sums, outcome totals, group totals, signs."""

from __future__ import annotations

from nianbao.parsing.relations import Outcome, outcome_rows
from nianbao.parsing.template import APPEAL_COLUMNS, REQUEST_COLUMNS

from .facts import Facts
from .finding import check, failure

NOT_JUDGED = Outcome.NOT_JUDGED
# Columns that may be negative: 本年增/减 of the 2019 template.
SIGNED_COLUMNS = ("change",)


@check(code="balance", severity="error")
def balance(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """一 + 二 = 三（七） + 四 in every column of table 3."""
    failures = []
    for column, judged in facts.balance.items():
        if judged.outcome == Outcome.FAILS:
            new, old, done, forward = judged.values
            failures.append(
                {
                    "column": column,
                    "new_received": new,
                    "carried_over": old,
                    "total_processed": done,
                    "carried_forward": forward,
                    "received_side": new + old,
                    "handled_side": done + forward,
                }
            )
    if not failures:
        return None
    where = "; ".join(
        f"{f['column']}: {f['new_received']}+{f['carried_over']}={f['received_side']} but "
        f"{f['total_processed']}+{f['carried_forward']}={f['handled_side']}"
        for f in failures
    )
    return failure(f"勾稽关系 fails (一+二 ≠ 三（七）+四): {where}", columns=failures)


def groups_not_adding_up(
    table: dict, columns: tuple[str, ...], judged: dict[str, Outcome]
) -> list[tuple[str, dict, float, float]]:
    """The rows (table 3) or groups (table 4) whose parts do not add up to their last column, 总计:
    (name, the parts by column, their sum, the printed total). Blank parts leave a row unjudged."""
    failures = []
    for name, outcome in judged.items():
        if outcome == Outcome.FAILS:
            parts = [table[name][c] for c in columns[:-1]]
            failures.append((name, dict(zip(columns[:-1], parts)), sum(parts), table[name][columns[-1]]))
    return failures


@check(code="row_sum", severity="error")
def row_sum(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """In each row of table 3 the six applicant columns add up to 总计."""
    failures = [
        {"row": row, "columns": parts, "sum": added, "total": total}
        for row, parts, added, total in groups_not_adding_up(facts.requests, REQUEST_COLUMNS, facts.request_rows)
    ]
    if not failures:
        return None
    where = "; ".join(f"{f['row']}: columns add up to {f['sum']}, 总计 says {f['total']}" for f in failures)
    return failure(f"applicant columns do not add up to 总计: {where}", rows=failures)


@check(code="total_sum", severity="error")
def total_sum(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """三（七）总计 is the sum of the outcome rows (予以公开 … 其他处理), in every column."""
    rows = outcome_rows(facts.requests)
    failures = []
    for column, judged in facts.outcomes.items():
        if judged.outcome == Outcome.FAILS:
            total, parts = judged.values
            failures.append(
                {
                    "column": column,
                    "sum_of_outcomes": sum(parts),
                    "total_processed": total,
                    "outcomes": {row: v for row, v in zip(rows, parts) if v},
                }
            )
    if not failures:
        return None
    where = "; ".join(
        f"{f['column']}: outcomes add up to {f['sum_of_outcomes']}, 三（七）总计 says {f['total_processed']}"
        for f in failures
    )
    return failure(f"outcome rows do not add up to 三（七）总计: {where}", columns=failures)


@check(code="appeals_sum", severity="error")
def appeals_sum(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """In each group of table 4, 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    failures = [
        {"group": group, "columns": parts, "sum": added, "total": total}
        for group, parts, added, total in groups_not_adding_up(facts.appeals, APPEAL_COLUMNS, facts.appeal_groups)
    ]
    if not failures:
        return None
    where = "; ".join(
        f"{f['group']}: {'+'.join(str(v) for v in f['columns'].values())}={f['sum']}, 总计 says {f['total']}"
        for f in failures
    )
    return failure(f"table 4 groups do not add up: {where}", groups=failures)


@check(code="negative_value", severity="error")
def negative_value(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """No count is below zero (本年增/减 of the 2019 template may be)."""
    negatives = {
        key: value
        for key, value in facts.cells.items()
        if value is not None and value < 0 and key.rsplit(".", 1)[1] not in SIGNED_COLUMNS
    }
    if not negatives:
        return None
    return failure("counts below zero: " + ", ".join(f"{k}={v}" for k, v in negatives.items()), cells=negatives)


@check(code="not_judged", severity="info")
def not_judged(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """Relations of tables 3 and 4 that could not be judged, because a cell they need is blank or absent.

    Tells "checked, fine" from "could not check": balance and total_sum by column, row_sum by row,
    appeals_sum by group. A table absent as a whole is missing_rows' to report, not listed here."""
    requests = facts.requests
    unjudged = {
        "balance": [c for c, judged in facts.balance.items() if requests and judged.outcome == NOT_JUDGED],
        "total_sum": [c for c, judged in facts.outcomes.items() if requests and judged.outcome == NOT_JUDGED],
        "row_sum": [row for row, o in facts.request_rows.items() if o == NOT_JUDGED],
        "appeals_sum": [g for g, o in facts.appeal_groups.items() if o == NOT_JUDGED],
    }
    unjudged = {code: where for code, where in unjudged.items() if where}
    if not unjudged:
        return None
    shown = "; ".join(f"{code}: {', '.join(where)}" for code, where in unjudged.items())
    return failure(f"relations not judged (a cell they need is blank or absent): {shown}", **unjudged)
