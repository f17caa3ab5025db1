"""parsing.from_pdf on generated fixtures (tests/fixtures/pdf/make_fixtures.py) and the real samples 20-22."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from nianbao.parsing import from_pdf, parse_bytes
from nianbao.parsing.document import Block, UnreadableDocument
from nianbao.parsing.from_pdf import extract
from nianbao.parsing.pdf_objects import page_objects
from nianbao.parsing.record import flat_cells
from nianbao.parsing.tables import PLACED_BY_POSITION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def text(line: str) -> Block:
    return Block(cells=[line], table=False)


def row(*cells: str) -> Block:
    return Block(cells=list(cells), table=True)


ZEROS = ["0"] * 7

FIXTURE_BLOCKS = [
    text("样例区人民政府"),
    text("2023年政府信息公开工作年度报告"),
    text(
        "本报告由样例区人民政府办公室根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。"
        "报告所列数据统计期限自2023年1月1日起至2023年12月31日止。"
    ),
    text("一、总体情况"),
    text(
        "2023年，样例区人民政府认真贯彻落实《条例》，全年受理政府信息公开申请46件，"
        "上年结转4件，办结48件，结转下年度继续办理2件，均在法定期限内答复。"
    ),
    text("（一）主动公开情况。全年在区政府网站主动公开政府信息1286条，制发规章2件、行政规范性文件7件。"),
    text("二、主动公开政府信息情况"),
    row("第二十条第（一）项"),
    row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
    row("规章", "2", "1", "15"),
    row("行政规范性文件", "7", "3", "42"),
    row("第二十条第（五）项"),
    row("信息内容", "本年处理决定数量"),
    row("行政许可", "1325"),
    row("第二十条第（六）项"),
    # page 2: this row has no top border over 信息内容
    row("信息内容", "本年处理决定数量"),
    row("行政处罚", "864"),
    row("行政强制", ""),
    row("第二十条第（八）项"),
    row("信息内容", "本年收费金额（单位：万元）"),
    row("行政事业性收费", "35.6"),
    text("三、收到和处理政府信息公开申请情况"),
    row("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"),
    row("自然人", "法人或其他组织", "总计"),
    row("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
    row("一、本年新收政府信息公开申请数量", "38", "5", "0", "1", "2", "0", "46"),
    row("二、上年结转政府信息公开申请数量", "3", "1", "0", "0", "0", "0", "4"),
    row("三、本年度办理结果", "（一）予以公开", "12", "2", "0", "0", "1", "0", "15"),
    row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "4", "1", "0", "0", "0", "0", "5"),
    row("（三）不", "1.属于国家秘密", "1", "0", "0", "0", "0", "0", "1"),
    row("2.其他法律行政法规禁止公开", *ZEROS),
    row("3.危及“三安全一稳定”", "2", "0", "", "0", "0", "0", "2"),  # last row on p. 2, no bottom border
    row("", "予公开", "4.保护第三方合法权益", "1", "1", "0", "0", "0", "0", "2"),  # first row on p. 3
    row("5.属于三类内部事务信息", *ZEROS),
    row("6.属于四类过程性信息", "2", "0", "0", "0", "0", "0", "2"),
    row("7.属于行政执法案卷", "1", "0", "0", "0", "0", "0", "1"),
    row("8.属于行政查询事项", "3", "0", "0", "", "0", "0", "3"),
    row("（四）无法提供", "1.本机关不掌握相关政府信息", "6", "1", "0", "0", "1", "0", "8"),
    row("2.没有现成信息需要另行制作", "2", "0", "0", "0", "0", "0", "2"),
    row("3.补正后申请内容仍不明确", "1", "0", "0", "0", "0", "0", "1"),
    row("（五）不予处理", "1.信访举报投诉类申请", "2", "0", "0", "1", "0", "0", "3"),
    row("2.重复申请", "1", "0", "0", "0", "0", "0", "1"),
    row("3.要求提供公开出版物", *ZEROS),
    row("4.无正当理由大量反复申请", *ZEROS),
    row("5.要求行政机关确认或重新出具已获取信息", "1", "0", "0", "0", "0", "0", "1"),
    row(
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
        "1",
    ),
    row("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", *ZEROS),
    row("3.其他", *ZEROS),
    row("（七）总计", "40", "5", "0", "1", "2", "0", "48"),
    row("四、结转下年度继续办理", "1", "1", "0", "0", "0", "0", "2"),
    text("四、政府信息公开行政复议、行政诉讼情况"),
    row("行政复议", "行政诉讼"),
    row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"),
    row(*["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
    row("3", "1", "0", "1", "5", "2", "0", "1", "0", "3", "1", "0", "0", "", "1"),
    text("五、存在的主要问题及改进情况"),
    text("依申请公开答复的规范性仍需提高。下一步将加强培训，统一答复文书格式。"),
    text("六、其他需要报告的事项"),
    text("本年度未收取信息处理费。"),
    text("样例区人民政府办公室"),
    text("2024年1月20日"),
]


@pytest.fixture(scope="module")
def fixture_report():
    return extract((FIXTURES / "report_2021.pdf").read_bytes())


def test_fixture_blocks_exactly(fixture_report):
    assert fixture_report.blocks == FIXTURE_BLOCKS
    assert not fixture_report.image_only


def test_fixture_meta_has_title_but_no_publication_date(fixture_report):
    assert fixture_report.meta == {"title": "样例区人民政府2023年政府信息公开工作年度报告"}


def test_scan_is_image_only():
    document = extract((FIXTURES / "scan.pdf").read_bytes())
    assert document.image_only
    assert document.blocks == []


def test_pages_that_are_only_pictures_are_named_in_meta():
    document = extract((FIXTURES / "tables_as_picture.pdf").read_bytes())
    assert not document.image_only
    assert document.meta["image_pages"] == "2"
    assert document.paragraphs() == ["2023年政府信息公开工作年度报告", "二、主动公开政府信息情况"]


def test_truncated_pdf_is_unreadable():
    with pytest.raises(UnreadableDocument, match=r"^corrupt or truncated PDF: "):
        extract((FIXTURES / "report_2021_truncated.pdf").read_bytes())


def test_encrypted_pdf_is_unreadable():
    with pytest.raises(UnreadableDocument, match=r"^corrupt or truncated PDF: encrypted, needs a password$"):
        extract((FIXTURES / "encrypted.pdf").read_bytes())


TABLES = ("active", "requests", "appeals")


@pytest.mark.parametrize("name", ["owner_password.pdf", "owner_password_aes256.pdf"])
def test_owner_password_only_is_read_through_pdfium(name, monkeypatch):
    # restricted permissions but no user password: the text and tables read as the plain fixture, every
    # page from PDFium's objects, never pdfminer's
    read_by = []

    def spying(page, pdfium_page, exact=True):
        objects = page_objects(page, pdfium_page, exact)
        read_by.append("pdfium" if objects is not None else "pdfminer")
        return objects

    monkeypatch.setattr(from_pdf, "page_objects", spying)
    document = extract((FIXTURES / name).read_bytes())
    assert document.blocks == FIXTURE_BLOCKS
    # (reportlab pads AES strings twice, so the AES-256 file's Title keeps a tail; PDFium reads it so too)
    assert document.meta["title"].startswith("样例区人民政府2023年政府信息公开工作年度报告")
    assert read_by == ["pdfium"] * 3
    plain = parse_bytes((FIXTURES / "report_2021.pdf").read_bytes(), "report_2021.pdf")
    record = parse_bytes((FIXTURES / name).read_bytes(), name)
    assert [record[table] for table in TABLES] == [plain[table] for table in TABLES]


def test_aes256_owner_password_is_beyond_pdfminer():
    # why the file above needs PDFium: pdfminer cannot even open it
    with pytest.raises(Exception, match="Invalid key size"):
        pdfplumber.open(FIXTURES / "owner_password_aes256.pdf")


def test_cid_glyphs_pdfminer_cannot_map_are_read_through_pdfium(monkeypatch):
    # cid_glyphs.pdf (make_cid_fixture.py): the docx fixture exported by LibreOffice, its ToUnicode CMaps
    # written as ranges pdfminer skips; pdfminer reads only (cid:N) glyphs, PDFium maps them all
    with pdfplumber.open(FIXTURES / "cid_glyphs.pdf") as pdf:
        assert all(char["text"].startswith("(cid:") for char in pdf.pages[0].chars)
    read_by = []

    def spying(page, pdfium_page, exact=True):
        objects = page_objects(page, pdfium_page, exact)
        read_by.append(("pdfium" if objects is not None else "pdfminer", exact))
        return objects

    monkeypatch.setattr(from_pdf, "page_objects", spying)
    data = (FIXTURES / "cid_glyphs.pdf").read_bytes()
    assert "(cid:" not in extract(data).text()
    # LibreOffice's boxes differ from pdfminer's in detail, so PDFium is asked again, leniently
    assert read_by == [("pdfminer", True), ("pdfium", False)] * 4
    record = parse_bytes(data, "cid_glyphs.pdf")
    source = parse_bytes((FIXTURES.parent / "docx" / "report_2021.docx").read_bytes(), "report_2021.docx")
    assert (record["agency"], record["year"], record["period"]) == (source["agency"], source["year"], source["period"])
    # every cell the docx holds; a label LibreOffice broke over a page (2.其他法 | numbers, then 律行政法规禁止
    # 公开 read as a row printed blank) is a torn row, placed by position
    rows = [row for f in record["findings"] if f["code"] == "malformed_table" for row in f["evidence"]["rows"]]
    assert [(row["row"], row["placed"]) for row in rows] == [("withheld_prohibited_by_law", PLACED_BY_POSITION)]
    assert flat_cells(record) == flat_cells(source)


def test_garbage_after_pdf_header_is_unreadable():
    with pytest.raises(UnreadableDocument) as caught:
        extract(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    assert str(caught.value).startswith("corrupt or truncated PDF: ")
    assert "\n" not in str(caught.value)


# ---------------------------------------------------------------- objects read by PDFium, or by pdfminer


def sample_paths() -> list[Path]:
    paths = sorted(SAMPLES.glob("2[0-2]_*.pdf"))
    if not paths:
        pytest.skip(f"samples not found under {SAMPLES}")
    return paths


GEOMETRY = ("x0", "x1", "top", "bottom", "doctop", "width", "height")


def assert_same_objects(ours: list[dict], pdfminers: list[dict], extra: tuple[str, ...]) -> None:
    """Same objects in the same order: equal attributes, coordinates within PDFium's float precision."""
    assert len(ours) == len(pdfminers)
    for mine, theirs in zip(ours, pdfminers):
        assert {key: mine[key] for key in extra} == {key: theirs[key] for key in extra}
        assert all(abs(mine[key] - theirs[key]) < 1e-3 for key in GEOMETRY), (mine, theirs)


