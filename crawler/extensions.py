"""Progress on the terminal while crawling, and a summary at the end (stderr)."""

from __future__ import annotations

import sys

from scrapy import signals
from twisted.internet import task


class Progress:
    """Every NIANBAO_PROGRESS_INTERVAL seconds one line: pages fetched, reports found, errors by outcome;
    at the end a line per portal and the totals."""

    def __init__(self, crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.loop = None

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler, crawler.settings.getfloat("NIANBAO_PROGRESS_INTERVAL", 5.0))
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider):
        if self.interval > 0 and hasattr(spider, "store"):
            self.loop = task.LoopingCall(self.print_line, spider)
            self.loop.start(self.interval, now=False)

    def print_line(self, spider):
        print(f"crawl: {describe(spider.store.totals)}", file=sys.stderr, flush=True)

    def closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
        store = getattr(spider, "store", None)
        if store is None:
            return
        for portal, counts in sorted(store.portals.items()):
            print(f"  {portal or '(robots.txt)'}: {describe(counts)}", file=sys.stderr)
        print(f"crawl {reason} (run {store.run_id}): {describe(store.totals)}", file=sys.stderr, flush=True)


def describe(counts) -> str:
    """pages, reports (new/versions/seen), not reports, unchanged articles skipped, errors by outcome."""
    reports = counts["reports.new"] + counts["reports.version"] + counts["reports.seen"]
    line = (
        f"{counts['pages']} pages, {reports} reports ({counts['reports.new']} new, "
        f"{counts['reports.version']} new versions, {counts['reports.seen']} already archived), "
        f"{counts['not_reports']} not reports, {counts['unchanged']} unchanged articles skipped"
    )
    errors = {key.split(".", 1)[1]: n for key, n in sorted(counts.items()) if key.startswith("errors.")}
    if errors:
        line += ", errors: " + ", ".join(f"{outcome} {n}" for outcome, n in errors.items())
    return line
