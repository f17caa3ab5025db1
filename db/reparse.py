"""Re-parse every archived report from its stored bytes (no network) when the parser improves: the
record, cells and one-report findings are replaced, corrections applied again, and what changed is
returned so a person can see it. Files kept as unreadable or as a parser error are tried again too.

Example::

    for change in reparse_all(db, lambda data, report: my_parse(data, report["file_name"])):
        print(change.report_id, change.fields, change.cells)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import sqlite_utils

from . import transaction
from .agencies import agency_for
from .archive import (
    Archived,
    NotAReport,
    Parsed,
    Recheck,
    blob_bytes,
    content_hash,
    corrected_cells,
    known_outcome,
    report_columns,
    report_with_sha256,
    seen_again,
    store_report,
    utc_now,
    write_cells,
    write_findings,
)

COMPARED_FIELDS = ("title", "format", "published_at", "year", "agency_id", "text")


@dataclass
class Change:
    report_id: int
    label: str  # agency, year and version, for people
    fields: list = field(default_factory=list)  # names of columns whose value changed
    cells: dict = field(default_factory=dict)  # key -> (before, after), parsed values
    error: str | None = None  # the new parser could not read it; the old parse is kept

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.cells)


def archived_reports(db: sqlite_utils.Database) -> list[dict]:
    return list(
        db.query(
            "SELECT r.id, r.url, r.sha256, r.year, r.version, r.agency_id, a.name AS agency, a.region,"
            " (SELECT content_type FROM fetches WHERE id = r.first_fetch_id) AS content_type,"
            " (SELECT file_name FROM fetches WHERE id = r.first_fetch_id) AS file_name"
            " FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id ORDER BY r.id"
        )
    )


def reparse_all(
    db: sqlite_utils.Database,
    parse: Callable[[bytes, dict], Parsed],
    run_id: int | None = None,
    *,
    now: str | None = None,
    recheck: Recheck | None = None,
) -> Iterator[Change]:
    """``parse(data, report)`` gets the raw bytes and the report's url, content_type and file_name;
    ``recheck(record, corrected)`` gives the one-report findings of a record with a person's corrected
    cells (key -> value) applied, for a report that has corrections.

    Each report is parsed outside any transaction and written in one short transaction of its own, which
    ends before its change is yielded: a slow consumer (output piped into a pager) holds no lock."""
    for report in archived_reports(db):
        label = f"{report['agency'] or '?'} {report['year'] or '?'} v{report['version']}"
        try:
            parsed = parse(blob_bytes(db, report["sha256"]), report)
        except NotAReport as err:
            yield Change(report["id"], label, error=str(err))
            continue
        with transaction(db):
            change = replace_parse(db, report, parsed, label, run_id, now=now or utc_now(), recheck=recheck)
        yield change


def replace_parse(db, report: dict, parsed: Parsed, label: str, run_id, *, now: str, recheck=None) -> Change:
    before = db.execute(f"SELECT {', '.join(COMPARED_FIELDS)} FROM reports WHERE id = ?", [report["id"]]).fetchone()
    old_cells = dict(db.execute("SELECT key, parsed FROM cells WHERE report_id = ?", [report["id"]]).fetchall())
    record = parsed.record
    columns = report_columns(record, content_hash(record, parsed.cells), now)
    columns.update(identity(db, report, record, now))
    db["reports"].update(report["id"], columns)
    write_cells(db, report["id"], parsed.cells)
    corrected = corrected_cells(db, report["id"])
    findings = recheck(record, corrected) if corrected and recheck else parsed.findings
    write_findings(db, report["id"], columns["agency_id"], columns["year"], findings, run_id, now=now)
    after = [columns[name] for name in COMPARED_FIELDS]
    return Change(
        report["id"],
        label,
        fields=[name for name, old, new in zip(COMPARED_FIELDS, before, after) if old != new],
        cells={
            key: (old_cells.get(key), parsed.cells.get(key))
            for key in sorted(set(old_cells) | set(parsed.cells))
            if old_cells.get(key) != parsed.cells.get(key)
        },
    )


def identity(db, report: dict, record: dict, now: str) -> dict:
    """Agency and year a new parse finds where the old one found none; a report is never moved away
    from an agency it was archived under (``--agency``, a crawl's portal), nor onto another version's slot."""
    agency_id = report["agency_id"] or agency_for(db, record.get("agency"), report["region"], now)
    year = report["year"] if report["year"] is not None else record.get("year")
    taken = db.execute(
        "SELECT 1 FROM reports WHERE agency_id IS ? AND year IS ? AND url = ? AND version = ? AND id != ?",
        [agency_id, year, report["url"], report["version"], report["id"]],
    ).fetchone()
    if taken:
        return {"agency_id": report["agency_id"], "year": report["year"]}
    return {"agency_id": agency_id, "year": year}


def retry_unreadable(
    db: sqlite_utils.Database,
    parse: Callable[[bytes, dict], Parsed],
    run_id: int | None = None,
    *,
    now: str | None = None,
) -> Iterator[tuple[dict, Archived]]:
    """Files once kept as unreadable or as a parser error that the parser now reads become reports (from
    their first fetch on); their fetches say ``ok`` from then on. Yields each such fetch and what was
    archived. A file that still fails keeps the outcome and reason of this parse (a crash fixed into a
    plain "not a report" becomes ``unreadable``)."""
    now = now or utc_now()
    for fetch in list(
        db.query(
            "SELECT id, url, sha256, fetched_at, content_type, file_name, outcome, reason FROM fetches"
            " WHERE outcome IN ('unreadable', 'parser_error') AND sha256 IN (SELECT sha256 FROM blobs) ORDER BY id"
        )
    ):
        known = report_with_sha256(db, fetch["sha256"])
        if not known:
            try:
                parsed = parse(blob_bytes(db, fetch["sha256"]), fetch)
            except NotAReport as err:
                still_failing(db, fetch, err)
                continue
        with transaction(db):
            db.execute("UPDATE fetches SET outcome = 'ok', reason = NULL WHERE id = ?", [fetch["id"]])
            if known:
                archived = seen_again(db, known, fetch["id"], fetch["fetched_at"])
            else:
                archived = store_report(
                    db,
                    parsed,
                    fetch["id"],
                    fetch["fetched_at"],
                    fetch["url"],
                    fetch["sha256"],
                    None,
                    None,
                    run_id,
                    now=now,
                )
        yield fetch, archived


def still_failing(db, fetch: dict, err: NotAReport) -> None:
    if (fetch["outcome"], fetch["reason"]) != (err.outcome, str(err)):
        with transaction(db):
            db.execute(
                "UPDATE fetches SET outcome = ?, reason = ? WHERE id = ?",
                [known_outcome(err.outcome), str(err), fetch["id"]],
            )
