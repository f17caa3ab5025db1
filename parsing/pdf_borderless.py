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

from .sections import NUMBERING, SUB_NUMBERING
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
# A table's header lines stand at most this many character heights above each other and its first row.
HEADER_GAP = 2.0
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


# The characters of each cell of a row (a blank cell has none).
Cells = list[list[dict]]


@dataclass
class TableRow:
    """A row read from positions: its top, and the characters of each printed cell (a blank cell has
    none) in order, the labels first. ``in_columns``: its value cells are one per column of the table
    (placed by the header or by alignment), so each blank cell is a column printed blank, neither
    padding nor a cell lost (the row may still be printed one column off: the table reader judges);
    else they are the numbers in order, for the table reader to judge."""

    top: float
    cells: Cells
    in_columns: bool = False

    @property
    def chars(self) -> list[dict]:
        return [c for cell in self.cells for c in cell]


# The value columns' extents (left, right) as a table's header cells give them, left to right.
Header = list[tuple[float, float]]


def borderless_rows(chars: list[dict], carried: Header | None = None) -> tuple[list[TableRow], Header | None]:
    """The table rows the characters form without rules (characters not in them stay text), and the
    header columns of the table the page ends with, when they placed its numbers. ``carried``: those
    of the page before, for a table that continues at the top of this page without its header."""
    words = _words(chars)
    rows = _number_rows(words)
    if not rows:
        return [], None
    taken = {id(w) for row in rows for w in row.values}
    loose = [w for w in words if id(w) not in taken]
    result: list[TableRow] = []
    ceiling, header, before = float("-inf"), None, carried
    for index, segment in enumerate(_segments(rows, loose)):
        goes_on = index == 0 and carried is not None and _continues_table(segment[0], loose, carried)
        table, header = _read_segment(segment, loose, ceiling, before, goes_on)
        before = header or before
        result += table
        used = {id(c) for row in result for c in row.chars}
        loose = [w for w in loose if id(w.chars[0]) not in used]
        ceiling = max(w.bottom for w in segment[-1].values)
    return result, header


def _continues_table(row: NumberRow, loose: list[Word], header: Header) -> bool:
    """Whether the table the page before ended with goes on at a page's first row: nothing stands above
    the row over that table's columns (a header of its own), nor close above it in another size than
    the table's (a heading, a paragraph; a running page header stands further up)."""
    left, right = header[0][0], header[-1][1]
    height = row.values[0].height
    return not any(
        w.bottom <= row.top
        and (
            (w.x0 < right and left < w.x1)
            or (row.top - w.bottom <= HEADER_GAP * height and abs(w.height - height) > SAME_SIZE * height)
        )
        for w in loose
    )


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
    rows, lone = [], []
    for line in _lines(words):
        values = _trailing_values(line)
        if values:
            rows.append(NumberRow(values))
        elif len(line) == 1 and _is_cell_value(line[0].text):
            lone.append(line[0])
    rows += [NumberRow([w]) for w in lone if _in_a_column(w, rows) and _beside_a_label(w, words)]
    return sorted(rows, key=lambda row: row.middle)


def _in_a_column(word: Word, rows: list[NumberRow]) -> bool:
    """Whether a number stands aligned (left, right or centre) with a number of a table row."""
    tolerance = SAME_COLUMN * word.height
    return any(
        abs(anchor(word) - anchor(value)) <= tolerance and abs(value.height - word.height) <= SAME_SIZE * word.height
        for row in rows
        for value in row.values
        for anchor in ANCHORS
    )


