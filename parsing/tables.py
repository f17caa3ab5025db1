"""Placing the printed cells of tables 2–4 into the template's keys, by row label, never by guess.

Input is the document's blocks in reading order. Table rows keep their cells; text lines that hold
only a number are joined to the label line before them (reports copied out one cell per line).
Each row's label picks its template row; its value cells must fit that row's columns. A row that does
not fit is left out (its cells stay null) and reported, unless every reading of it that the
template's sums allow gives the same values (an extra 0 in a row of zeros, say)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import chain, combinations, islice

from .alignment import TornRow, align, confirmed, could_be, cut_by_position, template_rows
from .document import Block
from .grid import PLACED_UNDER_HEADER, HeaderGrid
from .joint import relations_of, settle_jointly, units
from .relations import TOLERANCE, adds_up, broken_relations, cell
from .sections import heading_number
from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    GROUP_THEN_CUT_SUB_ROW,
    OTHER_HANDLING,
    REQUEST_COLUMNS,
    REQUEST_GROUPS,
    SUB_ROW_NUMBER_ALONE,
    ActiveRow,
    active_row,
    request_row_key,
)
from .values import (
    BLANK,
    NUMBER,
    RUN_TOGETHER,
    TEXT,
    cell_kind,
    cell_value,
    is_blank,
    is_run,
    is_value,
    normalize,
    parse_number,
)
from .witness import Figure, text_figures, witnessed

RESOLVED_WHY = {
    "resolved": "{seen} cells where the template has {width}; placed because every reading whose sums "
    "hold gives the same values",
    "relations": "blank cells at both ends of the row; placed because only this reading keeps the "
    "table's column relations (勾稽关系, outcome sums) that the other readings break",
    "in_columns": "a blank beside the label, the numbers under the header cells; placed as they stand because "
    "only this reading keeps the table's column relations (勾稽关系, outcome sums): printed one column right, its "
    "总计 blank past the header, the row breaks them",
    "split_relations": "digits run together in one cell for {width}, several splits keeping the row's sum; placed "
    "because only this split keeps the table's column relations (勾稽关系, outcome sums) that the others break, "
    "judged together with the other rows in doubt",
    "lost_relations": "{seen} values where the template has {width}, read several ways (blank cells the copy left "
    "no trace of, a value cell it may have dropped, a number broken over two lines); placed because only this "
    "reading keeps the table's column relations (勾稽关系, outcome sums), judged together with the other rows in "
    "doubt; a cell the copy lost is left null",
    "derived": "digits run together in one cell for {width}, too long to cut with any certainty; placed because "
    "the table's column relations (勾稽关系, outcome sums) give its cells from the other rows (one at most left to "
    "what the run leaves, checked by the row's sum), and those numbers printed one after another are the run",
    "text": "the table alone allows several readings; placed by the one the report's text states (see settled_by)",
    "joined": "{seen} lines where the template has {width}: a number broke over two lines; placed because "
    "only one joining gives the row its width with its sums holding",
    "position": "a row of numbers without its label, placed at the only template row its position leaves, "
    "confirmed by the table's sums",
    "lines_position": "copied one cell per line, labels apart from their numbers (below them, or cut in two around "
    "them); placed by counting: the rows around it print exactly seven numbers each, every label stands where its "
    "row's numbers begin or end, and the rows so read keep their sums and the table's column relations",
    "split": "digits run together in one cell for {width}; placed because only one split is possible "
    "(with its sums holding where the template has sums)",
    "under": "{seen} values where the template has {width}; placed by the header cell each one sits under "
    "in the table's grid, the columns without one left blank",
}
PLACED_BY_POSITION = "by position, confirmed by sums"
UNPLACED_WHY = {
    "label_below": "copied one cell per line with labels printed below their numbers (numbers under no label, or "
    "more than a row has under one, above it; a label standing alone below it): the numbers after its label may "
    "be the next label's",
    "floating": "its label stands on a line of its own, no numbers beside it, while rows of numbers in the table "
    "were not placed: torn from its row by the copy, its numbers may be among them",
    "torn": "a row of numbers without its label: no single position among the template's rows is "
    "confirmed by the table's sums",
    "impossible": "with a blank cell read as a value, the numbers present exceed the row's 总计: a cell was "
    "lost or shifted",
    "unsure_padding": "blank cells beside the label: whether the one kept as a value is padding too, with a "
    "value cell lost, cannot be told",
    "ambiguous": "blank cells at both ends of the row: which are the padding of merged label columns "
    "and which a blank value cannot be told",
    "in_columns": "a blank beside the label, the numbers under the header cells: the row printed one column "
    "right (its 总计 blank, past the header) keeps the table's column relations as well, or they break as placed",
    "ambiguous_split": "digits run together in one cell: several splits keep the row's sums, and nothing else "
    "in the table (its column relations) singles one out",
    "lines_broken": "copied one cell per line, where a blank cell leaves no line, a number may break over two "
    "and a stray line (a lone year from a header) may stand among the cells: the row's sums break as read, "
    "so the report's own error cannot be told from the copy's",
    "lines_by_chance": "copied one cell per line: the row's sum holds as read, but two lines may be one number "
    "broken, beside a blank cell that left no line, and the table's column relations break with this reading "
    "or cannot judge it",
    "split_breaks_relations": "digits run together: the one cut into seven numbers that keeps the row's sum "
    "breaks the table's column relations (勾稽关系, outcome sums), so it holds the sum by chance (a blank cell "
    "printed as nothing) or the report breaks its own sums",
    "split_unconfirmed": "digits run together: one cut into seven numbers keeps the row's sum, but among so many "
    "ways to cut the run one may keep it by chance (a value the copy dropped), and no column relation (勾稽关系) "
    "can judge the row",
    "by_chance": "digits run together: the row's sum holds with this split, but may with blank cells the copy "
    "lost too, and the table's column relations break with this reading or cannot judge it",
    "printed_twice": "the row is printed twice with different numbers ({earlier} and {later}; a sentence cut "
    "before its 件 reads as a row too: 全年办理行政许可1234), and which line is the table's cannot be told",
    "merged": "a number in a cell merged over several rows, read as the row's own, breaks the row's sum or leaves "
    "it unjudged (a blank cell): it may be the rows' figure together",
    "merged_unjudged": "a number in a cell merged over several rows: each row's or the rows' figure together, "
    "and no relation of the table can tell",
    "merged_relations": "a number in a cell merged over several rows, read as the row's own, breaks the table's "
    "column relations (勾稽关系, outcome sums) in its column: it may be the rows' figure together",
}
SECTION_TABLE = {1: None, 2: "active", 3: "requests", 4: "appeals", 5: None, 6: None}
NUMBERS = (NUMBER, RUN_TOGETHER)  # the kinds of cell that make a row one of data
MAX_EXTRA_CELLS = 2
MIN_CELLS_OF_A_ROW = len(REQUEST_COLUMNS) - 2  # fewer cells and no label: not taken for a table-3 row
MAX_RUN_DIGITS = 24
MAX_LOST_BLANKS = 2  # blank cells a copy may have left out of one row, for the readings judged jointly
# A run cut the one way that keeps its sum, which no relation judges, is placed only if it cuts fewer ways:
# 16 digits cut 5,005 ways, and one may keep the sum by chance (a value the copy dropped).
MAX_UNCONFIRMED_CUTS = 1000
MAX_READINGS = 20000  # readings of one row in doubt judged jointly; beyond that it stays null
Readings = tuple[list[tuple], list[tuple]]  # a row's readings (values, None blank), and those with a value dropped
MAX_LABEL_CHARS = 200
MIN_NUMBERS_IN_A_WORDED_ROW = 3
MAX_TABLE_LABEL_CHARS = 40
MAX_HEADER_LINE_CHARS = 10  # 其他对外管理服务事项, the longest header or label a line alone may be
# A header row copied out as one line (信息内容本年制发件数本年废止件数现行有效件数): longer, but no sentence.
SENTENCE_MARKS = re.compile(r"[。，；,;：:\d]")
AMBIGUOUS_HEADING = "ambiguous"
MAX_GROUP_HEADING_CHARS = 20  # （三）行政诉讼（复议后起诉）情况
APPEALS_WIDTH = len(APPEAL_GROUPS) * len(APPEAL_COLUMNS)


@dataclass
class Row:
    """One printed row: its cells, and whether it was pieced together from one-cell lines (where a
    blank cell leaves no trace, so a short row cannot be placed). ``label`` and ``values`` are set
    once the row is complete (:meth:`settle`)."""

    cells: list[str]
    from_lines: bool = False
    label: str = ""
    values: list[str] = field(default_factory=list)
    columns: tuple | None = None  # the cells' grid columns, where the file draws a grid (Block.columns)
    spanned: tuple = ()
    in_columns: bool = False  # value cells one per column, where the words stand in columns (Block.in_columns)
    merged: tuple = ()  # cells merged vertically over several rows, printed in each (Block.merged)

    def settle(self) -> None:
        """The row's label (its text cells joined) and the value cells after the last text cell."""
        kinds = list(map(cell_kind, self.cells))
        # 7. | 9 0 0 … | 属于行政执法案卷: a sub-row's number alone on a line, its words cut off (see assemble_rows)
        if self.from_lines and SUB_ROW_NUMBER_ALONE.match(self.cells[0]):
            kinds[0] = TEXT
        last_text = len(kinds) - 1
        while last_text >= 0 and kinds[last_text] != TEXT:
            last_text -= 1
        text = "".join(c for c, kind in zip(self.cells[: last_text + 1], kinds) if kind != BLANK)
        # A paragraph is no row label; it only needs its spaces gone, not a full normalisation.
        self.label = normalize(text) if len(text) <= MAX_LABEL_CHARS else "".join(text.split())
        self.values = self.cells[last_text + 1 :]


