"""Each portal style answers as shared/spec/portals.md says real portals do."""

import json
import re
import urllib.parse
from email.message import Message

from nianbao.replica.defences import JSL_COOKIE, WAF_COOKIE


def test_trs_pagination_is_only_in_the_create_page_script_and_past_the_end_is_a_stub(fetch):
    status, _, body = fetch("/trs/zfxxgk/zfxxgknb/index.html")
    page = body.decode()
    count = int(re.search(r'createPageHTML\((\d+), 0, "index", "html"\)', page).group(1))
    assert status == 200 and count >= 2
    assert "index_1.html" not in page.split("<script language")[0]  # no plain link to the next page
    assert "【置顶】" in page
    assert re.search(r'href="\./\d{6}/t\d{8}_\d{6}\.html" title="[^"]+年度报告', page)
    last = fetch(f"/trs/zfxxgk/zfxxgknb/index_{count - 1}.html")[2].decode()
    assert "【置顶】" in last and "<li><a" in last
    status, _, stub = fetch(f"/trs/zfxxgk/zfxxgknb/index_{count}.html")
    assert status == 200 and len(stub) < 300 and b"<li" not in stub


def test_trs_article_has_meta_tags_info_table_and_body(replica, fetch):
    report = next(r for r in replica.truth()["reports"] if r["id"] == "lj-wjw-2023")
    page = fetch(report["url"])[2].decode()
    for name in ("ArticleTitle", "PubDate", "ContentSource", "ColumnName"):
        assert f'<meta name="{name}"' in page
    assert f'content="{report["published_at_printed"]}"' in page
    assert "索　引　号" in page and "发布日期" in page and 'class="TRS_Editor"' in page
    assert 'rowspan="22"' in page and "&nbsp;" not in page  # a clean report prints every zero


def test_trs_chrome_changes_on_every_request_and_the_alias_serves_the_same_article(replica, fetch):
    chrome = next(r for r in replica.truth()["reports"] if r["id"] == "lj-gov-2024")
    first, second = fetch(chrome["url"])[2], fetch(chrome["url"])[2]
    assert first != second and "浏览次数" in first.decode()
    assert fetch(chrome["url"])[1]["ETag"] is None
    alias = next(r for r in replica.truth()["reports"] if r["aliases"])
    assert alias["aliases"][0].endswith(".shtml")
    assert fetch(alias["aliases"][0])[2] == fetch(alias["url"])[2]


def test_static_pages_answer_conditional_gets(replica, fetch):
    report = next(r for r in replica.truth()["reports"] if r["id"] == "lj-wjw-2023")
    status, headers, _ = fetch(report["url"])
    assert status == 200 and headers["Last-Modified"]
    assert fetch(report["url"], headers={"If-None-Match": headers["ETag"]})[0] == 304


def test_503_with_retry_after_recovers_on_the_next_try(replica, fetch):
    report = next(r for r in replica.truth()["reports"] if r["id"] == "lj-jyj-2023")
    status, headers, _ = fetch(report["url"])
    assert status == 503 and headers["Retry-After"] == "1"
    assert fetch(report["url"])[0] == 200


def test_robots_txt_disallows_the_subtree_holding_a_report(replica, fetch):
    robots = fetch("/robots.txt")[2].decode()
    hidden = [r for r in replica.truth()["reports"] if not r["fetchable"]]
    assert len(hidden) == 1 and not hidden[0]["in_registry"]
    path = urllib.parse.urlsplit(hidden[0]["url"]).path
    assert any(
        path.startswith(line.split(":", 1)[1].strip()) for line in robots.splitlines() if line.startswith("Disallow")
    )


def test_oversized_attachment_advertises_200_mb_without_making_it(replica, fetch):
    truth = replica.truth()
    big = next(n for n in truth["not_reports"] if "oversized" in n["why"])
    status, headers, _ = fetch_head(replica, big["url"])
    assert status == 200 and int(headers["Content-Length"]) == 200 * 1024 * 1024


def fetch_head(replica, url):
    import urllib.request

    with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10) as answer:
        return answer.status, answer.headers, answer.read()


def test_soft_404_is_a_200_saying_the_page_does_not_exist(replica, fetch):
    gone = next(n for n in replica.truth()["not_reports"] if "soft 404" in n["why"])
    status, _, body = fetch(gone["url"])
    assert status == 200 and "您访问的页面不存在" in body.decode()


def test_hanweb_datastore_then_dataproxy_with_the_rest(fetch):
    page = fetch("/hanweb/col/col1234/index.html")[2].decode()
    store = re.search(r'<script type="text/xml"><datastore>(.*?)</datastore></script>', page, re.S).group(1)
    first = re.findall(r"<record><!\[CDATA\[<li><a href=\"([^\"]+)\" title=", store)
    total = int(re.search(r"totalRecord: (\d+)", page).group(1))
    assert len(first) == 15 < total
    form = urllib.parse.urlencode({"col": 1, "appid": 1, "webid": 4, "columnid": 1234, "unitid": 5678}).encode()
    rest = []
    for start in range(16, total + 1, 15):
        proxy = f"/hanweb/module/web/jpage/dataproxy.jsp?startrecord={start}&endrecord={start + 14}&perpage=15"
        status, headers, xml = fetch(proxy, data=form)
        assert status == 200 and "xml" in headers["Content-Type"]
        assert f"<totalrecord>{total}</totalrecord>" in xml.decode()
        rest += re.findall(r'<a href="([^"]+)"', xml.decode())
    assert len(first) + len(rest) == total and not set(first) & set(rest)
    assert all(re.fullmatch(r"/hanweb/art/\d{4}/\d{1,2}/\d{1,2}/art_1234_\d+\.html", u) for u in first + rest)


