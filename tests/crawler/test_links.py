"""Link finding on frozen list and article pages (crawler/links.py)."""

import pytest
from nianbao.crawler.links import (
    attachment_links,
    column_links,
    is_article_url,
    link_title,
    listed_date,
    report_entries,
    title_kind,
)
from parsel import Selector

LIST = """<html><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a></div>
<ul class="list">
 <li class="top"><a href="./201901/t20190101_1.html">西夏区政府信息公开指南</a><span>2019-01-01</span></li>
 <li><a href="./202501/t20250120_123456.html" title="西夏区信访局2024年政府信息公开工作年度报告">西夏区信访局2024年政府信息公...</a>
     <span class="date">2025-01-20</span></li>
 <li><a href="./202501/t20250121_2.html">2024年政府网站工作年度报表</a><span>2025-01-21</span></li>
 <li><a href="./202502/t20250201_3.html">西夏区2024年法治政府建设年度报告</a><span>2025-02-01</span></li>
 <li><a href="./202503/t20250301_4.html">银川市住房公积金2024年年度报告</a><span>2025/03/01</span></li>
 <li><a href="./202501/t20250120_123456.html">西夏区信访局2024年政府信息公...</a></li>
 <li><a href="javascript:void(0)">2024年政府信息公开工作年度报告</a></li>
</ul></body></html>"""


def test_report_entries_take_full_titles_dates_and_mark_lookalikes():
    entries = report_entries(Selector(text=LIST), "http://127.0.0.1/xxgk/xxgknb/index.html")
    by_url = {e.url.rsplit("/", 1)[-1]: e for e in entries}
    assert set(by_url) == {"t20250120_123456.html", "t20250121_2.html", "t20250201_3.html", "t20250301_4.html"}
    report = by_url["t20250120_123456.html"]
    assert report.title == "西夏区信访局2024年政府信息公开工作年度报告"
    assert report.url == "http://127.0.0.1/xxgk/xxgknb/202501/t20250120_123456.html"
    assert (report.kind, report.listed_date) == ("report", "2025-01-20")
    assert [by_url[k].kind for k in ("t20250121_2.html", "t20250201_3.html", "t20250301_4.html")] == ["lookalike"] * 3
    assert by_url["t20250301_4.html"].listed_date == "2025-03-01"


@pytest.mark.parametrize(
    "title, kind",
    [
        ("西夏区信访局2024年政府信息公开工作年度报告", "report"),
        ("宁夏回族自治区人民政府2023年政务公开工作年度报告", "report"),
        ("西夏区民政局2024年信息公开年报", "report"),
        ("西夏区信访局2024年政府信息公...", "report"),
        ("2024年政府网站工作年度报表", "lookalike"),
        ("西夏区2024年法治政府建设年度报告", "lookalike"),
        ("西夏区财政局2024年部门决算", "lookalike"),
        ("政府信息公开指南", None),
        ("政府信息公开年报", None),  # a column's name: no year
    ],
)
def test_title_kind(title, kind):
    assert title_kind(title) == kind


def test_link_title_prefers_the_uncut_title_attribute():
    anchor = Selector(text='<a href="x" title="某局2024年政府信息公开工作年度报告">某局2024年政府…</a>').css("a")[0]
    assert link_title(anchor) == "某局2024年政府信息公开工作年度报告"


def test_column_links_by_name_and_slug():
    page = Selector(
        text="""<a href="/zfxxgk/zfxxgkzn/">政府信息公开指南</a><a href="/zfxxgk/zfxxgknb/">政府信息公开年报</a>
        <a href="/col/col1234/index.html">政府信息公开工作年度报告</a><a href="/xxgk/gknb2023/">2023年</a>
        <a href="/zfxxgk/zfxxgknb/202501/t20250120_1.html">某局2024年政府信息公开工作年度报告</a>"""
    )
    assert column_links(page, "http://h/zfxxgk/") == [
        "http://h/zfxxgk/zfxxgknb/",
        "http://h/col/col1234/index.html",
        "http://h/xxgk/gknb2023/",
    ]


def test_attachment_links_of_every_kind():
    page = Selector(
        text="""<div class="TRS_Editor"><p>点击查看附件</p></div>
        <a href="./P020250120123456.pdf">西夏区信访局2024年政府信息公开工作年度报告.pdf</a>
        <a href="/module/download/downfile.jsp?classid=0&filename=abc123.pdf">附件1</a>
        <a href="/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=1&wbfileid=9">附件：年度报告</a>
        <a href="./stats.xls">统计表.xls</a><a href="./fund.pdf">住房公积金2024年年度报告.pdf</a>
        <iframe src="/pdfjs/web/viewer.html?file=/attach/r.pdf"></iframe>"""
    )
    found = attachment_links(page, "http://h/xxgk/202501/t20250120_1.html")
    assert [(a.url, a.name) for a in found] == [
        ("http://h/xxgk/202501/P020250120123456.pdf", "西夏区信访局2024年政府信息公开工作年度报告.pdf"),
        ("http://h/module/download/downfile.jsp?classid=0&filename=abc123.pdf", "abc123.pdf"),
        ("http://h/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=1&wbfileid=9", "download.jsp"),
        ("http://h/attach/r.pdf", "r.pdf"),
    ]


def test_article_urls_of_the_cms_families():
    assert is_article_url("http://h/zfxxgk/202501/t20250120_123456.html")
    assert is_article_url("http://h/art/2025/1/31/art_1234_5678.html")
    assert is_article_url("http://h/gkmlpt/content/9/9103/post_9103540.html")
    assert is_article_url("http://h/info/1085/19513.htm")
    assert not is_article_url("http://h/zfxxgk/zfxxgknb/index_1.html")


def test_listed_date_forms():
    assert listed_date("[2025年1月2日]") == "2025-01-02"
    assert listed_date("2025.01.20 10:00") == "2025-01-20"
    assert listed_date("no date") is None
