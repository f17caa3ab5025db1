"""The crawl's side of the archive: one connection, the run row and its counters. The spider, its
middlewares and the pipeline share one ``CrawlStore`` (``spider.store``); every write goes through
``nianbao.db`` (db/crawl.py, db/archive.py) and nianbao.crawl_archive.

The reactor thread records list pages and failures; the pipeline's parse threads archive the reports
they read, so SQLite's work on a report (its full-text indexes above all, done without the GIL) goes on
beside the reactor's. One lock lets one thread at a time use the connection, whole transactions at once.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from nianbao.db import open_db
from nianbao.db.archive import Archived, utc_now
from nianbao.db.crawl import known_article, last_validators, previous_entry, record_fetch, record_listing, stored_body
from nianbao.db.runs import finish_run, start_run

from nianbao.crawl_archive import Reading, store_crawled
from nianbao.registry import Registry, store_registry

FAILURES = ("not_found", "soft_404", "blocked", "server_error", "timeout", "dns_error", "too_large", "disallowed")


def locked(method):
    """The method holds the store's lock: one thread at a time on the connection and the counters."""

    @functools.wraps(method)
    def holding_the_lock(self, *args, **kwargs):
        with self.lock:
            return method(self, *args, **kwargs)

    return holding_the_lock


class CrawlStore:
    def __init__(self, db_path: str | Path | None, registry: Registry, options: dict, revisit_days: float = 30):
        self.lock = threading.RLock()
        self.db = open_db(db_path, threads=True)
        self.revisit_days = revisit_days
        self.registry = registry
        store_registry(self.db, registry, utc_now())
        self.run_id = start_run(self.db, "crawl", options)
        self.totals: Counter = Counter()
        self.portals: dict[str, Counter] = defaultdict(Counter)

    @locked
    def count(self, portal: str | None, key: str, n: int = 1) -> None:
        self.totals[key] += n
        self.portals[portal or ""][key] += n

    # --- fetches that are not reports ----------------------------------------------------------

    @locked
    def record_exchange(self, *, url: str, outcome: str, portal: str | None, role: str, **columns) -> int:
        """One exchange that holds no report (a list page, a failure, robots.txt, a passed challenge)."""
        if outcome != "disallowed":  # robots.txt kept it from being asked: no page
            self.count(portal, "pages")
        if outcome in FAILURES:
            self.count(portal, f"errors.{outcome}")
        return record_fetch(
            self.db,
            url=url,
            outcome=outcome,
            portal=portal,
            role=role,
            run_id=self.run_id,
            fetched_at=utc_now(),
            **columns,
        )

    def record_request(self, request, outcome: str, status: int | None, reason: str | None, **columns) -> int:
        """A request that brought no page to read (a failure, a challenge answered, a try retried)."""
        return self.record_exchange(
            url=request.url,
            outcome=outcome,
            portal=request.meta.get("portal"),
            role=request.meta.get("role"),
            status=status,
            reason=reason,
            **columns,
        )

    @locked
    def record_listing(self, portal: str | None, list_url: str, entries) -> None:
        record_listing(self.db, self.run_id, portal, list_url, [(e.url, e.title, e.listed_date) for e in entries])

    # --- reports ------------------------------------------------------------------------------

    @locked
    def archive_report(self, portal: str | None, reading: Reading, outcome: str) -> Archived:
        """A page read with its attachments (nianbao.crawl_archive.read_crawled) into the archive."""
        region = self.region_of(portal)
        archived = store_crawled(self.db, reading, portal=portal, region=region, run_id=self.run_id, outcome=outcome)
        self.count(portal, "pages", 1 + len(reading.files))
        key = {"new": "reports.new", "version": "reports.version", "seen": "reports.seen"}.get(archived.outcome)
        self.count(portal, key or "not_reports")
        return archived

    def region_of(self, portal: str | None) -> str | None:
        known = next((p for p in self.registry.portals if p.name == portal), None)
        return self.registry.region_of(known) if known else None

    # --- what a recrawl skips -----------------------------------------------------------------

    @locked
    def unchanged_article(self, url: str, title: str | None, listed_date: str | None) -> bool:
        """Archived by an earlier run (within the revisit window), and listed then as it is listed now: no
        need to open it again. Past the window it is opened again (with a conditional GET), so a report
        revised under an unchanged listing is found within ``revisit_days``."""
        since = (datetime.now(UTC) - timedelta(days=self.revisit_days)).isoformat(timespec="seconds")
        since = since.replace("+00:00", "Z")
        return known_article(self.db, url, since) and previous_entry(self.db, url, self.run_id) == (title, listed_date)

    @locked
    def validators(self, url: str) -> dict | None:
        return last_validators(self.db, url)

    @locked
    def stored_body(self, sha256: str) -> bytes | None:
        return stored_body(self.db, sha256)

    @locked
    def finish(self, outcome: str) -> dict:
        counters = {**self.totals, "portals": {name: dict(c) for name, c in sorted(self.portals.items())}}
        finish_run(self.db, self.run_id, outcome, counters)
        self.db.close()
        return counters