def test_pdfium_reads_the_samples_as_pdfminer_does():
    # embedded fonts throughout: every page is read by PDFium, never left to pdfminer
    for path in sample_paths():
        document = pdfium.PdfDocument(path)
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                ours = page_objects(page, document[page.page_number - 1])
                assert ours is not None, f"{path.name} p. {page.page_number}"
                theirs = page.objects
                assert sorted(ours) == sorted(theirs)
                assert_same_objects(ours["char"], theirs["char"], ("text", "upright"))
                assert all(abs(a["size"] - b["size"]) < 1e-3 for a, b in zip(ours["char"], theirs["char"]))
                for kind in ("rect", "line", "curve"):
                    assert_same_objects(ours.get(kind, []), theirs.get(kind, []), ("stroke", "fill"))


def test_sample_vertical_label_boxes_as_pdfminer():
    # sample 20 p. 3 sets 三、本年度办理结果 in a vertical-writing font, one character under the other
    path = sample_paths()[0]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[2]
        ours = page_objects(page, pdfium.PdfDocument(path)[2])["char"]
        labels = [i for i, char in enumerate(page.chars) if char["text"] == "三" and char["x0"] < 100]
        assert labels
        assert_same_objects([ours[i] for i in labels], [page.chars[i] for i in labels], ("text",))