@dataclass
class Tables:
    """The three tables as nested dicts (row → column → value) and what could not be placed."""

    active: dict = field(default_factory=dict)
    requests: dict = field(default_factory=dict)
    appeals: dict = field(default_factory=dict)
    malformed: list[dict] = field(default_factory=list)
    request_rows_seen: list[str] = field(default_factory=list)  # placed or not


DOUBTFUL = ("ambiguous", "ambiguous_split", "by_chance", "lines_by_chance", "unplaced", "unsure_padding")
LOST_CELLS = ("unplaced", "unsure_padding")  # rows short of cells, blank cells the copy may have left out


@dataclass
class Doubtful:
    """A table-3 row the copy lets be read several ways (``how``: the doubt fit_cells found), with every
    reading it allows (values, None blank), to settle jointly by the table's column relations."""

    key: str
    row: Row
    values: list[str]
    how: str
    readings: list[tuple]
    run: str = ""  # a run of digits whose readings are too many to list: derived from the relations instead
    dropped: list[tuple] = field(default_factory=list)  # readings with a value cell lost: rivals, never placed

    def tiers(self) -> tuple[list[tuple], list[tuple]]:
        """The likeliest readings (the fewest blank cells: no cell lost where the row can be read whole;
        every padding of a padded row) and the others."""
        if self.how == "ambiguous" or not self.readings:
            return self.readings, []
        fewest = min(reading.count(None) for reading in self.readings)
        likeliest = [reading for reading in self.readings if reading.count(None) == fewest]
        return likeliest, [reading for reading in self.readings if reading.count(None) > fewest]

    def may_place(self, reading: tuple) -> bool:
        """Whether the reading can be placed: a cell it takes as lost (a blank where the copy printed
        none: cells_lost) may as well be a value the copy dropped, so where it lost cells its last number
        is the 总计 only if the numbers before it add up to it (a value dropped could then only be a 0,
        where it says blank), a lost blank counting nothing, beside the label too (8 0 0 0 0 10 for
        8 [2] 0 0 0 0 10 is no blank 8 0 0 0 0 10). The 总计 is lost only where the copy cannot fill the row
        without a cell lost and the numbers before the last add up to more than it (100000 is 1 0 0 0 0 0
        blank; 2 0 0 0 10 is no blank 2 0 0 0 10 blank): where it can, a sum that breaks is the report's own
        (1000000, 总计 0, is no 100 0 blank 0 0 0 blank). Such readings are still judged with the others:
        they may be what sets the placed one apart."""
        if self.run or not cells_lost(at_signs(self.values), reading):
            return True
        present = [value for value in reading if value is not None]
        if reading[-1] is not None:
            return adds_up(present[:-1], reading[-1])
        return not self.fills_the_row() and len(present) > 1 and sum(present[:-1]) > present[-1] + TOLERANCE

    def fills_the_row(self) -> bool:
        """Whether the copy prints enough to fill the row without a cell lost: as many cells, or a run of
        digits that splits into as many numbers."""
        width = len(REQUEST_COLUMNS)
        cells = trimmed(self.values, width)
        if len(cells) == 1 and is_run(cells[0]):
            return next(_whole_splits(run_segments(self.values), width), None) is not None
        return len(at_signs(self.values)) >= width

    def settled_how(self, reading: tuple) -> str | None:
        """How the finding says the row was settled (RESOLVED_WHY); None for a row copied one cell per
        line that was read as it stands."""
        if self.run:
            return "derived"
        if self.how == "ambiguous":
            return "relations"
        if self.how == "in_columns":
            return "in_columns"
        if self.how == "lines_by_chance" and reading == tuple(cell_value(v) for v in self.values if not is_blank(v)):
            return None
        if self.how in ("lines_by_chance", *LOST_CELLS) or cells_lost(at_signs(self.values), reading):
            return "lost_relations"
        return "split_relations" if self.how == "ambiguous_split" else "split"


def run_segments(values: list[str]) -> list[str]:
    """The parts a table-3 row's one run of digits prints: numbers, signs and blank marks starting new ones."""
    return SIGNED_SEGMENT.findall(normalize(trimmed(values, len(REQUEST_COLUMNS))[0]))


def cuts_at_least(values: list[str], count: int) -> bool:
    """Whether the row's run of digits can be cut into seven whole numbers at least ``count`` ways."""
    width = len(REQUEST_COLUMNS)
    return sum(1 for _ in islice(_whole_splits(run_segments(values), width), count)) >= count


def cells_lost(printed: list[str], reading: tuple) -> int:
    """How many of a reading's blank cells the copy printed no blank for: between two numbers (or before
    the first, after the last), its blanks beyond those printed there. A blank printed beside the label
    moved to the 总计 is a cell lost, not a blank printed. Where the reading joins lines into one number
    (its numbers not the printed ones one for one), its blanks beyond all those printed."""
    printed_gaps = _blank_gaps([is_blank(part) for part in printed])
    reading_gaps = _blank_gaps([value is None for value in reading])
    if len(printed_gaps) != len(reading_gaps):
        return max(0, reading.count(None) - sum(printed_gaps))
    return sum(max(0, have - printed) for have, printed in zip(reading_gaps, printed_gaps))


def _blank_gaps(blanks: list[bool]) -> list[int]:
    """The blank cells before the first number, between each two, and after the last."""
    gaps = [0]
    for blank in blanks:
        if blank:
            gaps[-1] += 1
        else:
            gaps.append(0)
    return gaps


def assemble_rows(blocks: list[Block], title: str | None = None) -> list[Row]:
    """Rows in reading order; a text line holding only a number joins the row before it. The title
    printed again (a page's running header, where a PDF copied out as text broke its page) is no row:
    one cell per line, it would end the row it cuts."""
    rows: list[Row] = []
    title_seen = False
    for block in blocks:
        if block.table:
            rows.append(
                Row(
                    list(block.cells),
                    columns=block.columns,
                    spanned=block.spanned,
                    in_columns=block.in_columns,
                    merged=block.merged,
                )
            )
            continue
        line = block.cells[0].strip()
        if title and is_part_of_title(line, title):
            if title_seen:
                continue
            title_seen = True
        if not line:
            continue
        if is_value(line) and not SUB_ROW_NUMBER_ALONE.match(line) and rows and rows[-1].from_lines:
            rows[-1].cells.append(line)
        else:
            rows.append(Row([line], from_lines=True))
    for row in rows:
        row.settle()
    return join_labels_cut_around_their_numbers(rows)


def is_header_total(key: str | None, label: str) -> bool:
    """总计 on a line of its own is the header's last column; the row is （七）总计."""
    return key == "total_processed" and "七" not in label


def join_labels_cut_around_their_numbers(rows: list[Row]) -> list[Row]:
    """Copied one cell per line, a label cut in two (5.要求行政机关 | 确认或重新出具已获取信息 | 53 0 104 …) or cut
    around its numbers (5.要求行政机关 | 53 0 104 … | 确认或重新出具已获取信息): one label, the row the two pieces
    name together, holding the numbers after either. The first piece must name no row and no group (a
    group's subtotal is no piece); the second alone no other row, nor any where the first holds no numbers
    (a row's label below a label standing alone is its own)."""
    out: list[Row] = []
    for row in rows:
        before = out[-1] if out else None
        if before and is_first_piece_of(before, row):
            before.cells = [before.label + row.label, *before.values, *row.values]
            before.settle()
            continue
        out.append(row)
    return out


def is_first_piece_of(before: Row, row: Row) -> bool:
    if not (before.from_lines and row.from_lines and before.label) or before.values and row.values:
        return False
    joined = request_row_key(before.label + row.label, "")
    alone = request_row_key(row.label, "")
    return (
        joined is not None
        and (alone is None or alone == joined and bool(before.values))
        and all(request_row_key(before.label, group) is None for group in ("", OTHER_HANDLING))  # 3.其他 is a row
        and not any(group in before.label for group in (*REQUEST_GROUPS, OTHER_HANDLING))
    )


MIN_RUNNING_HEADER_CHARS = 10  # shorter parts of a title (公开, 予公开) may be a label's pieces


def is_part_of_title(line: str, title: str) -> bool:
    """The title, or a part of it long enough to be no label (2024年政府信息公开工作年度报告)."""
    return line == title or (len(line) >= MIN_RUNNING_HEADER_CHARS and line in title)


