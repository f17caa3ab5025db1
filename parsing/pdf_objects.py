"""A page's objects for pdfplumber, read by PDFium (C++) instead of pdfminer (pure Python).

pdfplumber gets a page's characters, rectangles, lines, curves and images from pdfminer, which
interprets the content stream in Python: nine tenths of the time spent reading a report. PDFium does
that work in C++. ``page_objects`` builds the dicts pdfplumber would have built, with the attributes
its table finder and text functions (and from_pdf) read, so all of them run unchanged:

- a character gets pdfminer's box: from the pen along the advance width in the file's widths, and from
  the font's descent up one em (not the glyph's ink, as PDFium's own boxes), in drawing order;
- a painted path is split and classified as pdfminer does (``paint_path``): a closed axis-aligned
  four-sided subpath is a rect, a single segment a line, anything else a curve;
- coordinates go through pdfminer's page transform (rotation, MediaBox origin), then pdfplumber's flip
  to a top-left origin.

PDFium computes in single precision and keeps glyph widths in whole thousandths of an em, so
coordinates agree with pdfminer's to about 1e-4 pt, not to the last bit. Where PDFium cannot give what
pdfminer gives (see ``_Unmatched``), ``page_objects`` returns None and pdfminer reads the page.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.utils import Matrix, apply_matrix_pt, mult_matrix

Objects = dict[str, list[dict]]
Point = tuple[float, float]

# pdfminer's shapes (path operators m, l, c, h) that make a line or, when axis-aligned, a rect.
LINE_SHAPES = ("ml", "mlh")
RECT_SHAPES = ("mllll", "mlllh")
SUBPATH = re.compile(r"m[^m]+")

UNIT_SQUARE = ((0, 0), (1, 0), (1, 1), (0, 1))  # an image, in its own space


class _Unmatched(Exception):
    """PDFium's reading of the page would differ from pdfminer's, so pdfminer has to read it:

    - PDFium's text layer leaves out a text object: one whose glyphs have no ink, such as a lone Chinese
      character in a font neither embedded nor installed, or one drawn again on itself (fake bold);
    - a character has no Unicode mapping (pdfminer writes "(cid:N)", PDFium guesses);
    - two characters share one pen position in one text object (PDFium splits a glyph that maps to
      several characters into several boxes; pdfminer keeps one);
    - a vertical-writing glyph narrower than an em (PDFium centres it on half its width, pdfminer on
      half an em);
    - a font pdfminer measures with its built-in metrics instead of the file's (Helvetica, Arial …).
    """


def page_objects(page, pdfium_page, exact: bool = True) -> Objects | None:
    """The objects pdfminer would give pdfplumber for ``page`` (a pdfplumber Page), read from the same
    page opened in PDFium; None when they would differ, and pdfminer has to read the page.

    ``exact=False`` is for a page pdfminer reads as ``(cid:N)`` glyphs: PDFium's reading is taken even
    where its boxes would not be pdfminer's to the last detail; None only when PDFium cannot map a
    character to Unicode either."""
    frame = _Frame.of(page)
    found = _Found()
    _collect(pdfium_page.raw, None, frame, found)
    try:
        chars = _chars(pdfium_page, frame, found.text_order, exact)
    except _Unmatched:
        return None
    objects = {kind: items for kind, items in found.objects.items() if items}
    if chars:
        objects["char"] = chars
    return objects


@dataclass
class _Frame:
    """Where a page puts things: pdfminer's page transform and pdfplumber's top-left frame."""

    transform: Matrix  # PDF user space to pdfminer's (rotated, MediaBox-based) page space
    height: float
    x_offset: float
    top_offset: float
    doctop: float
    page_number: int

    @classmethod
    def of(cls, page) -> _Frame:
        x0, y0, x1, y1 = page.page_obj.mediabox
        transform = {  # as pdfminer's PDFPageInterpreter.process_page
            90: (0, -1, 1, 0, -y0, x1),
            180: (-1, 0, 0, -1, x1, y1),
            270: (0, 1, -1, 0, y1, -x0),
        }.get(page.page_obj.rotate, (1, 0, 0, 1, -x0, -y0))
        return cls(transform, page.height, page.mediabox[0], page.mediabox[1], page.initial_doctop, page.page_number)

    def place(self, obj: dict, points: list[Point]) -> dict:
        """Give ``obj`` the box around page-space points, as pdfplumber's process_object words it."""
        xs, ys = [x for x, _ in points], [y for _, y in points]
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
        top = self.height - y1 + self.top_offset
        obj.update(
            page_number=self.page_number,
            x0=x0 + self.x_offset,
            y0=y0,
            x1=x1 + self.x_offset,
            y1=y1,
            width=x1 - x0,
            height=y1 - y0,
            top=top,
            bottom=self.height - y0 + self.top_offset,
            doctop=self.doctop + top,
        )
        return obj

    def point(self, point: Point) -> Point:
        """A page-space point in pdfplumber's frame (its point2coord)."""
        return point[0] + self.x_offset, self.height - point[1] + self.top_offset


