"""From a file's bytes to the archive: parse, check, store. The library the CLI, the crawler's pipeline
and the scheduler share: ``parse_report`` for one file's bytes, ``ingest_files`` and ``reparse_archive``
for a whole run with its bookkeeping (a row in ``runs``, outcomes counted).

Example::

    db = open_db("db/nianbao.db")
    summary = ingest_files(db, [Path("downloads/")], progress=lambda path: print(path))
    summary.counts  # {'new': 12, 'version': 0, 'seen': 3, 'unreadable': 1, 'parser_error': 0}
"""

from __future__ import annotations

import atexit
import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from nianbao.checks import run_checks
from nianbao.db.archive import Archived, NotAReport, Parsed, ParserFailed, archive_file
from nianbao.db.reparse import Change, reparse_all, retry_unreadable
from nianbao.db.runs import finish_run, start_run
from nianbao.filenames import name_bytes, path_text
from nianbao.inputs import NOT_FOUND, SKIPPED, UNREADABLE, UnreadableInput, list_inputs, read_input
from nianbao.isolation import OverLimit, ParserCrashed, ParseWorker
from nianbao.parsing import UnreadableDocument
from nianbao.parsing.record import flat_cells

OUTCOMES = ("new", "version", "seen", "unreadable", "parser_error", "too_large", "too_complex")


def parse_report(
    data: bytes, name: str = "", content_type: str | None = None, *, worker: ParseWorker | None = None
) -> Parsed:
    """Parse stage plus one-report checks, in the shape the archive stores, run in the parse worker under
    its limits (nianbao.isolation); NotAReport with the reason and outcome for a file that is no readable
    report (``unreadable``) or is over a limit (``too_large``, ``too_complex``), ParserFailed (a NotAReport,
    ``parser_error``: reparse retries it after a fix) when the parser fails. ``worker``: another worker
    than the process's (other limits)."""
    try:
        record = (worker or parse_worker()).parse(data, name, content_type)
    except UnreadableDocument as err:
        raise NotAReport(str(err), outcome=err.outcome) from None
    except OverLimit as err:
        raise NotAReport(str(err), outcome=err.outcome) from None
    except ParserCrashed as err:  # a parser bug must not stop a run of thousands
        raise ParserFailed(f"parser failed: {err}") from None
    return Parsed(record=record, cells=flat_cells(record), findings=record["findings"])


_worker = None


def parse_worker():
    """The process's parse worker, started on first use with the limits of the environment."""
    global _worker
    if _worker is None:
        _worker = ParseWorker()
        atexit.register(_worker.close)
    return _worker


def ingest_path(
    db: sqlite_utils.Database,
    path: Path,
    *,
    url: str | None = None,
    agency: str | None = None,
    run_id: int | None = None,
    now: str | None = None,
) -> Archived:
    """Archive one local file as if fetched; its URL is ``url`` or its file:// path. A name that is not
    UTF-8 is kept decoded (GB18030) with its raw bytes. UnreadableInput (nothing archived) when the file
    cannot be read: a FIFO, a device, a failing read."""
    data = read_input(path)
    name = path_text(path.name)
    return archive_file(
        db,
        data,
        url=url or path.resolve().as_uri(),
        parse=lambda raw: parse_report(raw, name),
        file_name=name,
        file_name_bytes=name_bytes(path),
        agency=agency,
        run_id=run_id,
        fetched_at=now,
        now=now,
    )


@dataclass
class IngestSummary:
    run_id: int
    files: int = 0
    counts: dict = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    failed: list = field(default_factory=list)  # (path, outcome, reason): archived as no report
    problems: list = field(default_factory=list)  # (path, kind, why): not found, unreadable or skipped on disk

    def count(self, kind: str) -> int:
        return sum(problem[1] == kind for problem in self.problems)

    @property
    def bad_input(self) -> bool:
        """A path named was not there or a file could not be read (a skipped symlinked folder is not that)."""
        return any(problem[1] != SKIPPED for problem in self.problems)


def ingest_files(
    db: sqlite_utils.Database,
    paths: Iterable[Path],
    *,
    url: str | None = None,
    agency: str | None = None,
    now: str | None = None,
    progress: Callable[[Path], None] | None = None,
) -> IngestSummary:
    """Archive the files named and those in the folders named, as one run; ``progress(path)`` after each."""
    paths = [Path(p) for p in paths]
    listing = list_inputs(paths)
    run_id = start_run(db, "ingest", {"paths": [path_text(p) for p in paths], "url": url, "agency": agency}, now=now)
    summary = IngestSummary(run_id, files=len(listing.files), problems=listing.problems)
    for path in listing.files:
        try:
            archived = ingest_path(db, path, url=url, agency=agency, run_id=run_id, now=now)
        except UnreadableInput as err:
            summary.problems.append((path, UNREADABLE, str(err)))
            continue
        finally:
            if progress:
                progress(path)
        summary.counts[archived.outcome] += 1
        if archived.reason:
            summary.failed.append((path, archived.outcome, archived.reason))
    counters = {**summary.counts, "missing": summary.count(NOT_FOUND), "unreadable_on_disk": summary.count(UNREADABLE)}
    finish_run(db, run_id, "ok", counters, now=now)
    return summary


@dataclass
class ReparseSummary:
    run_id: int
    reports: int = 0
    changes: list[Change] = field(default_factory=list)  # reports that changed or now fail (old parse kept)
    now_readable: list = field(default_factory=list)  # (fetch, Archived): files once unreadable, now reports

    @property
    def changed(self) -> int:
        return sum(change.changed for change in self.changes)

    @property
    def cells(self) -> int:
        return sum(len(change.cells) for change in self.changes)


def reparse_archive(db: sqlite_utils.Database, *, now: str | None = None) -> ReparseSummary:
    """Re-parse every archived report from its raw bytes, then retry the files kept as unreadable or as a
    parser error, as one run."""
    summary = ReparseSummary(start_run(db, "reparse", now=now))
    for change in reparse_all(db, parse_stored, summary.run_id, now=now, recheck=findings_with_corrections):
        summary.reports += 1
        if change.error or change.changed:
            summary.changes.append(change)
    summary.now_readable = list(retry_unreadable(db, parse_stored, summary.run_id, now=now))
    counters = {
        "reports": summary.reports,
        "changed": summary.changed,
        "cells": summary.cells,
        "now_readable": len(summary.now_readable),
    }
    finish_run(db, summary.run_id, "ok", counters, now=now)
    return summary


def findings_with_corrections(record: dict, corrected: dict) -> list[dict]:
    """The one-report findings of ``record`` with a person's corrected cells applied (the record's own
    parse findings kept); each says in its evidence which cells were corrected."""
    record = with_cells(record, corrected)
    findings = run_checks(record)
    for finding in findings:
        finding["evidence"] = {**(finding.get("evidence") or {}), "corrected": sorted(corrected)}
    return findings


def with_cells(record: dict, cells: dict) -> dict:
    """A copy of ``record`` with the flattened cells (table.row.column -> value) set over its tables."""
    record = copy.deepcopy(record)
    for key, value in cells.items():
        table, row, column = key.split(".")
        rows = record[table] = record.get(table) or {}
        rows.setdefault(row, {})[column] = value
    return record


def parse_stored(data: bytes, row: dict) -> Parsed:
    """Stored bytes parsed under the name ingest or the crawl gave them."""
    return parse_report(data, row["file_name"] or Path(row["url"]).name, row["content_type"])