def test_a_page_pdfium_cannot_match_is_read_by_pdfminer(monkeypatch):
    # reads the same as ever, with PDFium unable to open the file, or to match pdfminer on any page
    expected = extract((FIXTURES / "report_2021.pdf").read_bytes()).blocks
    monkeypatch.setattr(from_pdf, "page_objects", lambda page, pdfium_page, exact=True: None)
    assert extract((FIXTURES / "report_2021.pdf").read_bytes()).blocks == expected

    def fail(data):
        raise pdfium.PdfiumError("Failed to load document")

    monkeypatch.undo()
    monkeypatch.setattr(pdfium, "PdfDocument", fail)
    assert extract((FIXTURES / "report_2021.pdf").read_bytes()).blocks == expected


# ---------------------------------------------------------------- real samples


def sample(prefix: str):
    matches = sorted(SAMPLES.glob(f"{prefix}_*.pdf"))
    if not matches:
        pytest.skip(f"sample {prefix} not found under {SAMPLES}")
    return extract(matches[0].read_bytes())


@pytest.fixture(scope="module")
def sample20():
    return sample("20")


@pytest.fixture(scope="module")
def sample21():
    return sample("21")


@pytest.fixture(scope="module")
def sample22():
    return sample("22")


def rows(document) -> list[list[str]]:
    return [b.cells for b in document.blocks if b.table]