def row_labels(rows: list[Row]) -> list[str]:
    """What the tables print as labels and headers, to tell the template apart: the labels of table
    rows, and lines as short as a header cell (a sentence such as 全年新公开政府信息326条 is not one)."""
    return [
        row.label
        for row in rows
        if row.label
        and (
            is_header_line(row.label) if row.from_lines and not row.values else len(row.label) <= MAX_TABLE_LABEL_CHARS
        )
    ]


def is_header_line(label: str) -> bool:
    """A line alone that may be a table's header or label: short, or a run of header words."""
    if len(label) <= MAX_HEADER_LINE_CHARS:
        return True
    return len(label) <= MAX_TABLE_LABEL_CHARS and not SENTENCE_MARKS.search(label)


def fit_cells(values: list[str], width: int, sums_hold=None, joinable: bool = False) -> tuple[list[str] | None, str]:
    """The row's value cells cut to the template's width, and how that went.

    Blank cells at the ends beyond the width are padding of merged label columns. When blanks
    stand at both ends and the readings differ (a blank 总计 in a row whose label is padded: which
    blank is padding?), the row is not placed: Word copies pad rows of one table differently.
    More cells than that: each way of dropping the extra ones is tried, and the row is placed only
    when every reading whose sums hold gives the same values. Fewer cells: only a single cell of
    digits run together, where one split alone is possible (see digit_run_readings)."""
    readings = padding_readings(values, width)
    if len(readings) == 1 and len(padding_choices(values, width)) == 1 and not padding_is_certain(values, width):
        return None, "unsure_padding"
    if len(readings) == 1:
        reading = readings.pop()
        if 1 < width < APPEALS_WIDTH and is_blank(reading[0]) and not all(is_blank(c) for c in reading):
            return None, "unsure_padding"  # a blank beside the label may be padding, with a value lost
        if sums_hold is not None and not sums_hold([cell_value(c) for c in reading]):
            if any(is_blank(c) for c in reading):  # a blank that is padding, with a value lost
                return None, "impossible"
            if joinable:  # copied one cell per line: the copy's damage cannot be told from the report's error
                return None, "lines_broken"
        return list(reading), "ok"
    if readings:
        return None, "ambiguous"
    cells = trimmed(values, width)
    if len(cells) < width:
        signed = at_signs(cells) if all(map(normalize, cells)) else []  # an empty cell may be the label's
        if len(signed) == width and (sums_hold is None or sums_hold(list(map(cell_value, signed)))):
            return signed, "split"  # 3-2 | 1: the sign is the boundary the copy printed
        runs = digit_run_readings(cells, width, sums_hold)
        if len(runs) > 1 and sums_hold is not None:
            return None, "ambiguous_split"
        return (list(runs.pop()), "split") if len(runs) == 1 else (None, "unplaced")
    if len(cells) - width > MAX_EXTRA_CELLS:
        return None, "unplaced"
    extra = set()
    for dropped in combinations(range(len(cells)), len(cells) - width):
        reading = tuple(c for i, c in enumerate(cells) if i not in dropped)
        # a printed number is dropped only where the sum judges it: over a reading without blanks
        judged = all(is_blank(cells[i]) for i in dropped) or not any(map(is_blank, reading))
        if sums_hold is None or (judged and sums_hold([cell_value(c) for c in reading])):
            extra.add(tuple(normalize(c) for c in reading))
    joined = joined_readings(cells, width, sums_hold) if joinable else set()
    if len(extra | joined) == 1:
        return list((extra | joined).pop()), "joined" if joined else "resolved"
    return None, "unplaced"


def placed_or_shifted(values: list[str]) -> list[tuple]:
    """The readings of a row whose numbers stand one under each header cell, a blank beside its label (a
    PDF table without rules): as placed, or printed one column right, its 总计 blank past the header (a
    converter's shift), which leaves no other trace. No blank was lost and no number moves on its own."""
    placed = tuple(cell_value(cell) for cell in values)
    return [placed, (*placed[1:], None)]


def joined_readings(cells: list[str], width: int, sums_hold) -> set[tuple[str, ...]]:
    """Readings of a row copied one cell per line where a number broke over two lines (1 / 62 for
    162): two neighbouring lines of digits joined back to the template's width (a blank mark stays a cell
    of its own), only where the row's sums hold. Never three lines: a stray line (a lone 2019) and a broken
    number may join so into one that blank cells leave unjudged."""
    flat = [normalize(c) for c in cells]
    if sums_hold is None or not all(c.isdigit() or is_blank(c) for c in flat):
        return set()
    readings = set()
    for cuts in combinations(range(1, len(flat)), width - 1):
        edges = tuple(zip((0, *cuts), (*cuts, len(flat))))
        parts = tuple("".join(flat[a:b]) for a, b in edges)
        if all(b - a == 1 or b - a == 2 and p.isdigit() and is_whole_number(p) for p, (a, b) in zip(parts, edges)):
            if sums_hold([cell_value(p) for p in parts]):
                readings.add(parts)
    return readings


def may_hide_a_break(cells: list[str], sums_hold) -> bool:
    """Whether a row read from one line a cell, its sums holding, could as well be two lines of one
    number broken (1 / 1 for 11) beside a blank cell that left no line: a reading whose sums hold too."""
    flat = [normalize(c) for c in cells]
    for i in range(len(flat) - 1):
        if not (flat[i] + flat[i + 1]).isdigit() or not is_whole_number(flat[i] + flat[i + 1]):
            continue
        joined = [cell_value(c) for c in [*flat[:i], flat[i] + flat[i + 1], *flat[i + 2 :]]]
        if any(sums_hold([*joined[:j], None, *joined[j:]]) for j in range(len(cells) - 1)):  # 总计 printed
            return True
    return False


def doubtful_readings(values: list[str], width: int, kind: str, from_lines: bool) -> Readings | None:
    """Every reading of a table-3 row in doubt that the copy allows, as values (None blank), the row's sum
    holding, and its readings with a value cell dropped (see bounded); None where they are more than
    MAX_READINGS (the row then stays null)."""
    if kind == "ambiguous":
        return [tuple(map(cell_value, reading)) for reading in padding_readings(values, width)], []
    cells = trimmed(values, width)
    if len(cells) == 1 and is_run(cells[0]):
        return run_readings(normalize(cells[0]), width)
    printed = [normalize(v) for v in values if not is_blank(v)]
    if not printed or not all(map(is_whole_number, printed)) or len(printed) > width:
        return None
    marks = len(values) - len(printed)
    return bounded(line_parts(printed, width) if from_lines else [tuple(printed)], width, marks)


@lru_cache(maxsize=1024)  # the same runs (1000001, 2000002 …) come back row after row
def run_readings(run: str, width: int) -> Readings | None:
    """Every reading of a run of digits as ``width`` cells (see bounded); None beyond MAX_READINGS."""
    return bounded(run_parts(SIGNED_SEGMENT.findall(run), width), width, marks=None)


def run_parts(segments: list[str], width: int):
    """The numbers a run may print: cut into ``width`` parts or fewer (blank cells printed as nothing)."""
    if sum(len(s) for s in segments) > MAX_RUN_DIGITS:
        return
    possible = {0}
    for segment in segments:
        possible = {total + k for total in possible for k in part_counts(segment)}
    for count in range(max(len(segments), width - MAX_LOST_BLANKS), width + 1):
        if count in possible:  # a run of zeros is cut one way only: no cuts tried in vain
            yield from _whole_splits(segments, count)


def line_parts(printed: list[str], width: int):
    """The numbers lines copied one cell per line may print: as they stand, or with two neighbouring
    lines of digits joined (a number broken over two lines)."""
    yield tuple(printed)
    for i in range(len(printed) - 1):
        joined = printed[i] + printed[i + 1]
        if joined.isdigit() and is_whole_number(joined):
            yield (*printed[:i], joined, *printed[i + 2 :])


def bounded(parts_of_readings, width: int, marks: int | None = 0) -> Readings | None:
    """Each way of reading the parts as ``width`` cells, the blank cells the copy lost anywhere among
    them, keeping the row's sum; and, where the parts and the ``marks`` printed for blank cells are fewer
    than the cells, each way with a value cell dropped instead (see values_dropped; not for a run of
    digits, ``marks`` None: its cuts are too many to judge with such rivals too). None beyond
    MAX_READINGS."""
    readings: list[tuple] = []
    dropped: set[tuple] = set()
    for parts in parts_of_readings:
        numbers = [cell_value(p) for p in parts]
        if not 0 <= width - len(numbers) <= MAX_LOST_BLANKS:
            continue
        # the sum judges a reading only where its last number is the 总计; a lost blank beside the label
        # may be padding hiding a value the 总计 counts, a lost blank between numbers counts nothing.
        # Such readings are judged with the others; which of them may be placed is Doubtful.may_place's.
        beside_label = requests_row_sum_holds([None, *numbers] if len(numbers) < width else numbers)
        between = beside_label and (len(numbers) == width or lost_blanks_add_up(numbers))
        for slots in combinations(range(width), len(numbers)):
            if slots[-1] == width - 1 and not (between if set(range(1, width - 1)) - set(slots) else beside_label):
                continue
            reading = [None] * width
            for slot, number in zip(slots, numbers):
                reading[slot] = number
            readings.append(tuple(reading))
        if marks is not None and len(numbers) + marks < width:
            dropped.update(values_dropped(numbers, width))
        if len(readings) + len(dropped) > MAX_READINGS:
            return None
    return readings, list(dropped)


