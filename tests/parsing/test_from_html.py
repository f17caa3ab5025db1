"""parsing.from_html: blocks, cells, order, metadata, chrome and refusals, on fixtures and samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nianbao.parsing import from_html, parse_bytes
from nianbao.parsing.decode import decode_html_as
from nianbao.parsing.document import Block, UnreadableDocument
from nianbao.parsing.from_html import extract
from nianbao.parsing.record import flat_cells

FIXTURES = Path(__file__).parents[1] / "fixtures" / "html"
SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples"


def extract_file(path: Path, content_type: str | None = None):
    return extract(path.read_bytes(), content_type)


def extract_html(html: str):
    return extract(html.encode("utf-8"), "text/html; charset=utf-8")


def text(line: str) -> Block:
    return Block([line])


def row(*cells: str) -> Block:
    return Block(list(cells), table=True)


def rows(doc) -> list[list[str]]:
    return [block.cells for block in doc.blocks if block.table]


def position(doc, block: Block) -> int:
    return doc.blocks.index(block)


# --- a TRS article with a 2021-template report -----------------------------------------------

ZEROS = ["0"] * 7

TRS_EXPECTED = [
    text("临江区财政局2023年政府信息公开工作年度报告"),
    text("发布时间：2024-01-26 10:30"),
    text(
        "本报告依据《中华人民共和国政府信息公开条例》编制。本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。"
    ),
    text("一、总体情况"),
    text("2023年，临江区财政局共收到政府信息公开申请49件，办结44件。"),
    text("二、主动公开政府信息情况"),
    row("第二十条第（一）项"),
    row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
    row("规章", "１", "0", "５"),
    row("行政规范性文件", "12", "3", "４７"),
    row("第二十条第（五）项"),
    row("信息内容", "本年处理决定数量"),
    row("行政许可", "１２"),
    row("第二十条第（六）项"),
    row("信息内容", "本年处理决定数量"),
    row("行政处罚", "38"),
    row("行政强制", "—"),
    row("第二十条第（八）项"),
    row("信息内容", "本年收费金额（单位：万元）"),
    row("行政事业性收费", "2.5"),
    text("三、收到和处理政府信息公开申请情况"),
    row("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"),
    row("自然人", "法人或其他组织", "总计"),
    row("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
    row("一、本年新收政府信息公开申请数量", "40", "６", "", "1", "2", "", "49"),
    row("二、上年结转政府信息公开申请数量", "3", "—", "/", "无", "", "", "3"),
    row("三、本年度办理结果", "（一）予以公开", "20", "3", "", "1", "", "", "24"),
    row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "2", "1", "", "", "", "", "3"),
    row("（三）不予公开", "1.属于国家秘密", *ZEROS),
    row("2.其他法律行政法规禁止公开", *ZEROS),
    row("3.危及“三安全一稳定”", *ZEROS),
    row("4.保护第三方合法权益", "2", "0", "0", "0", "0", "0", "2"),
    row("5.属于三类内部事务信息", *ZEROS),
    row("6.属于四类过程性信息", *ZEROS),
    row("7.属于行政执法案卷", *ZEROS),
    row("8.属于行政查询事项", *ZEROS),
    row("（四）无法提供", "1.本机关不掌握相关政府信息", "8", "2", "0", "0", "0", "0", "10"),
    row("2.没有现成信息需要另行制作", *ZEROS),
    row("3.补正后申请内容仍不明确", *ZEROS),
    row("（五）不予处理", "1.信访举报投诉类申请", *ZEROS),
    row("2.重复申请", "4", "0", "0", "0", "0", "0", "4"),
    row("3.要求提供公开出版物", *ZEROS),
    row("4.无正当理由大量反复申请", *ZEROS),
    row("5.要求行政机关确认或重新出具已获取信息", *ZEROS),
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
    row("（七）总计", "37", "6", "0", "1", "0", "0", "44"),
    row("四、结转下年度继续办理", "6", "0", "0", "0", "2", "0", "8"),
    text("四、政府信息公开行政复议、行政诉讼情况"),
    row("行政复议", "行政诉讼"),
    row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"),
    row(*["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
    row("1", "0", "0", "1", "2", "0", "1", "0", "0", "1", "0", "0", "0", "0", "0"),
    text("五、存在的主要问题及改进情况"),
    text("政策解读形式还不够丰富。下一步将加强解读。"),
    text("六、其他需要报告的事项"),
    text("本年度未收取信息处理费。"),
    text("临江区财政局"),
    text("2024年1月25日"),
]


@pytest.fixture(scope="module")
def trs():
    return extract_file(FIXTURES / "trs_article_2021.html")


def test_trs_article_blocks_exactly(trs):
    assert trs.blocks == TRS_EXPECTED


def test_trs_article_meta(trs):
    assert trs.meta == {
        "title": "临江区财政局2023年政府信息公开工作年度报告",
        "published_at": "2024-01-26 10:30",
        "source": "临江区财政局",
    }
    assert not trs.image_only


def test_trs_chrome_is_left_out(trs):
    page = trs.text()
    for chrome in (
        "首页",
        "当前位置",
        "相关信息",
        "2022年政府信息公开工作年度报告",
        "2021年政府信息公开工作年度报告",
        "网站标识码",
        "2019-05-01",
        "字号",
        "_hmt",
    ):
        assert chrome not in page


def test_heading_comes_before_its_table(trs):
    heading = position(trs, text("三、收到和处理政府信息公开申请情况"))
    first_row = position(trs, row("自然人", "法人或其他组织", "总计"))
    last_table2_row = position(trs, row("行政事业性收费", "2.5"))
    assert last_table2_row < heading < first_row


# --- decoding as part of extraction -------------------------------------------------------------


def test_gbk_page_with_charset_in_http_equiv_only():
    doc = extract_file(FIXTURES / "gbk_http_equiv.html")
    assert doc.blocks == [
        text("临江区2023年政府信息公开工作年度报告"),
        text("本年度共收到政府信息公开申请49件，办结44件。"),
    ]
    assert doc.meta == {"title": "临江区2023年政府信息公开工作年度报告"}


def test_gb2312_declared_page_with_gbk_characters():
    doc = extract_file(FIXTURES / "gb2312_with_gbk_chars.html")
    assert doc.blocks == [text("联系人：朱镕、王喆、李堃")]


def test_gbk_page_without_charset():
    doc = extract_file(FIXTURES / "gbk_undeclared.html")
    assert doc.blocks == [text("二、主动公开政府信息情况"), text("本年制发规范性文件12件。")]


def test_utf8_page_under_a_wrong_header():
    doc = extract_file(FIXTURES / "utf8_wrong_header.html", "text/html; charset=gbk")
    assert doc.blocks == [text("自然人"), text("行政复议2件，行政诉讼1件。")]


# --- layouts --------------------------------------------------------------------------------------


def test_report_tables_nested_in_a_layout_table():
    doc = extract_file(FIXTURES / "nested_layout_gb2312.html")
    assert doc.blocks == [
        text("临江镇人民政府门户网站"),
        text("栏目导航"),
        text("镇情概况"),
        text("政务公开"),
        text("临江镇人民政府2023年政府信息公开工作年度报告"),
        text("二、主动公开政府信息情况"),
        row("第二十条第（一）项"),
        row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        row("规章", "/", "/", "/"),
        row("行政规范性文件", "2", "1", "9"),
        row("第二十条第（五）项"),
        row("信息内容", "本年处理决定数量"),
        row("行政许可", "１５６"),
        row("第二十条第（六）项"),
        row("信息内容", "本年处理决定数量"),
        row("行政处罚", "7"),
        row("行政强制", "0"),
        row("第二十条第（八）项"),
        row("信息内容", "本年收费金额（单位：万元）"),
        row("行政事业性收费", "0"),
        text("四、政府信息公开行政复议、行政诉讼情况"),
        row("行政复议", "行政诉讼"),
        row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"),
        row(*["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
        row("３", "1", "0", "", "4", "2", "0", "0", "1", "3", "1", "0", "0", "0", "1"),
        text("五、存在的主要问题及改进情况"),
        text("临江镇人民政府"),
        text("2024年1月20日"),
        text("版权所有：临江镇人民政府"),
    ]
    assert doc.meta == {"title": "临江镇人民政府2023年政府信息公开工作年度报告"}


def test_hanweb_body_between_comments_inside_a_layout_table():
    doc = extract_file(FIXTURES / "hanweb_article.html")
    assert doc.blocks == [
        text("临江区水利局2023年政府信息公开工作年度报告"),
        text("发布日期：2024-01-30"),
        text("一、总体情况"),
        text("2023年共收到政府信息公开申请7件。"),
        row("一、本年新收政府信息公开申请数量", "7"),
    ]
    assert doc.meta["published_at"] == "2024-01-30 09:12:00"


def test_without_a_container_the_whole_body_is_read():
    doc = extract_html(
        "<div class='top'>站点</div><div><p>一、总体情况</p><table><tr><td>规章</td><td>2</td></tr></table></div>"
    )
    assert doc.blocks == [text("站点"), text("一、总体情况"), row("规章", "2")]


def test_title_is_not_repeated_when_the_body_opens_with_it():
    doc = extract_html('<h1>某局2023年年度报告</h1><div id="zoom"><p>某局2023年年度报告</p><p>正文</p></div>')
    assert doc.blocks == [text("某局2023年年度报告"), text("正文")]


def test_title_is_the_heading_nearest_the_body():
    doc = extract_html(
        '<h1 class="logo">某市人民政府</h1><div class="list"><h1>某局2023年年度报告</h1></div>'
        '<div class="pages_content"><p>正文</p></div>'
    )
    assert doc.blocks == [text("某局2023年年度报告"), text("正文")]


def test_zoom_class_is_a_font_widget_not_the_body():
    doc = extract_html('<span class="zoom">字号：大 中 小</span><div id="zoom"><p>正文</p></div>')
    assert doc.blocks == [text("正文")]


@pytest.mark.parametrize(
    "attribute",
    [
        'class="MsoNormal TRS_EDITOR_View"',
        'id="Article-Content"',
        'class="vsb_Content_4"',
        'id="ZOOM"',
        'class="x UCAP-content"',
    ],
)
def test_a_body_container_is_found_whatever_case_its_name_is_written_in(attribute):
    doc = extract_html(f'<p class="MsoNormal">导航</p><div {attribute}><p class="MsoNormal">正文</p></div><p>页脚</p>')
    assert doc.blocks == [text("正文")]


def test_empty_container_falls_back_to_the_whole_page():
    doc = extract_html('<div class="TRS_Editor"></div><p>报告正文在此</p>')
    assert doc.blocks == [text("报告正文在此")]


# --- cell and line text ---------------------------------------------------------------------------


def test_cell_text_joins_spans_paragraphs_and_breaks_without_separators():
    doc = extract_html(
        "<table><tr>"
        "<td><span>2</span><span>6</span></td>"
        "<td>\n  <p>商业</p>\n  <p>企业</p>\n</td>"
        "<td>本年新<br />\n制作数量</td>"
        "<td><p>&nbsp;</p></td>"
        "<td>\u3000</td>"
        "<td>1\u200b2</td>"
        "<th>总　计</th>"
        "</tr></table>"
    )
    assert rows(doc) == [["26", "商业企业", "本年新制作数量", "", "", "12", "总 计"]]


def test_blank_marks_are_kept_as_printed():
    doc = extract_html(
        "<table><tr><td>二、上年结转</td><td></td><td>&nbsp;</td><td>—</td><td>/</td><td>无</td></tr></table>"
    )
    assert rows(doc) == [["二、上年结转", "", "", "—", "/", "无"]]


def test_spacer_and_hidden_rows_are_dropped():
    doc = extract_html(
        "<table><tr><td>规章</td><td>1</td></tr>"
        "<tr style='display:none'><td>隐藏</td><td>9</td></tr>"
        "<tr height=0><td width=80></td><td width=40></td></tr></table>"
    )
    assert rows(doc) == [["规章", "1"]]


@pytest.mark.parametrize("style", ["DISPLAY: NONE", "display&#58;none", "display:&#110;one"])
def test_hidden_rows_are_dropped_however_their_style_is_written(style):
    doc = extract_html(
        f"<table><tr><td>规章</td><td>1</td></tr><tr style='{style}'><td>隐藏</td><td>9</td></tr></table>"
    )
    assert rows(doc) == [["规章", "1"]]


def test_text_lines_follow_block_elements_and_br():
    doc = extract_html(
        "<div>第一行<br>第二行<p>段落<b>加粗</b>续</p>尾巴<ul><li>甲</li><li>乙</li></ul></div>"
        "<pre>表头  数量\n规章  3</pre>"
    )
    assert doc.paragraphs() == ["第一行", "第二行", "段落加粗续", "尾巴", "甲", "乙", "表头 数量", "规章 3"]


def test_script_style_and_noscript_are_dropped():
    doc = extract_html("<style>p{}</style><script>var a='年度报告';</script><noscript>请启用</noscript><p>正文</p>")
    assert doc.blocks == [text("正文")]


def test_caption_is_a_text_line_before_the_rows():
    doc = extract_html("<table><caption>表一</caption><tr><td>规章</td><td>1</td></tr></table>")
    assert doc.blocks == [text("表一"), row("规章", "1")]


# --- pages that are not reports -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, reason",
    [
        ("ruishu_challenge.html", "瑞数"),
        ("jiasule_challenge.html", "加速乐"),
        ("soft_404.html", "页面不存在"),
        ("no_text.html", "no visible text"),
    ],
)
def test_pages_that_are_not_reports(name, reason):
    with pytest.raises(UnreadableDocument, match=reason) as err:
        extract_file(FIXTURES / name)
    assert "\n" not in str(err.value)


def test_a_report_that_happens_to_carry_the_ruishu_script_is_read():
    page = "<script>$_ts=window['$_ts'];</script>" + "<p>" + "本年度政府信息公开工作情况。" * 40 + "</p>"
    assert len(extract_html(page).blocks) == 1


# --- real samples ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shanghai_2019():
    return extract_file(SAMPLES / "01_shanghai_szfbgt_2019.html")


@pytest.fixture(scope="module")
def shuyang_2023():
    return extract_file(SAMPLES / "23_shuyang-county-fgj-2023.html")


def test_sample_01_fragment_opens_with_title_and_date(shanghai_2019):
    assert shanghai_2019.paragraphs()[:3] == [
        "2019年上海市人民政府办公厅政府信息公开工作年度报告",
        "发布日期：2020-01-31",
        shanghai_2019.paragraphs()[2],
    ]
    assert shanghai_2019.paragraphs()[3] == "一、总体情况"


def test_sample_01_tables_as_printed(shanghai_2019):
    table = rows(shanghai_2019)
    assert ["规章", "13", "13", "524"] in table
    assert ["政府集中采购", "6", "251000元"] in table
    assert ["一、本年新收政府信息公开申请数量", "821", "35", "", "", "2", "1", "859"] in table
    assert ["三、本年度办理结果", "（一）予以公开", "258", "12", "", "", "1", "1", ""] in table
    assert ["（三）不予公开", "1.属于国家秘密", "14", "", "", "", "", "", ""] in table
    assert ["（七）总计", "767", "35", "", "", "2", "1", "805"] in table
    assert ["四、结转下年度继续办理", "72", "", "", "", "", "", "72"] in table
    assert table[-1] == ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]
    assert len(table) == 18 + 26 + 4  # 2019 template: 其他处理 is one row


def test_sample_23_tables_as_printed(shuyang_2023):
    table = rows(shuyang_2023)
    assert ["规范性文件", "8", "0", "18"] in table
    assert ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"] in table
    assert ["一、本年新收政府信息公开申请数量", "26", "", "", "", "", "", "26"] in table
    assert ["三、本年度办理结果", "（一）予以公开", "26", "", "", "", "", "", "26"] in table
    assert ["（七）总计", "26", "", "", "", "", "", "26"] in table
    assert table[-1] == ["0", "0", "0", "1", "1"] + ["0"] * 10
    assert len(table) == 14 + 28 + 4


def test_sample_23_keeps_the_report_and_drops_crawler_header_and_site_chrome(shuyang_2023):
    assert shuyang_2023.paragraphs()[:3] == [
        "沭阳县发展和改革局2023年政府信息公开年度报告",
        "公开日期：2024-01-17",
        shuyang_2023.paragraphs()[2],
    ]
    assert shuyang_2023.paragraphs()[-2:] == ["沭阳县发展和改革局", "2024年1月17日"]
    page = shuyang_2023.text()
    for chrome in ("采集时间", "2025-12-30", "繁體版", "智能问答", "索引号", "政府信息公开\n"):
        assert chrome not in page
    assert shuyang_2023.meta["published_at"] == "2024-01-17"


def test_sample_23_heading_split_over_spans_precedes_table_3(shuyang_2023):
    heading = position(shuyang_2023, text("三、收到和处理政府信息公开申请情况"))
    corner = next(i for i, b in enumerate(shuyang_2023.blocks) if b.table and "勾稽关系" in b.cells[0])
    assert heading < corner
    assert not any(b.table for b in shuyang_2023.blocks[heading + 1 : corner])


# --- end to end through the record builder ------------------------------------------------------


def parsed(name: str) -> dict:
    return parse_bytes((FIXTURES / name).read_bytes(), "x.html")


def test_trs_article_record():
    record = parsed("trs_article_2021.html")
    assert (record["agency"], record["year"], record["format"]) == ("临江区财政局", 2023, "2021")
    assert record["published_at"] == "2024-01-26"
    assert record["period"] == ["2023-01-01", "2023-12-31"]
    assert record["sections_found"] == [1, 2, 3, 4, 5, 6]
    cells = flat_cells(record)
    assert {key: cells.get(key) for key in TRS_CELLS} == TRS_CELLS


TRS_CELLS = {
    "active.regulations.issued": 1,
    "active.regulations.repealed": 0,
    "active.regulations.in_force": 5,
    "active.normative_documents.issued": 12,
    "active.normative_documents.repealed": 3,
    "active.normative_documents.in_force": 47,
    "active.licensing.decisions": 12,
    "active.punishment.decisions": 38,
    "active.coercion.decisions": None,
    "active.fees.amount": 2.5,
    "requests.new_received.natural_person": 40,
    "requests.new_received.commercial": 6,
    "requests.new_received.research": None,
    "requests.new_received.social_welfare": 1,
    "requests.new_received.legal_services": 2,
    "requests.new_received.other_org": None,
    "requests.new_received.total": 49,
    "requests.carried_over.natural_person": 3,
    "requests.carried_over.commercial": None,
    "requests.carried_over.research": None,
    "requests.carried_over.social_welfare": None,
    "requests.carried_over.legal_services": None,
    "requests.carried_over.other_org": None,
    "requests.carried_over.total": 3,
    "requests.granted.natural_person": 20,
    "requests.granted.commercial": 3,
    "requests.granted.research": None,
    "requests.granted.social_welfare": 1,
    "requests.granted.total": 24,
    "requests.partially_granted.natural_person": 2,
    "requests.partially_granted.commercial": 1,
    "requests.partially_granted.total": 3,
    "requests.withheld_state_secret.natural_person": 0,
    "requests.withheld_third_party.natural_person": 2,
    "requests.withheld_third_party.total": 2,
    "requests.unavailable_not_held.natural_person": 8,
    "requests.unavailable_not_held.commercial": 2,
    "requests.unavailable_not_held.total": 10,
    "requests.not_processed_duplicate.natural_person": 4,
    "requests.not_processed_duplicate.total": 4,
    "requests.other_no_correction.natural_person": 1,
    "requests.other_no_correction.total": 1,
    "requests.other_unpaid_fee.total": 0,
    "requests.other_other.total": 0,
    "requests.total_processed.natural_person": 37,
    "requests.total_processed.commercial": 6,
    "requests.total_processed.social_welfare": 1,
    "requests.total_processed.total": 44,
    "requests.carried_forward.natural_person": 6,
    "requests.carried_forward.legal_services": 2,
    "requests.carried_forward.total": 8,
    "appeals.review.upheld": 1,
    "appeals.review.corrected": 0,
    "appeals.review.pending": 1,
    "appeals.review.total": 2,
    "appeals.litigation_direct.corrected": 1,
    "appeals.litigation_direct.total": 1,
    "appeals.litigation_after_review.total": 0,
}


def test_trs_article_blank_row_is_not_missing():
    record = parsed("trs_article_2021.html")
    assert "coercion" in record["active"]
    assert not [f for f in record["findings"] if f["code"] == "missing_rows"]


def test_nested_layout_record():
    record = parsed("nested_layout_gb2312.html")
    assert (record["agency"], record["year"], record["format"]) == ("临江镇人民政府", 2023, "2021")
    assert record["published_at"] == "2024-01-20"
    cells = flat_cells(record)
    assert {key: cells.get(key) for key in NESTED_CELLS} == NESTED_CELLS


NESTED_CELLS = {
    "active.regulations.issued": None,
    "active.regulations.in_force": None,
    "active.normative_documents.issued": 2,
    "active.normative_documents.repealed": 1,
    "active.normative_documents.in_force": 9,
    "active.licensing.decisions": 156,
    "active.punishment.decisions": 7,
    "active.coercion.decisions": 0,
    "active.fees.amount": 0,
    "appeals.review.upheld": 3,
    "appeals.review.corrected": 1,
    "appeals.review.other": 0,
    "appeals.review.pending": None,
    "appeals.review.total": 4,
    "appeals.litigation_direct.upheld": 2,
    "appeals.litigation_direct.pending": 1,
    "appeals.litigation_direct.total": 3,
    "appeals.litigation_after_review.upheld": 1,
    "appeals.litigation_after_review.total": 1,
}


@pytest.mark.parametrize("depth", [1_000, 2_000])
def test_a_page_nested_thousands_of_levels_deep_is_read_like_a_flat_one(seeds, depth):
    from hostile.bombs import html_nested

    body = "".join(f"<p>{line}</p>" for line in seeds[0].read_text().splitlines() if "\t" not in line)
    flat = parse_bytes(html_nested(0, body), "a.html")
    deep = parse_bytes(html_nested(depth, body), "a.html")
    assert (deep["agency"], deep["text"]) == (flat["agency"], flat["text"]) and flat["agency"] == "西夏区信访局"


def test_a_page_nested_past_libxml2s_limit_is_too_complex_not_silently_cut():
    from hostile.bombs import html_nested

    with pytest.raises(UnreadableDocument, match="nested deeper") as refused:
        parse_bytes(html_nested(5_000, "<p>政府信息公开工作年度报告</p>"), "a.html")
    assert refused.value.outcome == "too_complex"


@settings(max_examples=200)
@given(
    st.text(alphabet=" \t\n\u3000\xa0\x1c\0<>p年报总计", max_size=12),
    st.text(alphabet=" \t\n\u3000\xa0\x1c\0<>p年报总计", max_size=12),
    st.sampled_from(["utf-8", "gb18030"]),
)
def test_a_page_given_to_libxml2_as_its_own_bytes_is_the_page_decoded_and_encoded_again(head, tail, codec):
    """A UTF-8 page skips encoding again only where that changes no byte libxml2 reads."""
    data = f"{head}<html><body><p>一、总体情况</p></body></html>{tail}".encode(codec)
    html, encoding = decode_html_as(data)
    assert from_html._utf8_source(data, html, encoding) == html.strip().replace("\0", "").encode("utf-8")