def test_hanweb_attachment_redirects_from_downfile_to_attach(replica, fetch):
    report = next(r for r in replica.truth()["reports"] if r["portal"] == "东湖市人民政府" and r["attachments"])
    status, headers, _ = fetch(report["attachments"][0])
    assert status == 302 and headers["Location"].startswith("/hanweb/attach/0/")
    status, headers, data = fetch(headers["Location"])
    assert status == 200 and data.startswith(b"%PDF")
    assert "ZJEG_RSS.content.begin" in fetch(report["url"])[2].decode()


def test_gkmlpt_json_api_pages_each_department(fetch):
    index = fetch("/gkmlpt/index")[2].decode()
    tree = json.loads(re.search(r"window.TREE = (.*);", index).group(1))
    sid = re.search(r'SID: "(\d+)"', index).group(1)
    seen = 0
    for column in tree:
        listed = json.loads(fetch(f"/gkmlpt/api/all/{column['id']}?page=1&sid={sid}")[2])
        count = listed["classify"]["post_count"]
        articles = list(listed["articles"])
        page = 2
        while len(articles) < count:
            articles += json.loads(fetch(f"/gkmlpt/api/all/{column['id']}?page={page}&sid={sid}")[2])["articles"]
            page += 1
        assert {"title", "url", "created_at", "identifier", "publisher", "attachment"} <= set(articles[0])
        assert all(re.search(r"/gkmlpt/content/\d/\d{4}/post_\d{7}\.html$", a["url"]) for a in articles)
        seen += count
    assert seen > 20
    assert fetch("/gkmlpt/api/all/2844?page=1&sid=0")[0] == 404


def test_vsb_is_gbk_with_the_charset_only_in_meta_and_pages_count_down(fetch):
    status, headers, body = fetch("/vsb/xxgk/zfxxgknb/list.htm")
    assert status == 200 and "charset" not in headers["Content-Type"]
    page = body.decode("gbk")
    pages = int(re.search(r"1/(\d+)</span>", page).group(1))
    assert "charset=gbk" in page and pages > 2
    assert f'href="list/{pages - 1}.htm">下页' in page and 'href="list/1.htm">尾页' in page
    older = fetch(f"/vsb/xxgk/zfxxgknb/list/{pages - 1}.htm")[2].decode("gbk")
    assert f'href="{pages - 2}.htm">下页' in older and "../../../info/1085/" in older
    last = fetch("/vsb/xxgk/zfxxgknb/list/1.htm")[2].decode("gbk")
    assert f"{pages}/{pages}</span>" in last and "下页</a>" not in last


def test_vsb_attachment_has_no_extension_and_a_gbk_file_name(replica, fetch):
    report = next(r for r in replica.truth()["reports"] if r["portal"] == "青石县人民政府" and r["format"] == "docx")
    url = report["attachments"][0]
    assert not re.search(r"\.(pdf|docx?)\b", url)  # nothing in the URL says what the file is
    status, headers, data = fetch(url)
    disposition = Message()
    disposition["Content-Disposition"] = headers["Content-Disposition"]
    name = urllib.parse.unquote(disposition.get_param("filename", header="Content-Disposition"), encoding="gbk")
    assert status == 200 and name == report["title"] + ".docx" and data.startswith(b"PK")


def test_defences(fetch):
    status, headers, body = fetch("/rs/zwgk/xxgknb/index.html")
    assert status == 412 and b"$_ts=window['$_ts']" in body and headers["Set-Cookie"].split("=")[0].endswith("S")
    status, _, body = fetch("/jsl/xxgk/nb/list.html?page=1")
    cookie = re.search(r"document.cookie='([^;]+);", body.decode()).group(1)
    assert status == 521 and cookie.startswith(JSL_COOKIE + "=")
    status, _, body = fetch("/jsl/xxgk/nb/list.html?page=1", headers={"Cookie": cookie})
    assert status == 200 and "下一页" in body.decode()
    status, headers, _ = fetch("/waf/gknb/list.html?page=1")
    assert status == 302 and headers["Location"] == "/waf/gknb/list.html?page=1"
    cookie = headers["Set-Cookie"].split(";")[0]
    assert cookie.startswith(WAF_COOKIE) and fetch("/waf/gknb/list.html?page=1", headers={"Cookie": cookie})[0] == 200
    assert fetch("/dead/xxgk/xxgknb/")[0] == 404


def test_slow_page_waits(replica, fetch):
    import time

    report = next(r for r in replica.truth()["reports"] if r["id"] == "dh-mzj-2024")
    start = time.monotonic()
    assert fetch(report["url"])[0] == 200
    assert time.monotonic() - start >= 0.3


def test_state_endpoint_moves_the_replica_to_state_2(replica, fetch):
    assert json.loads(fetch("/-/state")[2]) == {"state": 1}
    assert fetch("/-/state/3", data=b"")[0] == 400
    assert json.loads(fetch("/-/state/2", data=b"")[2]) == {"state": 2}
    assert replica.state == 2
    replica.set_state(1)
