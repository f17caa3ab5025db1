"""From a file's bytes to the archive: parse, check, store (the crawler's pipeline uses this too).

>>> db = open_db("db/nianbao.db")
>>> ingest_path(db, Path("downloads/西夏区信访局2024.pdf"))
Archived(fetch_id=1, report_id=1, outcome='new', version=1, reason=None)
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from nianbao.db.archive import Archived, NotAReport, Parsed, archive_file


def parse_report(data: bytes, name: str = "", content_type: str | None = None) -> Parsed:
    """Parse stage plus one-report checks, in the shape the archive stores, run in the parse worker under
    its limits (nianbao.isolation); NotAReport with the reason and outcome for a file that is no readable
    report (``unreadable``), is over a limit (``too_large``, ``too_complex``) or that the parser fails on
    (``parser_error``: reparse retries it after a fix)."""
    from nianbao.isolation import OverLimit, ParserCrashed
    from nianbao.parsing import UnreadableDocument
    from nianbao.parsing.record import flat_cells

    try:
        record = parse_worker().parse(data, name, content_type)
    except UnreadableDocument as err:
        raise NotAReport(str(err), outcome=err.outcome) from None
    except OverLimit as err:
        raise NotAReport(str(err), outcome=err.outcome) from None
    except ParserCrashed as err:  # a parser bug must not stop a run of thousands
        raise NotAReport(f"parser failed: {err}", outcome="parser_error") from None
    return Parsed(record=record, cells=flat_cells(record), findings=record["findings"])


_worker = None


def parse_worker():
    """The process's parse worker, started on first use with the limits of the environment."""
    global _worker
    if _worker is None:
        from nianbao.isolation import ParseWorker

        _worker = ParseWorker()
    return _worker


def ingest_path(
    db: sqlite_utils.Database,
    path: Path,
    *,
    url: str | None = None,
    agency: str | None = None,
    run_id: int | None = None,
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
    )


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
