"""parsing.from_docx on real python-docx files (tests/fixtures/docx, made by make_fixtures.py): blocks in
reading order, merged cells once, blanks kept, metadata, damaged files, and the record end to end."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from nianbao.parsing import extract as extract_any
from nianbao.parsing import parse_bytes
from nianbao.parsing.document import Block, UnreadableDocument
from nianbao.parsing.from_docx import extract
from nianbao.parsing.record import flat_cells
from nianbao.parsing.template import REQUEST_COLUMNS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "docx"
TITLE = "江川市自然资源和规划局2023年政府信息公开工作年度报告"


def extract_file(name: str):
    return extract((FIXTURES / name).read_bytes())


def rewrite_part(name: str, part: str, change) -> bytes:
    """A fixture with one zip member changed by ``change`` (bytes -> bytes), or left out if it is None."""
    source = zipfile.ZipFile(FIXTURES / name)
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename != part:
                target.writestr(item, data)
            elif change is not None:
                target.writestr(item, change(data))
    return rewritten.getvalue()


def text(line: str) -> Block:
    return Block([line])


def row(*cells: str) -> Block:
    return Block(list(cells), table=True)


@pytest.fixture(scope="module")
def report():
    return extract_file("report_2021.docx")


def table_rows(doc, first_cell: str, count: int) -> list[list[str]]:
    """``count`` table rows starting at the row whose first cell is ``first_cell``."""
    rows = [block.cells for block in doc.blocks if block.table]
    start = next(i for i, cells in enumerate(rows) if cells[0] == first_cell)
    return rows[start : start + count]


# --- the 2021-template report --------------------------------------------------------------------


def test_report_blocks_are_the_printed_cells_in_order(report):
    """Every block, in order, as the generator laid the report out (each printed cell once)."""
    expected = json.loads((FIXTURES / "report_2021.rows.json").read_text(encoding="utf-8"))
    assert [{"table": b.table, "cells": b.cells} for b in report.blocks] == expected


def test_text_and_tables_interleave_in_reading_order(report):
    def at(block: Block) -> int:
        return report.blocks.index(block)

    assert at(text(TITLE)) == 0
    assert at(text("二、主动公开政府信息情况")) + 1 == at(row("第二十条第（一）项"))
    assert at(row("行政事业性收费", "12.5")) + 1 == at(text("三、收到和处理政府信息公开申请情况"))
    assert at(row("四、结转下年度继续办理", "3", "1", "0", "0", "0", "0", "4")) + 1 == at(
        text("四、政府信息公开行政复议、行政诉讼情况")
    )
    assert report.blocks[-3:] == [
        text("本年度未收取信息处理费。"),
        text("江川市自然资源和规划局"),
        text("2024年1月19日"),
    ]


def test_corner_and_header_cells_appear_once(report):
    """The 3×3 corner is printed once (not under 自然人 or 商业企业); 总计 spans two header rows."""
    assert table_rows(report, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3) == [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
        ["自然人", "法人或其他组织", "总计"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ]


def test_vertically_merged_labels_appear_only_on_their_first_row(report):
    assert table_rows(report, "三、本年度办理结果", 4) == [
        ["三、本年度办理结果", "（一）予以公开", "20", "4", "1", "0", "1", "2", "28"],
        ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "5", "1", "0", "0", "0", "0", "6"],
        ["（三）不予公开", "1.属于国家秘密", "1", "0", "0", "0", "0", "0", "1"],
        ["2.其他法律行政法规禁止公开", "0", "0", "0", "0", "0", "0", "0"],
    ]
    assert table_rows(report, "（七）总计", 2) == [
        ["（七）总计", "53", "7", "1", "0", "2", "3", "66"],
        ["四、结转下年度继续办理", "3", "1", "0", "0", "0", "0", "4"],
    ]


def test_horizontally_merged_label_is_one_cell_and_blanks_are_kept(report):
    assert table_rows(report, "二、上年结转政府信息公开申请数量", 1) == [
        ["二、上年结转政府信息公开申请数量", "4", "1", "", "", "0", "0", "5"]
    ]


def test_every_table3_row_ends_with_its_seven_value_cells(report):
    """Dropping vertical-merge continuations must not shift values: each data row has labels, then 7 values."""
    data_rows = table_rows(report, "一、本年新收政府信息公开申请数量", 25)
    assert data_rows[-1][0] == "四、结转下年度继续办理"
    for cells in data_rows:
        labels, values = cells[:-7], cells[-7:]
        assert labels and all(not label.isdigit() for label in labels), cells
        assert all(value == "" or value.isdigit() for value in values), cells


def test_appeals_table_two_line_labels_read_as_one_cell(report):
    outcomes = ["结果 维持", "结果 纠正", "其他 结果", "尚未 审结", "总计"]
    assert table_rows(report, "行政复议", 4) == [
        ["行政复议", "行政诉讼"],
        [*outcomes, "未经复议直接起诉", "复议后起诉"],
        outcomes * 2,
        ["2", "1", "0", "1", "4", "1", "0", "0", "1", "2", "0", "0", "1", "", "1"],
    ]


def test_title_metadata_but_not_creation_date_headers_or_footers(report):
    assert report.meta == {"title": TITLE}
    assert report.image_only is False
    assert "2099" not in report.text() and "第 1 页" not in report.text()
    assert "2023-12-05" not in str(report.meta)


# --- other layouts -------------------------------------------------------------------------------


def test_merges_fixture_rows():
    assert extract_file("merges.docx").blocks == [
        text("三、收到和处理政府信息公开申请情况"),
        row("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人 情况"),
        row("自然人", "法人或其他组织", "总计"),
        row("一、本年新收政府信息公开申请数量", "12", "3", "15"),
        row("三、本年度办理结果", "（一）予以公开", "5", "1", "6"),
        row("（三）不予公开", "1.属于国家秘密", "0", "", "0"),
        row("2.其他法律行政法规禁止公开", "1", "0", "1"),
        row("3.危及“三安全一稳定”", "0", "0", "0"),
        row("四、结转下年度继续办理", "2", "0", "2"),
        text("四、政府信息公开行政复议、行政诉讼情况"),
    ]


REQUEST_HEADER = ["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def table_3_docx(rows: list[list[str]], merges: list[tuple[int, int, int]]) -> bytes:
    """Table 3 in Word: a header row, then ``rows``; each merge (column, first row, last row), counting the
    header as row 0, is one cell merged down as Word merges it (w:vMerge restart, then continue), its
    text the first row's."""
    document = docx.Document()
    document.add_paragraph("某县某局2023年政府信息公开工作年度报告")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=len(rows) + 1, cols=len(REQUEST_HEADER))
    for r, cells in enumerate([REQUEST_HEADER, *rows]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    for column, first, last in merges:
        text = table.cell(first, column).text
        table.cell(first, column).merge(table.cell(last, column)).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def malformed_rows(record: dict) -> dict[str, dict]:
    return {m["row"]: m for f in record["findings"] if f["code"] == "malformed_table" for m in f["evidence"]["rows"]}


def test_a_value_merged_down_a_column_is_each_rows_value():
    """A column of 0s and a 总计 shared, each one cell merged over the rows: printed in every row it spans,
    and each row read whole (Word users merge equal values; the rows' sums hold with them)."""
    rows = [
        ["一、本年新收政府信息公开申请数量", "5", "0", "0", "0", "0", "1", "6"],
        ["二、上年结转政府信息公开申请数量", "6", "0", "0", "0", "0", "0", "6"],
        ["（一）予以公开", "2", "0", "0", "0", "0", "0", "2"],
    ]
    data = table_3_docx(rows, [(2, 1, 3), (7, 1, 2)])
    blocks = [block for block in extract(data).blocks if block.table]
    assert [block.cells for block in blocks[1:]] == rows
    assert [block.merged for block in blocks] == [(), (2, 7), (2, 7), (2,)]
    assert all(block.spanned == () for block in blocks)
    record = parse_bytes(data, "r.docx")
    assert record["requests"]["carried_over"] == dict(zip(REQUEST_COLUMNS, [6, 0, 0, 0, 0, 0, 6]))
    assert record["requests"]["granted"]["commercial"] == 0
    assert not malformed_rows(record)


def test_a_number_merged_over_rows_whose_sums_break_with_it_is_not_each_rows():
    """A 总计 merged over two rows that it adds up neither as each row's (3 for 1 and 2 is the rows'
    figure together): both rows null, named; never the merged number in either. Where one row's sum holds
    with it (the other row's applicants all 0), that row is read, and the other left null."""
    rows = [
        ["一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "3"],
        ["二、上年结转政府信息公开申请数量", "2", "0", "0", "0", "0", "0", ""],
    ]
    record = parse_bytes(table_3_docx(rows, [(7, 1, 2)]), "r.docx")
    assert "new_received" not in record["requests"] and "carried_over" not in record["requests"]
    named = malformed_rows(record)
    assert set(named) == {"new_received", "carried_over"}
    assert all(not m["placed"] and "merged over several rows" in m["why"] for m in named.values())
    rows[0][1], rows[1][1] = "3", "0"
    record = parse_bytes(table_3_docx(rows, [(7, 1, 2)]), "r.docx")
    assert record["requests"]["new_received"]["total"] == 3
    assert "carried_over" not in record["requests"] and set(malformed_rows(record)) == {"carried_over"}


def test_a_number_merged_over_rows_that_breaks_the_tables_relations_is_not_each_rows():
    """其他 and 总计 merged over 一 and 二 as their figures together (5 for 2 and 3): each row's sum holds
    with 5, but 一 + 二 = （七）+ 四 breaks in those columns, so both rows are null, named, never 5."""
    rows = [
        ["一、本年新收政府信息公开申请数量", "0", "0", "0", "0", "0", "5", "5"],
        ["二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "", ""],
        ["（七）总计", "0", "0", "0", "0", "0", "4", "4"],
        ["四、结转下年度继续办理", "0", "0", "0", "0", "0", "1", "1"],
    ]
    record = parse_bytes(table_3_docx(rows, [(6, 1, 2), (7, 1, 2)]), "r.docx")
    assert "new_received" not in record["requests"] and "carried_over" not in record["requests"]
    named = malformed_rows(record)
    assert set(named) == {"new_received", "carried_over"}
    assert all("column relations" in m["why"] for m in named.values())
    rows[2][6:] = ["9", "9"]  # read as each row's 5, the relation holds (5 + 5 = 9 + 1): placed
    record = parse_bytes(table_3_docx(rows, [(6, 1, 2), (7, 1, 2)]), "r.docx")
    assert record["requests"]["carried_over"]["other_org"] == 5 and not malformed_rows(record)


def test_layout_table_nested_table_line_break_and_text_box():
    """A one-cell wrapper table is read in place: its text as text, the nested table's rows as rows; a
    line break starts a new block; a text box is read once though Word stores it twice."""
    doc = extract_file("nested.docx")
    assert doc.blocks == [
        text("第一行 制表"),
        text("第二行"),
        text("表一 主动公开情况"),
        row("信息内容", "本年制发件数"),
        row("规章", "3"),
        text("（表后说明）"),
        text("正文在文本框之前"),
        text("文本框里的话"),
        text("结尾"),
    ]
    assert doc.meta == {}  # its title "文档1" is not a report title


def test_tracked_changes_read_as_accepted():
    """Inserted runs count and deleted ones do not (python-docx's Paragraph.text drops w:ins runs)."""
    document = docx.Document()
    paragraph = document.add_paragraph("共收到申请")
    paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>65</w:t></w:r></w:ins>'))
    paragraph._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>56</w:delText></w:r></w:del>')
    )
    paragraph.add_run("件。")
    data = io.BytesIO()
    document.save(data)
    assert extract(data.getvalue()).blocks == [text("共收到申请65件。")]


def test_macro_enabled_document_is_read_like_a_docx():
    """A .docm has the same body under another content type, which python-docx's Document() refuses."""
    data = rewrite_part(
        "merges.docx",
        "[Content_Types].xml",
        lambda xml: xml.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"),
    )
    assert extract(data).blocks == extract_file("merges.docx").blocks


def test_picture_only_document_is_image_only():
    doc = extract_file("scan.docx")
    assert doc.blocks == [] and doc.image_only is True


def test_dispatch_by_bytes_reaches_this_extractor(report):
    data = (FIXTURES / "report_2021.docx").read_bytes()
    assert extract_any(data, "报告.docx").blocks == report.blocks
    assert extract_any(data, "download.aspx").blocks == report.blocks


# --- damaged files -------------------------------------------------------------------------------


def assert_one_line_reason(err: pytest.ExceptionInfo, starts: str) -> None:
    message = str(err.value)
    assert message.startswith(starts) and "\n" not in message, message


def test_truncated_download_is_unreadable():
    with pytest.raises(UnreadableDocument) as err:
        extract_file("truncated.docx")
    assert str(err.value) == "corrupt or truncated Word document: File is not a zip file"


def test_missing_document_part_is_unreadable():
    """A zip that has the Word package parts but lost word/document.xml."""
    with pytest.raises(UnreadableDocument) as err:
        extract(rewrite_part("report_2021.docx", "word/document.xml", None))
    assert_one_line_reason(err, "corrupt or truncated Word document: ")
    assert "word/document.xml" in str(err.value)


def test_broken_document_xml_is_unreadable():
    with pytest.raises(UnreadableDocument) as err:
        extract(rewrite_part("report_2021.docx", "word/document.xml", lambda xml: xml[: len(xml) // 2]))
    assert_one_line_reason(err, "corrupt or truncated Word document: ")


# --- end to end: the report record ---------------------------------------------------------------

COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"]
REQUESTS = {
    "new_received": [52, 7, 1, 0, 2, 3, 65],
    "carried_over": [4, 1, None, None, 0, 0, 5],
    "granted": [20, 4, 1, 0, 1, 2, 28],
    "partially_granted": [5, 1, 0, 0, 0, 0, 6],
    "withheld_state_secret": [1, 0, 0, 0, 0, 0, 1],
    "withheld_prohibited_by_law": [0] * 7,
    "withheld_security_stability": [0] * 7,
    "withheld_third_party": [2, 0, 0, 0, 0, 0, 2],
    "withheld_internal_affairs": [1, 0, 0, 0, 0, 0, 1],
    "withheld_process_info": [3, 0, 0, 0, 0, 0, 3],
    "withheld_enforcement_files": [0] * 7,
    "withheld_inquiry": [2, 0, 0, 0, 0, 0, 2],
    "unavailable_not_held": [9, 2, 0, 0, 0, 0, 11],
    "unavailable_needs_creation": [2, 0, 0, 0, 0, 0, 2],
    "unavailable_unclear": [1, 0, 0, 0, 1, 0, 2],
    "not_processed_complaint": [3, 0, 0, 0, 0, 0, 3],
    "not_processed_duplicate": [1, 0, 0, 0, 0, 1, 2],
    "not_processed_publication": [0] * 7,
    "not_processed_excessive": [0] * 7,
    "not_processed_confirmation": [1, 0, 0, 0, 0, 0, 1],
    "other_no_correction": [1, 0, 0, 0, 0, 0, 1],
    "other_unpaid_fee": [0] * 7,
    "other_other": [1, 0, 0, 0, 0, 0, 1],
    "total_processed": [53, 7, 1, 0, 2, 3, 66],
    "carried_forward": [3, 1, 0, 0, 0, 0, 4],
}
APPEALS = {
    "review": [2, 1, 0, 1, 4],
    "litigation_direct": [1, 0, 0, 1, 2],
    "litigation_after_review": [0, 0, 1, None, 1],
}
ACTIVE = {
    "active.regulations.issued": 2,
    "active.regulations.repealed": 1,
    "active.regulations.in_force": 15,
    "active.normative_documents.issued": 8,
    "active.normative_documents.repealed": 3,
    "active.normative_documents.in_force": 46,
    "active.licensing.decisions": 1234,
    "active.punishment.decisions": 56,
    "active.coercion.decisions": 7,
    "active.fees.amount": 12.5,
}


def expected_report_cells() -> dict:
    cells = dict(ACTIVE)
    for key, values in REQUESTS.items():
        cells.update({f"requests.{key}.{column}": v for column, v in zip(COLUMNS, values)})
    for group, values in APPEALS.items():
        outcomes = ["upheld", "corrected", "other", "pending", "total"]
        cells.update({f"appeals.{group}.{outcome}": v for outcome, v in zip(outcomes, values)})
    return cells


def test_report_record_end_to_end():
    record = parse_bytes((FIXTURES / "report_2021.docx").read_bytes(), "x.docx")
    assert flat_cells(record) == expected_report_cells()
    assert (record["agency"], record["year"], record["format"]) == ("江川市自然资源和规划局", 2023, "2021")
    assert record["published_at"] == "2024-01-19"  # the signature date, not the file's creation date
    assert record["period"] == ["2023-01-01", "2023-12-31"]
    assert record["sections_found"] == [1, 2, 3, 4, 5, 6]
    assert record["findings"] == []