def values_dropped(numbers: list, width: int):
    """The numbers as ``width`` cells where one cell the copy lost held a value, the others it lost
    blank: the value is worked out from the row's sum (the 总计 less the numbers before it, where that is
    no less than 0; the sum of the numbers where the 总计 is the cell lost). A lost 总计 blank leaves a
    dropped value unknown: that reading is one with blanks only."""
    for slots in combinations(range(width), len(numbers)):
        total_printed = slots[-1] == width - 1
        if total_printed and numbers[-1] is None:
            continue
        before = [n for n in (numbers[:-1] if total_printed else numbers) if n is not None]
        value = numbers[-1] - sum(before) if total_printed else sum(before)
        if value < -TOLERANCE:
            continue
        for lost in sorted(set(range(width)) - set(slots)) if total_printed else [width - 1]:
            reading = [None] * width
            for slot, number in zip(slots, numbers):
                reading[slot] = number
            reading[lost] = value
            yield tuple(reading)


def lost_blanks_add_up(numbers: list) -> bool:
    """The numbers before the last add up to it exactly (blank cells count nothing)."""
    parts = [n for n in numbers[:-1] if n is not None]
    return numbers[-1] is None or adds_up(parts, numbers[-1])


def padding_readings(values: list[str], width: int) -> list[tuple[str, ...]]:
    """The distinct rows of ``width`` cells left by dropping blank padding at the ends."""
    readings = [tuple(values[lead : len(values) - trail]) for lead, trail in padding_choices(values, width)]
    return list(dict.fromkeys(readings))


def padding_is_certain(values: list[str], width: int) -> bool:
    """Whether the padding dropped leaves no blank cell at the side it was dropped from: a blank kept
    there may as well be padding, with a value cell lost (Word pads 9 cells + a lost one like 8 + a
    blank value)."""
    [(lead, trail)] = padding_choices(values, width)
    kept = values[lead : len(values) - trail]
    return not ((lead and is_blank(kept[0])) or (trail and is_blank(kept[-1])))


def padding_choices(values: list[str], width: int) -> list[tuple[int, int]]:
    """The (leading, trailing) counts of blank cells that can be dropped to leave ``width`` cells."""
    excess = len(values) - width
    if excess < 0:
        return []
    return [
        (lead, excess - lead)
        for lead in range(excess + 1)
        if all(is_blank(c) for c in values[:lead]) and all(is_blank(c) for c in values[len(values) - (excess - lead) :])
    ]


def trimmed(values: list[str], width: int) -> list[str]:
    """The cells without blank padding at either end, down to ``width`` at most."""
    cells = list(values)
    while len(cells) > width and is_blank(cells[-1]):
        cells.pop()
    while len(cells) > width and is_blank(cells[0]):
        cells.pop(0)
    return cells


def at_signs(cells: list[str]) -> list[str]:
    """The cells cut where a sign or a blank mark inside a run starts a new number (35-15 → 35 | -15)."""
    return [part for cell in cells for part in (SIGNED_SEGMENT.findall(normalize(cell)) if is_run(cell) else [cell])]


def digit_run_readings(cells: list[str], width: int, sums_hold=None) -> set[tuple[str, ...]]:
    """Ways to read one cell of numbers printed without separators (713000074, 35-15) as ``width``
    numbers.

    Only a single cell is split (separate short cells are separate values: a missing one is a blank
    the copy lost, not digits run together). No character is dropped: a sign starts a number, a
    decimal point stays inside one, and no part has a leading zero. Where the row has sums (table 3,
    table 4) the readings are those whose sums hold; the caller places a row only when one is left."""
    if len(cells) != 1 or not is_run(cells[0]):
        return set()
    run = normalize(cells[0])
    segments = SIGNED_SEGMENT.findall(run)
    if sum(len(s) for s in segments if s not in ("—", "/")) > MAX_RUN_DIGITS or len(segments) > width:
        return set()
    if len(segments) == width:  # nothing to cut: signs and blank marks print the boundaries
        return {tuple(segments)} if all(map(is_whole_number, segments)) else set()
    readings = set()
    for parts in _whole_splits(segments, width):
        if sums_hold is None:
            readings.add(parts)
        elif not any(is_blank(p) for p in parts) and sums_hold(list(map(cell_value, parts))):
            readings.add(parts)  # a cut is confirmed only by a sum over every part
    if sums_hold is None and readings and not unique_with_lost_blanks(segments, width):
        return set()
    return readings


def split_by_chance(values: list[str], cells: list[str]) -> bool:
    """A run cut into a row whose sum holds, where a reading with lost blanks is possible too: any, where
    the run was cut one digit a cell (a sum over single digits holds by chance too often), else one whose
    numbers add up to its 总计 exactly as well (3002563350693 is 30 0 25 633 5 0 693, or blank 300 2 56 335
    0 693). See TableReader.confirm_by_relations."""
    runs = trimmed(values, len(cells))
    if len(runs) != 1:
        return False
    segments = SIGNED_SEGMENT.findall(normalize(runs[0]))
    if all(len(normalize(c)) == 1 for c in cells):
        return not unique_with_lost_blanks(segments, len(cells))
    return any(
        adds_up(list(map(cell_value, parts[:-1])), cell_value(parts[-1]))
        for k in range(len(segments), len(cells))
        for parts in _whole_splits(segments, k)
    )


def unique_with_lost_blanks(segments: list[str], width: int) -> bool:
    """Without sums, a cut is safe only when no reading with fewer numbers (a blank cell the run lost)
    is possible either: 000 is 0 | 0 | 0 whatever was lost, 123 may be 12 | blank | 3."""
    counts = {0}
    for segment in segments:
        counts = {total + k for total in counts for k in part_counts(segment)}
    return not any(len(segments) <= k < width for k in counts)


def part_counts(segment: str) -> set[int]:
    """Into how many parts the run can be cut with every part a number a split may give: counted
    position by position (the cuts themselves are as many as the ways to choose them)."""
    ends: list[set[int]] = [{0}] + [set() for _ in segment]  # ends[j]: part counts of segment[:j]
    for start in range(len(segment)):
        if ends[start]:
            for end in range(start + 1, len(segment) + 1):
                if is_whole_number(segment[start:end]):
                    ends[end] |= {count + 1 for count in ends[start]}
    return ends[-1]


SIGNED_SEGMENT = re.compile(r"[-+]?[\d.]+|[—/]")  # a blank mark is a cell of its own
WHOLE_PART = re.compile(r"^[-+]?(0|[1-9]\d*)(\.\d+)?$")


def is_whole_number(part: str) -> bool:
    """A part a split may give: a sign only at its start, no leading zero, a decimal point inside."""
    return part in ("—", "/") or WHOLE_PART.match(part) is not None


def _whole_splits(runs: list[str], width: int):
    """Every way to cut each run into at least one part, ``width`` parts in all, every part a number a
    split may give (a cut that leaves 07 is not followed any further)."""
    if not runs:
        if width == 0:
            yield ()
        return
    first, rest = runs[0], runs[1:]
    for head in _whole_cuts(first, 0, width - len(rest)):
        for tail in _whole_splits(rest, width - len(head)):
            yield head + tail


def _whole_cuts(run: str, start: int, most: int):
    """The ways to cut ``run[start:]`` into at most ``most`` parts, each a whole number."""
    if most <= 0:
        return
    for end in range(start + 1, len(run) + 1):
        part = run[start:end]
        if not is_whole_number(part):
            continue
        if end == len(run):
            yield (part,)
        else:
            for rest in _whole_cuts(run, end, most - 1):
                yield (part, *rest)


def after_the_row_before(row: TornRow, seen: list[str], labels: set[str]) -> TornRow:
    """The torn row placed after the last template row before it that is not one of ``labels`` (a torn
    label read as a blank row, right above it: the numbers may be that row's, so it cannot bound them)."""
    before = [key for key in seen[: row.seen_before] if key not in labels]
    return replace(row, after=before[-1] if before else None)


def could_be_the_row(values: list[str]) -> bool:
    """Whether a print of a table-3 row could hold all its seven numbers: cells enough, or digits enough run
    together (a sentence cut before its 件, 本年新收政府信息公开申请12, cannot, and is no second print)."""
    return len(values) >= MIN_CELLS_OF_A_ROW or sum(c.isdigit() for value in values for c in value) >= len(
        REQUEST_COLUMNS
    )


def is_row_of_numbers(values: list[str], label: str) -> bool:
    """Cells enough to be a table-3 row whose label is lost or not the template's (not a stray page
    number). A line of two numbers or more and no label is such a row, its blanks lost in the copy."""
    numbers = [v for v in values if parse_number(v) is not None]
    least = 2 if not label else 3
    return len(values) >= MIN_CELLS_OF_A_ROW or len(numbers) >= least or any(is_run(v) and len(v) > 2 for v in values)


