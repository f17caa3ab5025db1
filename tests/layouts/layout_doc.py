"""A Report laid out as a document: headings, paragraphs and table grids, with the choices a portal,
a word processor or a converter makes (spans or padding cells, blank marks, table 4 as three tables, a
header row repeated mid-table) and the damage a conversion does (a dropped or merged cell, a label torn
from its row). The renderers (layout_render.py) then print it as HTML, PDF, DOCX or text."""

from __future__ import annotations

from dataclasses import dataclass, field

from layout_model import (
    ACTIVE_LABELS,
    ACTIVE_LAYOUT,
    APPEAL_GROUP_NAMES,
    APPEAL_HEADER,
    REQUEST_HEADER_COLUMNS,
    REQUEST_LABELS,
    Cell,
    Grid,
    Piece,
    Report,
    printed,
)
from nianbao.parsing.template import APPEAL_COLUMNS, APPEAL_GROUPS, REQUEST_COLUMNS

LABEL_COLUMNS = 3


@dataclass
class Layout:
    """The layout choices and the damage of one case (hypothesis draws them)."""

    blank: str = ""
    appeals_as_three: bool = False
    repeat_header_before: int | None = None  # index among table 3's data rows
    invented_header: bool = False  # the repeated header is a converter's own (项目 | 自然人 | …)
    grid: bool = False  # printed as a grid of spanned cells (HTML spans, Word's HTML, DOCX, PDF), not copied out
    damage: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, table-3 row, cell index)
    lost: set[str] = field(default_factory=set)  # keys of the cells the damage dropped: not printed at all
    shifted: str | None = None  # a table-3 row printed one column right, into a spare column at the edge
    filler: int = 0  # paragraphs of text before the tables: where the page breaks fall in a PDF
    merged_values: tuple[bool, ...] = ()  # DOCX: which runs of equal values down a column Word merges (value_runs)
    summed_values: tuple = ()  # DOCX: table-3 cells merged holding the rows' figure together (summed_runs)

    @property
    def lossy(self) -> bool:
        return bool(self.damage) or self.shifted is not None


def document(report: Report, layout: Layout) -> list[Piece]:
    title = f"某市某局{report.year}年政府信息公开工作年度报告"
    pieces = [
        Piece(title),
        Piece(
            f"本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告所列数据的统计期限自{report.year}年1月1日起"
            f"至{report.year}年12月31日止。"
        ),
        Piece("一、总体情况"),
        Piece("本机关认真贯彻落实政府信息公开工作各项要求，持续推进政务公开。"),
        *(Piece(f"（{n + 1}）本机关依托门户网站做好政策解读和回应关切工作。") for n in range(layout.filler)),
        Piece("二、主动公开政府信息情况"),
    ]
    pieces += [Piece(grid=active_grid(report, layout))] if report.active else []
    pieces.append(Piece("三、收到和处理政府信息公开申请情况"))
    pieces += [Piece(grid=requests_grid(report, layout))] if report.requests else []
    pieces.append(Piece("四、政府信息公开行政复议、行政诉讼情况"))
    pieces += appeals_pieces(report, layout)
    pieces += [
        Piece("五、存在的主要问题及改进情况"),
        Piece("工作中仍存在公开内容不够全面的问题，下一步将加强培训，提升公开质量。"),
        Piece("六、其他需要报告的事项"),
        Piece("本机关未收取信息处理费。"),
    ]
    return pieces


def values(row: dict, columns, blank: str, prefix: str = "") -> list[Cell]:
    return [Cell(printed(row.get(c), blank), value=True, key=f"{prefix}.{c}") for c in columns]


def active_grid(report: Report, layout: Layout) -> Grid:
    grid = Grid()
    width = 4
    for line, header, keys in ACTIVE_LAYOUT[report.fmt]:
        grid.add([Cell(line, colspan=width)])
        grid.add([Cell(h) for h in header] + spare(header, width))
        for key in keys:
            row = report.active.get(key)
            if row is None:
                continue
            cells = values(row, row.keys(), layout.blank)
            cells[-1].colspan = width - len(cells)
            grid.add([Cell(ACTIVE_LABELS[key]), *cells], key)
    return grid


