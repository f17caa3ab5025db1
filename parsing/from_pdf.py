"""PDF extractor: ruled tables become row blocks, the text around them line or paragraph blocks.

Each page is read once with pdfplumber, on the objects PDFium reads for it (parsing/pdf_objects.py;
pdfminer, much slower, reads the pages where PDFium cannot give the same objects): its tables are
found from the visible rulings, every table row becomes a ``Block(table=True)`` with one string per
printed cell, and the characters outside the tables become text blocks (wrapped lines of one
paragraph joined). Both are put in vertical order, so a heading comes before the table it introduces.
Tables running over a page break simply continue with the next page's rows.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psparser import PSLiteral
from pdfplumber.table import merge_edges
from pdfplumber.utils import extract_text
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import chars_to_textmap

from .document import Block, Document, TooComplex, UnreadableDocument
from .limits import MAX_OBJECTS_PER_PAGE, MAX_PDF_PAGES
from .pdf_borderless import Header, borderless_rows
from .pdf_objects import page_objects

# Ruled tables only: reports print their statistics tables with borders, and the text strategy would
# turn justified narrative into fake columns.
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

# A filled shape thinner than this is a drawn rule (Word draws borders as hairline rectangles); a
# fatter one without a stroke is a cell or paragraph background, whose edges are not printed lines.
MAX_RULE_THICKNESS = 2.0

# How far apart a rule's end and a crossing rule may be and still meet (pdfplumber's default snapping).
RULE_TOLERANCE = 3.0
MIN_RULE_LENGTH = 3.0

# Page furniture found in the top or bottom margin band: "- 3 -", "—3—", "第 3 页", "第3页 共6页", "3/6".
PAGE_NUMBER = re.compile(r"^[-－—–\s]*(第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?|\d+(\s*/\s*\d+)?)[-－—–\s]*$")
MARGIN_BAND = 0.08

CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")

# A line opening a numbered heading or item (一、 （二） 3. 4、) starts a new block even when the
# line before it runs to the right margin.
HEADING_START = re.compile(
    r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(\s*[一二三四五六七八九十]+\s*\)|\d+[、．.](?!\d))"
)

# The last bytes of a complete PDF hold its end-of-file marker; a cut download loses it. Only used to
# explain a failure: pdfminer reads some complete files that lack the marker.
EOF_WINDOW = 8192


@dataclass
class _Line:
    """A text line outside the tables, with the geometry paragraph joining needs."""

    text: str
    x0: float
    x1: float
    top: float
    size: float


@dataclass
class _TableRows:
    """The rows of one table found on a page."""

    top: float
    rows: list[list[str]]
    in_columns: bool = False  # a borderless row whose value cells are one per column (see TableRow)


def extract(data: bytes) -> Document:
    """Read a PDF's tables and text into a Document; raise UnreadableDocument if the file is broken."""
    pdf, data = _open(data)
    with _parsing(data):
        page_list = pdf.pages
    if len(page_list) > MAX_PDF_PAGES:
        raise TooComplex(f"PDF of {len(page_list):,} pages, over the {MAX_PDF_PAGES:,} limit")
    pages: list[_Page] = []
    with _pdfium_document(data, len(page_list)) as pdfium_document:
        for page in page_list:
            pages.append(_read_and_close(page, pdfium_document, data, pages[-1].header if pages else None))
    with _parsing(data):
        meta = _meta(pdf)  # resolves object references, which may be broken
    # Not a `with` block: on a broken page tree, close() walks the pages again and raises anew.
    pdf.close()
    if not any(page.has_text for page in pages):
        return Document(blocks=[], meta=meta, image_only=True)
    picture_pages = [str(number) for number, page in enumerate(pages, 1) if page.is_picture]
    if picture_pages:
        meta["image_pages"] = ",".join(picture_pages)
    return Document(blocks=_blocks([page.items for page in pages]), meta=meta)