def following(document, first_cells: list[str], count: int) -> list[list[str]]:
    """The table rows starting at the row whose cells are ``first_cells``."""
    table_rows = rows(document)
    start = table_rows.index(first_cells)
    return table_rows[start : start + count]


def test_sample22_table3_rows(sample22):
    table_rows = rows(sample22)
    assert ["一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119"] in table_rows
    assert ["（七）总计", "2932", "53", "0", "0", "61", "4", "3050"] in table_rows
    assert ["四、结转下年度继续办理", "103", "0", "0", "0", "0", "0", "103"] in table_rows


def test_sample22_page_break_splits_the_unavailable_label(sample22):
    assert following(sample22, ["8.属于行政查询事项", "105", "0", "0", "0", "0", "0", "105"], 4) == [
        ["8.属于行政查询事项", "105", "0", "0", "0", "0", "0", "105"],
        ["（四）无", "1.本机关不掌握相关政府信息", "746", "12", "0", "0", "10", "1", "769"],  # last on p. 4
        ["", "法提供", "2.没有现成信息需要另行制作", "11", "0", "0", "0", "0", "0", "11"],  # first on p. 5
        ["3.补正后申请内容仍不明确", "1", "0", "0", "0", "0", "0", "1"],
    ]


def test_sample22_table2_across_pages_and_table4(sample22):
    assert following(sample22, ["行政许可", "447228"], 5) == [
        ["行政许可", "447228"],
        ["第二十条第（六）项"],  # last on p. 3
        ["信息内容", "本年处理决定数量"],  # first on p. 4
        ["行政处罚", "3985758"],
        ["行政强制", "88283"],
    ]
    assert ["行政事业性收费", "96171.6"] in rows(sample22)
    assert rows(sample22)[-1] == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]


def test_sample22_headings_precede_their_tables(sample22):
    blocks = sample22.blocks
    heading = blocks.index(text("三、收到和处理政府信息公开申请情况"))
    assert blocks[heading - 1].cells == ["行政事业性收费", "96171.6"]
    assert blocks[heading + 1].cells[1] == "申请人情况"
    heading = blocks.index(text("四、政府信息公开行政复议、行政诉讼情况"))
    assert blocks[heading + 1].cells == ["行政复议", "行政诉讼"]


