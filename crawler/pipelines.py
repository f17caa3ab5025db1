"""The one pipeline: every item goes into the archive through the spider's CrawlStore.

Parsing a report (PDF tables above all) is the crawl's CPU cost; it runs in a pool of worker processes
(NIANBAO_PARSE_WORKERS, 0 to parse in the crawl's own process) so downloads go on meanwhile. Only the
crawl's process writes the archive."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from nianbao.crawl_archive import read_crawled
from nianbao.isolation import die_with_parent

from .items import ListPage, ReportPage


class ArchivePipeline:
    def __init__(self, crawler, workers: int):
        self.crawler = crawler
        # spawn, not fork: the crawl's process holds a running reactor and an open SQLite connection
        context = multiprocessing.get_context("spawn")
        self.pool = (
            ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent) if workers > 0 else None
        )

    @classmethod
    def from_crawler(cls, crawler):
        value = crawler.settings.get("NIANBAO_PARSE_WORKERS")
        return cls(crawler, min(2, os.cpu_count() or 1) if value in (None, "") else int(value))

    async def process_item(self, item):
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
            reading = await self.read(item)
            store.archive_report(item.portal, reading, item.outcome)
        return item

    async def read(self, item: ReportPage):
        if self.pool is None:
            return read_crawled(item.page, item.attachments)
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self.pool, read_crawled, item.page, item.attachments
            )
        except BrokenProcessPool:  # a worker died (out of memory on a huge PDF): parse here instead
            return read_crawled(item.page, item.attachments)

    def close_spider(self, spider=None):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