def _open(data: bytes) -> tuple[pdfplumber.PDF, bytes]:
    """The file opened by pdfplumber, and the bytes it reads. An encrypted file pdfminer cannot decrypt
    but PDFium can (AES-256 with an owner password only: no password is needed to read it) is read from
    PDFium's decrypted copy."""
    try:
        with _parsing(data):
            return pdfplumber.open(io.BytesIO(data)), data
    except UnreadableDocument:
        decrypted = _decrypted_by_pdfium(data)
        if decrypted is None:
            raise
    with _parsing(decrypted):
        return pdfplumber.open(io.BytesIO(decrypted)), decrypted


def _decrypted_by_pdfium(data: bytes) -> bytes | None:
    """The file saved by PDFium without its encryption, or None when it is not encrypted or PDFium cannot
    open it either (a user password, damage): then pdfminer's error stands."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        if pdfium.raw.FPDF_GetSecurityHandlerRevision(document.raw) == -1:
            return None
        copy = io.BytesIO()
        document.save(copy, flags=pdfium.raw.FPDF_REMOVE_SECURITY)
        return copy.getvalue()
    finally:
        document.close()


@contextmanager
def _parsing(data: bytes) -> Iterator[None]:
    """Turn pdfminer's failures on damaged input into UnreadableDocument; only wraps the parsing calls,
    so a bug in this module still shows as one."""
    try:
        yield
    except Exception as err:  # noqa: BLE001 - pdfminer raises many types on broken files
        raise UnreadableDocument(f"corrupt or truncated PDF: {_failure_reason(err, data)}") from None


def _failure_reason(err: Exception, data: bytes) -> str:
    """Why pdfplumber could not read the file, in a few words."""
    cause = err.args[0] if isinstance(err, PdfminerException) and err.args else err
    if isinstance(cause, PDFPasswordIncorrect):
        return "encrypted, needs a password"
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        return "the file ends early, no end-of-file marker (download cut short?)"
    return _describe(cause)


def _describe(err: object) -> str:
    """A short reason from an exception: its message, or its type when it has none."""
    message = str(err).strip().splitlines()[0] if str(err).strip() else ""
    name = type(err).__name__
    return f"{name}: {message}"[:160] if message else name


@dataclass
class _Page:
    """What one page contributes: its items in vertical order, and whether it has text or only pictures."""

    items: list[_Line | _TableRows]
    has_text: bool
    is_picture: bool
    header: Header | None = None  # the header columns of the borderless table the page ends with


@contextmanager
def _pdfium_document(data: bytes, page_count: int) -> Iterator[pdfium.PdfDocument | None]:
    """The file opened in PDFium as well, or None if PDFium cannot open it or counts other pages: then
    pdfminer reads every page, as it opened the file (its errors are the ones reported)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        yield None
        return
    try:
        yield document if len(document) == page_count else None
    finally:
        document.close()


def _read_and_close(page, pdfium_document: pdfium.PdfDocument | None, data: bytes, header: Header | None) -> _Page:
    """Read one page (``header``: see _read_page), then drop pdfplumber's caches for it so long reports
    stay small in memory.

    PDFium reads a damaged content stream as far as it can; pdfminer, where it reads the page, raises."""
    try:
        objects = _pdfium_objects(page, pdfium_document)
        if objects is None:
            with _parsing(data):
                _ = page.objects  # pdfminer parses the content stream (once; cached): damage in it shows here
            if any(char["text"].startswith("(cid:") for char in page.chars):
                objects = _pdfium_objects(page, pdfium_document, exact=False)  # glyphs PDFium may map
        if objects is not None:
            page._objects = objects  # pdfplumber's own cache of the page's objects
        return _read_page(page, header)
    finally:
        page.close()


