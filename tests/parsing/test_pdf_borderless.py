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


def pdf(*pages: list[tuple]) -> bytes:
    """Pages of (x, y from the top, alignment "l"/"r", text[, type size]) strings, no rules anywhere."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(595, 842), invariant=1)
    for lines in pages:
        for x, y, how, text, *size in lines:
            canvas.setFont(FONT, size[0] if size else SIZE)
            draw = canvas.drawRightString if how == "r" else canvas.drawString
            draw(x, 842 - y, text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def rows_of(data: bytes) -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(data)) as document:
        page = document.pages[0]
        return [["".join(c["text"] for c in cell) for cell in row.cells] for row in borderless_rows(page.chars)[0]]


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


def test_without_a_header_a_column_blank_in_every_row_leaves_no_trace():
    # two columns are seen where three are printed: the rows come out a cell short, which the table
    # reader never places (it names the rows); the second row's last column is not trusted either, as
    # the one row filling the last column may stand shifted out of line
    data = pdf(row(100, "规章", "12", "", "150") + row(114, "行政规范性文件", "7", "", ""))
    assert rows_of(data) == [["规章", "12", "150"], ["行政规范性文件", "7"]]


HEADER = ("制发", "废止", "有效")


def header(y: float, *cells: str) -> list[tuple[float, float, str, str]]:
    return [(72, y, "l", "信息内容")] + [(x, y, "r", text) for x, text in zip(COLUMNS, cells)]


def test_the_header_places_a_column_blank_in_every_row():
    data = pdf(header(86, *HEADER) + row(100, "规章", "12", "", "150") + row(114, "行政规范性文件", "7", "", ""))
    assert rows_of(data) == [["规章", "12", "", "150"], ["行政规范性文件", "7", "", ""]]


def test_a_header_cell_over_two_columns_is_no_column():
    # 法人或其他组织 over two sub-headers is a group, not a column; its sub-headers are the columns
    lines = [(330, 72, "r", "法人或其他组织")] + header(86, *HEADER)
    data = pdf(lines + row(100, "规章", "12", "", "150") + row(114, "行政规范性文件", "7", "", ""))
    assert rows_of(data) == [["规章", "12", "", "150"], ["行政规范性文件", "7", "", ""]]


def test_sub_headers_as_close_below_their_group_as_wrapped_lines_are_the_columns():
    # rows set tight: 法人或其他组织 stands as close above its sub-headers as a wrapped line would, and
    # starts where the first of them does; two pieces under it make it their group, not one cell
    lines = [(72, 78, "l", "信息内容"), (232, 78, "l", "法人或其他组织"), (330, 78, "r", "总计")]
    lines += [(232, 88, "l", "商业"), (272, 88, "l", "科研")]
    lines += [(72, 100, "l", "规章"), (250, 100, "r", "2"), (330, 100, "r", "2")]
    lines += [(72, 112, "l", "行政规范性文件"), (290, 112, "r", "1"), (330, 112, "r", "1")]
    assert rows_of(pdf(lines)) == [["规章", "2", "", "2"], ["行政规范性文件", "", "1", "1"]]


def test_a_header_printed_again_a_column_off_does_not_place_the_rows_under_it():
    # the header printed again mid-table stands one column right of the first (a merged label cell
    # pushed it): the numbers below stand under both, so which is right cannot be told
    lines = header(86, *HEADER) + row(100, "规章", "12", "", "150")
    lines += [(x + 40, 114, "r", text) for x, text in zip(COLUMNS, HEADER)]
    lines += row(128, "行政许可", "", "1", "2") + row(142, "行政处罚", "", "3", "4")
    assert rows_of(pdf(lines)) == [["规章", "12", "", "150"], ["行政许可", "1", "2"], ["行政处罚", "3", "4"]]


def test_a_number_between_two_header_cells_keeps_its_row_in_order():
    lines = header(86, *HEADER) + row(100, "规章", "12", "", "150")
    lines += [(72, 114, "l", "行政规范性文件"), (250, 114, "r", "7"), (312, 114, "r", "5")]
    assert rows_of(pdf(lines)) == [["规章", "12", "", "150"], ["行政规范性文件", "7", "5"]]


def test_a_row_shifted_one_column_right_past_the_header_keeps_its_numbers_in_order():
    # the other rows are blank in the first column: only the header tells their columns, and the row
    # standing out past the last header cell is left in order for the table reader
    lines = header(86, *HEADER) + row(100, "规章", "", "3", "150") + row(114, "行政规范性文件", "", "1", "2")
    lines += [(72, 128, "l", "合计"), *[(x + 40, 128, "r", v) for x, v in zip(COLUMNS, ("6", "4", "152"))]]
    assert rows_of(pdf(lines)) == [
        ["规章", "", "3", "150"],
        ["行政规范性文件", "", "1", "2"],
        ["合计", "6", "4", "152"],
    ]


def test_rows_say_whether_their_numbers_were_placed_in_columns():
    # placed under the header (or by alignment), a blank cell is a column printed blank; left in order
    # (past the header), the numbers are for the table reader to judge
    lines = header(86, *HEADER) + row(100, "规章", "", "3", "150") + row(114, "行政规范性文件", "", "1", "2")
    lines += [(72, 128, "l", "合计"), *[(x + 40, 128, "r", v) for x, v in zip(COLUMNS, ("6", "4", "152"))]]
    aligned = row(100, "规章", "12", "3", "150") + row(114, "行政规范性文件", "7", "", "88")
    for data, placed in ((pdf(lines), [True, True, False]), (pdf(aligned), [True, True])):
        with pdfplumber.open(io.BytesIO(data)) as document:
            assert [r.in_columns for r in borderless_rows(document.pages[0].chars)[0]] == placed


def test_without_a_header_a_full_row_shifted_right_does_not_make_the_columns():
    # the same rows without the header: the shifted row fills every column seen, but the last column
    # holds only its number, so the columns are not trusted and the short rows stay short
    lines = row(100, "规章", "", "3", "150") + row(114, "行政规范性文件", "", "1", "2")
    lines += [(72, 128, "l", "合计"), *[(x + 40, 128, "r", v) for x, v in zip(COLUMNS, ("6", "4", "152"))]]
    assert rows_of(pdf(lines)) == [["规章", "3", "150"], ["行政规范性文件", "1", "2"], ["合计", "6", "4", "152"]]


def test_a_number_beside_the_middle_of_its_wrapped_label_is_a_row():
    # one number alone on its line, between the two lines of its label: a row all the same
    lines = header(86, *HEADER) + row(100, "（一）予以公开", "1", "2", "3")
    lines += [(72, 112, "l", "（二）部分公开（区分处理的，"), (72, 122, "l", "只计这一情形）"), (330, 117, "r", "9")]
    assert rows_of(pdf(lines)) == [
        ["（一）予以公开", "1", "2", "3"],
        ["（二）部分公开（区分处理的，只计这一情形）", "", "", "9"],
    ]


def test_the_label_of_a_blank_row_set_tight_above_the_next_is_not_part_of_its_label():
    # rows as close as a wrapped label's lines, 行政处罚 printed blank: its label is a row of its own,
    # not the first line of 行政强制's label (which the table reader would read as 行政处罚's)
    lines = row(60, "行政许可", "5") + [(72, 80, "l", "信息内容"), (200, 80, "r", "决定数量")]
    lines += [(72, 97, "l", "行政处罚")] + row(106, "行政强制", "7")
    assert rows_of(pdf(lines))[-2:] == [["行政处罚"], ["行政强制", "7"]]


def test_a_number_alone_on_its_line_beside_no_label_stays_text():
    lines = row(100, "规章", "1", "2", "3") + [(330, 130, "r", "9")]
    assert rows_of(pdf(lines)) == [["规章", "1", "2", "3"]]


def test_a_number_alone_beside_body_text_in_another_size_stays_text():
    lines = row(100, "规章", "1", "2", "3") + [(330, 137, "r", "9")]
    lines += [(72, 132, "l", "本机关认真贯彻落实", 12), (72, 145, "l", "政府信息公开工作。", 12)]
    assert rows_of(pdf(lines)) == [["规章", "1", "2", "3"]]


def test_a_heading_in_another_size_between_two_tables_parts_their_columns():
    # left of the numbers, but set in the body's size: the rows below belong to another table, whose
    # header gives their columns
    lines = row(100, "规章", "12", "3", "150") + [(72, 124, "l", "三、收到和处理申请情况", 12)]
    lines += [(250, 140, "r", "自然人"), (330, 140, "r", "总计")] + row(154, "一、本年新收", "5", "", "")
    lines += [(330, 154, "r", "5")]
    assert rows_of(pdf(lines)) == [["规章", "12", "3", "150"], ["一、本年新收", "5", "5"]]


def blocks_of(data: bytes) -> list[list[str]]:
    return [b.cells for b in extract(data).blocks if b.table]


def test_a_table_continuing_on_the_next_page_keeps_its_header_columns():
    first = header(86, *HEADER) + row(100, "规章", "12", "", "150")
    second = row(100, "行政规范性文件", "7", "", "") + row(114, "行政许可", "", "", "3")
    assert blocks_of(pdf(first, second)) == [
        ["规章", "12", "", "150"],
        ["行政规范性文件", "7", "", ""],
        ["行政许可", "", "", "3"],
    ]


def test_a_table_under_a_heading_of_its_own_on_the_next_page_does_not_take_the_header_before():
    first = header(86, *HEADER) + row(100, "规章", "12", "", "150")
    second = [(72, 84, "l", "三、收到和处理申请情况", 12)] + row(100, "行政许可", "", "", "3")
    second += row(114, "行政处罚", "", "1", "3")
    assert blocks_of(pdf(first, second))[1:] == [["行政许可", "3"], ["行政处罚", "1", "3"]]


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


def test_a_group_label_whose_last_line_falls_on_a_row_beside_its_own_label_is_not_split():
    # a header printed again mid-table starts the merged labels again: 三、本年度办理结果 over the last
    # three rows, its last line 果 on 3.其他's line; it is a group label beside the row's own label, not
    # one line of the row's label and two of rows printed blank (which made the row 果3.其他, unknown)
    lines = row(100, "2.申请人逾期未缴费", "0", "1", "1")
    lines += [(20, 107, "l", "三、本年"), (20, 117, "l", "度办理结"), (20, 127, "l", "果")]
    lines += row(127, "3.其他", "2", "0", "2") + row(141, "（七）总计", "2", "1", "3")
    assert rows_of(pdf(lines)) == [
        ["2.申请人逾期未缴费", "0", "1", "1"],
        ["三、本年度办理结果", "3.其他", "2", "0", "2"],
        ["（七）总计", "2", "1", "3"],
    ]


def test_a_group_label_beside_a_row_printed_blank_is_no_header():
    # merged labels set at the top of their span: （六）其他处理 stands beside its first row, printed
    # blank; with words beside it that label no numbers it was taken for a header and dropped, and
    # 3.其他 lost its group
    lines = row(100, "5.要求确认", "0", "1", "1") + [(20, 114, "l", "（六）其他处理"), (100, 114, "l", "1.逾期不补正")]
    lines += row(128, "2.逾期未缴费", "2", "0", "2") + row(142, "3.其他", "1", "0", "1")
    assert rows_of(pdf(lines)) == [
        ["5.要求确认", "0", "1", "1"],
        ["（六）其他处理"],
        ["1.逾期不补正"],
        ["2.逾期未缴费", "2", "0", "2"],
        ["3.其他", "1", "0", "1"],
    ]


def test_the_label_of_a_row_printed_blank_between_tight_rows_is_no_rows_wrapped_line():
    # rows as close as a wrapped label's lines, cells at their top: （七）总计, printed blank, is not the
    # second line of 3.其他's label (3.其他（七）总计 names （七）总计)
    lines = row(100, "2.逾期未缴费", "0", "1", "1") + row(110, "3.其他", "2", "0", "2")
    lines += [(72, 120, "l", "（七）总计")] + row(130, "四、结转下年度", "1", "1", "2")
    assert [r[0] for r in rows_of(pdf(lines))] == ["2.逾期未缴费", "3.其他", "四、结转下年度"]
