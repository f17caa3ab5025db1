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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from nianbao.db.archive import Archived, NotAReport, Parsed, ParserFailed, archive_file
from nianbao.db.reparse import Change, reparse_all, retry_unreadable
from nianbao.db.runs import finish_run, start_run
from nianbao.isolation import OverLimit, ParserCrashed, ParseWorker
from nianbao.parsing import UnreadableDocument
from nianbao.parsing.record import flat_cells

OUTCOMES = ("new", "version", "seen", "unreadable", "parser_error", "too_large", "too_complex")


def parse_report(data: bytes, name: str = "", content_type: str | None = None) -> Parsed:
    """Parse stage plus one-report checks, in the shape the archive stores, run in the parse worker under
    its limits (nianbao.isolation); NotAReport with the reason and outcome for a file that is no readable
    report (``unreadable``) or is over a limit (``too_large``, ``too_complex``), ParserFailed (a NotAReport,
    ``parser_error``: reparse retries it after a fix) when the parser fails."""
    try:
        record = parse_worker().parse(data, name, content_type)
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
    """Archive one local file as if fetched; its URL is ``url`` or its file:// path."""
    data = path.read_bytes()
    return archive_file(
        db,
        data,
        url=url or path.resolve().as_uri(),
        parse=lambda raw: parse_report(raw, path.name),
        file_name=path.name,
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
    failed: list = field(default_factory=list)  # (path, outcome, reason): unreadable or parser_error
    missing: list = field(default_factory=list)  # (path, why): not found or not readable from disk


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
    missing = [(path, "no such file or folder") for path in paths if not path.exists()]
    files = files_under(path for path in paths if path.exists())
    run_id = start_run(db, "ingest", {"paths": [str(p) for p in paths], "url": url, "agency": agency}, now=now)
    summary = IngestSummary(run_id, files=len(files), missing=missing)
    for path in files:
        try:
            archived = ingest_path(db, path, url=url, agency=agency, run_id=run_id, now=now)
        except OSError as err:
            summary.missing.append((path, f"cannot read: {err.strerror or err}"))
            continue
        finally:
            if progress:
                progress(path)
        summary.counts[archived.outcome] += 1
        if archived.reason:
            summary.failed.append((path, archived.outcome, archived.reason))
    finish_run(db, run_id, "ok", {**summary.counts, "missing": len(summary.missing)}, now=now)
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
    for change in reparse_all(db, parse_stored, summary.run_id, now=now):
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


def parse_stored(data: bytes, row: dict) -> Parsed:
    """Stored bytes parsed under the name ingest or the crawl gave them."""
    return parse_report(data, row["file_name"] or Path(row["url"]).name, row["content_type"])


def files_under(paths) -> list[Path]:
    """The files named, and those inside the folders named (recursively, hidden ones skipped), in order."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and not is_hidden(p, under=path)))
        else:
            found.append(path)
    return found


def is_hidden(path: Path, under: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(under).parts)