def _pdfium_objects(page, pdfium_document: pdfium.PdfDocument | None, exact: bool = True) -> dict | None:
    """The page's objects read by PDFium, or None when pdfminer has to read them (see page_objects for
    ``exact``)."""
    if pdfium_document is None:
        return None
    try:
        pdfium_page = pdfium_document[page.page_number - 1]
    except pdfium.PdfiumError:
        return None
    objects = pdfium.raw.FPDFPage_CountObjects(pdfium_page.raw)  # counted in C before any is read
    if objects > MAX_OBJECTS_PER_PAGE:
        raise TooComplex(
            f"PDF page {page.page_number} holds {objects:,} objects, over the {MAX_OBJECTS_PER_PAGE:,} limit"
        )
    try:
        return page_objects(page, pdfium_page, exact)
    finally:
        pdfium_page.close()


def _read_page(page, header: Header | None) -> _Page:
    """Tables and outside-table lines of a page, sorted top to bottom. ``header``: the header columns of
    the borderless table the page before ended with, for its rows continuing on this page."""
    chars = page.chars
    if not chars:
        return _Page(items=[], has_text=False, is_picture=bool(page.images))
    tables = [t for t in _find_tables(page.filter(_is_visible_rule_or_text)) if _is_data_table(t)]
    boxes = [t.bbox for t in tables]  # a computed property in pdfplumber: read it once
    items: list[_Line | _TableRows] = [
        _TableRows(top=box[1], rows=_table_rows(t, box, chars)) for t, box in zip(tables, boxes)
    ]
    outside = [c for c in chars if not any(_centre_in(c, box) for box in boxes)]
    unruled, header = borderless_rows(outside, header)
    unruled = [row for row in unruled if not _is_page_number_row(row, page.height)]
    items += [
        _TableRows(top=row.top, rows=[[_cell_text(cell) for cell in row.cells]], in_columns=row.in_columns)
        for row in unruled
    ]
    taken = {id(c) for row in unruled for c in row.chars}
    outside = [c for c in outside if id(c) not in taken]
    items += [line for line in _text_lines(outside) if not _is_page_furniture(line, page.height)]
    items.sort(key=lambda item: item.top)
    return _Page(items=items, has_text=True, is_picture=False, header=header)


def _is_visible_rule_or_text(obj: dict) -> bool:
    """Keep everything except unstroked filled areas wider than a rule (backgrounds, not borders)."""
    if obj["object_type"] not in ("rect", "curve") or obj.get("stroke"):
        return True
    return min(obj["width"], obj["height"]) <= MAX_RULE_THICKNESS


def _find_tables(page) -> list:
    """Ruled tables, with the open edge of a table cut by a page break closed first."""
    closing = _closing_rules(page.edges)
    return page.find_tables({**TABLE_SETTINGS, "explicit_horizontal_lines": closing})


def _closing_rules(edges: list[dict]) -> list[dict]:
    """Horizontal rules where two or more vertical rules end in the air at the same height.

    A table broken by a page break is usually printed without its bottom border on the first page
    (and without its top border on the next), so the last row would have no cell; closing the frame
    where the column rules stop gives that row back.
    """
    # Join touching pieces first: a rule drawn in one piece per row has no ends inside the column.
    straight = [e for e in edges if e["orientation"] in ("h", "v")]  # curves also give diagonal edges
    edges = merge_edges(straight, RULE_TOLERANCE, RULE_TOLERANCE, RULE_TOLERANCE, RULE_TOLERANCE)
    horizontals = [e for e in edges if e["orientation"] == "h"]
    loose_ends = []  # (y, x) of vertical rule ends that meet no horizontal rule
    for edge in edges:
        if edge["orientation"] != "v" or edge["height"] < MIN_RULE_LENGTH:
            continue
        for y in (edge["top"], edge["bottom"]):
            if not any(_meets(h, edge["x0"], y) for h in horizontals):
                loose_ends.append((y, edge["x0"]))
    rules = []
    for group in _group_by_height(sorted(loose_ends)):
        if len(group) >= 2:
            y = group[0][0]
            x0, x1 = min(x for _, x in group), max(x for _, x in group)
            rules.append(
                {
                    "object_type": "closing_edge",
                    "orientation": "h",
                    "x0": x0,
                    "x1": x1,
                    "top": y,
                    "bottom": y,
                    "width": x1 - x0,
                    "height": 0,
                }
            )
    return rules


