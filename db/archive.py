"""Storing what was fetched: a fetch row always, the raw bytes, and for a report its agency, version,
cells and findings — each file in one transaction, so a crash loses at most the file in flight.

The parse stage is handed in as a function (``parse(data) -> Parsed``, raising :class:`NotAReport`), so
this package imports nothing else of the project and parsing runs outside the write lock.

Example::

    archive_file(db, data, url="file:///tmp/r.txt", parse=my_parse)
    # Archived(fetch_id=1, report_id=1, outcome='new', version=1, reason=None)

Time is handed in (``fetched_at``, ``now``: ISO 8601 UTC strings) where a caller knows it, so tests and
the scheduler can fix the clock; the default is the real clock.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlite_utils

from . import transaction
from .agencies import agency_for


class NotAReport(Exception):
    """The bytes are not a readable report; the message is the one-line reason kept with the fetch, and
    ``outcome`` says why: unreadable, or a limit the file went past (too_large, too_complex)."""

    outcome = "unreadable"

    def __init__(self, reason: str, outcome: str | None = None):
        super().__init__(reason)
        if outcome:
            self.outcome = outcome


class ParserFailed(NotAReport):
    """The parser crashed on the bytes: archived as ``parser_error`` with the reason, for reparse to retry
    after a fix and for the monitor to count."""

    outcome = "parser_error"


@dataclass
class Parsed:
    """What the parse and check stages made of one file."""

    record: dict  # the report record (report-record.md) with `title` and `text`
    cells: dict  # flattened key -> number or None
    findings: list = field(default_factory=list)  # {code, severity, message, evidence}


@dataclass
class Archived:
    fetch_id: int
    report_id: int | None
    outcome: str  # new, version (of a known report), seen (known content), or the fetch's outcome when it
    # holds no report: unreadable, parser_error, too_large, too_complex
    version: int | None = None
    reason: str | None = None


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive_file(
    db: sqlite_utils.Database,
    data: bytes,
    *,
    url: str,
    parse: Callable[[bytes], Parsed],
    fetched_at: str | None = None,
    content_type: str | None = None,
    status: int | None = None,
    agency: str | None = None,
    region: str | None = None,
    run_id: int | None = None,
    file_name: str | None = None,
    file_name_bytes: bytes | None = None,
    now: str | None = None,
    report_url: str | None = None,
    fetch_columns: dict | None = None,
) -> Archived:
    """Archive one fetched or local file (``file_name``: the name its bytes are parsed under, decoded;
    ``file_name_bytes``: its raw bytes when they were not UTF-8). ``agency`` overrides the name the report
    prints; ``region`` is the portal's, within which agencies are matched. ``report_url`` is the URL that
    identifies the report when it differs from the fetched one (an attachment: the article page's);
    ``fetch_columns`` are more columns of the fetch row (the crawler's portal, role, referer, etag,
    last_modified)."""
    sha256 = sha256_of(data)
    parsed, failed = None, None
    if not report_with_sha256(db, sha256):  # the same bytes again need no parse
        try:
            parsed = parse(data)
        except NotAReport as err:
            failed = err
    now = now or utc_now()
    fetched_at = fetched_at or now
    with transaction(db):
        store_blob(db, sha256, data)
        fetch_id = insert_fetch(
            db,
            url=url,
            fetched_at=fetched_at,
            status=status,
            content_type=content_type,
            sha256=sha256,
            size=len(data),
            run_id=run_id,
            file_name=file_name,
            file_name_bytes=file_name_bytes,
            outcome=failed.outcome if failed else "ok",
            reason=str(failed) if failed else None,
            **(fetch_columns or {}),
        )
        known = report_with_sha256(db, sha256)
        if known:
            return seen_again(db, known, fetch_id, fetched_at)
        if failed:
            return Archived(fetch_id, None, failed.outcome, reason=str(failed))
        return store_report(
            db, parsed, fetch_id, fetched_at, report_url or url, sha256, agency, region, run_id, now=now
        )


def store_report(
    db, parsed: Parsed, fetch_id, fetched_at, url, sha256, agency, region, run_id, *, now: str | None = None
) -> Archived:
    record = parsed.record
    agency_id = agency_for(db, agency or record.get("agency"), region, fetched_at)
    year = record.get("year")
    digest = content_hash(record, parsed.cells)
    same_content = db.execute(
        "SELECT id FROM reports WHERE agency_id IS ? AND year IS ? AND content_hash = ? ORDER BY version DESC",
        [agency_id, year, digest],
    ).fetchone()
    if same_content:
        return seen_again(db, same_content[0], fetch_id, fetched_at)
    (latest,) = db.execute(
        "SELECT max(version) FROM reports WHERE agency_id IS ? AND year IS ? AND url = ?",
        [agency_id, year, url],
    ).fetchone()
    version = (latest or 0) + 1
    report_id = (
        db["reports"]
        .insert(
            {
                "agency_id": agency_id,
                "year": year,
                "url": url,
                "version": version,
                "sha256": sha256,
                "first_seen": fetched_at,
                "last_seen": fetched_at,
                "first_fetch_id": fetch_id,
                "last_fetch_id": fetch_id,
                **report_columns(record, digest, now),
            }
        )
        .last_pk
    )
    db.execute("UPDATE fetches SET report_id = ?, agency_id = ? WHERE id = ?", [report_id, agency_id, fetch_id])
    write_cells(db, report_id, parsed.cells)
    write_findings(db, report_id, agency_id, year, parsed.findings, run_id, now=now)
    return Archived(fetch_id, report_id, "new" if version == 1 else "version", version)


def report_columns(record: dict, digest: str, parsed_at: str | None = None) -> dict:
    """The columns a (re)parse sets. The text has its own column, so the JSON record does without it."""
    return {
        "title": record.get("title"),
        "format": record.get("format"),
        "published_at": record.get("published_at"),
        "content_hash": digest,
        "record": json.dumps({k: v for k, v in record.items() if k != "text"}, ensure_ascii=False),
        "text": record.get("text"),
        "parsed_at": parsed_at or utc_now(),
    }


def seen_again(db, report_id: int, fetch_id: int, fetched_at: str) -> Archived:
    db.execute(
        "UPDATE reports SET last_seen = max(last_seen, ?), last_fetch_id = ? WHERE id = ?",
        [fetched_at, fetch_id, report_id],
    )
    db.execute(
        "UPDATE fetches SET report_id = ?, agency_id = (SELECT agency_id FROM reports WHERE id = ?) WHERE id = ?",
        [report_id, report_id, fetch_id],
    )
    (version,) = db.execute("SELECT version FROM reports WHERE id = ?", [report_id]).fetchone()
    return Archived(fetch_id, report_id, "seen", version)


def report_with_sha256(db, sha256: str) -> int | None:
    row = db.execute("SELECT id FROM reports WHERE sha256 = ? ORDER BY id LIMIT 1", [sha256]).fetchone()
    return row[0] if row else None


def store_blob(db, sha256: str, data: bytes) -> None:
    db.execute(
        "INSERT INTO blobs (sha256, size, compression, content) VALUES (?, ?, 'zlib', ?)"
        " ON CONFLICT (sha256) DO NOTHING",
        [sha256, len(data), zlib.compress(data, 6)],
    )


def blob_bytes(db, sha256: str) -> bytes:
    """The raw bytes exactly as fetched."""
    (compression, content) = db.execute("SELECT compression, content FROM blobs WHERE sha256 = ?", [sha256]).fetchone()
    return zlib.decompress(content) if compression == "zlib" else content


# Every outcome a fetch may have: archive.md's, then the ones docs/codes.md adds. A fetch is refused any
# other, so the docs cannot miss an outcome the code writes.
FETCH_OUTCOMES = (
    *("ok", "not_modified", "not_found", "soft_404", "blocked", "server_error", "timeout", "dns_error", "too_large"),
    *("challenge", "disallowed", "unreadable", "parser_error", "too_complex"),
)


def known_outcome(outcome: str) -> str:
    if outcome not in FETCH_OUTCOMES:
        raise ValueError(f"fetch outcome {outcome!r} is none of FETCH_OUTCOMES (document it in docs/codes.md)")
    return outcome


def insert_fetch(db, **columns) -> int:
    """One HTTP exchange, failure or local file (the crawler records its failures through this too)."""
    known_outcome(columns["outcome"])
    columns.setdefault("fetched_at", utc_now())
    return db["fetches"].insert(columns).last_pk


def write_cells(db, report_id: int, cells: dict) -> None:
    """The parser's cells, then any person's corrections over them."""
    db.execute("DELETE FROM cells WHERE report_id = ?", [report_id])
    db.conn.executemany(
        "INSERT INTO cells (report_id, key, value, parsed, corrected) VALUES (?, ?, ?, ?, 0)",
        [(report_id, key, value, value) for key, value in cells.items()],
    )
    apply_corrections(db, report_id)


def apply_corrections(db, report_id: int) -> None:
    """The latest correction of each key wins over the parsed value (a cell the parser missed is added)."""
    db.execute(
        """
        INSERT INTO cells (report_id, key, value, parsed, corrected)
        SELECT report_id, key, value, NULL, 1 FROM corrections c
        WHERE report_id = :report_id
          AND id = (SELECT max(id) FROM corrections WHERE report_id = c.report_id AND key = c.key)
        ON CONFLICT (report_id, key) DO UPDATE SET value = excluded.value, corrected = 1
        """,
        {"report_id": report_id},
    )


# One-report checks over a record with a person's corrected cells (key -> value) applied: handed in by
# the nianbao layer, as ``parse`` is, so that findings follow corrections.
Recheck = Callable[[dict, dict], list]


def corrected_cells(db, report_id: int) -> dict:
    """The cells of a report a person corrected, key -> value in force."""
    return dict(
        db.execute("SELECT key, value FROM cells WHERE report_id = ? AND corrected = 1", [report_id]).fetchall()
    )


def recheck_findings(db, report_id: int, recheck: Recheck, run_id=None, *, now: str | None = None) -> None:
    """Replace a report's one-report findings by those of its stored record with its corrections applied."""
    row = db.execute("SELECT record, text, agency_id, year FROM reports WHERE id = ?", [report_id]).fetchone()
    record = {**json.loads(row[0]), "text": row[1]}
    findings = recheck(record, corrected_cells(db, report_id))
    write_findings(db, report_id, row[2], row[3], findings, run_id, now=now)


def write_findings(db, report_id, agency_id, year, findings: list, run_id, *, now: str | None = None) -> None:
    """The one-report findings of a report replace its previous ones (the monitor's stay)."""
    db.execute("DELETE FROM findings WHERE report_id = ? AND scope = 'report'", [report_id])
    now = now or utc_now()
    db["findings"].insert_all(
        {
            "code": finding["code"],
            "severity": finding.get("severity") or "info",
            "message": finding.get("message"),
            "report_id": report_id,
            "agency_id": agency_id,
            "year": year,
            "evidence": json.dumps(finding.get("evidence") or {}, ensure_ascii=False),
            "scope": "report",
            "run_id": run_id,
            "found_at": now,
        }
        for finding in findings
    )


# Page chrome that changes without the report changing: view counters, the date of the day.
COUNTER = re.compile(r"((?:浏览|阅读|访问|点击|查看)(?:次数|量|数|人次)?\s*[:：]?\s*)\d[\d,，.]*(?:\s*次)?")
DAY_CHROME = re.compile(r"今天是|今日是|当前时间|现在时间|星期[一二三四五六日天]")


def stable_text(text: str | None) -> str:
    """The text with the chrome masked: counters lose their number, short lines of the day go."""
    lines = []
    for line in (text or "").splitlines():
        if len(line) < 60 and DAY_CHROME.search(line):
            continue
        line = COUNTER.sub(r"\1#", line).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def content_hash(record: dict, cells: dict) -> str:
    """What identifies a version: the report's text and cells, not the page around it."""
    payload = json.dumps({"text": stable_text(record.get("text")), "cells": cells}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()
