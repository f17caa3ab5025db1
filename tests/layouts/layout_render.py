"""Printing a laid-out document (layout_doc.py) the ways portals and converters do: HTML (spans or
Word's padding cells, <p>/<span> inside cells, GBK), PDF (reportlab, ruled or borderless, tables
split over pages with or without their header repeated, a running page header), DOCX (python-docx,
merged cells) and text (tab rows, Markdown pipes, one cell per line, label-and-numbers lines, digits
run together)."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, replace

from layout_doc import slots
from layout_model import Cell, Grid, Piece

# ------------------------------------------------------------------ HTML


def to_html(pieces: list[Piece], spans: bool = True, word: bool = False, gbk: bool = False) -> bytes:
    """``spans``: rowspan/colspan as printed; else each covered slot is an empty padding cell and
    rowspans are dropped (a converter that flattens the grid). ``word``: the way Word exports HTML:
    rowspans kept, a horizontal merge printed as colspan on some rows and as the cell beside empty
    padding cells on others, some data rows ending in an empty cell past the table's edge, and cells
    holding <p><span>."""
    charset = "gbk" if gbk else "utf-8"
    body = []
    for piece in pieces:
        if piece.grid is None:
            body.append(f"<p>{html.escape(piece.text)}</p>")
        else:
            body.append(html_table(piece.grid, spans, word))
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f'<title>{html.escape(pieces[0].text)}</title></head><body><div class="TRS_Editor">'
        + "\n".join(body)
        + "</div></body></html>"
    )
    return page.encode(charset)


def html_table(grid: Grid, spans: bool, word: bool) -> str:
    rows = []
    for r, row in enumerate(grid.rows):
        tds = []
        for cell in row:
            text = html.escape(cell.text)
            if word:
                text = f'<p class="MsoNormal" align="center"><span style="font-family:宋体">{text}</span></p>'
            if word:
                tds.append(word_cell(text, cell, r))
            elif spans:
                tds.append(f"<td{span_attributes(cell.rowspan, cell.colspan)}>{text}</td>")
            else:
                tds.append(f"<td>{text}</td>" + "<td></td>" * (cell.colspan - 1))
        if word and grid.keys[r] is not None and r % 4 == 1:
            # Word's w:gridAfter: the row stops short of the grid's edge, filled by a placeholder
            tds.append('<td style="mso-cell-special:placeholder;border:none"><p class="MsoNormal">&nbsp;</p></td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return '<table border="1">' + "\n".join(rows) + "</table>"


def span_attributes(rowspan: int, colspan: int) -> str:
    return (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")


def word_cell(text: str, cell: Cell, row: int) -> str:
    """A cell as Word exports it, its padding differing row by row: spanned (every third row), followed
    by empty padding cells, or preceded by them (w:gridBefore)."""
    if cell.colspan == 1 or row % 3 == 0:
        return f"<td{span_attributes(cell.rowspan, cell.colspan)}>{text}</td>"
    padding = f"<td{span_attributes(cell.rowspan, 1)}></td>" * (cell.colspan - 1)
    printed = f"<td{span_attributes(cell.rowspan, 1)}>{text}</td>"
    return printed + padding if row % 3 == 1 else padding + printed


# ------------------------------------------------------------------ text


def row_texts(row: list[Cell]) -> list[str]:
    return [c.text for c in row]


def to_text(pieces: list[Piece], style: str) -> bytes:
    """``style``: "tab" (cells between tabs), "pipe" (Markdown), "lines" (one cell per line, blank
    cells leave no line), "spaced" (a label and its numbers on one line), "run" (the numbers of a row
    run together without separators), "glued" (run together and glued to the label: 行政许可396442278)."""
    lines = []
    for piece in pieces:
        if piece.grid is None:
            lines.append(piece.text)
            continue
        for row in piece.grid.rows:
            lines.extend(text_row(row, style))
    return ("\n".join(lines) + "\n").encode("utf-8")


def text_row(row: list[Cell], style: str) -> list[str]:
    texts = row_texts(row)
    if style == "tab":
        return ["\t".join(texts)]
    if style == "pipe":
        return ["| " + " | ".join(texts) + " |"]
    if style == "lines":
        return [t for t in texts if t]
    labels = "".join(c.text for c in row if not c.value)
    numbers = [c.text for c in row if c.value and c.text]
    if not numbers:
        return [labels] if labels else []
    joined = "".join(numbers) if style in ("run", "glued") else " ".join(numbers)
    return [f"{labels}{'' if style == 'glued' else ' '}{joined}".strip()]


# ------------------------------------------------------------------ DOCX


def to_docx(pieces: list[Piece], merged: tuple[bool, ...] = (), summed: tuple = ()) -> bytes:
    """Each grid as a Word table: label and header spans merged, value cells merged vertically along the
    runs of value_runs(pieces) that ``merged`` picks (as a Word user merges a column of equal values), or
    holding the rows' figure together (``summed``, see summed_runs), and a row that lost cells (a
    PDF-to-Word converter's damage) stopping short of the grid (w:gridAfter)."""
    from docx import Document

    doc = Document()
    together = summed_runs(pieces, summed)
    chosen = together + [
        run for run, merge in zip(value_runs(pieces), merged) if merge and not any(run.meets(t) for t in together)
    ]
    for piece in pieces:
        if piece.grid is None:
            doc.add_paragraph(piece.text)
            continue
        grid = piece.grid
        table = doc.add_table(rows=len(grid.rows), cols=grid.width)
        table.style = "Table Grid"
        # each slot's cell looked up once before merging (table.cell reads the whole table at each call);
        # a merge leaves the top-left cell of each merged area in place
        at = [row.cells for row in table.rows]
        for r, placed in enumerate(slots(grid)):
            for col, cell in placed:
                if col >= grid.width:
                    continue
                target = at[r][col]
                if cell.rowspan > 1 or cell.colspan > 1:
                    far = at[min(r + cell.rowspan, len(grid.rows)) - 1][min(col + cell.colspan, grid.width) - 1]
                    target = target.merge(far)
                target.text = cell.text
        for run in (run for run in chosen if run.piece is piece):
            at[run.first][run.column].merge(at[run.last][run.column]).text = run.text
        for r, placed in enumerate(slots(grid)):
            stop_short(table.rows[r]._tr, grid.width - printed_width(placed))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Run:
    """Consecutive data rows of one grid printing the same value in the same column."""

    piece: Piece
    column: int
    colspan: int
    first: int
    last: int
    text: str

    def meets(self, other: Run) -> bool:
        return (
            self.piece is other.piece
            and self.column == other.column
            and self.first <= other.last
            and other.first <= self.last
        )


