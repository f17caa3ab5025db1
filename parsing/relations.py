"""The relations table 3 prints (勾稽关系: 一 + 二 = 三（七） + 四; 三（七） = the sum of the outcome
rows), judged per column on the cells that are present. Shared by the placement of rows whose
printed layout is ambiguous (parsing/tables.py) and the one-report checks (checks/sums.py)."""

from __future__ import annotations

from .template import OTHER_SUB_ROWS, OUTCOME_ROWS, REQUEST_COLUMNS

TOLERANCE = 1e-6
BALANCE_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")


def adds_up(parts: list, total) -> bool:
    """The parts sum to the total (all present)."""
    return abs(sum(parts) - total) <= TOLERANCE


def cell(requests: dict, row: str, column: str):
    return (requests.get(row) or {}).get(column)


def present(*values) -> bool:
    return all(v is not None for v in values)


def outcome_rows(requests: dict) -> list[str]:
    """The outcome rows this report prints: 其他处理 as one row or as its three sub-rows."""
    skip = set(OTHER_SUB_ROWS) if "other_handling" in requests else {"other_handling"}
    return [row for row in OUTCOME_ROWS if row not in skip]


def balance_cells(requests: dict, column: str) -> tuple | None:
    """(一, 二, 三（七）, 四) of a column, or None when one of them is blank or absent."""
    values = tuple(cell(requests, row, column) for row in BALANCE_ROWS)
    return values if present(*values) else None


def balance_holds(values: tuple) -> bool:
    new, old, done, forward = values
    return abs((new + old) - (done + forward)) <= TOLERANCE


def outcome_cells(requests: dict, column: str) -> tuple | None:
    """(三（七）, [outcome cells]) of a column, or None when one of them is blank or absent."""
    total = cell(requests, "total_processed", column)
    parts = [cell(requests, row, column) for row in outcome_rows(requests)]
    return (total, parts) if present(total, *parts) else None


def outcomes_hold(values: tuple) -> bool:
    total, parts = values
    return adds_up(parts, total)


def broken_relations(requests: dict) -> int:
    """How many column relations of table 3 fail, among those that can be judged."""
    broken = 0
    for column in REQUEST_COLUMNS:
        balance = balance_cells(requests, column)
        outcomes = outcome_cells(requests, column)
        broken += bool(balance and not balance_holds(balance)) + bool(outcomes and not outcomes_hold(outcomes))
    return broken
