"""Reading a table row by the header column each value sits under, where the file draws its tables as
a grid (HTML rowspan/colspan, DOCX gridSpan/vMerge: see ``Block.columns``).

Word's HTML pads merged label columns with empty cells, differently row by row, so counting a row's
cells cannot tell a blank value at its edge (a blank 总计) from padding. The grid can: the header rows
above a run of data rows mark where each column starts, a blank cell under a header column is that
column's blank value, and a blank cell under no value column is padding. A row is read this way only
when the grid settles it whole; anything else (a row short of the header, a value under no column,
two values under one) is left to the counting in tables.py, as before.

    >>> header = HeaderGrid()
    >>> header.see(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ((0, 1), (1, 2), (2, 3), (3, 4)), data=False)
    >>> header.reading(["规章", "", "0", "3", ""], ((0, 1), (1, 2), (2, 3), (3, 4), (4, 5)), (), 3)
    (['', '0', '3'], 'ok')
"""

from __future__ import annotations

from itertools import chain

from .values import TEXT, cell_kind, is_blank

Columns = tuple[tuple[int, int], ...]
PLACED_UNDER_HEADER = "by the header cell each value sits under"


class HeaderGrid:
    """The column starts of the header rows of the table being read: the multi-cell rows without
    values since the last data row (a header printed again mid-table starts anew)."""

    def __init__(self):
        self.starts: set[int] = set()
        self.end = 0
        self._after_data = True
        self._segments: list[tuple[int, int]] | None = None

    def see(self, cells: list[str], columns: Columns | None, data: bool) -> None:
        """Follow one row of the table; a row without grid columns ends the table's grid. Only header
        cells with words start a column: an empty one is Word's padding of the cell before it."""
        if columns is None:
            if self.starts or not self._after_data:
                self.starts, self.end, self._after_data, self._segments = set(), 0, True, None
        elif data:
            self._after_data = True
        elif sum(map(bool, cells)) > 1:  # one cell with words: a caption, a group label or a torn label
            if self._after_data:
                self.starts, self.end, self._after_data = set(), 0, False
            self.starts |= {first for cell, (first, _) in zip(cells, columns) if cell}
            self.end = max(self.end, columns[-1][1])
            self._segments = None

    def value_columns(self, width: int) -> list[tuple[int, int]] | None:
        """The header's ``width`` value columns: all its columns, or all but a label column before
        them (信息内容, 项目, the 勾稽关系 cell); None for a header of another width."""
        if self._segments is None:
            bounds = sorted(self.starts | {self.end})
            self._segments = list(zip(bounds, bounds[1:]))
        segments = self._segments
        if len(segments) not in (width, width + 1):
            return None
        return segments[len(segments) - width :]

    def reading(self, cells: list[str], columns: Columns | None, spanned: Columns, width: int):
        """The row's ``width`` value cells by the header columns they sit under ("" for a column left
        blank), and "ok" (a cell under every column) or "under" (fewer values than columns, each under
        one header cell); None where the grid does not settle the row."""
        if columns is None or len(columns) != len(cells):
            return None
        segments = self.value_columns(width)
        if segments is None:
            return None
        texts, values = [], []
        for cell, span in zip(cells, columns):
            if cell_kind(cell) == TEXT:
                texts.append(span)
            else:
                values.append((cell, span))
        if any(first >= segments[0][0] for first, _ in texts):  # a label inside the value columns
            return None
        if [span for _, span in values[-width:]] == segments and all(
            is_blank(cell) and span[1] <= segments[0][0] for cell, span in values[:-width]
        ):
            return [cell for cell, _ in values[-width:]], "ok"  # a cell under each column, padding before them
        return _placed(values, segments, texts, spanned)


def _placed(values: list[tuple[str, tuple[int, int]]], segments, labels: list, spanned: Columns):
    """The values by segment (see HeaderGrid.reading)."""
    first, last = segments[0][0], segments[-1][1]
    owner = [-1] * first + [i for i, (start, end) in enumerate(segments) for _ in range(start, end)]  # by column
    under = []
    for cell, (start, end) in values:
        if start < last and end > first:
            under.append((cell, start, end))
        elif not is_blank(cell):
            return None  # a value under no column: the row is wider than its header
    covered = set()
    for start, end in chain([(start, end) for _, start, end in under], labels, spanned):
        start, end = max(start, first), min(end, last)
        if start < end:
            covered.update(range(owner[start], owner[end - 1] + 1))
    if len(covered) < len(segments):
        return None  # a column with no cell over it: a cell the row lost, the others shifted
    homes = [owner[start] for _, start, _ in under]  # -1: starting left of the value columns
    if homes == list(range(len(segments))):
        return [cell for cell, _, _ in under], "ok"  # one cell in each column (it may reach into the next)
    reading = [""] * len(segments)
    for (cell, _, end), home in zip(under, homes):
        if is_blank(cell):
            continue  # blank under every header cell it spans, or padding beside a value
        if home < 0 or end > last or owner[end - 1] != home:
            return None  # a value across two header cells: under which one cannot be told
        if reading[home]:
            return None  # two values under one header cell
        reading[home] = cell
    return reading, "ok" if set(homes) >= set(range(len(segments))) else "under"
