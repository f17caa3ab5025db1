"""parsing.pdf_borderless on small PDFs drawn with reportlab: rows of a table without rules read from
where the words stand, and what is left as text because its place is not certain. (The layout
generator, tests/layouts, renders whole reports this way.)"""

from __future__ import annotations

import io

import pdfplumber
import pytest
from nianbao.parsing.from_pdf import extract
from nianbao.parsing.pdf_borderless import borderless_rows
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
SIZE = 9
COLUMNS = (250, 290, 330)  # right edges of three value columns


@pytest.fixture(scope="module", autouse=True)
def font():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def pdf(lines: list[tuple[float, float, str, str]]) -> bytes:
    """A page of (x, y from the top, alignment "l"/"r", text) strings, no rules anywhere."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(595, 842), invariant=1)
    canvas.setFont(FONT, SIZE)
    for x, y, how, text in lines:
        draw = canvas.drawRightString if how == "r" else canvas.drawString
        draw(x, 842 - y, text)
    canvas.save()
    return out.getvalue()


def rows_of(data: bytes) -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(data)) as document:
        page = document.pages[0]
        return [["".join(c["text"] for c in cell) for cell in row.cells] for row in borderless_rows(page.chars)]


def row(y: float, label: str, *values: str) -> list[tuple[float, float, str, str]]:
    return [(72, y, "l", label)] + [(x, y, "r", v) for x, v in zip(COLUMNS, values) if v]


def test_right_aligned_numbers_keep_their_columns_and_blanks():
    data = pdf(
        row(100, "规章", "12", "3", "150") + row(114, "行政规范性文件", "7", "", "88") + row(128, "合计", "", "1", "")
    )
    assert rows_of(data) == [["规章", "12", "3", "150"], ["行政规范性文件", "7", "", "88"], ["合计", "", "1", ""]]


def test_a_label_wrapped_over_two_lines_stays_with_its_numbers():
    lines = row(100, "（一）予以公开", "1", "2", "3")
    lines += [(72, 110, "l", "（二）部分公开（区分处理的，"), (72, 120, "l", "只计这一情形）")]
    lines += [(x, 115, "r", v) for x, v in zip(COLUMNS, ("4", "5", "9"))]
    assert rows_of(pdf(lines)) == [
        ["（一）予以公开", "1", "2", "3"],
        ["（二）部分公开（区分处理的，只计这一情形）", "4", "5", "9"],
    ]


def test_narrative_with_numbers_is_not_a_table_row():
    data = pdf(
        [(72, 100, "l", "本年度共收到申请 12 件，办结 10 件。"), (72, 120, "l", "自2023年1月1日起至2023年12月31日止。")]
    )
    assert rows_of(data) == []


def test_digits_spaced_apart_are_one_number_not_two_cells():
    # "1 2" with a gap narrower than a column's padding: the line is not read as a row (left as text)
    data = pdf([(72, 100, "l", "规章"), (240, 100, "l", "1"), (246, 100, "l", "2")])
    assert rows_of(data) == []


def test_a_row_printed_out_of_the_grid_keeps_its_numbers_in_order():
    # the last row's first number stands under the labels: the columns are not trusted for the table
    lines = row(100, "一、本年新收政府信息公开申请数量", "5", "", "5") + row(114, "二、上年结转", "1", "1", "2")
    lines += [(72, 128, "l", "合计"), (150, 128, "r", "6"), (250, 128, "r", "1"), (290, 128, "r", "7")]
    assert rows_of(pdf(lines)) == [
        ["一、本年新收政府信息公开申请数量", "5", "5"],
        ["二、上年结转", "1", "1", "2"],
        ["合计", "6", "1", "7"],
    ]


def test_a_column_blank_in_every_row_leaves_no_trace():
    # two columns are seen where three are printed: the rows come out a cell short, which the table
    # reader never places (it names the rows)
    data = pdf(row(100, "规章", "12", "", "150") + row(114, "行政规范性文件", "7", "", ""))
    assert rows_of(data) == [["规章", "12", "150"], ["行政规范性文件", "7", ""]]


def test_borderless_rows_become_table_blocks_between_the_text():
    lines = [(72, 80, "l", "二、主动公开政府信息情况")] + row(100, "规章", "12", "3", "150")
    lines += [(72, 130, "l", "三、收到和处理政府信息公开申请情况")]
    blocks = extract(pdf(lines)).blocks
    assert [(b.table, b.cells) for b in blocks] == [
        (False, ["二、主动公开政府信息情况"]),
        (True, ["规章", "12", "3", "150"]),
        (False, ["三、收到和处理政府信息公开申请情况"]),
    ]


def test_a_spaced_out_page_number_stays_page_furniture():
    data = pdf([(72, 100, "l", "本机关认真贯彻落实政府信息公开工作。"), (280, 800, "l", "-   3   -")])
    assert [b.cells for b in extract(data).blocks] == [["本机关认真贯彻落实政府信息公开工作。"]]
