"""Pagination of every common kind on frozen pages (crawler/pagination.py)."""

import json

from nianbao.crawler.pagination import (
    gkmlpt_api_urls,
    gkmlpt_page,
    hanweb_datastore,
    hanweb_proxy_url,
    hanweb_ranges,
    next_links,
    trs_pages,
    vsb_pages,
)
from parsel import Selector


def test_trs_create_page_html_declares_every_page():
    text = '<script>createPageHTML(3, 0, "index", "html");</script>'
    assert trs_pages(text, "http://h/xxgk/nb/index.html") == [
        "http://h/xxgk/nb/index.html",
        "http://h/xxgk/nb/index_1.html",
        "http://h/xxgk/nb/index_2.html",
    ]
    assert trs_pages("var countPage = 2//共多少页", "http://h/xxgk/nb/") == [
        "http://h/xxgk/nb/index.html",
        "http://h/xxgk/nb/index_1.html",
    ]
    assert trs_pages("<p>no script</p>", "http://h/") == []


def test_next_and_pager_links():
    page = Selector(
        text="""<div class="page"><a href="list.html?page=1">首页</a><a href="list.html?page=2">2</a>
        <a href="list.html?page=3">3</a><a href="list.html?page=2">下一页</a><a href="javascript:;">尾页</a></div>
        <a href="/other.html">3</a>"""
    )
    assert next_links(page, "http://h/xxgk/list.html?page=1") == [
        "http://h/xxgk/list.html?page=2",
        "http://h/xxgk/list.html?page=3",
    ]


def test_vsb_pages_count_down_from_the_highest_linked():
    page = Selector(text='<span class="p_next"><a href="list/4.htm">下页</a></span><a href="list/4.htm">2</a>')
    assert vsb_pages(page, "http://h/xxgk/zfxxgknb/list.htm") == [
        "http://h/xxgk/zfxxgknb/list/4.htm",
        "http://h/xxgk/zfxxgknb/list/3.htm",
        "http://h/xxgk/zfxxgknb/list/2.htm",
        "http://h/xxgk/zfxxgknb/list/1.htm",
    ]


HANWEB = """<div id="4567"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3&path=/&columnid=1234&unitid=5678&webname=东湖市&permissiontype=0"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2025/1/31/art_1234_1.html" title="东湖市财政局2024年政府信息公开工作年度报告">东湖市财政局...</a><span>2025-01-31</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2025/1/30/art_1234_2.html">东湖市2024年政府网站工作年度报表</a><span>2025-01-30</span></li>]]></record>
</recordset><totalrecord>50</totalrecord></datastore></script></div>
<script>var obj = {perpage: 2}</script>"""


def test_hanweb_datastore_and_dataproxy_ranges():
    store = hanweb_datastore(HANWEB, "http://h/col/col1234/index.html")
    assert len(store.records) == 2 and store.total == 50 and store.per_page == 2
    assert store.proxy_url == "http://h/module/web/jpage/dataproxy.jsp"
    assert store.form["columnid"] == "1234" and store.form["unitid"] == "5678" and store.form["webid"] == "3"
    ranges = hanweb_ranges(store)
    assert ranges[0] == {"startrecord": 3, "endrecord": 8, "perpage": 2}
    assert ranges[-1]["endrecord"] == 50 and len(ranges) == 8
    assert hanweb_proxy_url(store, ranges[0]).endswith("dataproxy.jsp?startrecord=3&endrecord=8&perpage=2")
    assert hanweb_datastore("<p>plain</p>", "http://h/") is None


def test_gkmlpt_tree_and_json_pages():
    index = (
        'window.TREE = [{"id": 9103, "name": "财政局", "children": [{"id": 9104, "name": "x"}]}]; window.SID = "gd01";'
    )
    assert gkmlpt_api_urls(index, "http://h/gkmlpt/index") == [
        "http://h/gkmlpt/api/all/9103?page=1&sid=gd01",
        "http://h/gkmlpt/api/all/9104?page=1&sid=gd01",
    ]
    body = json.dumps({"classify": {"post_count": 12}, "articles": [{"title": "t", "url": "/a"}] * 5})
    page = gkmlpt_page(body, "http://h/gkmlpt/api/all/9103?page=1&sid=gd01")
    assert page.total == 12 and len(page.articles) == 5
    assert page.page_urls == [
        "http://h/gkmlpt/api/all/9103?page=2&sid=gd01",
        "http://h/gkmlpt/api/all/9103?page=3&sid=gd01",
    ]
    assert gkmlpt_page(body, "http://h/gkmlpt/api/all/9103?page=2&sid=gd01").page_urls == []


def test_hanweb_jpage_script_gives_the_proxy_total_and_form():
    text = """<div id="5678"><script type="text/xml"><datastore><recordset>
    <record><![CDATA[<li><a href="/hanweb/art/2024/1/28/art_1234_1.html">x</a></li>]]></record>
    </recordset></datastore></script></div>
    <script>$('#5678').jpage({proxyUrl: '/hanweb/module/web/jpage/dataproxy.jsp', perPage: 15, totalRecord: 24,
    ajaxParam: {col: 1, appid: 1, webid: 4, path: '/', columnid: 1234, unitid: '5678', webname: '东湖市人民政府'}});</script>"""
    store = hanweb_datastore(text, "http://h/hanweb/col/col1234/index.html")
    assert store.proxy_url == "http://h/hanweb/module/web/jpage/dataproxy.jsp"
    assert (store.total, store.per_page) == (24, 15)
    assert store.form == {
        "col": "1",
        "appid": "1",
        "webid": "4",
        "path": "/",
        "columnid": "1234",
        "unitid": "5678",
        "webname": "东湖市人民政府",
    }
    assert hanweb_ranges(store) == [{"startrecord": 2, "endrecord": 24, "perpage": 15}]
