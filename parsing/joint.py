"""Settling several uncertain rows of table 3 together by the table's column relations.

A row copied out so that more than one reading of it is possible (digits run together with blank cells
printed as nothing, a row copied one cell per line where a blank leaves no line and a number may break
over two, a row padded at both ends, a row short of cells) comes with every reading the copy allows.
The column relations (勾稽关系: 一 + 二 = （七）+ 四, and the outcome rows add up to （七）总计, in every
column) tie the rows together, so they are judged jointly, the way a clerk fills in a torn table: every
combination of the rows' likeliest readings (the fewest cells lost) is tried, then, where none keeps the
relations, combinations with one row read otherwise (then two), a bounded number of them. A row is
settled only where every combination keeping each relation it can judge gives it one and the same
reading, and each of its other readings, put in its place, breaks a relation. A search past its bound
settles nothing.

    >>> printed = {"new_received": (1, 1, 1, 1, 1, 1, 6), "carried_over": (0,) * 7}
    >>> fixed = {key: dict(zip(REQUEST_COLUMNS, row)) for key, row in printed.items()}
    >>> run = {"total_processed": ([(1, 1, 1, 1, 1, 1, 6), (1, 1, 1, 1, 1, 3, 3)], [])}  # 1111116
    >>> settle_jointly(fixed, run, "2019")  # 四、结转下年度 not printed: no relation judges the run
    {}
    >>> settle_jointly(fixed | {"carried_forward": dict.fromkeys(REQUEST_COLUMNS, 0)}, run, "2019")
    {'total_processed': (1, 1, 1, 1, 1, 1, 6)}
"""

from __future__ import annotations

from dataclasses import dataclass

from .alignment import template_rows
from .template import OUTCOME_ROWS, REQUEST_COLUMNS

MAX_NODES = 20000  # partial combinations tried; beyond that nothing is settled
MAX_ROWS_OFF = 2  # rows read other than their likeliest way in one combination
SCALE = 1000  # values compared in thousandths, exactly

Reading = tuple  # one value per column of table 3, None for a blank cell


@dataclass
class Relation:
    """One column relation as a signed sum that must be zero: each row's sign, and the part the rows
    already placed give."""

    column: int
    signs: dict[str, int]
    base: int = 0


def units(value) -> int:
    return round(value * SCALE)


def relations_of(rows: set[str], fmt: str) -> list[Relation]:
    """Table 3's column relations over the given rows; a relation missing one of its rows judges
    nothing and is left out."""
    outcome = [key for key in template_rows(list(rows), fmt) if key in OUTCOME_ROWS]
    out = []
    for column in range(len(REQUEST_COLUMNS)):
        sums = {key: 1 for key in outcome} | {"total_processed": -1}
        balance = {"new_received": 1, "carried_over": 1, "total_processed": -1, "carried_forward": -1}
        out += [Relation(column, signs) for signs in (sums, balance) if set(signs) <= rows]
    return out


def settle_jointly(
    fixed: dict[str, dict], doubtful: dict[str, tuple[list[Reading], list[Reading]]], fmt: str
) -> dict[str, Reading]:
    """The doubtful rows the relations settle, by key, with their reading.

    ``fixed`` holds the rows already placed (column → value); ``doubtful`` each row in doubt with its
    likeliest readings and its other ones. Combinations are tried with every row read its likeliest
    way, then with one row read otherwise (then two …), until some keep the relations. A row is settled
    where they all read it one way, and every other reading of it, put in its place, breaks a relation
    they judge; a row nothing sets apart from another reading stays out."""
    relations = judging_relations(fixed, set(doubtful), fmt)
    if not relations:
        return {}
    passing = []
    for off in range(MAX_ROWS_OFF + 1):
        passing = combinations_keeping(doubtful, relations, off)
        if passing is None:
            return {}
        if passing:
            break
    settled = {}
    for key, (likeliest, others) in doubtful.items():
        chosen = {combination[key] for combination in passing}
        if len(chosen) != 1 or len(likeliest) + len(others) < 2:
            continue
        reading = chosen.pop()
        rivals = [other for other in likeliest + others if other != reading]
        if all(breaks_in_place(combination, key, rivals, relations) for combination in passing):
            settled[key] = reading
    return settled


def breaks_in_place(
    combination: dict[str, Reading], key: str, rivals: list[Reading], relations: list[Relation]
) -> bool:
    """Whether each rival reading of a row, put in its place in the combination, breaks a relation the
    combination judges."""
    touched = []
    for relation in relations:
        if key not in relation.signs:
            continue
        total, judged = relation.base, True
        for row, sign in relation.signs.items():
            if row == key or row not in combination:
                continue
            value = combination[row][relation.column]
            if value is None:
                judged = False
                break
            total += sign * units(value)
        if judged:
            touched.append((relation.column, relation.signs[key], total))
    return all(
        any(rival[column] is not None and total + sign * units(rival[column]) != 0 for column, sign, total in touched)
        for rival in rivals
    )


def judging_relations(fixed: dict[str, dict], uncertain: set[str], fmt: str) -> list[Relation]:
    """The relations that touch an uncertain row and that the placed rows leave judgeable (no blank
    cell among them), each with the placed rows' part of its sum."""
    out = []
    for relation in relations_of(set(fixed) | uncertain, fmt):
        if not uncertain & set(relation.signs):
            continue
        placed = [
            (fixed[key].get(REQUEST_COLUMNS[relation.column]), sign)
            for key, sign in relation.signs.items()
            if key not in uncertain
        ]
        if all(value is not None for value, _ in placed):
            relation.base = sum(sign * units(value) for value, sign in placed)
            out.append(relation)
    return out


class SearchTooLong(Exception):
    """More partial combinations than MAX_NODES."""


def combinations_keeping(
    doubtful: dict[str, tuple[list[Reading], list[Reading]]], relations: list[Relation], off: int
) -> list[dict] | None:
    """Every combination of readings that keeps each relation it leaves judged, with at most ``off``
    rows read other than their likeliest way; None when the search would try more than MAX_NODES
    partial combinations."""
    keys = sorted(doubtful, key=lambda key: len(doubtful[key][0]))
    last = [max(keys.index(key) for key in relation.signs if key in doubtful) for relation in relations]
    passing: list[dict] = []
    nodes = 0

    def walk(depth: int, chosen: dict, sums: list[int], unjudged: frozenset[int], off_left: int) -> None:
        nonlocal nodes
        if depth == len(keys):
            passing.append(dict(chosen))
            return
        key = keys[depth]
        likeliest, others = doubtful[key]
        for reading, cost in [*((r, 0) for r in likeliest), *((r, 1) for r in (others if off_left else ()))]:
            nodes += 1
            if nodes > MAX_NODES:
                raise SearchTooLong
            new_sums, blank = list(sums), set(unjudged)
            for i, relation in enumerate(relations):
                sign = relation.signs.get(key)
                if sign is None:
                    continue
                value = reading[relation.column]
                if value is None:
                    blank.add(i)
                else:
                    new_sums[i] += sign * units(value)
            if all(new_sums[i] == 0 or i in blank for i, at in enumerate(last) if at == depth):
                chosen[key] = reading
                walk(depth + 1, chosen, new_sums, frozenset(blank), off_left - cost)
        chosen.pop(key, None)

    try:
        walk(0, {}, [relation.base for relation in relations], frozenset(), off)
    except SearchTooLong:
        return None
    return passing