def spare(header, width: int) -> list[Cell]:
    """The header cell of a row with fewer columns spans the rest."""
    return [Cell("", colspan=width - len(header))] if len(header) < width else []


def requests_header(grid: Grid, invented: bool = False) -> None:
    if invented:
        grid.add(
            [Cell("项目", colspan=LABEL_COLUMNS), Cell("自然人"), *map(Cell, REQUEST_HEADER_COLUMNS), Cell("总计")]
        )
        return
    grid.add(
        [
            Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
            Cell("申请人情况", colspan=7),
        ]
    )
    grid.add([Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)])
    grid.add([Cell(c) for c in REQUEST_HEADER_COLUMNS])


def requests_grid(report: Report, layout: Layout) -> Grid:
    grid = Grid()
    requests_header(grid)
    grid.header_rows, grid.table = 3, "requests"
    keys = report.request_rows()
    # a header printed again inside a drawn grid starts a new part of it: a merged label is printed again
    # below it (spanning the header would shift it); copied out as text, the label above is not repeated
    cut = layout.repeat_header_before if layout.repeat_header_before is not None and layout.grid else len(keys)
    for index, key in enumerate(keys):
        if index == layout.repeat_header_before:
            requests_header(grid, layout.invented_header)
        part, at = (keys[:cut], index) if index < cut else (keys[cut:], index - cut)
        labels = label_cells(part, at)
        cells = values(report.requests[key], REQUEST_COLUMNS, layout.blank, f"requests.{key}")
        grid.add([*labels, *damaged(cells, key, layout, report.year)], key)
        tear(grid, key, layout)
    if layout.shifted in keys:
        shift_right(grid, layout.shifted)
    return grid


def shift_right(grid: Grid, key: str) -> None:
    """The row's values printed one column right: the table gains a spare column at its right edge,
    blank in every other row, that the row's last value moves into."""
    for row, row_key in zip(grid.rows, grid.keys):
        if row_key == key:
            first = next(i for i, cell in enumerate(row) if cell.value)
            row.insert(first, Cell(""))
        else:
            row.append(Cell(""))


def label_cells(keys: list[str], index: int) -> list[Cell]:
    """The label cells a row prints: each level that starts at this row, spanning the rows that share
    it; the last level spans the label columns left."""
    key = keys[index]
    path = REQUEST_LABELS[key]
    cells = []
    for level, text in enumerate(path):
        before = keys[index - 1] if index else None
        if before is not None and REQUEST_LABELS[before][: level + 1] == path[: level + 1]:
            continue  # covered by the span of a row above
        span = 1
        while index + span < len(keys) and REQUEST_LABELS[keys[index + span]][: level + 1] == path[: level + 1]:
            span += 1
        colspan = LABEL_COLUMNS - level if level == len(path) - 1 else 1
        cells.append(Cell(text, rowspan=span, colspan=colspan))
    return cells


def damaged(cells: list[Cell], key: str, layout: Layout, year: int) -> list[Cell]:
    """The row's value cells after the damage drawn for it. "drop", "merge" and "lose-blank" (a blank
    cell the copy lost, the row one cell short) happen to any copy; "break" (a number over two lines,
    1 / 62 for 162), "collapse" (a run of identical lines printed once, 2 1 0 0 0 0 3 as 2 1 0 3) and
    "year" (a lone line holding the year, from a header or a running page header broken one token per
    line, among the row's lines) to a copy one cell per line."""
    for kind, row, at in layout.damage:
        if row != key:
            continue
        at = min(at, len(cells) - 2)
        if kind == "drop":
            layout.lost.add(cells.pop(at).key)
        elif kind == "merge":
            cells[at : at + 2] = [Cell(cells[at].text + cells[at + 1].text, value=True)]
        elif kind == "lose-blank":
            blanks = [i for i, cell in enumerate(cells) if cell.text == layout.blank]
            if blanks:
                layout.lost.add(cells.pop(blanks[at % len(blanks)]).key)
        elif kind == "break":
            broken(cells, at)
        elif kind == "collapse":
            cells[:] = collapsed(cells, layout)
        elif kind == "year":
            cells.insert(at, Cell(str(year), value=True))  # stands among the values: a tear leaves it there
    return cells