def _meets(horizontal: dict, x: float, y: float) -> bool:
    """Whether a horizontal rule passes through (x, y), within the table finder's snapping distance."""
    return (
        abs(horizontal["top"] - y) <= RULE_TOLERANCE
        and horizontal["x0"] - RULE_TOLERANCE <= x <= horizontal["x1"] + RULE_TOLERANCE
    )


def _group_by_height(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Points sorted by y, grouped where consecutive heights lie within the snapping distance."""
    groups: list[list[tuple[float, float]]] = []
    for point in points:
        if groups and point[0] - groups[-1][-1][0] <= RULE_TOLERANCE:
            groups[-1].append(point)
        else:
            groups.append([point])
    return groups


def _is_data_table(table) -> bool:
    """A ruled frame of one column is a boxed paragraph, not a table: its text stays narrative."""
    return any(sum(cell is not None for cell in row.cells) > 1 for row in table.rows)


def _table_rows(table, bbox: tuple, chars: list[dict]) -> list[list[str]]:
    """Each row's printed cells in order: cells covered by a merge are left out, blank ones are ""."""
    rows = table.rows
    columns = sorted({cell[0] for cell in table.cells}) + [bbox[2]]
    row_tops = [row.bbox[1] for row in rows] + [bbox[3]]
    table_chars = [c for c in chars if _centre_in(c, bbox)]
    result = []
    for r, row in enumerate(rows):
        # A cell starting in this row may reach further down (rowspan), so take chars to its bottom.
        row_chars = [c for c in table_chars if _centre_in(c, (bbox[0], row_tops[r], bbox[2], row.bbox[3]))]
        cells = []
        for c, cell in enumerate(row.cells):
            if cell is None:
                slot = (columns[c], row_tops[r], columns[c + 1], row_tops[r + 1])
                if _covered_by_merge(slot, table.cells):
                    continue
                # No cell starts here and none spans over it: a border is missing, the slot is a cell.
                cell = slot
            cells.append(_cell_text([ch for ch in row_chars if _centre_in(ch, cell)]))
        result.append(cells)
    return result


def _covered_by_merge(slot: tuple, cells: list[tuple]) -> bool:
    """Whether a cell spanning several rows or columns covers the middle of this grid slot."""
    x = (slot[0] + slot[2]) / 2
    y = (slot[1] + slot[3]) / 2
    return any(x0 < x < x1 and top < y < bottom for x0, top, x1, bottom in cells)


def _cell_text(chars: list[dict]) -> str:
    """A cell's text with its line breaks removed: wrapped and vertical labels read as one string."""
    if not chars:
        return ""
    return _tidy(extract_text(chars).replace("\n", ""))


def _tidy(text: str) -> str:
    """Drop the spaces pdfplumber infers between spread-out Chinese characters ("总 计")."""
    return SPACE_BETWEEN_CJK.sub("", text).strip()


def _centre_in(char: dict, bbox: tuple) -> bool:
    """Whether a character's centre lies inside a box (the rule pdfplumber uses for table cells)."""
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= x < bbox[2] and bbox[1] <= y < bbox[3]


def _text_lines(chars: list[dict]) -> list[_Line]:
    """The lines the characters form, with their horizontal extent and height."""
    if not chars:
        return []
    lines = chars_to_textmap(chars).extract_text_lines(return_chars=True)
    return [
        _Line(text=_tidy(line["text"]), x0=line["x0"], x1=line["x1"], top=line["top"], size=_font_size(line["chars"]))
        for line in lines
        if line["text"].strip()
    ]


def _font_size(chars: list[dict]) -> float:
    """The type size most of a line is set in (line height varies with quotes and mixed fonts)."""
    return Counter(round(char["size"], 1) for char in chars).most_common(1)[0][0]


def _is_page_number_row(row, page_height: float) -> bool:
    """A footer spaced out like a row of cells ("-   3   -"): page furniture, left to the text."""
    text = " ".join(_cell_text(cell) for cell in row.cells)
    return _is_page_furniture(_Line(text=text, x0=0, x1=0, top=row.top, size=0), page_height)


def _is_page_furniture(line: _Line, page_height: float) -> bool:
    """A page number in the header or footer band."""
    in_margin = line.top < page_height * MARGIN_BAND or line.top > page_height * (1 - MARGIN_BAND)
    return in_margin and bool(PAGE_NUMBER.match(line.text))


def _blocks(pages: list[list[_Line | _TableRows]]) -> list[Block]:
    """Blocks in reading order; lines of one paragraph are joined, also across a page break."""
    margins = _margins([item for items in pages for item in items if isinstance(item, _Line)])
    blocks: list[Block] = []
    previous: _Line | None = None  # the last line of the paragraph still open, if any
    for items in pages:
        for item in items:
            if isinstance(item, _TableRows):
                blocks += [Block(cells=row, table=True, in_columns=item.in_columns) for row in item.rows]
                previous = None
            elif previous is not None and margins and _continues(previous, item, margins):
                blocks[-1].cells[0] = _join(blocks[-1].cells[0], item.text)
                previous = item
            else:
                blocks.append(Block(cells=[item.text]))
                previous = item
    return blocks


def _margins(lines: list[_Line]) -> tuple[float, float] | None:
    """The body text's left edge and its justified right edge (the rightmost edge three lines or more
    end at: short lines of a borderless table's header may share an edge further left), or None when
    no paragraph is justified."""
    edges = [edge for edge, count in Counter(round(line.x1) for line in lines).items() if count >= 3]
    if not edges:
        return None
    return min(line.x0 for line in lines), max(edges)


def _continues(previous: _Line, line: _Line, margins: tuple[float, float]) -> bool:
    """Whether a line wraps on from the previous one: that one ran to the right margin, this one starts
    at the left margin in the same type size and opens no numbered heading."""
    left, right = margins
    return (
        previous.x1 >= right - previous.size
        and line.x0 <= left + line.size / 2
        and abs(line.size - previous.size) <= 1
        and not HEADING_START.match(line.text)
    )


def _join(text: str, more: str) -> str:
    """Join a wrapped line on: Chinese needs no space, two Latin words or numbers do."""
    if text[-1:].isascii() and text[-1:].isalnum() and more[:1].isascii() and more[:1].isalnum():
        return f"{text} {more}"
    return text + more


def _meta(pdf) -> dict[str, str]:
    """The PDF's Title when it names an annual report; its dates are file times, not publication."""
    title = _decode_info_string(pdf.doc.info[-1].get("Title") if pdf.doc.info else None)
    return {"title": title} if title and "年度报告" in title else {}


def _decode_info_string(raw: object) -> str | None:
    """Decode a document-info string; Chinese office tools often write UTF-16LE with its BOM, which the
    PDF standard does not allow and pdfminer therefore reads as PDFDocEncoding mojibake."""
    if hasattr(raw, "resolve"):
        raw = raw.resolve()
    if isinstance(raw, PSLiteral):
        raw = raw.name
    if isinstance(raw, str):
        return raw.strip() or None
    if not isinstance(raw, bytes):
        return None
    if raw.startswith(b"\xfe\xff"):
        text = raw[2:].decode("utf-16-be", "replace")
    elif raw.startswith(b"\xff\xfe"):
        text = raw[2:].decode("utf-16-le", "replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", "replace")
    return text.replace("\x00", "").strip() or None