@dataclass
class _Found:
    """What the walk over a page's objects collects."""

    objects: Objects = field(default_factory=lambda: {"rect": [], "line": [], "curve": [], "image": []})
    text_order: dict[int, int] = field(default_factory=dict)  # text object address -> drawing order


def _collect(container, form: Matrix | None, frame: _Frame, found: _Found) -> None:
    """Walk a page's objects in drawing order, into form XObjects (``form``: the matrix of the form
    being walked); keep paths and images, and number the text objects."""
    if form is None:
        count, get = pdfium_c.FPDFPage_CountObjects(container), pdfium_c.FPDFPage_GetObject
    else:
        count, get = pdfium_c.FPDFFormObj_CountObjects(container), pdfium_c.FPDFFormObj_GetObject
    for index in range(count):
        obj = get(container, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            found.text_order[_address(obj)] = len(found.text_order)
            continue
        matrix = _object_matrix(obj) if form is None else mult_matrix(_object_matrix(obj), form)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            _collect(obj, matrix, frame, found)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            for shape in _painted_shapes(obj, mult_matrix(matrix, frame.transform), frame):
                found.objects[shape["object_type"]].append(shape)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            to_page = mult_matrix(matrix, frame.transform)
            corners = [apply_matrix_pt(to_page, corner) for corner in UNIT_SQUARE]
            found.objects["image"].append(frame.place({"object_type": "image"}, corners))


def _object_matrix(obj) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
    return matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f


def _address(pointer) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value


# ---------------------------------------------------------------- paths


def _painted_shapes(path, matrix: Matrix, frame: _Frame) -> list[dict]:
    """The rects, lines and curves pdfminer makes of a painted path: one per subpath."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(path, fill_mode, stroke)
    fill = fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE
    ops = _path_ops(path, matrix)
    shape = "".join(op for op, _ in ops)
    if not (fill or stroke.value) or not shape.startswith("m"):
        return []
    paint = {"stroke": bool(stroke.value), "fill": fill}
    if shape.count("m") == 1:
        return [_shape(ops, paint, frame)]
    return [_shape(ops[m.start() : m.end()], paint, frame) for m in SUBPATH.finditer(shape)]


def _path_ops(path, matrix: Matrix) -> list[tuple[str, Point]]:
    """The path as pdfminer's operators with their end points in page space: m, l, c (PDFium gives a
    Bézier curve as three points, the last its end) and h, which ends at the subpath's start. PDFium
    closes a path with a segment back to its start; pdfminer drops such a segment again (``_shape``)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[tuple[str, Point]] = []
    start: Point = (0.0, 0.0)
    bezier_points = 0
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = apply_matrix_pt(matrix, (x.value, y.value))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            ops.append(("m", point))
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            ops.append(("l", point))
        else:
            bezier_points += 1
            if bezier_points % 3 == 0:
                ops.append(("c", point))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            ops.append(("h", start))
    return ops


def _shape(ops: list[tuple[str, Point]], paint: dict, frame: _Frame) -> dict:
    """One subpath as pdfminer classifies it (converter.paint_path)."""
    shape = "".join(op for op, _ in ops)
    points = [point for _, point in ops]
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-1]  # a line back to the start before closing
    if shape in LINE_SHAPES:
        return frame.place({"object_type": "line", **paint}, points[:2])
    if shape in RECT_SHAPES and points[0] == points[4] and _is_axis_aligned(points):
        return frame.place({"object_type": "rect", **paint}, [points[0], points[2]])
    return frame.place({"object_type": "curve", **paint, "pts": [frame.point(p) for p in points]}, points)


