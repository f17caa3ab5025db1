"""Tables printed without rules, read from where their words stand (pure: characters in, rows out).

Reports exported from Word or WPS often draw their tables with thin or no borders, so pdfplumber's
table finder, which follows the rules, finds nothing; read as text, the rows lose their blank cells
and their wrapped labels. A reader still sees the table: a line ending in numbers, each apart from
the label and from the next, is a row; the numbers of neighbouring rows stand in columns (left-,
right- or centre-aligned under their header), so each number goes to the column it stands in and a
column without one in a row is a blank cell; a row's label is the block of text left of the numbers
that the row's middle crosses (a label wrapped over lines, a group label merged over rows). What
cannot be placed with certainty is left as text for the table reader to judge, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from pdfplumber.utils.text import WordExtractor

from .values import is_value

# Characters closer than this (pt) make one word: digits of one number, a label's characters.
WORD_GAP = 1.5
# Two columns' numbers stand at least this many character heights apart (a cell's padding on both
# sides); numbers closer than that are one number spaced out, never two cells.
MIN_COLUMN_GAP = 0.6
# A label stands at least a character height left of its row's numbers.
MIN_LABEL_GAP = 1.0
# Words of one line: middles within this share of the character height.
SAME_LINE = 0.3
# Lines of one wrapped cell: the gap between them below this share of the character height (a row's
# padding keeps the next row's text further away).
SAME_CELL = 0.4
# How far above the first row and below the last the labels of a table are looked for, in lines.
LABEL_REACH = 3
# Words of one cell are set in one size (within this share of it).
SAME_SIZE = 0.15
# Ways of sharing a label block among rows looked at before giving up on it as ambiguous.
MAX_SHARINGS = 64
# Numbers of one column: their anchors (left edge, right edge or middle) within this share of the
# character height.
SAME_COLUMN = 0.3


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    chars: list[dict]

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Block:
    """Words of one cell of text: a label wrapped over lines, or a label merged over rows."""

    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def chars(self) -> list[dict]:
        return [c for w in self.words for c in w.chars]


@dataclass
class NumberRow:
    """A line ending in numbers set apart from each other: the values of a table row."""

    values: list[Word]
    labels: list[Block] = field(default_factory=list)

    @property
    def middle(self) -> float:
        return sum(w.middle for w in self.values) / len(self.values)

    @property
    def top(self) -> float:
        return min([w.top for w in self.values] + [b.top for b in self.labels])

    @property
    def x0(self) -> float:
        return self.values[0].x0


@dataclass
class TableRow:
    """A row read from positions: its top, and the characters of each printed cell (a blank cell has
    none) in order, the labels first."""

    top: float
    cells: list[list[dict]]

    @property
    def chars(self) -> list[dict]:
        return [c for cell in self.cells for c in cell]


def borderless_rows(chars: list[dict]) -> list[TableRow]:
    """The table rows the characters form without rules; characters not in them stay text."""
    words = _words(chars)
    rows = _number_rows(words)
    if not rows:
        return []
    taken = {id(w) for row in rows for w in row.values}
    loose = [w for w in words if id(w) not in taken]
    result: list[TableRow] = []
    for segment in _segments(rows, loose):
        result += _read_segment(segment, loose)
        used = {id(c) for row in result for c in row.chars}
        loose = [w for w in loose if id(w.chars[0]) not in used]
    return result


def _words(chars: list[dict]) -> list[Word]:
    extractor = WordExtractor(x_tolerance=WORD_GAP, y_tolerance=3)
    return [
        Word(word["text"], word["x0"], word["x1"], word["top"], word["bottom"], word_chars)
        for word, word_chars in extractor.iter_extract_tuples(chars)
        if word["upright"]
    ]


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped by the line they stand on, each line sorted left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.middle):
        if lines and abs(word.middle - lines[-1][0].middle) <= SAME_LINE * word.height:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _number_rows(words: list[Word]) -> list[NumberRow]:
    rows = []
    for line in _lines(words):
        values = _trailing_values(line)
        if values:
            rows.append(NumberRow(values))
    return rows


def _trailing_values(line: list[Word]) -> list[Word]:
    """The numbers a line ends with, when they are set apart as cells: from the label by a column gap,
    from each other by more than a spaced-out number's gap; else none."""
    count = 0
    while count < len(line) and _is_cell_value(line[len(line) - 1 - count].text):
        count += 1
    values, labels = line[len(line) - count :], line[: len(line) - count]
    if not values or (len(values) == 1 and not labels):
        return []
    height = max(w.height for w in line)
    if labels and values[0].x0 - labels[-1].x1 < MIN_LABEL_GAP * height:
        return []
    if any(b.x0 - a.x1 < MIN_COLUMN_GAP * height for a, b in zip(values, values[1:])):
        return []
    return values