def value_runs(pieces: list[Piece]) -> list[Run]:
    """Every longest run of two or more data rows, one after the other in a grid, whose value cells stand
    at the same columns and print the same text (a column of 0s, a 总计 shared), in document order."""
    runs = []
    for piece in pieces:
        if piece.grid is None:
            continue
        found = []
        open_runs: dict[tuple[int, int, str], int] = {}  # (column, colspan, text) -> the run's first row
        rows = slots(piece.grid)
        for r in range(len(rows) + 1):
            here = set()
            if r < len(rows) and piece.grid.keys[r] is not None:
                here = {(col, cell.colspan, cell.text) for col, cell in rows[r] if cell.value and cell.rowspan == 1}
            for slot in [slot for slot in open_runs if slot not in here]:
                first = open_runs.pop(slot)
                if r - first > 1:
                    found.append(Run(piece, slot[0], slot[1], first, r - 1, slot[2]))
            for slot in here - open_runs.keys():
                open_runs[slot] = r
        runs += sorted(found, key=lambda run: (run.first, run.column))
    return runs


def summed_runs(pieces: list[Piece], summed: tuple) -> list[Run]:
    """Table-3 cells merged as the rows' figure together: each (first row key, column, rows) the value
    cells of that column in that many data rows from the first, one cell holding their sum (as some
    authors print 3 for 1 and 2), where the rows stand one after the other and print numbers there."""
    runs: list[Run] = []
    for piece in pieces:
        if piece.grid is None or piece.grid.table != "requests":
            continue
        rows = slots(piece.grid)
        for key, column, count in summed:
            first = next((r for r, row_key in enumerate(piece.grid.keys) if row_key == key), None)
            if first is None or first + count > len(rows):
                continue
            found = [
                next(((col, cell) for col, cell in rows[r] if cell.key.endswith(f".{column}")), None)
                for r in range(first, first + count)
            ]
            if None in found or len({col for col, _ in found}) > 1 or not all(c.text.isdigit() for _, c in found):
                continue
            run = Run(piece, found[0][0], 1, first, first + count - 1, str(sum(int(c.text) for _, c in found)))
            if not any(run.meets(other) for other in runs):
                runs.append(run)
    return runs


def printed_width(placed: list[tuple[int, Cell]]) -> int:
    return max((col + cell.colspan for col, cell in placed), default=0)


def stop_short(tr, missing: int) -> None:
    """A row short of the table's grid by ``missing`` columns: its last cells removed, as Word writes a row
    whose cells were deleted (w:gridAfter), rather than left as blank cells the values would shift into."""
    if missing <= 0:
        return
    for tc in tr.tc_lst[-missing:]:
        tr.remove(tc)
    tr.get_or_add_trPr().get_or_add_gridAfter().val = missing


# ------------------------------------------------------------------ PDF

FONT = "STSong-Light"
CELL_SIZE = 7
CELL_PADDING = 6  # reportlab's default left and right padding of a table cell


