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
    fixed: dict[str, dict],
    doubtful: dict[str, tuple[list[Reading], list[Reading]]],
    fmt: str,
    runs: dict[str, str] | None = None,
    dropped: dict[str, list[Reading]] | None = None,
) -> dict[str, Reading]:
    """The doubtful rows the relations settle, by key, with their reading.

    ``fixed`` holds the rows already placed (column → value); ``doubtful`` each row in doubt with its
    likeliest readings and its other ones; ``runs`` rows printed as a run of digits too long to list its
    readings, derived from the relations instead (see Derivation); ``dropped`` each row's readings with
    a value cell the copy dropped (worked out from the row's sum), tried among its likeliest but never
    settled on: the value was not printed. Combinations are tried with every row read its likeliest way,
    then with one row read otherwise (then two …), until some keep the relations. A row is settled where
    they all read it one way (or with a value dropped where that way leaves a blank), and every other
    reading of it, put in its place, breaks a relation they judge; a row nothing sets apart from another
    reading stays out."""
    runs = runs or {}
    dropped = {key: only_dropped(rivals, doubtful[key]) for key, rivals in (dropped or {}).items() if key in doubtful}
    relations = judging_relations(fixed, set(doubtful) | set(runs), fmt)
    plain = [relation for relation in relations if not set(runs) & set(relation.signs)]
    derivation = Derivation(runs, [relation for relation in relations if set(runs) & set(relation.signs)])
    if not plain and not derivation.relations:
        return {}
    searched = {key: (likeliest + list(dropped.get(key, ())), others) for key, (likeliest, others) in doubtful.items()}
    passing = []
    for off in range(MAX_ROWS_OFF + 1):
        passing = combinations_keeping(searched, plain, off, derivation)
        if passing is None:
            return {}
        if passing:
            break
    settled = {}
    for key, (likeliest, others) in doubtful.items():
        chosen = {combination[key] for combination in passing}
        placeable = chosen - dropped.get(key, set())
        if len(placeable) != 1:
            continue
        reading = placeable.pop()
        if not all(agrees(rival, reading) for rival in chosen - {reading}):
            continue
        rivals = [other for other in likeliest + others if other != reading]
        rivals += [rival for rival in dropped.get(key, ()) if not agrees(rival, reading)]
        if rivals and all(rivals_fail(combination, key, rivals, plain, derivation) for combination in passing):
            settled[key] = reading
    for key in runs:
        derived = {combination.get(key) for combination in passing}
        if len(derived) == 1 and None not in derived:
            settled[key] = derived.pop()
    return settled


def only_dropped(rivals: list[Reading], tiers: tuple[list[Reading], list[Reading]]) -> set[Reading]:
    """The readings with a value dropped that are not also readings of the row as printed (a 0 dropped
    before a 总计 the others add up to reads as the printed row does)."""
    return set(rivals) - set(tiers[0]) - set(tiers[1])


def agrees(rival: Reading, reading: Reading) -> bool:
    """Whether the rival has each number of the reading where the reading has it: the reading, placed
    were the rival true, would be right but for cells it leaves null."""
    return all(value is None or value == other for value, other in zip(reading, rival))


class Derivation:
    """Rows printed as runs too long to cut: each cell derived from a relation it is the last row
    unknown in (（七）总计 = the sum of the outcome rows; 一 + 二 − 四; then an outcome row from （七）), the
    same by every relation that gives it, and the numbers printed one after another must be the run.
    One cell no relation gives may be what the run leaves between the others, where the row's sum
    holds with it. A run derived whole lets the relations give the next."""

    def __init__(self, runs: dict[str, str], relations: list[Relation]):
        self.runs = runs
        self.relations = relations

    def derive(self, combination: dict[str, Reading]) -> dict[str, Reading | None] | None:
        """Each run's reading (None where it cannot be derived whole), or None where one contradicts
        the relations or the run as printed."""
        known = {key: reading for key, reading in combination.items() if key not in self.runs}
        pending = dict(self.runs)
        while pending:
            derived = {}
            for key, run in pending.items():
                reading = as_printed(self.cells(key, known), run)
                if reading is False:
                    return None
                if reading is not None:
                    derived[key] = known[key] = reading
            if not derived:
                break
            pending = {key: run for key, run in pending.items() if key not in derived}
        return {key: known.get(key) for key in self.runs}

    def cells(self, key: str, known: dict[str, Reading]) -> list[int | None] | bool:
        """The run's cells (thousandths) the relations give where it is their last unknown row; False
        where two give different values, or one a negative count."""
        cells = []
        for column in range(len(REQUEST_COLUMNS)):
            given = {
                self.given(relation, key, known)
                for relation in self.relations
                if relation.column == column
                and key in relation.signs
                and all(row in known for row in relation.signs if row in self.runs and row != key)
            } - {None}
            if len(given) > 1 or given and min(given) < 0:
                return False
            cells.append(given.pop() if given else None)
        return cells

    @staticmethod
    def given(relation: Relation, key: str, combination: dict[str, Reading]) -> int | None:
        """The run's cell (in thousandths) the relation gives, None where a blank leaves it unjudged."""
        others = others_part(relation, key, combination)
        return None if others is None else -others * relation.signs[key]


