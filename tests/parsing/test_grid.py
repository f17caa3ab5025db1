"""parsing.grid: a value read by the header column it sits under (HTML spans, Word's padding and
placeholders, DOCX grid spans and vertical merges), and counting kept where the grid does not settle."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from nianbao.parsing import parse_bytes
from nianbao.parsing.from_docx import _grid_columns
from nianbao.parsing.from_html import extract
from nianbao.parsing.grid import HeaderGrid

TITLE = (
    "<p>某县某局2023年政府信息公开工作年度报告</p><p>本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。</p>"
)
# Table 3's header as Word exports it: the corner cell spans three label columns, 法人或其他组织 five.
HEADER = (
    '<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
    '<td colspan="7">申请人情况</td></tr>'
    '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>'
    "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
)
PLACEHOLDER = '<td style="mso-cell-special:placeholder;border:none"><p>&nbsp;</p></td>'


def td(text: str = "") -> str:
    return f'<td><p class="MsoNormal"><span>{text}</span></p></td>'


def table_3(*rows: str) -> bytes:
    html = f'{TITLE}<p>三、收到和处理政府信息公开申请情况</p><table border="1">{HEADER}{"".join(rows)}</table>'
    return f"<html><body>{html}</body></html>".encode()


def padded(label: str, *values: str, after: str = "") -> str:
    """A row whose label spans the three label columns as Word pads it: the label, then two empty cells."""
    return "<tr>" + td(label) + td() + td() + "".join(map(td, values)) + after + "</tr>"


def malformed(record: dict) -> list[dict]:
    return [row for f in record["findings"] if f["code"] == "malformed_table" for row in f["evidence"]["rows"]]


def test_word_html_gives_each_cell_its_grid_columns_around_rowspans():
    doc = extract(
        table_3('<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>' + td("1") * 7)
    )
    header, _, leaves, row = [block for block in doc.blocks if block.table]
    assert header.columns == ((0, 3), (3, 10))
    assert leaves.columns == ((4, 5), (5, 6), (6, 7), (7, 8), (8, 9)) and leaves.spanned == ((0, 4), (9, 10))
    assert row.columns[:3] == ((0, 1), (1, 3), (3, 4))


def test_a_blank_beside_the_label_and_a_blank_total_are_blanks_where_padding_is_padding():
    record = parse_bytes(
        table_3(
            padded("一、本年新收政府信息公开申请数量", "", "3", "0", "0", "1", "0", ""),
            padded("二、上年结转政府信息公开申请数量", "2", "0", "0", "0", "0", "0", "2"),
        ),
        "r.html",
    )
    assert list(record["requests"]["new_received"].values()) == [None, 3, 0, 0, 1, 0, None]
    assert record["requests"]["carried_over"]["total"] == 2
    assert not malformed(record)


def test_a_row_that_lost_a_cell_is_still_read_by_counting():
    # six values under seven columns: which one is lost cannot be told, so the row stays null
    record = parse_bytes(table_3(padded("一、本年新收政府信息公开申请数量", "", "3", "0", "0", "1", "4")), "r.html")
    assert "new_received" not in record["requests"]
    assert [m["row"] for m in malformed(record)] == ["new_received"]


def test_words_placeholder_at_a_rows_end_is_no_cell():
    # Word ends a row that stops short of the grid (w:gridAfter) with a placeholder: not a blank 总计
    row = padded("一、本年新收政府信息公开申请数量", "", "3", "0", "0", "1", "4", after=PLACEHOLDER)
    record = parse_bytes(table_3(row), "r.html")
    assert "new_received" not in record["requests"]
    rows = [block.cells for block in extract(table_3(row)).blocks if block.table]
    assert len(rows[-1]) == 9  # the label, two padding cells and six values


def test_a_value_under_no_header_column_leaves_the_row_to_counting():
    # a row wider than its header: the extra value is no column's, and counting reads the row as before
    row = padded("二、上年结转政府信息公开申请数量", "2", "0", "0", "0", "0", "0", "2", after=td("7"))
    record = parse_bytes(table_3(row), "r.html")
    [seen] = malformed(record)
    assert seen["placed"] is True and "every reading whose sums hold" in seen["why"]
    assert record["requests"]["carried_over"]["total"] == 2


def test_a_group_label_printed_as_a_row_of_its_own_keeps_the_header():
    # （六）其他处理 printed blank above its 2021 sub-row: not a header, the sub-row keeps its columns
    rows = (
        '<tr><td rowspan="4">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>' + td("1") * 7 + "</tr>",
        '<tr><td colspan="2">（六）其他处理</td>' + td() * 7 + "</tr>",
        '<tr><td colspan="2">1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</td>'
        + td("0") * 7
        + "</tr>",
        '<tr><td colspan="2">3.其他</td>' + "".join(map(td, ("", "1", "0", "0", "0", "0", "1"))) + "</tr>",
    )
    record = parse_bytes(table_3(*rows), "r.html")
    assert list(record["requests"]["other_other"].values()) == [None, 1, 0, 0, 0, 0, 1]


def header(*cells: tuple[str, int, int]) -> HeaderGrid:
    grid = HeaderGrid()
    grid.see([text for text, _, _ in cells], tuple((first, last) for _, first, last in cells), data=False)
    return grid


TABLE_2 = header(("信息内容", 0, 1), ("本年制发件数", 1, 2), ("本年废止件数", 2, 3), ("现行有效件数", 3, 4))


def test_fewer_values_than_columns_each_under_its_header_cell():
    # 规章 | 22 | 235: the 废止 column is covered by the cell of the row above (rowspan), so it is blank
    assert TABLE_2.reading(["规章", "22", "235"], ((0, 1), (1, 2), (3, 4)), ((2, 3),), 3) == (
        ["22", "", "235"],
        "under",
    )
    # the label spans into 本年制发件数: 22 sits under 本年废止件数
    assert TABLE_2.reading(["规章", "22", "235"], ((0, 2), (2, 3), (3, 4)), (), 3) == (["", "22", "235"], "under")


def test_a_value_across_two_header_cells_or_two_under_one_are_not_placed():
    assert TABLE_2.reading(["规章", "22", "235"], ((0, 1), (1, 2), (2, 4)), (), 3) is None
    fine = header(("信息内容", 0, 2), ("本年制发件数", 2, 4), ("本年废止件数", 4, 6), ("现行有效件数", 6, 8))
    columns = ((0, 2), (2, 3), (3, 4), (4, 6), (6, 8))
    assert fine.reading(["规章", "1", "2", "0", "5"], columns, (), 3) is None
    assert fine.reading(["规章", "", "2", "0", "5"], columns, (), 3) == (["2", "0", "5"], "ok")  # padding beside 2


def test_one_cell_per_column_reaching_into_the_next_is_read_as_printed():
    # sample 01 (2019): 行政许可 | 0 (two grid columns) | 0 | 0 under 上一年项目数量 | 本年增/减 (two) | 处理决定数量
    grid = header(("信息内容", 0, 1), ("上一年项目数量", 1, 2), ("本年增/减", 2, 4), ("处理决定数量", 4, 5))
    assert grid.reading(["行政许可", "3", "-1", "9"], ((0, 1), (1, 3), (3, 4), (4, 5)), (), 3) == (
        ["3", "-1", "9"],
        "ok",
    )


def test_a_header_of_another_width_settles_nothing():
    assert TABLE_2.reading(["行政许可", "97"], ((0, 1), (1, 4)), (), 1) is None


def test_a_header_printed_again_after_data_rows_starts_anew():
    grid = HeaderGrid()
    grid.see(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ((0, 1), (1, 2), (2, 3), (3, 4)), data=False)
    grid.see(["规章", "1", "0", "5"], ((0, 1), (1, 2), (2, 3), (3, 4)), data=True)
    grid.see(["信息内容", "本年处理决定数量"], ((0, 1), (1, 4)), data=False)
    assert grid.reading(["行政许可", "", "", "97"], ((0, 1), (1, 2), (2, 3), (3, 4)), (), 1) == (["97"], "ok")


def docx_table_2(merge_repealed: bool, merge_in_force: bool = False) -> bytes:
    """Table 2 in Word: 本年处理决定数量 spans three grid columns; with ``merge_repealed`` the 本年废止件数
    cells of 规章 and 行政规范性文件 are one cell merged vertically, with ``merge_in_force`` their 现行有效件数
    (3 for both)."""
    document = docx.Document()
    document.add_paragraph("某县某局2023年政府信息公开工作年度报告")
    document.add_paragraph("二、主动公开政府信息情况")
    rows = [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "", "0", "3"],
        ["行政规范性文件", "22", "", "235"],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", "", "", ""],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    if merge_repealed:
        table.cell(1, 2).merge(table.cell(2, 2))
    if merge_in_force:
        table.cell(1, 3).merge(table.cell(2, 3)).text = "3"
    table.cell(3, 1).merge(table.cell(3, 3)).text = "本年处理决定数量"
    table.cell(4, 1).merge(table.cell(4, 3)).text = "97"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_grid_spans_place_a_blank_beside_the_label():
    record = parse_bytes(docx_table_2(merge_repealed=False), "r.docx")
    assert record["active"]["regulations"] == {"issued": None, "repealed": 0, "in_force": 3}
    assert record["active"]["normative_documents"] == {"issued": 22, "repealed": None, "in_force": 235}
    assert record["active"]["licensing"] == {"decisions": 97}
    assert not malformed(record)


def test_docx_values_beside_a_vertically_merged_cell_sit_under_their_header_cells():
    # the 0 merged over both rows' 本年废止件数 is each row's (from_docx prints it in both)
    record = parse_bytes(docx_table_2(merge_repealed=True), "r.docx")
    assert record["active"]["regulations"] == {"issued": None, "repealed": 0, "in_force": 3}
    assert record["active"]["normative_documents"] == {"issued": 22, "repealed": 0, "in_force": 235}
    assert not malformed(record)


def test_docx_grid_columns_and_a_row_wider_than_any_report_table():
    def row(*spans: int, before: int = 0):
        cells = "".join(f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p/></w:tc>' for span in spans)
        tr = parse_xml(f'<w:tr {nsdecls("w")}><w:trPr><w:gridBefore w:val="{before}"/></w:trPr>{cells}</w:tr>')
        return _grid_columns(tr, tr.findall(tr[1].tag))

    assert row(3, 1, 1, before=1) == (((1, 4), (4, 5), (5, 6)), ())
    assert row(1000, 1000) == (None, ())  # each span held to 64 columns, and the row still too wide


def test_docx_a_number_merged_over_table_2_rows_is_null_and_named():
    # 3 for both rows' 现行有效件数: each row's 3 or their 3 together, and table 2 has no relation to tell
    record = parse_bytes(docx_table_2(merge_repealed=False, merge_in_force=True), "r.docx")
    assert record["active"] == {"licensing": {"decisions": 97}}
    named = {row["row"]: row for row in malformed(record)}
    assert set(named) == {"regulations", "normative_documents"}
    assert all(not row["placed"] and "no relation" in row["why"] for row in named.values())
