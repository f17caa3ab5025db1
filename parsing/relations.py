"""The relations table 3 prints (勾稽关系: 一 + 二 = 三（七） + 四; 三（七） = the sum of the outcome
rows), judged per column on the cells that are present. Shared by the placement of rows whose
printed layout is ambiguous (parsing/tables.py) and the one-report checks (checks/sums.py).

A relation holds, fails, or is not judged: a blank or absent cell it needs leaves it unjudged, which
is not the same as holding (the way Spidermon tells SKIPPED from passed).

    >>> judge_balance({"new_received": {"total": 3}, "carried_over": {"total": 1},
    ...                "total_processed": {"total": 4}, "carried_forward": {"total": 0}}, "total").outcome
    <Outcome.HOLDS: 'holds'>
    >>> judge_balance({"new_received": {"total": 3}}, "total").outcome
    <Outcome.NOT_JUDGED: 'not_judged'>
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .template import OTHER_SUB_ROWS, OUTCOME_ROWS, REQUEST_COLUMNS

TOLERANCE = 1e-6
BALANCE_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")


class Outcome(Enum):
    HOLDS = "holds"
    FAILS = "fails"
    NOT_JUDGED = "not_judged"  # a cell the relation needs is blank or absent


@dataclass(frozen=True)
class Judgement:
    outcome: Outcome
    values: tuple | None = None  # the cells judged (None when not judged)


def adds_up(parts: list, total) -> bool:
    """The parts sum to the total (all present)."""
    return abs(sum(parts) - total) <= TOLERANCE


def cell(requests: dict, row: str, column: str):
    return (requests.get(row) or {}).get(column)


def present(*values) -> bool:
    return all(v is not None for v in values)


def judge_parts(parts: list, total) -> Outcome:
    """Whether the parts add up to the total; not judged when one of them is blank."""
    if not present(total, *parts):
        return Outcome.NOT_JUDGED
    return Outcome.HOLDS if adds_up(parts, total) else Outcome.FAILS


def outcome_rows(requests: dict) -> list[str]:
    """The outcome rows this report prints: 其他处理 as one row or as its three sub-rows."""
    skip = set(OTHER_SUB_ROWS) if "other_handling" in requests else {"other_handling"}
    return [row for row in OUTCOME_ROWS if row not in skip]


def judge_balance(requests: dict, column: str) -> Judgement:
    """一 + 二 = 三（七） + 四 in a column; the values are (一, 二, 三（七）, 四)."""
    values = tuple(cell(requests, row, column) for row in BALANCE_ROWS)
    new, old, done, forward = values
    outcome = judge_parts([new, old, -forward if forward is not None else None], done)
    return Judgement(outcome, values if outcome != Outcome.NOT_JUDGED else None)


def judge_outcomes(requests: dict, column: str) -> Judgement:
    """三（七） = the sum of the outcome rows in a column; the values are (三（七）, [outcome cells])."""
    total = cell(requests, "total_processed", column)
    parts = [cell(requests, row, column) for row in outcome_rows(requests)]
    outcome = judge_parts(parts, total)
    return Judgement(outcome, (total, parts) if outcome != Outcome.NOT_JUDGED else None)


def broken_relations(requests: dict) -> int:
    """How many column relations of table 3 fail, among those that can be judged."""
    return sum(
        judge(requests, column).outcome == Outcome.FAILS
        for column in REQUEST_COLUMNS
        for judge in (judge_balance, judge_outcomes)
    )
