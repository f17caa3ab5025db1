"""The one pipeline: every item goes into the archive through the spider's CrawlStore."""

from __future__ import annotations

from .items import ListPage, ReportPage


class ArchivePipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        store = self.crawler.spider.store
        if isinstance(item, ListPage):
            page = item.page
            store.record_exchange(
                url=page.url,
                outcome=item.outcome,
                portal=item.portal,
                role="list",
                body=page.body,
                status=page.status,
                content_type=page.content_type,
                etag=page.etag,
                last_modified=page.last_modified,
                referer=page.referer,
            )
            store.record_listing(item.portal, page.url, item.entries)
        elif isinstance(item, ReportPage):
            store.archive_report(item.portal, item.page, item.attachments, item.outcome)
        return item
