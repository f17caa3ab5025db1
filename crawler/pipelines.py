"""The one pipeline: every item goes into the archive through the spider's CrawlStore.

Parsing a report (PDF tables above all) is the crawl's CPU cost, so downloads go on meanwhile: each of
NIANBAO_PARSE_WORKERS threads (default 2, one per core) hands its files to its own parse worker process
(nianbao.isolation, under its time and memory limits) and waits for the record with the GIL released.
The workers are forked from a server that has loaded only the parsers: one process hop, started in
milliseconds, nothing of the crawl's reactor or SQLite connection inherited. The thread then archives
the report (crawler/store.py: one connection, one thread at a time). Only the crawl's process writes
the archive."""

from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from nianbao.crawl_archive import read_crawled
from nianbao.isolation import ParseWorker

from .items import ListPage, ReportPage


class ArchivePipeline:
    def __init__(self, crawler, workers: int):
        self.crawler = crawler
        self.threads = ThreadPoolExecutor(max(1, workers), thread_name_prefix="parse")
        self.local = threading.local()
        self.workers: list[ParseWorker] = []

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
            await asyncio.get_running_loop().run_in_executor(self.threads, self.read_and_archive, store, item)
        return item

    def read_and_archive(self, store, item: ReportPage):
        """On a parse thread: the page and its attachments read by this thread's worker, then archived."""
        reading = read_crawled(item.page, item.attachments, worker=self.worker())
        return store.archive_report(item.portal, reading, item.outcome)

    def worker(self) -> ParseWorker:
        worker = getattr(self.local, "worker", None)
        if worker is None:
            worker = self.local.worker = ParseWorker(start="forkserver")
            self.workers.append(worker)
        return worker

    def close_spider(self, spider=None):
        self.threads.shutdown(cancel_futures=True)
        for worker in self.workers:
            worker.close()