def _is_cell_value(text: str) -> bool:
    return bool(text.strip()) and is_value(text)


def _segments(rows: list[NumberRow], loose: list[Word]) -> list[list[NumberRow]]:
    """Consecutive rows of one table: a header, a heading or text over the numbers' columns between
    two rows starts another table (whose columns may differ)."""
    segments = [[rows[0]]]
    for before, row in zip(rows, rows[1:]):
        start = min(w.x0 for r in segments[-1] for w in r.values)
        between = [w for w in loose if before.middle < w.middle < row.middle and w.x1 > start]
        own_label_over = any(w.x1 > start for w in _line_words(row, loose))
        if between or own_label_over:
            segments.append([row])
        else:
            segments[-1].append(row)
    return segments


def _line_words(row: NumberRow, loose: list[Word]) -> list[Word]:
    height = row.values[0].height
    return [w for w in loose if abs(w.middle - row.middle) <= SAME_LINE * height and w.x1 <= row.x0]


def _read_segment(rows: list[NumberRow], loose: list[Word]) -> list[TableRow]:
    """The rows of one table with their labels and their values in columns."""
    start = max(r.x0 for r in rows)
    height = max(w.height for r in rows for w in r.values)
    reach = LABEL_REACH * height
    near = [
        w
        for w in loose
        if w.x1 <= start and rows[0].values[0].top - reach <= w.middle <= rows[-1].values[0].bottom + reach
    ]
    headers = _header_words(near, rows, loose)
    blocks = _crossed_blocks([w for w in near if id(w) not in headers], rows)
    sharings = max(
        (
            [_shared_out(block, crossing, rows, fits) if crossing else None for block, crossing in blocks]
            for fits in ALIGNMENTS
        ),
        key=lambda found: sum(len(words) for shared in found if shared for _, words in shared),
    )
    loose_labels = []
    for (block, crossing), shared in zip(blocks, sharings):
        if shared is not None:
            for row, words in shared:
                row.labels.append(Block(words))
        elif len(crossing) == 1:
            crossing[0].labels.append(block)
        elif crossing or rows[0].middle < (block.top + block.bottom) / 2 < rows[-1].middle:
            loose_labels.append(TableRow(block.top, [block.chars]))  # a group label between rows
    slots = _columns(rows)
    table = []
    for row, placed in zip(rows, slots):
        labels = [b.chars for b in sorted(row.labels, key=lambda b: b.x0)]
        table.append(TableRow(row.top, labels + placed))
    return sorted(table + loose_labels, key=lambda r: r.top)


def _crossed_blocks(words: list[Word], rows: list[NumberRow]) -> list[tuple[Block, list[NumberRow]]]:
    """The label blocks, each with the rows whose middle it crosses (and whose numbers stand right of it)."""
    return [(b, [r for r in rows if b.top - 1 <= r.middle <= b.bottom + 1 and b.x1 <= r.x0]) for b in _blocks(words)]


def _header_words(near: list[Word], rows: list[NumberRow], loose: list[Word]) -> set[int]:
    """Label-column words on a header row (信息内容 | 本年处理决定数量, 项目 | 自然人 | …), which no row
    label continues into: no numbers on their line, and words beside them that label no row."""
    labelling = {id(w) for block, crossing in _crossed_blocks(near, rows) if crossing for w in block.words}
    headers = set()
    for word in near:
        beside = [w for w in loose if abs(w.middle - word.middle) <= SAME_LINE * word.height and w.x0 > word.x1]
        numbers = any(abs(r.middle - word.middle) <= SAME_LINE * word.height for r in rows)
        if not numbers and any(id(w) not in labelling for w in beside):
            headers.add(id(word))
    return headers


def _blocks(words: list[Word]) -> list[Block]:
    """Words joined into the cells they print: beside each other on a line, or on the next line
    close below and overlapping."""
    blocks: list[Block] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        home = next((b for b in blocks if _continues(b, word)), None)
        if home is None:
            blocks.append(Block([word]))
        else:
            home.words.append(word)
    return blocks


def _continues(block: Block, word: Word) -> bool:
    for other in block.words:
        if abs(other.height - word.height) > SAME_SIZE * word.height:
            continue  # a heading or body text beside a label is set in another size
        same_line = abs(other.middle - word.middle) <= SAME_LINE * word.height
        if same_line and min(abs(word.x0 - other.x1), abs(other.x0 - word.x1)) <= word.height:
            return True
        below = 0 <= word.top - other.bottom <= SAME_CELL * word.height
        if below and word.x0 < other.x1 and other.x0 < word.x1:
            return True
    return False


