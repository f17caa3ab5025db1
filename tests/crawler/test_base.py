"""The spider's helpers and the settings it relies on (crawler/spiders/base.py, crawler/settings.py)."""

from urllib.parse import quote

from nianbao.crawler.spiders.base import apply_politeness, created_date, disposition_name, site_spiders
from scrapy.http import Response
from scrapy.settings import Settings

from nianbao.registry import parse_registry

REGISTRY = """[settings]
contact = "https://example.org/nianbao"
[[portal]]
name = "甲"
start_urls = ["http://a.gov.cn/xxgk/"]
delay = 3
concurrency = 1
[[portal]]
name = "乙"
start_urls = ["http://a.gov.cn/other/", "http://b.gov.cn/"]
delay = 5
"""


def project_settings() -> Settings:
    settings = Settings()
    settings.setmodule("nianbao.crawler.settings", priority="project")
    return settings


def test_the_project_settings_are_polite_and_wired():
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1 and settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert settings.getbool("COOKIES_ENABLED") and 404 not in settings.getlist("RETRY_HTTP_CODES")
    assert "nianbao" in settings.get("USER_AGENT")
    assert settings.getdict("ITEM_PIPELINES") == {"nianbao.crawler.pipelines.ArchivePipeline": 300}
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
    assert "nianbao.crawler.middlewares.PatientRetryMiddleware" in middlewares
    assert settings.get("SCHEDULER") and settings.get("DUPEFILTER_CLASS")


def test_portal_delays_become_download_slots_and_the_contact_the_user_agent():
    settings = project_settings()
    registry = parse_registry(REGISTRY)
    apply_politeness(settings, registry, registry.portals)
    assert settings.getdict("DOWNLOAD_SLOTS") == {
        "a.gov.cn": {"delay": 5.0, "concurrency": 1},
        "b.gov.cn": {"delay": 5.0},
    }
    assert settings.get("USER_AGENT") == "nianbao/0.1 (+https://example.org/nianbao)"


def test_file_names_from_content_disposition():
    gbk = quote("年度报告.pdf".encode("gbk"))
    response = Response("http://h/download.jsp", headers={"Content-Disposition": f'attachment; filename="{gbk}"'})
    assert disposition_name(response) == "年度报告.pdf"
    utf8 = Response(
        "http://h/d", headers={"Content-Disposition": "attachment; filename*=UTF-8''%E5%B9%B4%E6%8A%A5.docx"}
    )
    assert disposition_name(utf8) == "年报.docx"
    assert disposition_name(Response("http://h/d")) is None


def test_gkmlpt_created_at_as_text_or_epoch():
    assert (
        created_date("2025-01-20 10:00:00") == created_date(1737338400) == created_date("1737338400000") == "2025-01-20"
    )


def test_site_spiders_by_name():
    spiders = site_spiders()
    assert spiders["generic"].name == "portal" and spiders["qingshi_vsb"].name == "qingshi_vsb"