def requests_row_sum_holds(values: list) -> bool:
    """The six applicant columns add up to 总计; with a blank among them, those present (counts, never
    below zero) cannot exceed it."""
    parts, total = values[:-1], values[-1]
    if total is None:
        return True
    if None in parts:
        return sum(p for p in parts if p is not None) <= total + TOLERANCE
    return adds_up(parts, total)


def merged_numbers(row: Row) -> list:
    """The numbers other than 0 the row holds from cells merged over several rows (Block.merged): each
    row's value where Word users merge equal values, but maybe the rows' figure together (3 for 1 and 2),
    so placed only where the row's sums and the table's relations hold with it (0 is 0 either way)."""
    return [number for number in (cell_value(row.cells[i]) for i in row.merged) if number]


def row_sum_confirms(values: list) -> bool:
    """The six applicant columns add up to 总计, none of the seven blank (a blank leaves the sum unjudged)."""
    return None not in values and adds_up(values[:-1], values[-1])


def appeals_sums_hold(values: list) -> bool:
    """Each group of table 4 adds up to its 总计 (groups with blanks cannot be judged)."""
    width = len(APPEAL_COLUMNS)
    groups = [values[g * width : (g + 1) * width] for g in range(len(values) // width)]
    return all(None in group or adds_up(group[:-1], group[-1]) for group in groups)


class TableReader:
    """Walks the rows once, keeping track of which table and which row group it is in."""

    def __init__(self, fmt: str, text_lines: list[str] | None = None):
        self.fmt = fmt
        self.text_lines = text_lines or []  # the report's text, a witness for table 2 (witness.py)
        self.tables = Tables()
        self.context: str | None = None
        self.group = ""
        self.money_header_in_yuan = False
        self.appeal_heading: str | None = None  # the group a heading names above table 4 printed as three tables
        self.appeal_header_seen = False  # a header row (结果维持 … 总计) under that heading
        self.doubtful: list[Doubtful] = []  # request rows read several ways, settled jointly by the relations
        self.torn: list[TornRow] = []  # request rows without a template label, to place by position
        self.floating: list[str] = []  # table-3 rows whose label stands on a line of its own, no numbers beside it
        self.line_rows: list[tuple[str, str | None, list[str]]] = []  # table 3 copied one cell per line, in order
        # every line of table 3 copied one cell per line: a template row's key (or None) and the values after it;
        # None once a row of it was not such a line
        self.request_lines: list[tuple[str | None, list[str]]] | None = []
        # rows of numbers under no template label, not read, and how many template rows were seen before each
        self.unlabelled: list[tuple[dict, int]] = []
        self.splits: list[tuple[str, Row, list[str]]] = []  # request rows placed from a run cut one way
        # table-2 and table-3 rows by key: the values first printed (None: printed again with others)
        self.printed: dict[tuple[str, str], list[str] | None] = {}
        self.merged: list[tuple[str, Row, list[str]]] = []  # request rows placed holding a number merged down
        self.counted: dict[str, list[str]] = {}  # request rows read by counting (one cell per line), as printed
        self.header_grid = HeaderGrid()  # where the current table's header columns start (grid.py)

    @cached_property
    def figures(self) -> list[Figure]:
        """What the text states about table 2: read only for a row the table alone cannot settle."""
        return text_figures(self.text_lines)

    def read(self, rows: list[Row]) -> Tables:
        for row in rows:
            self.read_row(row)
        self.read_lines_by_position()
        self.unplace_rows_read_above_floating_labels()
        self.settle_doubtful()
        self.note_rows_counted()
        self.settle_torn()
        self.recheck_splits()
        self.recheck_merged()
        self.name_positions_of_unlabelled_rows()
        self.name_floating_labels()
        self.forget_rejections_of_rows_placed()
        return self.tables

    def forget_rejections_of_rows_placed(self) -> None:
        """A row placed in the end leaves no finding saying it was not: the line rejected was another print
        of it (a sentence cut before its 件 reads as a row of one number: 本年新收政府信息公开申请12)."""
        tables = self.tables
        placed = {(name, key) for name in ("active", "requests", "appeals") for key in getattr(tables, name)}
        tables.malformed = [m for m in tables.malformed if m["placed"] or (m["table"], m["row"]) not in placed]

    def recheck_splits(self) -> None:
        """Runs cut the one way that keeps the row's sum, judged again once every row is read: a cut into
        seven may hold the sum by chance, where the run's 总计 was printed blank (as nothing: 0535114082 is
        0 5 35 114 0 82 and a blank, not 0 5 35 1 1 40 82) or the report breaks the row's sum itself
        (00027152163 is 0 0 0 2 7 152 163, not 0 0 0 27 15 21 63). A cut that breaks a column relation
        judging the row, or bounding it (see broken_columns), where the run reads otherwise in that column,
        is left null and named, and so is a cut no relation judges of a run that cuts MAX_UNCONFIRMED_CUTS
        ways or more (2677438162821145, its 189 dropped, read 26 7 743 81 6 282 1145). A run that reads one
        way only (0000000) stays as cut."""
        if not self.splits:
            return
        broken, judged = self.broken_columns()
        suspects = [
            (key, row, values, "split_breaks_relations")
            for key, row, values in self.splits
            if self.cut_may_break(key, values, broken)
        ]
        settled = judged | {key for key, *_ in suspects}
        suspects += [
            (key, row, values, "split_unconfirmed")
            for key, row, values in self.splits
            if key not in settled and cuts_at_least(values, MAX_UNCONFIRMED_CUTS + 1)
        ]
        for key, row, values, why in suspects:
            self.forget_row("requests", key)
            self.reject("requests", key, values, len(REQUEST_COLUMNS), row, UNPLACED_WHY[why])

    def recheck_merged(self) -> None:
        """Rows placed with a number from a cell merged over several rows (their sums holding with it),
        judged again once every row is read: where a column relation judging the row breaks in a column
        holding that number, it may be the rows' figure together (5 for 2 and 3, where their other cells are
        0 and the 总计 is merged too), so the row is left null and named."""
        if not self.merged:
            return
        broken, _ = self.broken_columns()
        for key, row, values in self.merged:
            numbers = set(merged_numbers(row))
            placed = list(self.tables.requests.get(key, {}).values())
            if placed and any(placed[column] in numbers for column in broken.get(key, ())):
                self.forget_row("requests", key)
                self.reject("requests", key, values, len(REQUEST_COLUMNS), row, UNPLACED_WHY["merged_relations"])

    def broken_columns(self) -> tuple[dict[str, set[int]], set[str]]:
        """The columns, by row, where a relation judging the row breaks: each of its rows placed and no
        cell blank, or, the counts being never negative, the cells placed already more than the others
        can make up (the outcome rows placed adding up to more than （七）总计, whatever the rows left
        null hold). The rows a relation judges whole are returned too."""
        requests, broken, judged = self.tables.requests, {}, set()
        for relation in relations_of(set(template_rows(list(requests), self.fmt)), self.fmt):
            column = REQUEST_COLUMNS[relation.column]
            known = {key: requests[key][column] for key in relation.signs if cell(requests, key, column) is not None}
            rest = sum(sign * units(known[key]) for key, sign in relation.signs.items() if key in known)
            unknown_signs = {sign for key, sign in relation.signs.items() if key not in known}
            if not unknown_signs:
                judged |= set(relation.signs)
            # the cells left null, never negative, cannot make up -rest where all stand on the side of rest
            beyond_bound = len(unknown_signs) == 1 and rest * min(unknown_signs) > 0
            if (rest and not unknown_signs) or beyond_bound:
                for key in known:
                    broken.setdefault(key, set()).add(relation.column)
        return broken, judged

    def cut_may_break(self, key: str, values: list[str], broken: dict[str, set[int]]) -> bool:
        """Whether the row's cut breaks a column relation that judges it, in a column the run reads
        otherwise too (cut into seven another way, or into six and a blank 总计)."""
        columns = broken.get(key)
        if not columns:
            return False
        placed = tuple(self.tables.requests[key].values())
        width = len(REQUEST_COLUMNS)
        segments = run_segments(values)
        readings = chain(
            (tuple(map(cell_value, parts)) for parts in _whole_splits(segments, width)),
            ((*map(cell_value, parts), None) for parts in _whole_splits(segments, width - 1)),
        )
        return any(reading[column] != placed[column] for reading in readings for column in columns)

    def settle_torn(self) -> None:
        """Rows torn from their labels: placed by position where exactly one alignment with the
        template's rows keeps the relations (see alignment.py), else left null and reported."""
        if not self.torn:
            return
        width = len(REQUEST_COLUMNS)
        labels = self.blank_rows_beside(row.seen_before for row in self.torn)
        seen = [key for key in self.tables.request_rows_seen if key not in labels]
        self.torn = [after_the_row_before(row, self.tables.request_rows_seen, labels) for row in self.torn]
        placed = align(self.tables.requests, self.torn, seen, self.fmt)
        for key, row in (placed or {}).items():
            self.tables.requests[key] = row.cells
            if key not in labels:  # a label read as a blank row is seen already
                self.tables.request_rows_seen.append(key)
            self.note_malformed(
                "requests", key, row.printed, width, placed=PLACED_BY_POSITION, why=RESOLVED_WHY["position"]
            )
        if placed is None:
            positions = could_be(self.torn, seen, self.fmt)
            for row, keys in zip(self.torn, positions):
                self.note_malformed(
                    "requests", row.label or "(no label)", row.printed, width, placed=False, why=UNPLACED_WHY["torn"]
                )
                self.tables.malformed[-1]["could_be"] = keys

    def blank_rows_beside(self, positions: Iterable[int]) -> set[str]:
        """Template rows read right before or after a row of numbers with no template label (at each of
        ``positions``, the count of rows seen before it) with every cell blank: in a copy whose label lines
        are padded to the table's width (HTML padding cells), a torn label reads as such a row. Its row is
        one the numbers may be."""
        seen, requests = self.tables.request_rows_seen, self.tables.requests
        beside = {seen[i] for at in positions for i in (at - 1, at) if 0 <= i < len(seen)}
        return {key for key in beside if key in requests and all(v is None for v in requests[key].values())}

    def settle_doubtful(self) -> None:
        """Table-3 rows the copy lets be read several ways, judged together (joint.py): padding at both
        ends, a run of digits split several ways or where blank cells printed as nothing may be lost, a
        row whose sum holds but may hold by chance (1000001 may be blank 1 0 0 0 0 … ; lines 0 0 0 0 0 1 1
        may be blank 0 0 0 0 0 11), a row short of cells (blank cells the copy left out). Each is placed
        only where every combination of the rows' readings that keeps the table's column relations reads
        it one and the same way; else null and named. A run too long to cut (（七）总计 of large numbers) is
        derived from the relations instead, and placed where those numbers are the run as printed."""
        if not self.doubtful:
            return
        readings = {entry.key: entry.tiers() for entry in self.doubtful if entry.readings}
        runs = {entry.key: entry.run for entry in self.doubtful if entry.run}
        dropped = {entry.key: entry.dropped for entry in self.doubtful if entry.dropped}
        settled = settle_jointly(self.tables.requests, readings, self.fmt, runs, dropped)
        for entry in self.doubtful:
            reading = settled.get(entry.key)
            if reading is None or not entry.may_place(reading):
                why = UNPLACED_WHY.get(entry.how, "")
                self.reject("requests", entry.key, entry.values, len(REQUEST_COLUMNS), entry.row, why)
                continue
            self.tables.requests[entry.key] = dict(zip(REQUEST_COLUMNS, reading))
            how = entry.settled_how(reading)
            if how is not None:
                self.note_resolved("requests", entry.key, entry.values, len(REQUEST_COLUMNS), how)

    def read_row(self, row: Row) -> None:
        label, values = row.label, row.values
        has_number = any(cell_kind(v) in NUMBERS for v in values) or self.is_blank_data_row(row, label, values)
        self.header_grid.see(row.cells, row.columns, data=has_number)
        if len(row.cells) == 1 or not has_number:
            self.follow_heading(row, label)
        if not has_number:
            if self.is_row_with_words_after_its_numbers(row, label):
                return
            self.note_header(row)
            if self.context == "requests" and label:
                self.note_group(label)
                self.note_floating_label(row, label)
                self.note_request_line(row, self.floating_key(label), [])
            return
        self.switch_table_by_label(label)
        if self.context == "requests":
            self.read_request_row(row, label, values)
        elif self.context == "appeals":
            self.read_appeal_row(row, label, values)
        elif self.context == "active":
            self.read_active_row(row, label, values)

    def is_row_with_words_after_its_numbers(self, row: Row, label: str) -> bool:
        """A table-3 row whose last cell holds words beside its number (49（含转办3件）): printed,
        so not missing, but its cells cannot be placed. Reported and left out."""
        key = request_row_key(label, self.group) if self.context == "requests" and not row.from_lines else None
        if key is None or sum(parse_number(c) is not None for c in row.cells) < MIN_NUMBERS_IN_A_WORDED_ROW:
            return False
        self.tables.request_rows_seen.append(key)
        self.reject(
            "requests",
            key,
            row.cells[1:],
            len(REQUEST_COLUMNS),
            row,
            "a cell holds words beside its number, so the numbers cannot be placed",
        )
        return True

    def is_blank_data_row(self, row: Row, label: str, values: list[str]) -> bool:
        """A printed template row whose cells are all blank (行政强制 | —): its cells are null,
        which is not the same as the row being absent."""
        if row.from_lines or not values or not label:
            return False
        if self.context == "active":
            return active_row(label, self.fmt) is not None
        if self.context == "appeals":  # a group printed blank under its own heading
            return self.appeal_heading is not None and len(values) >= len(APPEAL_COLUMNS)
        if self.context == "requests":
            key = request_row_key(label, self.group)
            # （六）其他处理 printed blank above its 2021 sub-rows is their group label, not a row
            return key is not None and not (key == "other_handling" and self.fmt == "2021")
        return False

    def follow_heading(self, row: Row, label: str) -> None:
        number = heading_number(row.cells[0]) if len(row.cells) == 1 else None
        if number is not None:
            self.context = SECTION_TABLE[number]
            self.group = ""
            self.appeal_heading = None
        elif self.context == "appeals" and len(row.cells) == 1 and len(label) <= MAX_TABLE_LABEL_CHARS:
            self.follow_appeal_heading(heading_group(label))
        elif self.context != "appeals" and any(
            len(c) <= MAX_TABLE_LABEL_CHARS and normalize(c) == "行政复议" for c in row.cells
        ):
            self.context = "appeals"

    def follow_appeal_heading(self, group: str | None) -> None:
        """A heading naming one group of table 4 holds until the group's row comes; a second group
        named before it (the header of the whole table copied out one cell per line) leaves none,
        unless a header row of its own came between (the group's row then printed blank or lost)."""
        if group is None:
            return
        settled = self.appeal_heading in (None, group) or self.appeal_header_seen
        self.appeal_heading = group if settled else AMBIGUOUS_HEADING
        self.appeal_header_seen = False

    def note_header(self, row: Row) -> None:
        """Header rows of table 2, or a unit line above it, say whether the money below is in 元 or 万元."""
        if self.context == "appeals" and len(row.cells) >= len(APPEAL_COLUMNS) - 1:
            self.appeal_header_seen = True
        if self.context != "active":
            return
        joined = "".join(normalize(c) for c in row.cells)
        if "元" in joined:  # 单位：元 above the table, or （元）/（万元） in its header; 金额 alone keeps it
            self.money_header_in_yuan = "元" in joined.replace("万元", "")

    def floating_key(self, label: str) -> str | None:
        """The template row a table-3 label on a line of its own names: 其他处理 over the 2021 sub-rows is
        their group, and 总计 alone a column header, neither a row."""
        key = request_row_key(label, self.group)
        if key == "other_handling" and self.fmt == "2021" or is_header_total(key, label):
            return None
        return key

    def note_request_line(self, row: Row, key: str | None, values: list[str]) -> None:
        if self.request_lines is None:
            return
        if row.from_lines:
            self.request_lines.append((key, values))
        else:
            self.request_lines = None

    def note_floating_label(self, row: Row, label: str) -> None:
        """A table-3 row's label on a line of its own: a converter tore it from its numbers (above or
        below it, or cut over two lines), or the row is printed blank (see name_floating_labels)."""
        key = self.floating_key(label)
        if key is not None:
            self.floating.append(key)
            if row.from_lines:
                self.line_rows.append(("floating", key, []))

    def read_lines_by_position(self) -> None:
        """Table 3 copied one cell per line with labels apart from their numbers, read as a careful reader
        counts it (alignment.cut_by_position), where the reading label by label left something out: taken
        where every row so read keeps its sum and the table its column relations. The reading label by
        label is then taken back whole, its findings with it. A row that may as well hide a number broken
        over two lines beside a blank that left no line is judged with the others in doubt, as a row read
        label by label is (settle_doubtful)."""
        in_doubt = self.torn or self.floating or self.doubtful or self.unlabelled
        if not self.request_lines or not (in_doubt or self.malformed_of("requests")):
            return
        order = template_rows([key for key, _ in self.request_lines if key is not None], self.fmt)
        cut = cut_by_position(self.request_lines, order)
        if cut is None:
            return
        placed = {key: dict(zip(REQUEST_COLUMNS, map(cell_value, printed))) for key, printed in cut.items()}
        if not all(requests_row_sum_holds(list(row.values())) for row in placed.values()) or not confirmed({}, placed):
            return
        self.forget_table_three()
        self.tables.request_rows_seen = list(order)
        self.read_rows_counted(cut, self.request_lines)

    def read_rows_counted(self, cut: dict[str, list[str]], lines: list[tuple[str | None, list[str]]]) -> None:
        """Each row counted out read from its own seven numbers as if printed under its label (kept in doubt
        where they may hide a number broken over two lines beside a blank that left no line); those whose
        label in ``lines`` did not stand right above them say, once placed, that they were placed by position
        (note_rows_counted)."""
        under_label = {key: values for key, values in reversed(lines) if key is not None}
        for key, printed in cut.items():
            self.forget_row("requests", key)
            if key not in self.tables.request_rows_seen:
                self.tables.request_rows_seen.append(key)
            self.read_request_cells(key, Row(printed, from_lines=True, values=printed), printed)
        self.counted.update({key: printed for key, printed in cut.items() if under_label.get(key) != printed})

    def note_rows_counted(self) -> None:
        """Rows read by counting and placed in the end, where no other finding says how: placed by position."""
        noted = {m["row"] for m in self.malformed_of("requests")}
        for key, printed in self.counted.items():
            if key in self.tables.requests and key not in noted:
                why = RESOLVED_WHY["lines_position"]
                self.note_malformed("requests", key, printed, len(REQUEST_COLUMNS), PLACED_BY_POSITION, why)

    def forget_table_three(self) -> None:
        """Take back all that was read of table 3, to read it again another way."""
        self.tables.requests.clear()
        self.tables.malformed = [m for m in self.tables.malformed if m["table"] != "requests"]
        self.torn, self.floating, self.doubtful, self.unlabelled, self.line_rows = [], [], [], [], []
        self.splits, self.merged = [], []

    def unplace_rows_read_above_floating_labels(self) -> None:
        """In a copy one cell per line, numbers read under no template label at the top of the table (a
        header's last word) or more numbers than a row has under one label and, further down, a template
        label standing alone show labels printed below their numbers: each row read between the two may
        hold the numbers of the label below it (（一）予以公开 followed by （二）部分公开's numbers; 一、本年新收's
        zeros collapsed to one line, then 二、上年结转's numbers, then its label). Read again by counting where
        the numbers count out (read_counted); else null and named, never a neighbour's numbers."""
        between: list[tuple[str | None, list[str]]] | None = None
        unread = False  # whether the stretch starts with numbers nothing read
        for kind, key, numbers in self.line_rows:
            if kind in ("surplus", "unread"):
                between, unread = [(key, numbers)], kind == "unread"
            elif kind == "read" and between is None and len(numbers) > len(REQUEST_COLUMNS):
                between, unread = [(key, numbers)], False  # a row and a number or two more: the next row's?
            elif kind == "read" and between is not None:
                between.append((key, numbers))
            elif kind == "floating" and between is not None:
                if not self.read_counted([*between, (key, [])]):
                    if unread:
                        self.name_numbers_nothing_read(between[0][1], key)
                    for suspect, seen in between:
                        if suspect is not None:
                            self.unplace(suspect, seen)
                between = None

    def name_numbers_nothing_read(self, numbers: list[str], below: str) -> None:
        """A number or two under no template label (a row the copy collapsed to a line or two, 0 0 0 0 0 5 5
        as 0 | 5, under the header's last word) are no row of numbers, so nothing read them: named, with the
        label standing alone below them as the row they could be."""
        self.note_malformed(
            "requests", "(no label)", numbers, len(REQUEST_COLUMNS), placed=False, why=UNPLACED_WHY["label_below"]
        )
        self.tables.malformed[-1]["could_be"] = [below]

    def note_numbers_without_label(self, row: Row, values: list[str]) -> None:
        """A row of numbers printed with no label among a text's lines (a run of digits alone, 0000000): a label
        standing alone further down shows labels printed below their numbers, as two rows' numbers under one
        label do one cell per line (see unplace_rows_read_above_floating_labels)."""
        if not row.from_lines:
            self.line_rows.append(("surplus", None, [v for v in values if not is_blank(v)]))

    def read_counted(self, lines: list[tuple[str | None, list[str]]]) -> bool:
        """Consecutive template rows from one holding two rows' numbers to a label standing alone, read as a
        careful reader counts them (alignment.cut_by_position): where they print exactly seven numbers for
        each, every label where its row's numbers begin or end, each row's sum holding and no column relation
        of the table breaking, each row is read from its own seven, as printed under its label."""
        keys = [key for key, _ in lines]
        order = template_rows(self.tables.request_rows_seen, self.fmt)
        if None in keys or any(key not in order for key in keys):
            return False
        if [order.index(key) for key in keys] != list(range(order.index(keys[0]), order.index(keys[0]) + len(keys))):
            return False
        cut = cut_by_position(lines, keys)
        if cut is None:
            return False
        rows = {key: dict(zip(REQUEST_COLUMNS, map(cell_value, printed))) for key, printed in cut.items()}
        if not all(requests_row_sum_holds(list(row.values())) for row in rows.values()):
            return False
        if broken_relations({**self.tables.requests, **rows}):
            return False
        self.read_rows_counted(cut, lines)
        return True

    def unplace(self, key: str, seen: list[str]) -> None:
        self.forget_row("requests", key)
        self.note_malformed("requests", key, seen, len(REQUEST_COLUMNS), placed=False, why=UNPLACED_WHY["label_below"])

    def name_positions_of_unlabelled_rows(self) -> None:
        """Rows of numbers under a label naming no template row (a piece of a split label; 4. | 6 0 0 0 0 0 6,
        the sub-row's number read as a cell) that could not be read: their finding names the template rows their
        position leaves them, as a torn row's does."""
        for entry, seen_before in self.unlabelled:
            labels = self.blank_rows_beside([seen_before])
            seen = self.tables.request_rows_seen
            row = after_the_row_before(TornRow(None, {}, seen_before=seen_before), seen, labels)
            entry["could_be"] = could_be([row], [key for key in seen if key not in labels], self.fmt)[0]

    def name_floating_labels(self) -> None:
        """Rows whose label stood alone and got no numbers, in a table where rows of numbers were not
        placed: torn from their numbers, which may be among those, so named rather than reported absent.
        Where every row of numbers was placed, a label alone is a row printed blank (a PDF's text line)."""
        if not any(not m["placed"] for m in self.malformed_of("requests")):
            return
        for key in dict.fromkeys(self.floating):
            if key not in self.tables.request_rows_seen:
                self.tables.request_rows_seen.append(key)
                self.note_malformed(
                    "requests", key, [], len(REQUEST_COLUMNS), placed=False, why=UNPLACED_WHY["floating"]
                )

    def note_group(self, label: str) -> None:
        if any(g in label for g in REQUEST_GROUPS) or OTHER_HANDLING in label:
            self.group = label

    def switch_table_by_label(self, label: str) -> None:
        """Tables printed without their headings are still recognised by their row labels."""
        if self.context != "requests" and request_row_key(label, "") in ("new_received", "carried_over"):
            self.context, self.group = "requests", ""
        elif self.context is None and active_row(label, self.fmt):
            self.context = "active"

    def read_request_row(self, row: Row, label: str, values: list[str]) -> None:
        key = request_row_key(label, self.group)
        if row.from_lines and is_header_total(key, label):
            key = None  # the header's last word, a row's numbers after it: that row's label is below them
        self.note_request_line(row, key, values)
        if row.from_lines:
            numbers = [v for v in values if not is_blank(v)]
            # numbers under the header's last word or under no label at all, or more than one row has: a row's
            # numbers above its label
            surplus = (
                key is None
                and (not self.tables.request_rows_seen or not label)
                or len(numbers) > len(REQUEST_COLUMNS) + MAX_EXTRA_CELLS
            )
            # too few to be a row of numbers, so nothing below reads them (a row collapsed to a line or two)
            unread = surplus and key is None and numbers and not is_row_of_numbers(values, label)
            self.line_rows.append(("unread" if unread else "surplus" if surplus else "read", key, numbers))
        if OTHER_HANDLING in label:
            self.group = label
        if key is None:
            if any(g in label for g in REQUEST_GROUPS) and not GROUP_THEN_CUT_SUB_ROW.search(label):
                self.group = label  # a group's own subtotal: not a template cell
            elif self.is_torn(row, label, values):
                self.note_numbers_without_label(row, values)
            elif is_row_of_numbers(values, label):
                self.reject(
                    "requests",
                    label or "(no label)",
                    values,
                    len(REQUEST_COLUMNS),
                    row,
                    "row label not in the template",
                )
                self.unlabelled.append((self.tables.malformed[-1], len(self.tables.request_rows_seen)))
                self.note_numbers_without_label(row, values)
            return
        if could_be_the_row(values) and self.printed_again("requests", key, len(REQUEST_COLUMNS), row, values):
            return
        self.tables.request_rows_seen.append(key)
        self.read_request_cells(key, row, values)

    def read_request_cells(self, key: str, row: Row, values: list[str]) -> None:
        """A table-3 row's cells read as printed, or by the one reading the copy allows, or kept in doubt to
        settle with the others, or left out."""
        cells, how = self.fit(row, values, len(REQUEST_COLUMNS), requests_row_sum_holds, joinable=row.from_lines)
        if how == "split" and split_by_chance(values, cells):
            how = "by_chance"
        elif how == "ok" and row.from_lines and may_hide_a_break(cells, requests_row_sum_holds):
            how = "lines_by_chance"
        if how in DOUBTFUL and self.doubt(key, row, values, how):
            return
        if cells is not None and merged_numbers(row) and not row_sum_confirms(list(map(cell_value, cells))):
            cells, how = None, "merged"
        if cells is None:
            self.reject("requests", key, values, len(REQUEST_COLUMNS), row, UNPLACED_WHY.get(how, ""))
            return
        if how != "ok":
            self.note_resolved("requests", key, values, len(REQUEST_COLUMNS), how)
        self.tables.requests[key] = dict(zip(REQUEST_COLUMNS, map(cell_value, cells)))
        if how == "split":
            self.splits.append((key, row, values))
        if merged_numbers(row):
            self.merged.append((key, row, values))

    def doubt(self, key: str, row: Row, values: list[str], how: str) -> bool:
        """Keep a row read several ways to settle with the others in doubt (settle_doubtful). A row short
        of cells whose readings are too many to judge is rejected as it stands (False)."""
        if how == "unsure_padding" and row.in_columns and len(values) == len(REQUEST_COLUMNS):
            self.doubtful.append(Doubtful(key, row, values, "in_columns", placed_or_shifted(values)))
            return True
        readings, dropped = doubtful_readings(values, len(REQUEST_COLUMNS), how, row.from_lines) or ([], [])
        cells = trimmed(values, len(REQUEST_COLUMNS))
        run = normalize(cells[0]) if not readings and len(cells) == 1 else ""
        if not readings and how in LOST_CELLS and not run.isdigit():
            return False
        # a row short of cells may have lost a value: its readings with one dropped are its rivals (a row
        # read whole whose sum may hold by chance is left to its own readings: judging both is too many)
        rivals = dropped if how in LOST_CELLS else []
        self.doubtful.append(Doubtful(key, row, values, how, readings, run if run.isdigit() else "", rivals))
        return True

    def is_torn(self, row: Row, label: str, values: list[str]) -> bool:
        """A row of seven values whose label is lost or names no row: kept to place by position."""
        cells, how = self.fit(row, values, len(REQUEST_COLUMNS), requests_row_sum_holds)
        if cells is None or how != "ok":
            return False
        seen = self.tables.request_rows_seen
        after = seen[-1] if seen else None
        printed = [v for v in values if not is_blank(v)]
        self.torn.append(TornRow(after, dict(zip(REQUEST_COLUMNS, map(cell_value, cells))), label, printed, len(seen)))
        return True

    def read_active_row(self, row: Row, label: str, values: list[str]) -> None:
        spec = active_row(label, self.fmt)
        if spec is None or self.printed_again("active", spec.key, len(spec.columns), row, values):
            return
        cells, how = self.fit(row, values, len(spec.columns))
        if cells is None and self.settle_by_text(spec, values):
            return
        if cells is not None and merged_numbers(row):  # table 2 has no relations to confirm it each row's
            cells, how = None, "merged_unjudged"
        if cells is None:
            self.reject("active", spec.key, values, len(spec.columns), row, UNPLACED_WHY.get(how, ""))
            return
        if how != "ok":
            self.note_resolved("active", spec.key, values, len(spec.columns), how)
        self.tables.active[spec.key] = self.active_cells(spec, cells)

    def printed_again(self, table: str, key: str, width: int, row: Row, values: list[str]) -> bool:
        """Whether the row was printed before. The same numbers again change nothing; other numbers leave
        the row null and named (once): a sentence cut before its 件 reads as a row too (全年办理行政许可1234),
        and which line is the table's cannot be told."""
        printed = [normalize(v) for v in values]
        if (table, key) not in self.printed:
            self.printed[table, key] = printed
            return False
        earlier = self.printed[table, key]
        if earlier is not None and earlier != printed:
            self.printed[table, key] = None
            self.forget_row(table, key)
            why = UNPLACED_WHY["printed_twice"].format(earlier=" ".join(earlier), later=" ".join(printed))
            self.reject(table, key, values, width, row, why)
        return True

    def settle_by_text(self, spec: ActiveRow, values: list[str]) -> bool:
        """A row the table alone cannot settle, placed where the report's text states its figures."""
        found = witnessed(spec.key, spec.columns, values, self.figures)
        if found is None:
            return False
        reading, sentences = found
        self.tables.active[spec.key] = dict(zip(spec.columns, reading))
        seen = [v for v in values if not is_blank(v)]
        self.note_malformed(
            "active", spec.key, seen, len(spec.columns), placed="by the report's text", why=RESOLVED_WHY["text"]
        )
        self.tables.malformed[-1]["settled_by"] = sentences
        return True

    def active_cells(self, spec: ActiveRow, cells: list[str]) -> dict:
        return {
            column: cell_value(cell, money=column in spec.money, header_in_yuan=self.money_header_in_yuan)
            for column, cell in zip(spec.columns, cells)
        }

    def read_appeal_row(self, row: Row, label: str, values: list[str]) -> None:
        group = appeal_group_of(label)
        width = len(APPEAL_COLUMNS) if group else APPEALS_WIDTH
        cells, how = self.fit(row, values, width, appeals_sums_hold)
        if cells is None and not group and self.appeal_heading not in (None, AMBIGUOUS_HEADING):
            # table 4 as three small tables, each under a heading naming its group: five cells exactly
            small, small_how = self.fit(row, values, len(APPEAL_COLUMNS), appeals_sums_hold)
            if small is not None and small_how in ("ok", "split", "under"):
                group, width, cells, how = self.appeal_heading, len(APPEAL_COLUMNS), small, small_how
        self.appeal_heading = None
        if cells is None:
            if len(values) >= len(APPEAL_COLUMNS) or any(is_run(v) for v in values):
                self.reject("appeals", group or "all groups", values, width, row, UNPLACED_WHY.get(how, ""))
            return
        if how != "ok":
            self.note_resolved("appeals", group or "all groups", values, width, how)
        groups = (group,) if group else APPEAL_GROUPS
        for i, name in enumerate(groups):
            part = cells[i * len(APPEAL_COLUMNS) : (i + 1) * len(APPEAL_COLUMNS)]
            self.tables.appeals[name] = dict(zip(APPEAL_COLUMNS, map(cell_value, part)))

    def fit(self, row: Row, values: list[str], width: int, sums_hold=None, joinable: bool = False):
        """The row's value cells by the header column each sits under, where the table's grid settles
        the row (grid.py); else cut to the template's width by counting them (fit_cells)."""
        by_grid = self.header_grid.reading(row.cells, row.columns, row.spanned, width)
        return by_grid if by_grid is not None else fit_cells(values, width, sums_hold, joinable)

    def malformed_of(self, table: str) -> list[dict]:
        return [m for m in self.tables.malformed if m["table"] == table]

    def forget_row(self, table: str, key: str) -> None:
        """Take back what was read of a row, to leave it null: its cells, its readings still to settle or
        recheck, and its findings so far."""
        getattr(self.tables, table).pop(key, None)
        if table == "requests":
            self.doubtful = [entry for entry in self.doubtful if entry.key != key]
            self.splits = [split for split in self.splits if split[0] != key]
        self.tables.malformed = [m for m in self.tables.malformed if (m["table"], m["row"]) != (table, key)]

    def reject(self, table: str, row_key: str, values: list[str], width: int, row: Row, why: str = "") -> None:
        """A row left out: its cells stay null."""
        seen = [v for v in values if not is_blank(v)] if row.from_lines else values
        self.note_malformed(
            table, row_key, seen, width, placed=False, why=why or f"{len(seen)} cells where the template has {width}"
        )

    def note_resolved(self, table: str, row_key: str, values: list[str], width: int, how: str) -> None:
        """A row that did not fit as printed but has a single reading (see fit_cells)."""
        seen = [v for v in values if not is_blank(v)]
        placed = PLACED_UNDER_HEADER if how == "under" else True
        self.note_malformed(
            table, row_key, seen, width, placed=placed, why=RESOLVED_WHY[how].format(seen=len(seen), width=width)
        )

    def note_malformed(self, table: str, row_key: str, seen: list[str], width: int, placed: bool, why: str) -> None:
        self.tables.malformed.append(
            {
                "table": table,
                "row": row_key,
                "expected_cells": width,
                "seen_cells": len(seen),
                "seen": [normalize(v) for v in seen],
                "placed": placed,
                "why": why,
            }
        )


def heading_group(label: str) -> str | None:
    """The group a heading above one of table 4's three small tables names (行政诉讼（复议后起诉）): one
    group, no column headers (a header row copied out as one line names them all)."""
    if len(label) > MAX_GROUP_HEADING_CHARS or any(word in label for word in ("结果", "总计", "审结")):
        return None
    direct, after, review = "直接起诉" in label, "复议后起诉" in label, "行政复议" in label
    if direct + after + review != 1:  # 未经复议直接起诉复议后起诉: the whole table's header, run together
        return None
    if direct:
        return "litigation_direct"
    if after:
        return "litigation_after_review"
    return "review" if label.endswith("行政复议") else None


def appeal_group_of(label: str) -> str | None:
    """A table-4 row printed per group (行政复议 / 未经复议直接起诉 / 复议后起诉) names its group;
    a header row naming several groups names none."""
    if sum(name in label for name in ("复议后起诉", "直接起诉", "行政诉讼")) > 1:
        return None
    if "复议后起诉" in label:
        return "litigation_after_review"
    if "直接起诉" in label:
        return "litigation_direct"
    if label.endswith("行政复议"):
        return "review"
    return None
