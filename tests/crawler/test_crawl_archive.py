"""A crawled article page and its attachments become one report (nianbao/crawl_archive.py), on a real
SQLite archive with the real parser."""

from pathlib import Path

import pytest
from nianbao.db import open_db

from nianbao.crawl_archive import Fetched, archive_crawled

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGE_URL = "http://127.0.0.1/xxgk/202501/t20250120_1.html"
STUB = """<html><head><meta name="ArticleTitle" content="西夏区信访局2024年政府信息公开工作年度报告">
<meta name="PubDate" content="2025-01-20 09:00"></head><body>
<div class="TRS_Editor"><p>点击查看附件：<a href="./P020250120.docx">西夏区信访局2024年政府信息公开工作年度报告.docx</a></p></div>
</body></html>""".encode()


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "a.db")
    yield database
    database.close()


def page(body=STUB, **meta) -> Fetched:
    default = {"title": "西夏区信访局2024年政府信息公开工作年度报告", "published_at": "2025-01-20"}
    return Fetched(url=PAGE_URL, body=body, content_type="text/html", name="t20250120_1.html", meta=meta or default)


def attachment(path: Path, url: str) -> Fetched:
    return Fetched(url=url, body=path.read_bytes(), name=path.name, referer=PAGE_URL)


def test_an_attachment_only_report_is_one_report_at_the_page_url(db):
    docx = attachment(FIXTURES / "docx" / "report_2021.docx", "http://127.0.0.1/xxgk/202501/P020250120.docx")
    archived = archive_crawled(db, page(), [docx], portal="西夏区", region="宁夏/银川/西夏区", run_id=None)
    assert archived.outcome == "new"
    report = db["reports"].get(archived.report_id)
    assert report["url"] == PAGE_URL
    assert report["published_at"] == "2025-01-20"
    assert report["title"] == "西夏区信访局2024年政府信息公开工作年度报告"
    assert (
        db.execute("SELECT count(*) FROM cells WHERE report_id = ? AND value IS NOT NULL", [report["id"]]).fetchone()[0]
        > 50
    )
    links = db.execute(
        "SELECT f.url, rf.role, f.role FROM report_fetches rf JOIN fetches f ON f.id = rf.fetch_id ORDER BY rf.role"
    ).fetchall()
    assert links == [(PAGE_URL, "article", "article"), (docx.url, "attachment", "attachment")]


def test_the_same_attachment_again_is_seen_not_doubled(db):
    docx = attachment(FIXTURES / "docx" / "report_2021.docx", "http://127.0.0.1/xxgk/202501/P020250120.docx")
    archive_crawled(db, page(), [docx], portal="西夏区", region=None, run_id=None)
    again = archive_crawled(db, page(), [docx], portal="西夏区", region=None, run_id=None)
    assert again.outcome == "seen"
    assert db["reports"].count == 1


def test_the_stub_page_alone_is_kept_as_a_fetch_with_its_reason(db):
    archived = archive_crawled(db, page(), [], portal="西夏区", region=None, run_id=None)
    assert archived.report_id is None and archived.outcome == "unreadable"
    fetch = db["fetches"].get(archived.fetch_id)
    assert (fetch["role"], fetch["portal"]) == ("article", "西夏区")
    assert "attachment" in fetch["reason"]


def test_an_unreadable_attachment_leaves_the_page_report_alone(db):
    broken = Fetched(
        url="http://127.0.0.1/x/broken.doc", body=(FIXTURES / "docx" / "damaged.doc").read_bytes(), name="broken.doc"
    )
    html = (FIXTURES / "html" / "trs_article_2021.html").read_bytes()
    archived = archive_crawled(db, page(html, title=""), [broken], portal="p", region=None, run_id=None)
    assert archived.outcome == "new"
    kept = db.execute("SELECT outcome FROM fetches WHERE url = ?", [broken.url]).fetchone()
    assert kept == ("unreadable",)