def broken(cells: list[Cell], at: int) -> None:
    """A number of two digits or more printed over two lines, cut after its ``at``-th digit or so."""
    long = [i for i, cell in enumerate(cells) if len(cell.text) > 1 and cell.text.isdigit()]
    if not long:
        return
    i = long[at % len(long)]
    text = cells[i].text
    cut = 1 + at % (len(text) - 1)
    cells[i : i + 1] = [Cell(text[:cut], value=True, key=cells[i].key), Cell(text[cut:], value=True)]


def collapsed(cells: list[Cell], layout: Layout) -> list[Cell]:
    """The cells with each run of identical printed lines printed once (blank cells print no line)."""
    kept: list[Cell] = []
    last = None
    for cell in cells:
        if cell.text and cell.text == last:
            layout.lost.add(cell.key)
            continue
        kept.append(cell)
        last = cell.text or last
    return kept


TEARS = ("tear", "tear-below", "tear-split")  # the label above its numbers, below them, cut over two lines


def tear(grid: Grid, key: str, layout: Layout) -> None:
    """A label torn from its row by a converter: its text on a line of its own above the numbers
    ("tear"), below them ("tear-below"), or cut over two lines ("tear-split", the way a narrow cell
    wraps: （三）不 / 予公开, ``at`` + 2 characters in), the numbers beside the first piece, beside the
    second, or on a line of their own below both (``at`` % 3). A label merged over several rows stays in a drawn grid (moving it would
    reshape the grid); a copy tears it with the rest, as sample 04 shows."""
    kind, at = next(((kind, at) for kind, row, at in layout.damage if kind in TEARS and row == key), (None, 0))
    row = grid.rows[-1]
    labels = [c for c in row if not c.value]
    if kind is None or not labels or layout.grid and any(c.rowspan > 1 for c in labels):
        return
    text = "".join(c.text for c in labels)
    numbers = [c for c in row if c.value]

    def beside(label: str) -> list[Cell]:
        return [Cell(label, colspan=sum(c.colspan for c in labels)), *numbers]

    def alone(label: str) -> list[Cell]:
        return [Cell(label, colspan=grid.width or 10)]

    if kind == "tear":
        torn = [alone(text), beside("")]
    elif kind == "tear-below":
        torn = [beside(""), alone(text)]
    else:
        cut = min(at + 2, len(text) - 1)  # a narrow label cell wraps after a few characters
        first, second = text[:cut], text[cut:]
        torn = [
            [beside(first), alone(second)],
            [alone(first), beside(second)],
            [alone(first), alone(second), beside("")],
        ]
        torn = torn[at % 3]
    grid.rows[-1:] = torn
    grid.keys[-1:] = [key if any(c.value for c in cells) else None for cells in torn]


def appeals_pieces(report: Report, layout: Layout) -> list[Piece]:
    if not report.appeals:
        return []
    if layout.appeals_as_three:
        pieces = []
        for group in APPEAL_GROUPS:
            grid = Grid()
            grid.add([Cell(h) for h in APPEAL_HEADER])
            grid.add(values(report.appeals.get(group, {}), APPEAL_COLUMNS, layout.blank), group)
            pieces += [Piece(APPEAL_GROUP_NAMES[group]), Piece(grid=grid)]
        return pieces
    grid = Grid()
    grid.add([Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)])
    grid.add(
        [
            *(Cell(h, rowspan=2) for h in APPEAL_HEADER),
            Cell("未经复议直接起诉", colspan=5),
            Cell("复议后起诉", colspan=5),
        ]
    )
    grid.add([Cell(h) for h in APPEAL_HEADER * 2])
    grid.add([c for g in APPEAL_GROUPS for c in values(report.appeals.get(g, {}), APPEAL_COLUMNS, layout.blank)], "all")
    return [Piece(grid=grid)]


def slots(grid: Grid) -> list[list[tuple[int, Cell]]]:
    """Each row's cells with the column they start at (spans from rows above taken into account)."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(grid.rows):
        col, out = 0, []
        for cell in row:
            while (r, col) in taken:
                col += 1
            out.append((col, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, col + dc))
            col += cell.colspan
        placed.append(out)
    return placed
