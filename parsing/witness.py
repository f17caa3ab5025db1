"""The report's text as a second witness for table 2 (规章, 行政规范性文件): a sentence stating a
figure about a row and a column (制发规范性文件89件, 现行有效行政规范性文件698件) chooses among the
readings of a row the table alone cannot settle: digits run together (8855698), or fewer values than
columns (规章 | 22 | 235). A text figure never creates a cell; it only picks among the table's own
readings, and only when exactly one reading agrees with every figure the text states about the row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from .values import normalize

COLUMN_WORDS = {
    "issued": ("制发",),
    "repealed": ("废止", "终止"),
    "in_force": ("现行有效",),
    "made": ("新制作",),
    "published": ("新公开",),
    "total_public": ("对外公开总数", "公开总数"),
}
ROW_WORDS = {"regulations": ("规章",), "normative_documents": ("规范性文件",)}
CLAUSE = re.compile(r"[^，。；;,！!？?\n]+")
FIGURE = re.compile(r"(\d+)件")


@dataclass(frozen=True)
class Figure:
    row: str
    column: str
    value: int
    sentence: str


def text_figures(lines: list[str]) -> list[Figure]:
    """Figures the text states about one row and one column of table 2, clause by clause."""
    figures = []
    for line in lines:
        for clause in CLAUSE.findall(normalize(line)):
            numbers = FIGURE.findall(clause)
            rows = [r for r, words in ROW_WORDS.items() if any(w in clause for w in words)]
            columns = [c for c, words in COLUMN_WORDS.items() if any(w in clause for w in words)]
            if len(numbers) == 1 and len(rows) == 1 and len(columns) == 1:
                figures.append(Figure(rows[0], columns[0], int(numbers[0]), clause))
    return figures


def readings(values: list[str], width: int) -> list[tuple]:
    """Every reading of a row's printed cells as ``width`` cells: each cell whole or, for one cell of
    digits run together, cut into parts; cells too few leave blanks (None) anywhere between them."""
    cells = [normalize(v) for v in values if normalize(v)]
    pieces = [cells] if len(cells) != 1 or not cells[0].isdigit() else list(cuts(cells[0], width))
    out = []
    for parts in pieces:
        if len(parts) > width:
            continue
        for slots in combinations(range(width), len(parts)):
            reading = [None] * width
            for slot, part in zip(slots, parts):
                reading[slot] = int(part) if part.isdigit() else part
            out.append(tuple(reading))
    return out


def cuts(run: str, width: int):
    """A run of digits cut into 1…width parts, no part with a leading zero."""
    for k in range(1, min(width, len(run)) + 1):
        for bounds in combinations(range(1, len(run)), k - 1):
            edges = (0, *bounds, len(run))
            parts = [run[a:b] for a, b in zip(edges, edges[1:])]
            if all(p == "0" or not p.startswith("0") for p in parts):
                yield parts


def witnessed(row: str, columns: tuple, values: list[str], figures: list[Figure]) -> tuple[tuple, list[str]] | None:
    """The one reading every figure about this row agrees with, and the sentences that settled it."""
    about = [f for f in figures if f.row == row and f.column in columns]
    if not about:
        return None
    agreeing = {
        r
        for r in readings(values, len(columns))
        if all(r[columns.index(f.column)] == f.value for f in about) and all(isinstance(v, int) or v is None for v in r)
    }
    if len(agreeing) != 1:
        return None
    return agreeing.pop(), [f.sentence for f in about]
