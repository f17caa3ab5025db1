"""Word 2007+ (.docx) reports: the document body, in reading order, as blocks.

Paragraphs and tables are read from the body XML in the order they appear (reading ``doc.paragraphs``
and then ``doc.tables`` would put every table after all the text). Each table row becomes one table
block listing its printed cells once: a horizontally merged cell is one ``w:tc`` with ``w:gridSpan`` and
is read once; the continuation cells of a vertical merge (``w:vMerge`` without "restart") are not
printed (the label above spans them), so they are left out, exactly as an HTML table leaves out the
cells under a rowspan. Headers and footers are not read: they hold page furniture, not the report.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from docx.opc.exceptions import OpcError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.package import Package
from lxml import etree

from .document import Block, Document, TooComplex, TooLarge, UnreadableDocument
from .limits import MAX_PARAGRAPHS, MAX_UNZIPPED_BYTES
from .values import TEXT, cell_kind

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_PTAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
W_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
W_TC_PR, W_TR_PR, W_GRID_SPAN, W_GRID_BEFORE = qn("w:tcPr"), qn("w:trPr"), qn("w:gridSpan"), qn("w:gridBefore")
MAX_GRID_COLUMNS = 64  # report tables are at most 16 columns wide: a wider grid is not read by position
W_TXBX_CONTENT = qn("w:txbxContent")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Wrappers whose children are read as if they stood in the wrapper's place.
TRANSPARENT = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
# Run content that is not the paragraph's own text: drawings and text boxes (read separately),
# embedded objects, and tracked deletions (a move leaves its text at the origin as a deletion too).
NOT_RUN_TEXT = {
    qn("w:drawing"),
    qn("w:pict"),
    qn("w:object"),
    qn("w:del"),
    qn("w:moveFrom"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
}
PICTURES = (qn("w:drawing"), qn("w:pict"))
REPORT_TITLE_MARK = "年度报告"


def extract(data: bytes) -> Document:
    """Read a .docx file's body as blocks; raise UnreadableDocument if the file is damaged."""
    body, title = _open(data)
    blocks = list(_blocks(body))
    meta = {"title": title} if REPORT_TITLE_MARK in title else {}
    image_only = not any("".join(block.cells) for block in blocks) and _has_pictures(body)
    return Document(blocks=blocks, meta=meta, image_only=image_only)


def _open(data: bytes) -> tuple[etree._Element, str]:
    """The ``w:body`` element and the core-properties title of a .docx file."""
    try:
        _refuse_bombs(data)
        package = Package.open(io.BytesIO(data))
        body = _main_document(package.main_document_part).find(qn("w:body"))
        title = package.core_properties.title or ""
    except KeyError as err:  # zipfile and python-docx say which part is missing in args[0]
        raise _corrupt(err.args[0] if err.args else err) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, etree.XMLSyntaxError, OpcError) as err:
        raise _corrupt(err) from None
    if body is None:
        raise _corrupt("word/document.xml has no body")
    return body, " ".join(title.split())


