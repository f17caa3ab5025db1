"""From a crawled article page and its attachments to the archive: one report, however it is published.

A report published as an attachment is ONE report (shared/spec/archive.md): the article page gives its
title, agency and publication date, the attachment gives its text and tables; both fetches are kept and
linked to it in ``report_fetches``, and ``reports.url`` is the article page's URL. A page with two
attachments (the report and its 附件 tables) is read as one: the one holding the tables is parsed, the
other's text and sections are added to it. No Scrapy here: the pipeline calls this, and so can tests.
Example::

    archive_crawled(db, page, [attachment], portal="临江区人民政府", region="…/临江区", run_id=3)
    Archived(fetch_id=12, report_id=5, outcome='new', version=1, reason=None)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from nianbao.db import transaction
from nianbao.db.archive import Archived, NotAReport, Parsed, archive_file, utc_now
from nianbao.db.crawl import link_report_fetch, record_fetch, update_fetch
from nianbao.ingest import parse_report
from nianbao.isolation import ParseWorker


@dataclass
class Fetched:
    """One successful exchange's bytes and what the crawl knows of it."""

    url: str
    body: bytes
    status: int | None = 200
    content_type: str | None = None
    name: str = ""  # the name its bytes are parsed under (page.html, the attachment's file name)
    fetched_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    referer: str | None = None
    meta: dict = field(default_factory=dict)  # page metadata: title, published_at, source, index_no


@dataclass
class Reading:
    """What the parser made of an article page and its attachments (no database: it can be made in another
    process). ``chosen`` is the attachment that is the report, None when the page is (or nothing is)."""

    page: Fetched
    page_parsed: Parsed | str  # the parse, or the one-line reason the page is no report
    files: list[tuple[Fetched, Parsed | str]]
    chosen: Fetched | None = None
    merged: Parsed | None = None


def read_crawled(page: Fetched, attachments: list[Fetched], worker: ParseWorker | None = None) -> Reading:
    """Parse the page and its attachments (in ``worker``, else the process's own parse worker) and decide
    which is the report: the attachment holding the most table cells, unless the page holds as many."""
    page_parsed = parse_or_reason(page, worker)
    if isinstance(page_parsed, Parsed):
        fill_from_page(page_parsed, page)
    files = [(attachment, parse_or_reason(attachment, worker)) for attachment in attachments]
    reading = Reading(page, page_parsed, files)
    best = best_attachment(files)
    if best is None or (isinstance(page_parsed, Parsed) and filled(page_parsed) >= filled(best[1])):
        return reading
    reading.chosen, parsed = best
    reading.merged = merge(page, parsed, [p for a, p in files if a is not reading.chosen and isinstance(p, Parsed)])
    return reading


def archive_crawled(
    db: sqlite_utils.Database,
    page: Fetched,
    attachments: list[Fetched],
    *,
    portal: str | None,
    region: str | None,
    run_id: int | None,
    outcome: str = "ok",
) -> Archived:
    """Archive an article page and its attachments as one report (or, failing that, as fetches with the
    reason none is a report). ``outcome`` is the page's (``not_modified`` when answered from the archive)."""
    return store_crawled(
        db, read_crawled(page, attachments), portal=portal, region=region, run_id=run_id, outcome=outcome
    )


def store_crawled(
    db: sqlite_utils.Database,
    reading: Reading,
    *,
    portal: str | None,
    region: str | None,
    run_id: int | None,
    outcome: str = "ok",
) -> Archived:
    """Write what :func:`read_crawled` made of a page into the archive, in one transaction."""
    crawl = Crawl(db, portal, region, run_id)
    page, chosen = reading.page, reading.chosen
    with transaction(db):
        if chosen is None:
            archived = crawl.archive(page, reading.page_parsed, "article")
            if outcome != "ok":
                update_fetch(db, archived.fetch_id, outcome=outcome)
        else:
            page_fetch = crawl.record(page, "article", outcome, f"the report is its attachment {chosen.url}")
            archived = crawl.archive(chosen, reading.merged, "attachment", report_url=page.url)
            link_report_fetch(db, archived.report_id, page_fetch, "article")
        if archived.report_id:
            link_report_fetch(db, archived.report_id, archived.fetch_id, "article" if chosen is None else "attachment")
        for attachment, parsed in reading.files:
            if attachment is not chosen:
                crawl.keep_attachment(attachment, parsed, archived.report_id)
    return archived