def test_sample22_narrative_is_joined_and_footers_dropped(sample22):
    paragraphs = sample22.paragraphs()
    assert paragraphs[:4] == [
        "淮安市人民政府",
        "2024 年政府信息公开工作年度报告",
        "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第 711 号）（以下简称"
        "《条例》）规定编制。报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。如对本报告有疑问，"
        "请与淮安市人民政府办公室联系（地址：淮安市翔宇南道 1 号，邮编：223001，电话：0517-83605210，"
        "电子邮箱：hazwgkc@163.com）。",
        "一、总体情况",
    ]
    assert any("全市共受理政府信息公开申请 3119 件，答复 3050 件" in p for p in paragraphs)
    # a paragraph running over pp. 5/6 is one block
    assert any(p.startswith("对照上级新要求") and p.endswith("流动性过快的问题。") for p in paragraphs)
    assert not any(p.startswith("-") and p.endswith("-") for p in paragraphs)
    assert "period" not in sample22.meta and "published_at" not in sample22.meta


def test_sample20_backgrounds_do_not_make_tables(sample20):
    # WPS draws a white rectangle behind every narrative line; those rows must stay narrative
    assert "二、主动公开政府信息情况" in sample20.paragraphs()
    assert all(len(cells) > 1 or cells[0].startswith("第二十条") for cells in rows(sample20))


def test_sample20_cell_without_top_border_is_kept(sample20):
    # p. 3 prints 信息内容 in a cell whose top border is missing
    assert following(sample20, ["第二十条第（六）项"], 4) == [
        ["第二十条第（六）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政处罚", "4119"],
        ["行政强制", "195"],
    ]


def test_sample20_table3_over_the_page_break(sample20):
    assert following(
        sample20, ["（四）无法提供", "1.本机关不掌握相关政府信息", "10", "0", "0", "0", "0", "0", "10"], 3
    ) == [
        ["（四）无法提供", "1.本机关不掌握相关政府信息", "10", "0", "0", "0", "0", "0", "10"],
        ["2.没有现成信息需要另行制作", "3", "0", "0", "0", "0", "0", "3"],  # last on p. 3, no bottom border
        ["", "", "3.补正后申请内容仍不明确", "0", "0", "0", "0", "0", "0", "0"],  # first on p. 4
    ]
    assert ["（六）其他处理", *ZEROS] in rows(sample20)
    assert rows(sample20)[-1] == ["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"]
    assert sample20.meta == {"title": "洪泽区人民政府2023年政府信息公开工作年度报告"}


def test_sample21_blank_cells_are_kept(sample21):
    table_rows = rows(sample21)
    assert ["一、本年新收政府信息公开申请数量", "95", "0", "0", "0", "0", "0", "95"] in table_rows
    # 其他处理 and 总计 print an empty item cell next to their label
    assert ["（六）其他处理", "", *ZEROS] in table_rows
    assert ["（七）总计", "", "95", "0", "0", "0", "0", "0", "95"] in table_rows
    assert ["行政复议", "", "行政诉讼"] in table_rows
    assert following(
        sample21, ["（四）无法提供", "1.本机关不掌握相关政府信息", "31", "0", "0", "0", "0", "0", "31"], 2
    )[1] == ["", "", "2.没有现成信息需要另行制作", "1", "0", "0", "0", "0", "0", "1"]


# ---------------------------------------------------------------- end to end, through the record builder

COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"]
APPEAL_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]


def counts(*values: int | None) -> dict:
    return dict(zip(COLUMNS, values, strict=True))


