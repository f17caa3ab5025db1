"""The record builder's own findings on documents whose tables cannot be read."""

from pathlib import Path

import pytest
from nianbao.parsing import parse_bytes
from nianbao.parsing.document import Block, Document, UnreadableDocument
from nianbao.parsing.record import build_record

PDF_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"


def test_tables_pasted_as_pictures_are_image_only_with_the_pages():
    record = parse_bytes((PDF_FIXTURES / "tables_as_picture.pdf").read_bytes(), "x.pdf")
    [finding] = [f for f in record["findings"] if f["code"] == "image_only"]
    assert finding["evidence"] == {"picture_pages": "2"}


def test_a_picture_beside_readable_tables_is_not_image_only():
    doc = Document(
        blocks=[
            Block(["某局2024年政府信息公开工作年度报告"]),
            Block(["三、收到和处理政府信息公开申请情况"]),
            Block(["一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"], table=True),
        ],
        meta={"image_pages": "3"},
    )
    assert "image_only" not in {f["code"] for f in build_record(doc)["findings"]}


def test_a_scan_is_still_a_report():
    record = parse_bytes((PDF_FIXTURES / "scan.pdf").read_bytes(), "scan.pdf")
    assert [f["code"] for f in record["findings"]] == ["image_only"]
    assert record["requests"] == {} and record["format"] == "unknown"


def test_a_page_with_only_a_title_and_an_attachment_link_is_no_report():
    doc = Document(blocks=[Block(["临江区财政局2023年政府信息公开工作年度报告"]), Block(["点击查看附件"])])
    with pytest.raises(UnreadableDocument, match="attachment"):
        build_record(doc)


def test_a_list_of_reports_is_no_report():
    doc = Document(
        blocks=[Block([f"临江区第{i}局2023年政府信息公开工作年度报告2024-01-2{i}"]) for i in range(5)],
        meta={"title": "政府信息公开年报_临江区人民政府"},
    )
    with pytest.raises(UnreadableDocument, match="list of reports"):
        build_record(doc)