def _is_axis_aligned(points: list[Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


# ---------------------------------------------------------------- characters


@dataclass
class _TextObject:
    """What the characters of one text object share."""

    order: int  # among the page's text objects, in drawing order
    font: object
    font_size: float  # in text space
    linear: Matrix  # text space to page space, without translation
    descent: float  # in em, negative


def _chars(pdfium_page, frame: _Frame, text_order: dict[int, int], exact: bool) -> list[dict]:
    """The page's characters with pdfminer's boxes, in drawing order; raises _Unmatched."""
    text_page = pdfium_c.FPDFText_LoadPage(pdfium_page.raw)
    try:
        chars = _TextLayer(text_page, frame, text_order, exact).chars()
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)
    chars.sort(key=lambda order_and_char: order_and_char[0])  # PDFium orders text for reading
    return [char for _, char in chars]


@dataclass
class _TextLayer:
    """PDFium's text layer of a page, read character by character."""

    text_page: object
    frame: _Frame
    text_order: dict[int, int]
    exact: bool = True  # raise _Unmatched where pdfminer's reading would differ (else only on unmapped glyphs)
    objects: dict[int, _TextObject] = field(default_factory=dict)  # by address
    descents: dict[int, float] = field(default_factory=dict)  # by font address
    advances: dict[tuple[int, int], float] = field(default_factory=dict)  # by (text object, character)

    def chars(self) -> list[tuple[int, dict]]:
        """(drawing order of its text object, char) for each character."""
        x, y = ctypes.c_double(), ctypes.c_double()
        previous = None
        chars = []
        for index in range(pdfium_c.FPDFText_CountChars(self.text_page)):
            pointer = pdfium_c.FPDFText_GetTextObject(self.text_page, index)
            if not pointer:
                continue  # PDFium's own spaces and line breaks belong to no text object
            if pdfium_c.FPDFText_HasUnicodeMapError(self.text_page, index):
                raise _Unmatched
            address = _address(pointer)
            text_object = self.objects.get(address) or self._text_object(pointer, address, index)
            pdfium_c.FPDFText_GetCharOrigin(self.text_page, index, x, y)
            if (address, x.value, y.value) == previous and self.exact:
                raise _Unmatched
            previous = address, x.value, y.value
            code = pdfium_c.FPDFText_GetUnicode(self.text_page, index)
            advance = self.advances.get((address, code))
            if advance is None:
                advance = self.advances[address, code] = _advance(text_object.font, code)
            if advance < 0 and self.exact:
                _check_centred(self.text_page, index, x.value, text_object.font_size)
            origin = apply_matrix_pt(self.frame.transform, (x.value, y.value))
            chars.append((text_object.order, _char(chr(code), origin, advance, text_object, self.frame)))
        if len(self.objects) < len(self.text_order) and self.exact:
            raise _Unmatched
        return chars

    def _text_object(self, pointer, address: int, index: int) -> _TextObject:
        """A text object's font, size and matrix, read through its character at ``index``."""
        font = pdfium_c.FPDFTextObj_GetFont(pointer)
        font_address = _address(font)
        if font_address not in self.descents:
            self.descents[font_address] = _descent(font, self.exact)
        matrix = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFText_GetMatrix(self.text_page, index, matrix)  # with form matrices and Tz scaling
        turn = self.frame.transform[:4] + (0, 0)
        linear = mult_matrix((matrix.a, matrix.b, matrix.c, matrix.d, 0, 0), turn)
        text_object = _TextObject(
            order=self.text_order[address],
            font=font,
            linear=linear,
            font_size=pdfium_c.FPDFText_GetFontSize(self.text_page, index),
            descent=self.descents[font_address],
        )
        self.objects[address] = text_object
        return text_object


def _descent(font, exact: bool) -> float:
    """The font's descent in em, from the file as pdfminer reads it; raises _Unmatched for the fonts
    pdfminer measures with its own built-in metrics."""
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    name = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(font, name, size)
    if name.value.decode("latin-1") in FONT_METRICS and exact:
        raise _Unmatched
    descent = ctypes.c_float()
    pdfium_c.FPDFFont_GetDescent(font, 1.0, descent)
    return descent.value


def _advance(font, code: int) -> float:
    """A character's advance in em from the file's widths; negative in vertical writing (downwards)."""
    advance = ctypes.c_float()
    pdfium_c.FPDFFont_GetGlyphWidth(font, code, 1.0, advance)
    return advance.value


def _check_centred(text_page, index: int, origin_x: float, font_size: float) -> None:
    """Raise _Unmatched unless a vertical-writing glyph is centred on the pen as pdfminer assumes: PDFium
    starts its loose box (vertical origin − half an em) × font size to the right of the glyph's origin."""
    box = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(text_page, index, box)
    if abs(box.left - origin_x) > 1e-3 * font_size:
        raise _Unmatched


def _char(text: str, origin: Point, advance: float, text_object: _TextObject, frame: _Frame) -> dict:
    """A character as pdfminer's LTChar. Horizontal writing: from the origin along the advance, and from
    the descent up one em. Vertical writing: one em wide from PDFium's origin (the glyph's left side
    when it is centred on the pen), and from one em above that origin down by the advance."""
    size = text_object.font_size
    vertical = advance < 0
    if vertical:
        (left, bottom), (right, top) = (0, (1 + advance) * size), (size, size)
    else:
        descent = text_object.descent
        (left, bottom), (right, top) = (0, descent * size), (advance * size, (descent + 1) * size)
    corners = [
        apply_matrix_pt(text_object.linear, corner)
        for corner in ((left, bottom), (right, bottom), (right, top), (left, top))
    ]
    a, b, c, d = text_object.linear[:4]
    char = {"object_type": "char", "text": text, "upright": a * d > 0 and b * c <= 0}
    frame.place(char, [(origin[0] + dx, origin[1] + dy) for dx, dy in corners])
    char["size"] = char["width"] if vertical else char["height"]
    return char