FIXTURE_REQUESTS = {
    "new_received": counts(38, 5, 0, 1, 2, 0, 46),
    "carried_over": counts(3, 1, 0, 0, 0, 0, 4),
    "granted": counts(12, 2, 0, 0, 1, 0, 15),
    "partially_granted": counts(4, 1, 0, 0, 0, 0, 5),
    "withheld_state_secret": counts(1, 0, 0, 0, 0, 0, 1),
    "withheld_prohibited_by_law": counts(0, 0, 0, 0, 0, 0, 0),
    "withheld_security_stability": counts(2, 0, None, 0, 0, 0, 2),
    "withheld_third_party": counts(1, 1, 0, 0, 0, 0, 2),
    "withheld_internal_affairs": counts(0, 0, 0, 0, 0, 0, 0),
    "withheld_process_info": counts(2, 0, 0, 0, 0, 0, 2),
    "withheld_enforcement_files": counts(1, 0, 0, 0, 0, 0, 1),
    "withheld_inquiry": counts(3, 0, 0, None, 0, 0, 3),
    "unavailable_not_held": counts(6, 1, 0, 0, 1, 0, 8),
    "unavailable_needs_creation": counts(2, 0, 0, 0, 0, 0, 2),
    "unavailable_unclear": counts(1, 0, 0, 0, 0, 0, 1),
    "not_processed_complaint": counts(2, 0, 0, 1, 0, 0, 3),
    "not_processed_duplicate": counts(1, 0, 0, 0, 0, 0, 1),
    "not_processed_publication": counts(0, 0, 0, 0, 0, 0, 0),
    "not_processed_excessive": counts(0, 0, 0, 0, 0, 0, 0),
    "not_processed_confirmation": counts(1, 0, 0, 0, 0, 0, 1),
    "other_no_correction": counts(1, 0, 0, 0, 0, 0, 1),
    "other_unpaid_fee": counts(0, 0, 0, 0, 0, 0, 0),
    "other_other": counts(0, 0, 0, 0, 0, 0, 0),
    "total_processed": counts(40, 5, 0, 1, 2, 0, 48),
    "carried_forward": counts(1, 1, 0, 0, 0, 0, 2),
}


@pytest.fixture(scope="module")
def fixture_record():
    from nianbao.parsing import parse_bytes

    return parse_bytes((FIXTURES / "report_2021.pdf").read_bytes(), "x.pdf")


def test_record_header_of_fixture(fixture_record):
    assert fixture_record["agency"] == "样例区人民政府"
    assert fixture_record["year"] == 2023
    assert fixture_record["format"] == "2021"
    assert fixture_record["period"] == ["2023-01-01", "2023-12-31"]
    assert fixture_record["published_at"] == "2024-01-20"
    assert fixture_record["sections_found"] == [1, 2, 3, 4, 5, 6]


def test_record_tables_of_fixture(fixture_record):
    assert fixture_record["active"] == {
        "regulations": {"issued": 2, "repealed": 1, "in_force": 15},
        "normative_documents": {"issued": 7, "repealed": 3, "in_force": 42},
        "licensing": {"decisions": 1325},
        "punishment": {"decisions": 864},
        "coercion": {"decisions": None},
        "fees": {"amount": 35.6},
    }
    assert fixture_record["requests"] == FIXTURE_REQUESTS
    assert fixture_record["appeals"] == {
        "review": dict(zip(APPEAL_COLUMNS, [3, 1, 0, 1, 5])),
        "litigation_direct": dict(zip(APPEAL_COLUMNS, [2, 0, 1, 0, 3])),
        "litigation_after_review": dict(zip(APPEAL_COLUMNS, [1, 0, 0, None, 1])),
    }


def test_record_findings_of_fixture(fixture_record):
    from nianbao.checks import run_checks

    assert fixture_record["findings"] == []  # no malformed or missing rows
    # the tables balance and match the narrative; only the four blank cells and the relations they
    # leave unjudged are reported
    findings = run_checks(fixture_record)
    assert [f["code"] for f in findings] == ["blank_cells", "not_judged"]
    assert findings[1]["evidence"] == {
        "total_sum": ["research", "social_welfare"],
        "row_sum": ["withheld_security_stability", "withheld_inquiry"],
        "appeals_sum": ["litigation_after_review"],
    }
    assert findings[0]["evidence"]["cells"] == [
        "active.coercion.decisions",
        "requests.withheld_security_stability.research",
        "requests.withheld_inquiry.social_welfare",
        "appeals.litigation_after_review.pending",
    ]


def test_record_of_scan_is_image_only():
    from nianbao.parsing import parse_bytes

    record = parse_bytes((FIXTURES / "scan.pdf").read_bytes(), "scan.pdf")
    assert [f["code"] for f in record["findings"]] == ["image_only"]
    assert record["requests"] == {}


def test_record_of_truncated_pdf_raises_one_line_reason():
    from nianbao.parsing import parse_bytes

    with pytest.raises(UnreadableDocument, match=r"^corrupt or truncated PDF: the file ends early"):
        parse_bytes((FIXTURES / "report_2021_truncated.pdf").read_bytes(), "x.pdf")
