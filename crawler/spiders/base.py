"""PortalSpider: one generic spider driven by the registry, and the base of every site spider.

From each portal's start URLs it finds the annual-report column(s), walks every page of their lists
(crawler/pagination.py), opens the pages whose link title names a report (crawler/links.py), reads
their metadata (crawler/article.py) and fetches their attachments; the pipeline archives each article
page with its attachments as one report. A recrawl opens only list pages: an article the archive holds,
listed as before, is not fetched again.

Where the generic rules cannot cope, a portal gets a site spider (city-scrapers style): a subclass that
overrides a hook or two (``list_entries``, ``list_pages``, ``list_columns``, ``article_attachments``,
``article_metadata``) and is chosen by the registry's ``spider = "<name>"``. ``scrapy crawl portal``
crawls every portal, each with its own spider's hooks; ``scrapy crawl <name>`` only the portals naming it.

    scrapy crawl portal -a registry=registry.toml [-a agency=NAME] [-a year=2024] [-s NIANBAO_DB=db/nianbao.db]
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import unquote_to_bytes, urlsplit

import scrapy
from nianbao.db.agencies import name_key
from nianbao.db.archive import utc_now
from parsel import Selector
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import TextResponse

from nianbao.crawl_archive import Fetched
from nianbao.filenames import decode_file_name
from nianbao.registry import Portal, RegistryError, load_registry

from .. import pagination
from ..article import page_metadata
from ..items import ListPage, ReportPage
from ..links import Entry, attachment_links, column_links, is_attachment_url, listed_date, report_entries, title_kind
from ..outcomes import classify_exception
from ..store import CrawlStore

MAX_COLUMN_DEPTH = 2  # start page → 信息公开 → 年报 column
# List pages first, so the whole column is known early and pages go on being fetched while reports are
# read; then the attachments of a page in hand, so its report is completed (and its bytes freed) before
# more articles are opened. Scrapy's queue is last-in-first-out within a priority.
PRIORITY = {"list": 2, "attachment": 1}
BEIJING = timezone(timedelta(hours=8))
YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")


class PortalSpider(scrapy.Spider):
    name = "portal"

    # --- hooks a site spider overrides (each a function of one response) ------------------------

    @classmethod
    def list_entries(cls, response: TextResponse) -> list[Entry]:
        """The report links (and look-alikes) a list page shows, the Hanweb datastore's included."""
        entries = report_entries(response.selector, response.url)
        store = pagination.hanweb_datastore(response.text, response.url)
        if store and store.records:
            entries += report_entries(Selector(text="".join(store.records)), response.url)
        return entries

    @classmethod
    def list_pages(cls, response: TextResponse) -> list[str]:
        """The other pages of the same list (TRS script, 下一页 and pager links, VSB numbers)."""
        pages = pagination.trs_pages(response.text, response.url)
        pages += pagination.next_links(response.selector, response.url)
        pages += pagination.vsb_pages(response.selector, response.url)
        return [url for url in dict.fromkeys(pages) if url != response.url]

    @classmethod
    def list_columns(cls, response: TextResponse) -> list[str]:
        """Annual-report columns linked from a start or column page."""
        return column_links(response.selector, response.url)

    @classmethod
    def article_metadata(cls, response: TextResponse) -> dict:
        return page_metadata(response.selector)

    @classmethod
    def article_attachments(cls, response: TextResponse):
        return attachment_links(response.selector, response.url)

    # --- set-up -------------------------------------------------------------------------------

    def __init__(self, registry=None, agency=None, year=None, portal=None, db=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.registry_path = registry or os.environ.get("NIANBAO_REGISTRY")
        self.agency_filter = agency
        self.year_filter = int(year) if year else None
        self.portal_filter = portal
        self.db_path = db

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup(crawler.settings)
        return spider

    def setup(self, settings) -> None:
        path = self.registry_path or settings.get("NIANBAO_REGISTRY")
        if not path:
            raise NotConfigured("no registry: give -a registry=FILE (or NIANBAO_REGISTRY)")
        try:
            self.registry = load_registry(path)
        except RegistryError as err:
            raise NotConfigured(str(err)) from None
        self.sites = site_spiders()
        unknown = next((p for p in self.registry.portals if p.spider not in self.sites), None)
        if unknown:
            raise NotConfigured(f"{path}: portal {unknown.name}: no spider named {unknown.spider!r}")
        self.portals = self.chosen_portals()
        apply_politeness(settings, self.registry, self.portals)
        options = {
            "registry": str(path),
            "agency": self.agency_filter,
            "year": self.year_filter,
            "spider": self.name,
            "portals": [p.name for p in self.portals],
        }
        self.store = CrawlStore(
            self.db_path or settings.get("NIANBAO_DB"),
            self.registry,
            options,
            revisit_days=settings.getfloat("NIANBAO_REVISIT_DAYS", 30),
        )
        self.new_entries: dict[str, set[str]] = {}

    def chosen_portals(self) -> list[Portal]:
        portals = self.registry.portals
        if self.name != PortalSpider.name:
            portals = [p for p in portals if p.spider == self.name]
        if self.portal_filter:
            portals = [p for p in portals if p.name == self.portal_filter]
        if self.agency_filter:
            wanted = {a.portal for a in self.registry.agencies if self.names_agency(a, self.agency_filter)}
            portals = [p for p in portals if p.name in wanted]
        return portals

    @staticmethod
    def names_agency(agency, name: str) -> bool:
        return name_key(name) in {name_key(n) for n in (agency.name, *agency.aliases)}

    def closed(self, reason):
        counters = self.store.finish("ok" if reason == "finished" else reason)
        self.crawler.stats.set_value("nianbao/counters", counters)

    # --- requests -----------------------------------------------------------------------------

    async def start(self):
        for portal in self.portals:
            for url in portal.start_urls:
                yield self.list_request(url, portal, referer=None, column_depth=0)

    def request(self, url, portal: Portal, role: str, callback, referer=None, **meta) -> scrapy.Request:
        meta = {"portal": portal.name, "role": role, **meta}
        if not portal.obey_robots:
            meta["dont_obey_robotstxt"] = True
        headers = {"Referer": referer} if referer else None
        return scrapy.Request(
            url, callback=callback, errback=self.failed, meta=meta, headers=headers, priority=PRIORITY.get(role, 0)
        )

    def list_request(self, url, portal, referer, **meta):
        return self.request(url, portal, "list", self.parse_list, referer, **meta)

    def portal_of(self, response_or_request) -> Portal:
        return self.registry.portal(response_or_request.meta["portal"])

    def site(self, portal: Portal) -> type[PortalSpider]:
        """The spider class whose hooks read this portal's pages (the generic one by default)."""
        return self.sites.get(portal.spider, PortalSpider)

    # --- list pages ---------------------------------------------------------------------------

    def parse_list(self, response):
        portal = self.portal_of(response)
        if not self.usable(response, portal):
            return
        if not isinstance(response, TextResponse):
            return
        site = self.site(portal)
        if "application/json" in response.headers.get("Content-Type", b"").decode("latin-1") or response.text.lstrip()[
            :1
        ] in ("{", "["):
            yield from self.parse_json_list(response, portal)
            return
        entries = site.list_entries(response)
        yield ListPage(portal.name, self.fetched(response), entries, response.meta.get("outcome", "ok"))
        yield from self.open_entries(entries, portal, response.url)
        depth = response.meta.get("column_depth", MAX_COLUMN_DEPTH)
        if depth < MAX_COLUMN_DEPTH:
            for url in site.list_columns(response):
                yield self.list_request(url, portal, response.url, column_depth=depth + 1)
        if self.brought_new(entries, portal) or not response.meta.get("pager"):
            for url in site.list_pages(response):
                yield self.list_request(url, portal, response.url, pager=True)
        yield from self.hanweb_requests(response, portal)
        for url in pagination.gkmlpt_api_urls(response.text, response.url):
            yield self.list_request(url, portal, response.url)

    def hanweb_requests(self, response, portal):
        """The records a jcms column page does not embed, asked from dataproxy.jsp (POST, as jcms does)."""
        if "dataproxy.jsp" in response.url:
            return
        store = pagination.hanweb_datastore(response.text, response.url)
        if not store:
            return
        for params in pagination.hanweb_ranges(store):
            request = scrapy.FormRequest(
                pagination.hanweb_proxy_url(store, params),
                formdata=store.form,
                callback=self.parse_list,
                errback=self.failed,
                meta={"portal": portal.name, "role": "list", "pager": True},
                headers={"Referer": response.url},
                priority=PRIORITY["list"],
            )
            if not portal.obey_robots:
                request.meta["dont_obey_robotstxt"] = True
            yield request

    def parse_json_list(self, response, portal):
        """A gkmlpt list API answer: its articles as entries, and the list's other pages."""
        try:
            data = pagination.gkmlpt_page(response.text, response.url)
        except ValueError:
            return
        entries = []
        for article in data.articles:
            title = (article.get("title") or "").strip()
            kind = title_kind(title)
            if article.get("url") and kind:
                url = response.urljoin(article["url"])
                entries.append(Entry(url, title, created_date(article.get("created_at")), kind))
        yield ListPage(portal.name, self.fetched(response), entries, response.meta.get("outcome", "ok"))
        yield from self.open_entries(entries, portal, response.url)
        for url in data.page_urls:
            yield self.list_request(url, portal, response.url, pager=True)

    def brought_new(self, entries, portal) -> bool:
        """Whether a list page shows links no page of this crawl showed before ("no new links" ends a
        下一页 chain: past the end, portals answer the same page again)."""
        seen = self.new_entries.setdefault(portal.name, set())
        fresh = {e.url for e in entries} - seen
        seen |= fresh
        return bool(fresh)

    def open_entries(self, entries, portal, list_url):
        for entry in entries:
            if entry.kind != "report" or not self.wanted(entry):
                continue
            if self.store.unchanged_article(entry.url, entry.title, entry.listed_date):
                self.store.count(portal.name, "unchanged")
                continue
            yield self.request(entry.url, portal, "article", self.parse_article, list_url, entry_title=entry.title)

    def wanted(self, entry: Entry) -> bool:
        """--year and --agency: a link whose title names another year or agency is left alone."""
        if self.year_filter:
            year = YEAR_IN_TITLE.search(entry.title)
            if year and int(year.group(1)) != self.year_filter:
                return False
        if self.agency_filter:
            names = {self.agency_filter}
            for agency in self.registry.agencies:
                if self.names_agency(agency, self.agency_filter):
                    names |= {agency.name, *agency.aliases}
            return any(name_key(n) in name_key(entry.title) for n in names)
        return True

    # --- article pages and attachments --------------------------------------------------------

    def parse_article(self, response):
        portal = self.portal_of(response)
        if not self.usable(response, portal):
            return
        page = self.fetched(response)
        attachments = []
        if isinstance(response, TextResponse) and not is_attachment_url(response.url):
            site = self.site(portal)
            page.meta = site.article_metadata(response)
            attachments = site.article_attachments(response)
        if not attachments:
            yield ReportPage(portal.name, page, [], response.meta.get("outcome", "ok"))
            return
        yield self.attachment_request(attachments, [], page, portal, response.meta.get("outcome", "ok"))

    def attachment_request(self, pending, got, page, portal, outcome):
        attachment, rest = pending[0], pending[1:]
        request = self.request(attachment.url, portal, "attachment", self.parse_attachment, page.url)
        request.errback = self.attachment_failed
        request.meta.update(page=page, pending=rest, got=got, name=attachment.name, page_outcome=outcome)
        request.dont_filter = True  # a file two pages share is fetched for each
        return request

    def parse_attachment(self, response):
        portal = self.portal_of(response)
        meta = response.meta
        got = list(meta["got"])
        if self.usable(response, portal):
            fetched = self.fetched(response)
            fetched.name = disposition_name(response) or meta["name"]
            got.append(fetched)
        yield self.next_attachment(meta, got, portal)

    def attachment_failed(self, failure):
        self.failed(failure)
        request = failure.request
        return [self.next_attachment(request.meta, list(request.meta["got"]), self.portal_of(request))]

    def next_attachment(self, meta, got, portal):
        if meta["pending"]:
            return self.attachment_request(meta["pending"], got, meta["page"], portal, meta["page_outcome"])
        return ReportPage(portal.name, meta["page"], got, meta["page_outcome"])

    # --- outcomes -----------------------------------------------------------------------------

    def usable(self, response, portal) -> bool:
        """ok and not_modified responses are read; anything else is recorded as the failure it is."""
        outcome = response.meta.get("outcome", "ok")
        if outcome in ("ok", "not_modified"):
            return True
        self.store.record_exchange(
            url=response.url,
            outcome=outcome,
            portal=portal.name,
            role=response.meta.get("role"),
            status=response.status,
            reason=response.meta.get("reason"),
            content_type=content_type(response),
            size=len(response.body),
            referer=referer(response.request),
        )
        return False

    def failed(self, failure):
        """A request that ended in an error: an HTTP error status, a timeout, a refused connection."""
        request = failure.request
        response = getattr(failure.value, "response", None)
        if response is not None:
            outcome = response.meta.get("outcome") or "server_error"
            reason, status = response.meta.get("reason"), response.status
        elif isinstance(failure.value, IgnoreRequest) and "robots" in str(failure.value).lower():
            outcome, reason, status = "disallowed", "robots.txt forbids it: not fetched", None
        else:
            outcome, reason = classify_exception(failure.value)
            status = None
        self.store.record_request(request, outcome, status, reason, referer=referer(request))

    def fetched(self, response) -> Fetched:
        headers = response.headers
        return Fetched(
            url=response.url,
            body=response.body,
            status=response.status,
            content_type=content_type(response),
            name=urlsplit(response.url).path.rsplit("/", 1)[-1] or "index.html",
            fetched_at=utc_now(),
            etag=header(headers, "ETag"),
            last_modified=header(headers, "Last-Modified"),
            referer=referer(response.request),
        )


def header(headers, name: str) -> str | None:
    value = headers.get(name)
    return value.decode("latin-1") if value else None


def content_type(response) -> str | None:
    return header(response.headers, "Content-Type")


def referer(request) -> str | None:
    if request is None:
        return None
    value = request.headers.get("Referer")
    return value.decode("latin-1") if value else None


def created_date(value) -> str | None:
    """gkmlpt's created_at: "2025-01-20 10:00:00", or seconds since the epoch (Beijing time)."""
    if isinstance(value, int | float) or (isinstance(value, str) and value.isdigit()):
        seconds = float(value) / (1000 if float(value) > 1e11 else 1)  # milliseconds on some platforms
        return datetime.fromtimestamp(seconds, BEIJING).date().isoformat()
    return listed_date(str(value or ""))


FILENAME = re.compile(r"filename\*?\s*=\s*(?:UTF-8''|\"?)([^\";]+)", re.I)


def disposition_name(response) -> str | None:
    """The file name a Content-Disposition header gives (percent-encoded UTF-8 or GBK, or raw GBK)."""
    raw = response.headers.get("Content-Disposition")
    if not raw:
        return None
    match = FILENAME.search(raw.decode("latin-1"))
    if not match:
        return None
    return decode_file_name(unquote_to_bytes(match.group(1).strip()))


def site_spiders() -> dict[str, type[PortalSpider]]:
    """Every site spider by name (the subclasses of PortalSpider in nianbao.crawler.spiders)."""
    package = importlib.import_module(__package__)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{__package__}.{module.name}")
    found, stack = {"generic": PortalSpider}, list(PortalSpider.__subclasses__())
    while stack:
        cls = stack.pop()
        found[cls.name] = cls
        stack.extend(cls.__subclasses__())
    return found


def apply_politeness(settings, registry, portals) -> None:
    """Per-host delay and concurrency from the registry's portals (the most polite wins where portals
    share a host), and a User-Agent naming nianbao and a contact from the registry or NIANBAO_CONTACT."""
    slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
    for portal in portals:
        for url in portal.start_urls:
            host = urlsplit(url).hostname
            slot = dict(slots.get(host, {}))
            if portal.delay is not None:
                slot["delay"] = max(slot.get("delay", 0), portal.delay)
            if portal.concurrency is not None:
                slot["concurrency"] = min(slot.get("concurrency", portal.concurrency), portal.concurrency)
            if slot:
                slots[host] = slot
    if slots:
        settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
    if registry.user_agent:
        settings.set("USER_AGENT", registry.user_agent, priority="spider")
        return
    contact = registry.contact or os.environ.get("NIANBAO_CONTACT") or settings.get("NIANBAO_CONTACT")
    if contact:
        settings.set("USER_AGENT", f"nianbao/0.1 (+{contact})", priority="spider")
