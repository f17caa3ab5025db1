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


LAYOUT = """<html><body><table><tr><td><table><tr><td>
<table class="info"><tr><td><b>索</b>引号</td><td>000014349/2025-01012</td>
<td><span>发布机构:</span></td><td>东湖市民政局</td></tr>
<tr><td>发布<span>日期</span>：</td><td>2025年1月23日</td></tr></table>
<table><tr><td>行政机关不再处理其政府信息公开申请</td><td>3</td></tr><tr><td>发布时间</td></tr></table>
</td></tr></table></td></tr></table></body></html>"""


def test_an_info_table_deep_in_layout_tables_with_labels_in_pieces():
    """The labels are found in cells nested in layout cells that hold the whole page, and in pieces
    (<b>索</b>引号, 发布<span>日期</span>); a label cell with no value after it gives nothing."""
    found = page_metadata(Selector(text=LAYOUT))
    assert found == {"index_no": "000014349/2025-01012", "source": "东湖市民政局", "published_at": "2025-01-23"}
