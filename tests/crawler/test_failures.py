"""Failure modes the replica does not stage, on a small site on 127.0.0.1: timeouts, 403, WAF pages,
429 with Retry-After, 500s retried with backoff, 404 never retried, a charset header that lies; and page
chrome (counters, the date of the day, banners) that changes on every request."""

from __future__ import annotations

import sqlite3
import time
import urllib.request

import pytest
from localsite import FAST, Site, html, run_crawl
from nianbao.db import open_db
from nianbao.replica import start_replica

from nianbao.crawl_archive import Fetched, archive_crawled


@pytest.fixture(scope="module")
def report_page() -> bytes:
    """A report page as the replica renders it (UTF-8 HTML holding a whole report)."""
    replica = start_replica(port=0, state=1, slow_seconds=0.1)
    try:
        report = next(r for r in replica.truth()["reports"] if r["format"] == "html" and r["url"] == r["file_url"])
        return urllib.request.urlopen(report["url"]).read()
    finally:
        replica.stop()


def slow(handler):
    time.sleep(2)
    return html("<html>late</html>")


def once_then(first, then):
    calls = []

    def route(handler):
        calls.append(1)
        return first if len(calls) == 1 else then

    return route


def test_failures_are_classified_and_retried_as_they_deserve(tmp_path, report_page):
    gbk_page = report_page.decode("utf-8").replace('charset="utf-8"', "").replace("charset=utf-8", "").encode("gb18030")
    listed = {
        "/a/slow.html": slow,
        "/a/forbidden.html": html("<html>Forbidden</html>", 403),
        "/a/waf.html": html("<html><body>网站防火墙：您的访问被拦截</body></html>"),
        "/a/busy.html": once_then(
            html("<html>busy</html>", 429, **{"Retry-After": "1"}),
            (200, {"Content-Type": "text/html; charset=utf-8"}, report_page),
        ),
        "/a/gone.html": html("<html>no</html>", 404),
        "/a/error.html": html("<html>oops</html>", 500),
        "/a/lying.html": (200, {"Content-Type": "text/html; charset=utf-8"}, gbk_page),
    }
    items = "".join(
        f'<li><a href="{path}">某局{2018 + i}年政府信息公开工作年度报告</a><span>2025-01-2{i}</span></li>'
        for i, path in enumerate(listed)
    )
    site = Site(
        {
            "/robots.txt": html("User-agent: *\n"),
            "/list.html": html(f"<html><body><ul>{items}</ul></body></html>"),
            **listed,
        }
    )
    registry = tmp_path / "registry.toml"
    registry.write_text(f'[[portal]]\nname = "某区"\nstart_urls = ["{site.base_url}/list.html"]\n', encoding="utf-8")
    path = tmp_path / "archive.db"
    started = time.time()
    result = run_crawl(registry, path, settings=(*FAST, "DOWNLOAD_TIMEOUT=0.5", "RETRY_TIMES=1"))
    elapsed = time.time() - started
    site.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    db = sqlite3.connect(path)
    final = dict(db.execute("SELECT url, outcome FROM fetches WHERE role = 'article' ORDER BY id").fetchall())
    outcome = {url.rsplit("/", 1)[-1]: value for url, value in final.items()}
    assert outcome == {
        "slow.html": "timeout",
        "forbidden.html": "blocked",
        "waf.html": "blocked",
        "busy.html": "ok",
        "gone.html": "not_found",
        "error.html": "server_error",
        "lying.html": "ok",
    }
    served = [path for _, path in site.requests]
    assert served.count("/a/forbidden.html") == served.count("/a/gone.html") == served.count("/a/waf.html") == 1
    assert served.count("/a/error.html") == served.count("/a/busy.html") == 2  # retried once
    assert elapsed > 1  # the Retry-After second was waited
    agencies = {name for (name,) in db.execute("SELECT a.name FROM reports r JOIN agencies a ON a.id = r.agency_id")}
    assert len(agencies) == 1 and all("\ufffd" not in name for name in agencies)
    assert db.execute("SELECT count(*) FROM reports").fetchone() == (1,)  # the GBK page is the same report


def test_page_chrome_makes_no_new_version(tmp_path, report_page):
    """The same report under a changing view counter (with thousands separators), today's date, a rotating
    banner and a new related-links box: one report, seen again."""
    text = report_page.decode("utf-8")
    db = open_db(tmp_path / "a.db")
    results = []
    for views, day, banner in ((987, "2026年12月3日", "学习贯彻"), (12345, "2026年12月4日", "优化营商环境")):
        chrome = f'<div class="banner">{banner}</div><div>今天是{day} 星期四</div><div>浏览次数：{views:,}</div>'
        related = f'<div class="related"><a href="/x{views}.html">某局{views}号通知</a></div>'
        body = text.replace("<body>", f"<body>{chrome}", 1).replace("</body>", f"{related}</body>", 1).encode()
        page = Fetched(url="http://127.0.0.1/a/t20250120_1.html", body=body, content_type="text/html", name="t.html")
        results.append(archive_crawled(db, page, [], portal="p", region=None, run_id=None))
    assert [r.outcome for r in results] == ["new", "seen"]
    assert db["reports"].count == 1


@pytest.mark.parametrize("obey, fetched", [(True, False), (False, True)])
def test_robots_txt_is_obeyed_unless_the_portal_says_not(tmp_path, obey, fetched):
    page = html("<html><body><h1>某局2024年政府信息公开工作年度报告</h1></body></html>")
    site = Site(
        {
            "/robots.txt": html("User-agent: *\nDisallow: /private/\n"),
            "/list.html": html('<ul><li><a href="/private/a.html">某局2024年政府信息公开工作年度报告</a></li></ul>'),
            "/private/a.html": page,
        }
    )
    registry = tmp_path / "registry.toml"
    override = "" if obey else "obey_robots = false\n"
    registry.write_text(
        f'[[portal]]\nname = "某区"\nstart_urls = ["{site.base_url}/list.html"]\n{override}', encoding="utf-8"
    )
    result = run_crawl(registry, tmp_path / "a.db")
    site.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    assert (("GET", "/private/a.html") in site.requests) is fetched
    outcome = (
        sqlite3.connect(tmp_path / "a.db")
        .execute("SELECT outcome FROM fetches WHERE url LIKE '%/private/a.html'")
        .fetchone()
    )
    assert outcome == (("unreadable",) if fetched else ("disallowed",))