def _beside_a_label(word: Word, words: list[Word]) -> bool:
    """Whether a block of text in the number's size, left of a number alone on its line, crosses its
    middle: a row whose one number stands beside the middle of its wrapped label, not on one of the
    label's lines (body text in another size beside a stray number is no label)."""
    height, reach = word.height, LABEL_REACH * word.height
    near = [
        w
        for w in words
        if w.x1 <= word.x0 - MIN_LABEL_GAP * height
        and w.top < word.bottom + reach
        and w.bottom > word.top - reach
        and abs(w.height - height) <= SAME_SIZE * height
    ]
    return any(b.top < word.middle < b.bottom for b in _blocks(near) if len(_lines(b.words)) > 1)


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
    two rows, or a line set in another size than the table (a heading, body text) anywhere between
    them, starts another table (whose columns may differ)."""
    segments = [[rows[0]]]
    for before, row in zip(rows, rows[1:]):
        start = min(w.x0 for r in segments[-1] for w in r.values)
        height, top, bottom = row.values[0].height, before.middle, row.middle
        between = [
            w
            for w in loose
            if top < w.middle < bottom and (w.x1 > start or abs(w.height - height) > SAME_SIZE * height)
        ]
        own_label_over = any(w.x1 > start for w in _line_words(row, loose))
        if between or own_label_over:
            segments.append([row])
        else:
            segments[-1].append(row)
    return segments


def _line_words(row: NumberRow, loose: list[Word]) -> list[Word]:
    reach, middle, x0 = SAME_LINE * row.values[0].height, row.middle, row.x0
    return [w for w in loose if abs(w.middle - middle) <= reach and w.x1 <= x0]


def _read_segment(
    rows: list[NumberRow], loose: list[Word], ceiling: float, before: Header | None, goes_on: bool
) -> tuple[list[TableRow], Header | None]:
    """The rows of one table with their labels and their values in columns, and the header that placed
    them: its own, standing below ``ceiling``, or where the table ``goes_on`` from the page before,
    that of the table read ``before``."""
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
        elif len(crossing) == 1 and _left_of_a_label(block, crossing[0], blocks):
            crossing[0].labels.append(block)
        elif len(crossing) == 1:
            own, rest = _own_lines(block, crossing[0])
            crossing[0].labels.append(own)
            loose_labels += [TableRow(part.top, [part.chars]) for part in rest]
        elif crossing or rows[0].middle < (block.top + block.bottom) / 2 < rows[-1].middle:
            loose_labels.append(TableRow(block.top, [block.chars]))  # a group label between rows
    labels_right = max((b.x1 for r in rows for b in r.labels), default=float("-inf"))
    labels_right = max([labels_right] + [max(c["x1"] for c in row.cells[0]) for row in loose_labels])
    header = _header_spans(rows, loose, ceiling, labels_right)
    if header is None and goes_on and labels_right < before[0][0]:
        header = before
    elif header is not None and _contradicts(header, before, rows):
        header = None
    slots, header = _columns(rows, header)
    table = []
    for row, (placed, in_columns) in zip(rows, slots):
        labels = [b.chars for b in sorted(row.labels, key=lambda b: b.x0)]
        table.append(TableRow(row.top, labels + placed, in_columns))
    return sorted(table + loose_labels, key=lambda r: r.top), header


def _own_lines(block: Block, row: NumberRow) -> tuple[Block, list[Block]]:
    """A block crossing one row of the table, which no sharing among the table's rows settles: the run
    of its lines set beside the row (centred on it, or from its line down) is the row's label, the
    lines above and below that run the labels of rows without numbers (a row printed blank, set as
    close above as a wrapped line where rows are set tight); the whole block where no run fits."""
    runs = [_shared_out(block, [row], [row], fits) for fits in ALIGNMENTS]
    found = max((run for run in runs if run), key=lambda run: len(run[0][1]), default=None)
    if found is None:
        return block, []
    words = {id(w) for w in found[0][1]}
    own = [w for w in block.words if id(w) in words]
    above = [w for w in block.words if id(w) not in words and w.bottom <= min(v.top for v in own)]
    below = [w for w in block.words if id(w) not in words and id(w) not in {id(v) for v in above}]
    return Block(own), [Block(part) for part in (above, below) if part]


def _opens_a_label(text: str) -> bool:
    return bool(NUMBERING.match(text) or SUB_NUMBERING.match(text))


def _left_of_a_label(block: Block, row: NumberRow, blocks: list[tuple[Block, list[NumberRow]]]) -> bool:
    """Whether another block crossing the row stands right of the block: the row's own label is the
    other, the block a group label merged over rows, whole (its last line may fall on this row's line
    alone; no line of it is a row printed blank)."""
    return any(other is not block and row in crossing and other.x0 >= block.x1 for other, crossing in blocks)


def _crossed_blocks(words: list[Word], rows: list[NumberRow]) -> list[tuple[Block, list[NumberRow]]]:
    """The label blocks, each with the rows whose middle it crosses (and whose numbers stand right of it)."""
    return [(b, [r for r in rows if b.top - 1 <= r.middle <= b.bottom + 1 and b.x1 <= r.x0]) for b in _blocks(words)]


def _header_words(near: list[Word], rows: list[NumberRow], loose: list[Word]) -> set[int]:
    """Label-column words on a header row (信息内容 | 本年处理决定数量, 项目 | 自然人 | …), which no row
    label continues into: no numbers on their line, and beside them words that label no row and stand
    clear of the rows' labels (a header cell over the values; not 1.申请人… beside （六）其他处理, the
    label of a row printed blank in the labels' column, where merged labels are set at the top of
    their span)."""
    labels = [block for block, crossing in _crossed_blocks(near, rows) if crossing]
    labelling = {id(w) for block in labels for w in block.words}
    headers = set()
    for word in near:
        beside = [w for w in loose if abs(w.middle - word.middle) <= SAME_LINE * word.height and w.x0 > word.x1]
        numbers = any(abs(r.middle - word.middle) <= SAME_LINE * word.height for r in rows)
        if not numbers and any(id(w) not in labelling and not _over(w, labels) for w in beside):
            headers.add(id(word))
    return headers


def _over(word: Word, blocks: list[Block]) -> bool:
    """Whether the word stands in the column of one of the blocks (overlapping it left to right)."""
    return any(b.x0 < word.x1 and word.x0 < b.x1 for b in blocks)


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
    """Every way to give each row in turn a run of lines (lines[start:end]) that fits it, one label
    (no line after its first opens a numbered label); the first run may start after up to ``free``
    lines, each next one where the last ended or past the label of a row printed blank there (（七）总计
    between 3.其他 and 四、结转…, rows set tight at the top of their cells), which no row gets."""
    if not rows:
        yield ()
        return
    for begin in _run_starts(lines, start, free):
        for end in range(begin + 1, len(lines) + 1):
            if _one_label(lines[begin:end]) and fits(lines[begin:end], rows[0]):
                for rest in _sharings(lines, rows[1:], fits, end, 0):
                    yield ((begin, end), *rest)


def _run_starts(lines: list[list[Word]], start: int, free: int) -> list[int]:
    """Where a run may start: at ``start`` or up to ``free`` lines later; where ``start`` opens a label
    and no lines are free, also at the next line opening one (the lines between a blank row's label)."""
    starts = list(range(start, min(start + free, len(lines) - 1) + 1))
    if not free and start < len(lines) and _opens_a_label(lines[start][0].text):
        starts += [i for i in range(start + 1, len(lines)) if _opens_a_label(lines[i][0].text)][:1]
    return starts


def _one_label(run: list[list[Word]]) -> bool:
    return not any(_opens_a_label(line[0].text) for line in run[1:])


def _centred(run: list[list[Word]], row: NumberRow) -> bool:
    middle = (run[0][0].top + run[-1][0].bottom) / 2
    return abs(middle - row.middle) <= SAME_LINE * run[0][0].height


def _top_aligned(run: list[list[Word]], row: NumberRow) -> bool:
    return abs(run[0][0].middle - row.middle) <= SAME_LINE * run[0][0].height


# Cells set in the middle of their row, or at its top: a table is read the way that places more label
# lines (the first when as many).
ALIGNMENTS = (_centred, _top_aligned)


def _header_spans(rows: list[NumberRow], loose: list[Word], ceiling: float, labels_right: float) -> Header | None:
    """Where the table's value columns stand, from its header: the header cells right of the row
    labels with no other header cell under them (自然人 and 商业企业, not 申请人情况 or 法人或其他组织),
    each cell's words (wrapped over lines) giving one column's extent, left to right. The header is
    the stack of lines set in the numbers' size right above the first row, below ``ceiling`` (the
    rows before). None where no such cells stand apart from each other."""
    height = max(w.height for r in rows for w in r.values)
    top = min(w.top for w in rows[0].values)
    window = [w for w in loose if w.top >= ceiling and w.bottom <= top + SAME_LINE * height]
    stack: list[Word] = []
    floor = top
    for line in reversed(_lines(window)):
        if any(abs(w.height - height) > SAME_SIZE * height for w in line):
            break  # a heading, body text or a running page header: the header ended
        if floor - max(w.bottom for w in line) > HEADER_GAP * height:
            break
        stack += line
        floor = min(floor, min(w.top for w in line))
    blocks = _header_cells(stack)
    leaves = sorted(
        (b for b in blocks if b.x0 >= labels_right and not any(_under(other, b) for other in blocks)),
        key=lambda b: b.x0,
    )
    if not leaves or any(a.x1 >= b.x0 for a, b in zip(leaves, leaves[1:])):
        return None
    return [(b.x0, b.x1) for b in leaves]


def _contradicts(header: Header, before: Header | None, rows: list[NumberRow]) -> bool:
    """Whether a row's numbers stand under both this header and that of the table before, of as many
    cells, in other columns of each: a header printed again out of line (shifted a column by a merged
    label cell), the same table's columns told two ways; which is right cannot be told."""
    if before is None or len(before) != len(header):
        return False
    return any(
        ours is not None and theirs is not None and ours != theirs
        for ours, theirs in zip(_homes(rows, header), _homes(rows, before))
    )


def _homes(rows: list[NumberRow], header: Header) -> list[tuple[int, ...] | None]:
    """For each row, the header cell each of its numbers stands under (within its width, and no other's),
    or None where a number stands under none or two, or two numbers under one."""
    homes = []
    for row in rows:
        found = [[i for i, (x0, x1) in enumerate(header) if w.x0 < x1 and x0 < w.x1] for w in row.values]
        home = tuple(cell[0] for cell in found if len(cell) == 1)
        homes.append(home if len(set(home)) == len(found) else None)
    return homes


def _header_cells(words: list[Word]) -> list[Block]:
    """Header words joined into the cells they print: words of a line closer than the numbers' columns
    stand, and a cell continued by the one piece of the next line that wraps into it (a wrapped header).
    Where rows are set tight, sub-headers stand as close below their group as wrapped lines; two pieces
    under one cell are its sub-headers, not its words."""
    cells: list[Block] = []
    for line in _lines(words):
        pieces = [Block([line[0]])]
        for word in line[1:]:
            if word.x0 - pieces[-1].x1 < MIN_COLUMN_GAP * word.height:
                pieces[-1].words.append(word)
            else:
                pieces.append(Block([word]))
        for piece in pieces:
            above = [cell for cell in cells if _wraps_into(cell, piece)]
            if len(above) == 1 and sum(_close_below(above[0], other) for other in pieces) == 1:
                above[0].words += piece.words
            else:
                cells.append(piece)
    return cells


def _wraps_into(cell: Block, piece: Block) -> bool:
    """Whether a piece of a line continues a header cell: close below it and aligned with it (left, right
    or centre), as the lines of one wrapped cell are."""
    height = piece.bottom - piece.top
    return _close_below(cell, piece) and any(
        abs(anchor(cell) - anchor(piece)) <= SAME_COLUMN * height for anchor in ANCHORS
    )


def _close_below(cell: Block, piece: Block) -> bool:
    """Whether a piece of a line stands under a header cell, as close as the lines of a wrapped cell."""
    close = 0 <= piece.top - cell.bottom <= SAME_CELL * (piece.bottom - piece.top)
    return close and cell.x0 < piece.x1 and piece.x0 < cell.x1


def _under(block: Block, header: Block) -> bool:
    """Whether a header cell stands below another, within its width (a sub-header under its group)."""
    return block is not header and block.top > header.bottom and block.x0 < header.x1 and header.x0 < block.x1


def _columns(rows: list[NumberRow], header: Header | None) -> tuple[list[tuple[Cells, bool]], Header | None]:
    """Each row's value cells, one per column of the table, nothing where the row has none, with True,
    and the header if it placed them: a number goes to the header cell it stands under (see
    _by_headers); without a header that places them, to the column whose numbers it is aligned with.
    Where a row's number stands under another row's label (a row printed out of the grid), and for a
    row whose numbers share a column, the numbers stay in order, without blanks, for the table reader to
    judge, with False."""
    grid = [row for row in rows if not _out_of_grid(row, rows)]
    in_order = [[w.chars for w in row.values] for row in rows]
    if len(grid) < len(rows):
        return [(kept, False) for kept in in_order], None
    by_headers = _by_headers(rows, header) if header else None
    if by_headers is not None:
        return [(kept, False) if cells is None else (cells, True) for cells, kept in zip(by_headers, in_order)], header
    return _by_alignment(rows, in_order), None


def _by_headers(rows: list[NumberRow], headers: Header) -> list[Cells | None] | None:
    """Each row's numbers under the header cells they stand under: a number within the width of one
    header cell and no other, one number a cell; a row with a number under no header cell or between
    two (printed out of line: shifted past the table's last column, say) is None, left in order. The
    numbers under each header cell must be aligned alike (left, right or centre, the same in every
    column), else the header does not place the table (None)."""
    placed: list[Cells | None] = []
    under: dict[int, list[Word]] = {}
    for row, homes in zip(rows, _homes(rows, headers)):
        if homes is None:
            placed.append(None)
            continue
        cells: Cells = [[] for _ in headers]
        for home, word in zip(homes, row.values):
            cells[home] = word.chars
            under.setdefault(home, []).append(word)
        placed.append(cells)
    if not under:
        return None
    height = max(w.height for r in rows for w in r.values)
    aligned = any(
        all(_one_column(sorted(map(anchor, words)), height) for words in under.values()) for anchor in ANCHORS
    )
    return placed if aligned else None


def _one_column(points: list[float], height: float) -> bool:
    return all(b - a <= SAME_COLUMN * height for a, b in zip(points, points[1:]))


def _by_alignment(rows: list[NumberRow], in_order: list[Cells]) -> list[tuple[Cells, bool]]:
    """Each number in the column whose numbers it is aligned with. The alignment (left, right or
    centre) is the one that sets the numbers in the fewest columns. The columns are trusted only where
    one row has a number in each (the columns of one printed row, not pieced together from rows one of
    which may stand out of line) and the first and last columns hold a number of another row too (a
    full row shifted one column right over rows blank in their first column would make the columns its
    own); else, and for a row whose numbers share a column, the numbers stay in order. A column blank
    in every row leaves no trace: its rows come out a cell short, which the table reader does not place."""
    readings = [_column_of_each(rows, anchor) for anchor in ANCHORS]
    fewest = min(len(set().union(*map(set, reading))) for reading in readings)
    best = [reading for reading in readings if len(set().union(*map(set, reading))) == fewest]
    if any(reading != best[0] for reading in best) or not _edges_shared(best[0], fewest):
        return [(kept, False) for kept in in_order]
    result = []
    for row, columns, kept in zip(rows, best[0], in_order):
        if len(set(columns)) < len(columns):
            result.append((kept, False))
            continue
        cells: Cells = [[] for _ in range(fewest)]
        for column, word in zip(columns, row.values):
            cells[column] = word.chars
        result.append((cells, True))
    return result


def _edges_shared(columns: list[list[int]], count: int) -> bool:
    """Whether a row fills every column, and the first and last columns each hold numbers of two rows
    (or the table is one row)."""
    if not any(len(set(row)) == count for row in columns):
        return False
    return len(columns) == 1 or all(sum(edge in row for row in columns) >= 2 for edge in (0, count - 1))


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
