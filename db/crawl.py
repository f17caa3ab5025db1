"""What the crawler writes and reads back: every exchange (``fetches``, with its portal, role, referer and
validators), every list page's links (``listings``), the links of a report to its fetches
(``report_fetches``), and what a recrawl needs to know to fetch nothing twice.

The archive is the crawler's memory: a run killed at any moment is resumed by the next one, which
skips what the archive already holds (no JOBDIR).
Example::

    fetch_id = record_fetch(db, url=u, outcome="ok", status=200, role="list", portal="临江区", body=b"...")
    record_listing(db, run_id, "临江区", list_url, [(url, title, "2025-01-20")])
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from . import transaction
from .archive import blob_bytes, insert_fetch, known_outcome, sha256_of, store_blob, utc_now

# An article fetched with one of these needs no new fetch while its listing entry stays the same; a
# blocked, failed or timed-out one is tried again by the next run.
SETTLED = ("ok", "unreadable", "not_modified", "soft_404", "not_found")


def record_fetch(db: sqlite_utils.Database, *, url: str, outcome: str, body: bytes | None = None, **columns) -> int:
    """One exchange (or failure) as a fetch row; its bytes kept as a blob when given (list pages, so a 304
    can be answered from the archive)."""
    with transaction(db):
        if body is not None:
            sha256 = sha256_of(body)
            store_blob(db, sha256, body)
            columns.update(sha256=sha256, size=len(body))
        return insert_fetch(db, url=url, outcome=outcome, **columns)


def update_fetch(db: sqlite_utils.Database, fetch_id: int, **columns) -> None:
    if "outcome" in columns:
        known_outcome(columns["outcome"])
    with transaction(db):
        db["fetches"].update(fetch_id, columns)


def record_listing(
    db: sqlite_utils.Database,
    run_id: int | None,
    portal: str | None,
    list_url: str,
    entries: Iterable[tuple[str, str | None, str | None]],
    seen_at: str | None = None,
) -> int:
    """The links (url, title, listed date) a list page showed in this run; a page seen twice in one run
    (the same page again past the end) adds nothing new."""
    seen_at = seen_at or utc_now()
    rows = []
    with transaction(db):
        for url, title, listed in entries:
            known = db.execute(
                "SELECT 1 FROM listings WHERE run_id IS ? AND list_url = ? AND url = ?", [run_id, list_url, url]
            ).fetchone()
            if not known:
                rows.append(
                    {
                        "run_id": run_id,
                        "portal": portal,
                        "list_url": list_url,
                        "url": url,
                        "title": title,
                        "listed_date": listed,
                        "seen_at": seen_at,
                    }
                )
        db["listings"].insert_all(rows)
    return len(rows)


def link_report_fetch(db: sqlite_utils.Database, report_id: int, fetch_id: int, role: str) -> None:
    """A report rests on this fetch: its article page, its attachment (or the local file)."""
    with transaction(db):
        db.execute(
            "INSERT OR IGNORE INTO report_fetches (report_id, fetch_id, role) VALUES (?, ?, ?)",
            [report_id, fetch_id, role],
        )
        db.execute("UPDATE fetches SET report_id = coalesce(report_id, ?) WHERE id = ?", [report_id, fetch_id])


def last_validators(db: sqlite_utils.Database, url: str) -> dict | None:
    """The ETag / Last-Modified of the last good fetch of ``url`` that kept its bytes, with their sha256:
    what a conditional GET sends, and what a 304 is answered from."""
    row = db.execute(
        "SELECT etag, last_modified, sha256, content_type FROM fetches"
        " WHERE url = ? AND outcome IN ('ok', 'not_modified') AND sha256 IS NOT NULL"
        " AND (etag IS NOT NULL OR last_modified IS NOT NULL) ORDER BY id DESC LIMIT 1",
        [url],
    ).fetchone()
    if not row:
        return None
    etag, last_modified, sha256, content_type = row
    return {"etag": etag, "last_modified": last_modified, "sha256": sha256, "content_type": content_type}


def stored_body(db: sqlite_utils.Database, sha256: str) -> bytes | None:
    exists = db.execute("SELECT 1 FROM blobs WHERE sha256 = ?", [sha256]).fetchone()
    return blob_bytes(db, sha256) if exists else None


def known_article(db: sqlite_utils.Database, url: str, since: str = "") -> bool:
    """Whether the article page at ``url`` was opened and archived (as a report, as a page that is none, or
    as a dead link) at ``since`` or later: a recrawl need not open it again while its listing entry stays
    the same."""
    row = db.execute(
        f"SELECT 1 FROM fetches WHERE url = ? AND role = 'article' AND outcome IN ({','.join('?' * len(SETTLED))})"
        " AND fetched_at >= ? LIMIT 1",
        [url, *SETTLED, since],
    ).fetchone()
    return row is not None


def previous_entry(db: sqlite_utils.Database, url: str, run_id: int | None) -> tuple[str | None, str | None] | None:
    """(title, listed date) of ``url`` as the last earlier run listed it; None if never listed before."""
    row = db.execute(
        "SELECT title, listed_date FROM listings WHERE url = ? AND run_id IS NOT ? ORDER BY id DESC LIMIT 1",
        [url, run_id],
    ).fetchone()
    return (row[0], row[1]) if row else None


def run_fetch_counts(db: sqlite_utils.Database, run_id: int) -> dict:
    """Fetches of a run by portal, role and outcome: the run's counters."""
    counts: dict = {}
    for portal, role, outcome, n in db.execute(
        "SELECT portal, role, outcome, count(*) FROM fetches WHERE run_id = ? GROUP BY portal, role, outcome",
        [run_id],
    ):
        counts.setdefault(portal or "", {}).setdefault(role or "", {})[outcome] = n
    return counts