def others_part(relation: Relation, key: str, combination: dict[str, Reading]) -> int | None:
    """The relation's sum (in thousandths) without the row ``key``: the placed rows' base and the other
    rows of the combination; None where one of them is blank in the column (the relation judges nothing)."""
    total = relation.base
    for row, sign in relation.signs.items():
        if row == key or row not in combination:
            continue
        value = combination[row][relation.column]
        if value is None:
            return None
        total += sign * units(value)
    return total


def as_printed(cells: list[int | None] | bool, run: str) -> Reading | None | bool:
    """The derived cells (thousandths) as a reading where printed one after another they are the run:
    False where they cannot be (or the relations gave none), None where too many cells are left to tell."""
    if cells is False:
        return False
    if any(c is not None and c % SCALE for c in cells):
        return False
    numbers = [None if c is None else c // SCALE for c in cells]
    left = [i for i, n in enumerate(numbers) if n is None]
    if len(left) > 1:
        return None
    before = "".join(str(n) for n in numbers[: left[0]]) if left else "".join(map(str, numbers))
    after = "".join(str(n) for n in numbers[left[0] + 1 :]) if left else ""
    if not left:
        return tuple(numbers) if before == run else False
    middle = run[len(before) : len(run) - len(after)]
    if not (run.startswith(before) and run.endswith(after) and len(before) + len(after) < len(run)):
        return False
    if not (middle == "0" or not middle.startswith("0")):
        return False
    numbers[left[0]] = int(middle)
    return tuple(numbers) if sum(numbers[:-1]) == numbers[-1] else False


def rivals_fail(
    combination: dict[str, Reading], key: str, rivals: list[Reading], relations: list[Relation], derivation: Derivation
) -> bool:
    """Whether each rival reading of a row, put in its place, breaks a relation or a run's derivation."""
    keeping = [rival for rival in rivals if not breaks_in_place(combination, key, rival, relations)]
    blanks = combination[key]
    return all(derivation.derive(combination | {key: blank_where(blanks, rival)}) is None for rival in keeping)


def blank_where(chosen: Reading, rival: Reading) -> Reading:
    """The rival with a blank where the chosen reading has one: a run's derivation that the rival breaks only
    in a column the chosen reading leaves unjudged (in a report that breaks that column's relation itself, a
    blank there is how the chosen reading keeps it) sets the rival no more apart than a relation does (see
    breaks_in_place)."""
    return tuple(None if mine is None else theirs for mine, theirs in zip(chosen, rival))


def breaks_in_place(combination: dict[str, Reading], key: str, rival: Reading, relations: list[Relation]) -> bool:
    """Whether a rival reading of a row, put in its place in the combination, breaks a relation the
    combination judges and keeps. Where the row's reading in the combination is blank in the relation's
    column, its blank counts nothing there: a relation it keeps only by leaving it unjudged (in a report
    that breaks it itself) sets no rival apart."""
    chosen = combination[key]
    for relation in relations:
        sign = relation.signs.get(key)
        if sign is None or rival[relation.column] is None:
            continue
        others = others_part(relation, key, combination)
        if others is None:
            continue
        escaped = chosen[relation.column] is None and others != 0
        if others + sign * units(rival[relation.column]) and not escaped:
            return True
    return False


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
    doubtful: dict[str, tuple[list[Reading], list[Reading]]], relations: list[Relation], off: int, derivation
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
            derived = derivation.derive(chosen)
            if derived is not None:
                passing.append(chosen | derived)
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