def _shared_out(
    block: Block, crossing: list[NumberRow], table: list[NumberRow], fits
) -> list[tuple[NumberRow, list[Word]]] | None:
    """The block's lines shared out among the rows it crosses, where rows stand as close as the lines
    of a wrapped label: each row gets a run of consecutive lines that ``fits`` it, the runs following
    each other; only lines above the table's first row or below its last (a header, a heading) may be
    left out. The sharing that leaves out the fewest lines is taken when it is the only one; else None."""
    lines = _lines(block.words)
    above = sum(line[0].bottom <= table[0].values[0].top + 1 for line in lines)
    below = sum(line[0].top >= table[-1].values[0].bottom - 1 for line in lines)
    by_coverage: dict[int, set[tuple[tuple[int, int], ...]]] = {}
    for runs in islice(_sharings(lines, crossing, fits, 0, above), MAX_SHARINGS):
        if runs[-1][1] >= len(lines) - below:
            by_coverage.setdefault(sum(end - start for start, end in runs), set()).add(runs)
    if not by_coverage:
        return None
    best = by_coverage[max(by_coverage)]
    if len(best) != 1:
        return None
    return [(row, [w for line in lines[start:end] for w in line]) for row, (start, end) in zip(crossing, best.pop())]


def _sharings(lines: list[list[Word]], rows: list[NumberRow], fits, start: int, free: int):
    """Every way to give each row in turn a run of lines (lines[start:end]) that fits it; the first
    run may start after up to ``free`` lines, each next one where the last ended."""
    if not rows:
        yield ()
        return
    for begin in range(start, min(start + free, len(lines) - 1) + 1):
        for end in range(begin + 1, len(lines) + 1):
            if fits(lines[begin:end], rows[0]):
                for rest in _sharings(lines, rows[1:], fits, end, 0):
                    yield ((begin, end), *rest)


def _centred(run: list[list[Word]], row: NumberRow) -> bool:
    middle = (run[0][0].top + run[-1][0].bottom) / 2
    return abs(middle - row.middle) <= SAME_LINE * run[0][0].height


def _top_aligned(run: list[list[Word]], row: NumberRow) -> bool:
    return abs(run[0][0].middle - row.middle) <= SAME_LINE * run[0][0].height


# Cells set in the middle of their row, or at its top: a table is read the way that places more label
# lines (the first when as many).
ALIGNMENTS = (_centred, _top_aligned)


def _columns(rows: list[NumberRow]) -> list[list[list[dict]]]:
    """Each row's value cells, one per column of the table: a number in the column whose numbers it
    is aligned with, nothing where the row has none. The alignment (left, right or centre) is the one
    that sets the numbers in the fewest columns. The columns are trusted only where one row has a
    number in each (the columns of one printed row, not pieced together from rows one of which may
    stand out of line) and no row's number stands under another row's label (a row printed out of
    the grid); else, and for a row whose numbers share a column, the numbers stay in order, without
    blanks, for the table reader to judge. A column blank in every row leaves no trace: its rows come
    out a cell short, which the table reader does not place."""
    grid = [row for row in rows if not _out_of_grid(row, rows)]
    in_order = [[w.chars for w in row.values] for row in rows]
    if len(grid) < len(rows):
        return in_order
    readings = [_column_of_each(rows, anchor) for anchor in ANCHORS]
    fewest = min(len(set().union(*map(set, reading))) for reading in readings)
    best = [reading for reading in readings if len(set().union(*map(set, reading))) == fewest]
    if any(reading != best[0] for reading in best) or not any(len(set(c)) == fewest for c in best[0]):
        return in_order
    result = []
    for row, columns, kept in zip(rows, best[0], in_order):
        if len(set(columns)) < len(columns):
            result.append(kept)
            continue
        cells: list[list[dict]] = [[] for _ in range(fewest)]
        for column, word in zip(columns, row.values):
            cells[column] = word.chars
        result.append(cells)
    return result


# Where a number stands in its column: its right edge, its middle or its left edge.
ANCHORS = (lambda w: w.x1, lambda w: (w.x0 + w.x1) / 2, lambda w: w.x0)


def _out_of_grid(row: NumberRow, rows: list[NumberRow]) -> bool:
    """Whether one of the row's numbers stands under another row's label."""
    labels = [block for other in rows if other is not row for block in other.labels]
    return any(block.x0 < w.x1 and w.x0 < block.x1 for w in row.values for block in labels)


def _column_of_each(rows: list[NumberRow], anchor) -> list[list[int]]:
    """For each row, the column index of each of its numbers, the columns being clusters of anchors."""
    height = max(w.height for r in rows for w in r.values)
    points = sorted(anchor(w) for r in rows for w in r.values)
    edges = [b for a, b in zip(points, points[1:]) if b - a > SAME_COLUMN * height]
    return [[sum(anchor(w) >= edge for edge in edges) for w in row.values] for row in rows]
