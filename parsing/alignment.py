"""Placing table-3 rows torn from their labels (a PDF converted to Markdown or text prints a row of
seven numbers with no label, its label floating as a line above or below).

The rows seen are aligned with the template's rows in their fixed order: each run of torn rows sits
between two rows whose labels survived, so it can only be some of the template rows missing between
them. Every order-keeping way to give the run those rows is tried, and the table's relations judge
each: the outcome rows must add up to （七）总计 in every column, and 一 + 二 = （七） + 四 wherever it
can be judged. Rows are placed only when exactly one alignment passes, and only when the relations
could judge it (all outcome rows present); otherwise they stay null."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, product

from .relations import BALANCE_ROWS, Outcome, broken_relations, judge_balance, judge_outcomes
from .template import OTHER_SUB_ROWS, REQUEST_COLUMNS, REQUEST_ROW_ORDER

INFLOW_ROWS = ("new_received", "carried_over", "carried_forward")  # judged by the balance alone
MAX_ALIGNMENTS = 2000  # joint alignments tried; beyond that the torn rows stay null


@dataclass
class TornRow:
    """A row of values whose label names no template row; ``after`` is the last template row seen
    before it (None at the top of the table)."""

    after: str | None
    cells: dict  # column → value
    label: str = ""
    printed: list[str] | None = None  # the cells as printed, for the evidence
    seen_before: int = 0  # how many template rows were read before it


def template_rows(seen: list[str], fmt: str) -> list[str]:
    """Table 3's rows in order: 其他处理 as one row (2019, or a 2021 report printing it so) or three."""
    single = fmt == "2019" or "other_handling" in seen
    skip = set(OTHER_SUB_ROWS) if single else {"other_handling"}
    return [key for key in REQUEST_ROW_ORDER if key not in skip]


def runs_of(torn: list[TornRow]) -> list[list[TornRow]]:
    """Torn rows next to each other (no labelled row between them) form one run."""
    runs: list[list[TornRow]] = []
    for row in torn:
        if runs and runs[-1][-1].after == row.after:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def gap_of(run: list[TornRow], seen: list[str], order: list[str]) -> list[str]:
    """The template rows a run can be: those missing between the labelled rows around it."""
    after = run[0].after
    start = order.index(after) + 1 if after in order else 0
    later = [order.index(k) for k in seen if k in order and order.index(k) >= start]
    end = min(later) if later else len(order)
    return [key for key in order[start:end] if key not in seen]


def could_be(torn: list[TornRow], seen: list[str], fmt: str) -> list[list[str]]:
    """For each torn row, the template rows its position leaves it (the evidence of a row not placed):
    the k-th of a run of n in a gap of g rows can be the gap's rows k to g - n + k."""
    order = template_rows(seen, fmt)
    out = []
    for run in runs_of(torn):
        gap = gap_of(run, seen, order)
        out += [with_other_handling_whole(gap[k : len(gap) - len(run) + k + 1]) for k in range(len(run))]
    return out


def with_other_handling_whole(keys: list[str]) -> list[str]:
    """A row that may be one of （六）其他处理's sub-rows may as well be the group printed as one row (a 2021
    report may print it so, and its torn label says which no more)."""
    if "other_handling" in keys or not set(OTHER_SUB_ROWS) & set(keys):
        return keys
    at = min(keys.index(key) for key in OTHER_SUB_ROWS if key in keys)
    return [*keys[:at], "other_handling", *keys[at:]]


def align(requests: dict, torn: list[TornRow], seen: list[str], fmt: str) -> dict[str, TornRow] | None:
    """The torn rows by template key, when exactly one alignment keeps the relations; else None."""
    order = template_rows(seen, fmt)
    choices = []
    for run in runs_of(torn):
        gap = gap_of(run, seen, order)
        options = [dict(zip(keys, run)) for keys in combinations(gap, len(run))]
        if not options:
            return None
        choices.append(options)
    passing = []
    for count, joint in enumerate(product(*choices)):
        if count >= MAX_ALIGNMENTS:
            return None
        placed = {key: row for option in joint for key, row in option.items()}
        if confirmed(requests, {key: row.cells for key, row in placed.items()}):
            passing.append(placed)
    distinct = {tuple(sorted((k, tuple(r.cells.items())) for k, r in p.items())) for p in passing}
    return passing[0] if len(distinct) == 1 else None


def confirmed(requests: dict, placed: dict) -> bool:
    """The table with the placed rows keeps every relation it can judge, and can judge the rows placed:
    outcome rows need the outcome sums in every column, the balance rows the balance in some column."""
    trial = {**requests, **placed}
    if broken_relations(trial):
        return False
    if set(placed) - set(INFLOW_ROWS) and any(
        judge_outcomes(trial, c).outcome == Outcome.NOT_JUDGED for c in REQUEST_COLUMNS
    ):
        return False
    return not (set(placed) & set(BALANCE_ROWS)) or any(
        judge_balance(trial, c).outcome != Outcome.NOT_JUDGED for c in REQUEST_COLUMNS
    )


def cut_by_position(lines: list[tuple[str | None, list[str]]], order: list[str]) -> dict[str, list[str]] | None:
    """Table 3 copied one cell per line, its labels apart from their numbers (below them, cut in two around
    them): the numbers, in the order printed, are the template's rows in order, as a careful reader counts
    them, when there are exactly seven for each row in ``order``. ``lines`` are the table's lines in order,
    each a template row's label (its key) or other words (None), with the values after it. Every label must
    stand where its row's numbers begin or end, and other words between rows, never inside one; else None."""
    width = len(REQUEST_COLUMNS)
    values = [value for _, after in lines for value in after]
    if len(values) != width * len(order):
        return None
    at = 0
    for key, after in lines:
        if key is None and at % width:
            return None
        if key is not None and (
            key not in order or at not in (width * order.index(key), width * (order.index(key) + 1))
        ):
            return None
        at += len(after)
    return {key: values[width * i : width * (i + 1)] for i, key in enumerate(order)}