def _refuse_bombs(data: bytes) -> None:
    """Sizes the zip declares (zipfile never inflates a member past its declared size) and the number of
    paragraphs, before python-docx builds an object for each."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        unzipped = sum(member.file_size for member in members)
        if unzipped > MAX_UNZIPPED_BYTES:
            raise TooLarge(
                f"Word document unzips to {unzipped // 2**20} MB, over the {MAX_UNZIPPED_BYTES // 2**20} MB limit"
            )
        body = next((m for m in members if m.filename == "word/document.xml"), None)
        if body is not None:
            paragraphs = archive.read(body).count(b"<w:p")
            if paragraphs > MAX_PARAGRAPHS:
                raise TooComplex(f"Word document has {paragraphs:,} paragraphs, over the {MAX_PARAGRAPHS:,} limit")


def _main_document(part) -> etree._Element:
    """The ``w:document`` root of the main part; macro-enabled (.docm) and template (.dotx) files have the
    same XML under a content type python-docx does not wrap, so their raw part is parsed here."""
    root = getattr(part, "element", None)
    return root if root is not None else parse_xml(part.blob)


def _corrupt(reason) -> UnreadableDocument:
    first_line = (str(reason).strip().splitlines() or ["unknown error"])[0]
    return UnreadableDocument(f"corrupt or truncated Word document: {first_line}")


def _blocks(container: etree._Element):
    """Blocks of a body, table cell or text box, in document order."""
    for child in container:
        if child.tag == W_P:
            yield from _paragraph_blocks(child)
        elif child.tag == W_TBL:
            yield from _table_blocks(child)
        elif child.tag in TRANSPARENT:
            yield from _blocks(child)


def _paragraph_blocks(p: etree._Element):
    """One text block per non-empty line of a paragraph (a manual line break starts a new line), then
    the content of any text boxes anchored in it."""
    for line in _paragraph_text(p).split("\n"):
        if line := _squeeze(line):
            yield Block([line])
    for box in _text_boxes(p):
        yield from _blocks(box)


def _paragraph_text(element: etree._Element) -> str:
    """The paragraph's own visible text, breaks as newlines (python-docx's Paragraph.text misses runs
    inside tracked insertions, fields and content controls)."""
    parts = []
    for child in element:
        if child.tag == W_T:
            parts.append(child.text or "")
        elif child.tag in (W_TAB, W_PTAB):
            parts.append("\t")
        elif child.tag in (W_BR, W_CR):
            parts.append("\n")
        elif child.tag == W_NO_BREAK_HYPHEN:
            parts.append("-")
        elif child.tag not in NOT_RUN_TEXT:
            parts.append(_paragraph_text(child))
    return "".join(parts)


def _text_boxes(element: etree._Element):
    """Text box contents anchored in a paragraph, each once: Word stores a box twice (DrawingML and
    a VML fallback), so fallbacks are skipped, and boxes nested in boxes are read with their parent."""
    for child in element:
        if child.tag == W_TXBX_CONTENT:
            yield child
        elif child.tag != MC_FALLBACK:
            yield from _text_boxes(child)


def _table_blocks(tbl: etree._Element):
    """One table block per row; a row holding nested tables is a layout wrapper, so its cells' content
    is read in place (the nested tables' rows become rows, its paragraphs text)."""
    merged_values: dict[tuple[int, int], str] = {}  # value cells merged down, by grid columns: their text
    for tr in _children(tbl, W_TR):
        tcs = list(_children(tr, W_TC))
        cells = [tc for tc in tcs if _is_printed(tc)]
        if any(tc.find(f".//{W_TBL}") is not None for tc in cells):
            for tc in cells:
                yield from _blocks(tc)
            merged_values = {}
        else:
            block, merged_values = _row_block(tr, tcs, cells, merged_values)
            if block.cells:
                yield block


def _row_block(tr: etree._Element, tcs: list, printed: list, merged_values: dict) -> tuple[Block, dict]:
    """The row's block, and the value cells merged down from it for the next row. A value cell merged
    vertically (a column of 0s, a 总计 shared: Word users merge equal values) holds its value for each row
    it spans, so the rows below print it too, marked ``merged`` (as is the cell the merge starts at): a
    label merged down is printed once, in its first row, as an HTML rowspan is."""
    texts = [_cell_text(tc) for tc in printed]
    columns, spanned = _grid_columns(tr, tcs)
    if columns is None:
        return Block(texts, table=True), {}
    starts = {span: text for tc, span, text in zip(printed, columns, texts) if _starts_value_merge(tc, text)}
    copied = {span: merged_values[span] for span in spanned if span in merged_values}
    cells = sorted([*zip(columns, texts), *copied.items()])
    merged = tuple(i for i, (span, _) in enumerate(cells) if span in starts or span in copied)
    block = Block(
        [text for _, text in cells],
        table=True,
        columns=tuple(span for span, _ in cells),
        spanned=tuple(span for span in spanned if span not in copied),
        merged=merged,
    )
    return block, starts | copied


def _starts_value_merge(tc: etree._Element, text: str) -> bool:
    merge = tc.find(f"{W_TC_PR}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val")) == "restart" and cell_kind(text) != TEXT


def _grid_columns(
    tr: etree._Element, tcs: list
) -> tuple[tuple[tuple[int, int], ...] | None, tuple[tuple[int, int], ...]]:
    """The grid columns of each printed cell (first, past the last) and those of the continuation
    cells of vertical merges (covered by the cell above): Word keeps every cell in the XML with its
    w:gridSpan, after the w:gridBefore columns the row leaves empty. A legacy horizontal merge's
    continuation widens the printed cell before it. A row wider than any report table gets none."""
    column = _int_val(tr.find(f"{W_TR_PR}/{W_GRID_BEFORE}"), 0)
    columns: list[list[int]] = []
    spanned = []
    for tc in tcs:
        end = column + _int_val(tc.find(f"{W_TC_PR}/{W_GRID_SPAN}"), 1)
        if _is_printed(tc):
            columns.append([column, end])
        elif _merge(tc, "w:hMerge") is not None and columns:
            columns[-1][1] = end
        else:
            spanned.append((column, end))
        column = end
    if column > MAX_GRID_COLUMNS:
        return None, ()
    return tuple(map(tuple, columns)), tuple(spanned)


def _int_val(element: etree._Element | None, default: int) -> int:
    """The w:val of a count property (w:gridSpan, w:gridBefore), ``default`` when absent or not a
    count, at most MAX_GRID_COLUMNS."""
    value = element.get(qn("w:val"), "") if element is not None else ""
    return min(int(value), MAX_GRID_COLUMNS) if value.isdigit() and int(value) > 0 else default


def _children(element: etree._Element, tag: str):
    """Child elements with the tag, looking through content-control and custom-XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in TRANSPARENT:
            yield from _children(child, tag)


def _is_printed(tc: etree._Element) -> bool:
    """False for the continuation cells of a merge, which Word keeps in the XML but does not print:
    ``w:vMerge`` without "restart" (vertical), and the legacy ``w:hMerge`` continuation (horizontal)."""
    return _merge(tc, "w:vMerge") is None and _merge(tc, "w:hMerge") is None


def _merge(tc: etree._Element, merge_tag: str) -> etree._Element | None:
    """The cell's merge property of this kind when it continues a merge (not "restart")."""
    merge = tc.find(f"{W_TC_PR}/{qn(merge_tag)}")
    return merge if merge is not None and merge.get(qn("w:val"), "continue") != "restart" else None


def _cell_text(tc: etree._Element) -> str:
    """A cell's text on one line: its paragraphs (a label typed on two lines) joined by a space."""
    lines = (_squeeze(_paragraph_text(p)) for p in _children(tc, W_P))
    return " ".join(line for line in lines if line)


def _squeeze(text: str) -> str:
    """Runs of whitespace (tabs, full-width and no-break spaces included) as one space, ends trimmed."""
    return " ".join(text.split())


def _has_pictures(body: etree._Element) -> bool:
    return any(True for _ in body.iter(*PICTURES))