def to_pdf(
    pieces: list[Piece],
    ruled: bool = True,
    repeat_header: bool = True,
    running_header: bool = True,
    align: str = "LEFT",
    valign: str = "MIDDLE",
    tight: bool = False,
    break_before: int | None = None,
) -> bytes:
    """``align``: how short cells sit in their column (Word centres or right-aligns numbers);
    ``valign``: MIDDLE or TOP (a wrapped label's first line beside the numbers); ``tight``: no
    padding above and below cell text (Word's default), so rows stand as close as wrapped lines;
    ``break_before``: a page break forced before table 3's data row of that index, wherever it falls
    in the merged labels (reportlab itself breaks a table only where no span crosses)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=16)
    cell_style = ParagraphStyle("cell", fontName=FONT, fontSize=CELL_SIZE, leading=9, alignment=1)
    title = pieces[0].text

    def page_header(canvas, _doc):
        if running_header:
            canvas.setFont(FONT, 8)
            canvas.drawString(72, A4[1] - 40, title)

    story = []
    for piece in with_page_break(pieces, break_before, repeat_header):
        if piece.page_break:
            story.append(PageBreak())
            continue
        if piece.grid is None:
            story.append(Paragraph(html_escape(piece.text), body))
            continue
        grid = piece.grid
        data = [["" for _ in range(grid.width)] for _ in grid.rows]
        style = [("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE), ("VALIGN", (0, 0), (-1, -1), valign)]
        style.append(("ALIGN", (0, 0), (-1, -1), align))
        if tight:
            style += [("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
        if ruled:
            style.append(("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)))
        widths = label_widths(grid.width)
        for r, placed in enumerate(slots(grid)):
            for col, cell in placed:
                if col >= grid.width:
                    continue
                # wrapped inside its cell, as Word does, where it is long or wider than the cell
                room = sum(widths[col : col + cell.colspan]) - 2 * CELL_PADDING
                wrap = len(cell.text) > 6 or pdfmetrics.stringWidth(cell.text, FONT, CELL_SIZE) > room
                data[r][col] = Paragraph(html_escape(cell.text), cell_style) if wrap else cell.text
                if cell.rowspan > 1 or cell.colspan > 1:
                    style.append(("SPAN", (col, r), (col + cell.colspan - 1, r + cell.rowspan - 1)))
        table = Table(
            data, colWidths=widths, repeatRows=grid.header_rows if repeat_header else 0, style=TableStyle(style)
        )
        story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title, topMargin=60).build(
        story, onFirstPage=page_header, onLaterPages=page_header
    )
    return out.getvalue()


def with_page_break(pieces: list[Piece], before: int | None, repeat_header: bool) -> list[Piece]:
    """Table 3 cut by a page break before its data row ``before``, if any (see cut_at)."""
    if before is None:
        return pieces
    out = []
    for piece in pieces:
        if piece.grid is not None and piece.grid.table == "requests":
            at = [r for r, key in enumerate(piece.grid.keys) if key is not None][before]
            above, below = cut_at(piece.grid, at, repeat_header)
            out += [Piece(grid=above), Piece(page_break=True), Piece(grid=below)]
        else:
            out.append(piece)
    return out


def cut_at(grid: Grid, at: int, repeat_header: bool) -> tuple[Grid, Grid]:
    """The grid cut before its row ``at``: a merged cell the cut crosses keeps its text above and is
    printed blank below (as Word prints a merged label split over two pages); the header rows start
    the part below again if ``repeat_header``."""
    above, below = Grid(header_rows=grid.header_rows), Grid(header_rows=grid.header_rows if repeat_header else 0)
    if repeat_header:
        for row, key in zip(grid.rows[: grid.header_rows], grid.keys):
            below.add(row, key)
    continued: list[tuple[int, Cell]] = []
    for r, placed in enumerate(slots(grid)):
        if r >= at:
            placed = sorted(placed + continued, key=lambda slot: slot[0]) if r == at else placed
            below.add([cell for _, cell in placed], grid.keys[r])
            continue
        row = []
        for col, cell in placed:
            if r + cell.rowspan > at:
                continued.append((col, Cell("", rowspan=r + cell.rowspan - at, colspan=cell.colspan)))
                cell = replace(cell, rowspan=at - r)
            row.append(cell)
        above.add(row, grid.keys[r])
    return above, below


def label_widths(width: int) -> list[float]:
    usable = 450.0
    if width in (10, 11):  # table 3, with a spare column where a row is printed shifted right
        return [40.0, 50.0, 100.0] + [260.0 / 7] * (width - 3)
    if width == 4:
        return [150.0] + [100.0] * 3
    return [usable / width] * width


def html_escape(text: str) -> str:
    return html.escape(text, quote=False)