class Crawl:
    """Writes one crawl's fetches: portal, region and run in common."""

    def __init__(self, db, portal, region, run_id):
        self.db, self.portal, self.region, self.run_id = db, portal, region, run_id

    def columns(self, fetched: Fetched, role: str) -> dict:
        return {
            "portal": self.portal,
            "role": role,
            "referer": fetched.referer,
            "etag": fetched.etag,
            "last_modified": fetched.last_modified,
            "fetched_at": fetched.fetched_at or utc_now(),
            "content_type": fetched.content_type,
            "status": fetched.status,
            "run_id": self.run_id,
            "file_name": fetched.name,
        }

    def archive(self, fetched: Fetched, parsed: Parsed | str, role: str, report_url: str | None = None) -> Archived:
        """The fetched file as a report (``parsed``), or as a fetch with the reason it is none."""

        def parse(_):
            if isinstance(parsed, Parsed):
                return parsed
            raise NotAReport(parsed)

        columns = self.columns(fetched, role)
        common = {key: columns.pop(key) for key in ("fetched_at", "content_type", "status", "run_id", "file_name")}
        return archive_file(
            self.db,
            fetched.body,
            url=fetched.url,
            report_url=report_url,
            parse=parse,
            region=self.region,
            fetch_columns=columns,
            **common,
        )

    def record(self, fetched: Fetched, role: str, outcome: str, reason: str | None) -> int:
        return record_fetch(
            self.db, url=fetched.url, outcome=outcome, body=fetched.body, reason=reason, **self.columns(fetched, role)
        )

    def keep_attachment(self, attachment: Fetched, parsed: Parsed | str, report_id: int | None) -> None:
        """An attachment not archived as the report: a fetch with why (linked when it is part of it)."""
        if isinstance(parsed, str):
            self.record(attachment, "attachment", "unreadable", parsed)
            return
        fetch_id = self.record(attachment, "attachment", "ok", "read with the report's other file")
        if report_id:
            link_report_fetch(self.db, report_id, fetch_id, "attachment")


def fill_from_page(parsed: Parsed, page: Fetched) -> None:
    """A page report's publication date and agency from the page's metadata when its text lacks them."""
    from nianbao.parsing.dates import first_date

    record = parsed.record
    if not record.get("published_at"):
        record["published_at"] = first_date(page.meta.get("published_at") or "")
    if not record.get("agency") and page.meta.get("source"):
        record["agency"] = page.meta["source"]


def parse_or_reason(fetched: Fetched, worker: ParseWorker | None = None) -> Parsed | str:
    """The parse of a fetched file, or the one-line reason it is no report."""
    try:
        return parse_report(fetched.body, fetched.name, fetched.content_type, worker=worker)
    except NotAReport as err:
        return str(err)


def filled(parsed: Parsed) -> int:
    """How much of the report tables a parse holds: the cells with a value."""
    return sum(1 for value in parsed.cells.values() if value is not None)


def best_attachment(files: list[tuple[Fetched, Parsed | str]]) -> tuple[Fetched, Parsed] | None:
    """The attachment that is the report: most table cells, then most text."""
    parsed = [(f, p) for f, p in files if isinstance(p, Parsed)]
    if not parsed:
        return None
    return max(parsed, key=lambda fp: (filled(fp[1]), len(fp[1].record.get("text") or "")))


def merge(page: Fetched, parsed: Parsed, others: list[Parsed]) -> Parsed:
    """The attachment's record under the page's title, agency and publication date; the text and
    sections of the page's other report files (the report text beside its 附件 tables) added."""
    from nianbao.checks import run_checks
    from nianbao.parsing.dates import first_date
    from nianbao.parsing.header import agency_and_year, is_report_title
    from nianbao.parsing.values import normalize

    record = dict(parsed.record)
    title = normalize(page.meta.get("title") or "")
    if title and is_report_title(title):
        agency, year = agency_and_year(title)
        record["title"] = title
        record["agency"] = agency or record.get("agency") or page.meta.get("source")
        record["year"] = year or record.get("year")
    elif not record.get("agency") and page.meta.get("source"):
        record["agency"] = page.meta["source"]
    published = first_date(page.meta.get("published_at") or "")
    if published:
        record["published_at"] = published
    for other in others:
        record["text"] = (record.get("text") or "") + "\n" + (other.record.get("text") or "")
        record["sections_found"] = sorted(
            set(record.get("sections_found") or []) | set(other.record.get("sections_found") or [])
        )
    record["article_url"] = page.url
    findings = run_checks(record)
    record["findings"] = findings
    return Parsed(record=record, cells=parsed.cells, findings=findings)
