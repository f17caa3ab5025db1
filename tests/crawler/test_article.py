"""Article page metadata on frozen pages (crawler/article.py)."""

from nianbao.crawler.article import page_metadata
from parsel import Selector

TRS = """<html><head><meta name="ArticleTitle" content="临江区财政局2024年政府信息公开工作年度报告">
<meta name="PubDate" content="2025-01-20 09:30"><meta name="ContentSource" content="临江区财政局"></head><body>
<table class="info"><tr><td>索　引　号：</td><td>11330000002482870U/2025-00012</td><td>发布机构：</td><td>临江区财政局</td></tr>
<tr><td>成文日期：</td><td>2025-01-18</td><td>发布日期：</td><td>2025-01-20</td></tr></table>
<div class="TRS_Editor">正文</div></body></html>"""

VISIBLE = """<html><head><title>某局年报_某区政府</title></head><body><h1>某局2024年政府信息公开工作年度报告</h1>
<div class="source">发布时间：2025年1月22日 来源：某区某局 浏览次数：1,234</div><div id="zoom">正文</div></body></html>"""


def test_meta_tags_and_info_table():
    assert page_metadata(Selector(text=TRS)) == {
        "title": "临江区财政局2024年政府信息公开工作年度报告",
        "published_at": "2025-01-20",
        "source": "临江区财政局",
        "index_no": "11330000002482870U/2025-00012",
    }


def test_visible_lines_when_no_meta_tags():
    found = page_metadata(Selector(text=VISIBLE))
    assert found["published_at"] == "2025-01-22"
    assert found["source"] == "某区某局"
    assert found["title"] == "某局2024年政府信息公开工作年度报告"
