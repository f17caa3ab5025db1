"""The archive's commands: ingest, correct, reparse, search, export, backup, serve.

Each is a thin click layer over a function of ``db/`` (or ``nianbao.ingest``); every one takes
``--db PATH`` (default $NIANBAO_DB or db/nianbao.db). Bad input is one line on stderr and exit 2.
"""

from __future__ import annotations

import getpass
import os
import re
import sqlite3
from pathlib import Path

import click

from nianbao.db import ArchiveError, default_path, open_db
from nianbao.filenames import shown_name
from nianbao.parsing.template import CELL_KEYS

# ASCII digits only (\d would take ٣ and other scripts' digits): a count, a signed change, an amount
COUNT_TEXT = re.compile(r"[0-9]+")
CHANGE_TEXT = re.compile(r"-?[0-9]+")
AMOUNT_TEXT = re.compile(r"[0-9]+(\.[0-9]+)?")


class BadInput(click.ClickException):
    """One line on stderr, exit status 2 (cli-and-registry.md; nianbao.cli prints it)."""

    exit_code = 2


def db_option(command):
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="The archive file (default: $NIANBAO_DB or db/nianbao.db).",
    )(command)


def archive(db_path: Path | None, must_exist: bool = False, read_only: bool = False):
    """The open archive; a bad --db is bad input. Readers open it read-only."""
    path = db_path or default_path()
    if (must_exist or read_only) and not path.exists():
        raise BadInput(f"no archive at {path} (nianbao ingest or crawl makes one)")
    try:
        return open_db(path, read_only=read_only)
    except ArchiveError as err:
        raise BadInput(str(err)) from None


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--url", help="The URL the file was downloaded from (one file only); default its file:// path.")
@click.option("--agency", help="The reporting body, when the report does not name it (or names it oddly).")
@db_option
def ingest(paths, url, agency, db_path):
    """Archive local report files and folders (a researcher's own downloads) as if fetched.

    Parses and checks each file and stores its bytes, record, cells and findings; the same bytes twice
    add a fetch, never a report. A file that is not a readable report is kept as a fetch with its reason
    (outcome unreadable, or parser_error when the parser failed on it).

    Example: nianbao ingest ~/Downloads/年报/ --db nianbao.db
    """
    from .ingest import ingest_files
    from .inputs import NOT_FOUND, UNREADABLE, list_inputs

    if agency is not None and not agency.strip():
        raise BadInput("--agency is blank: give the reporting body's name, or leave the option out")
    files = list_inputs(paths).files
    if url and len(files) > 1:
        raise BadInput("--url names the address of one file; give one file with it")
    db = archive(db_path)
    with progress_bar(len(files)) as advance:
        summary = ingest_files(db, paths, url=url, agency=agency and agency.strip(), progress=advance)
    for path, _kind, why in summary.problems:
        click.echo(f"nianbao: {shown_name(path)}: {why}", err=True)
    for path, outcome, reason in summary.failed:
        click.echo(f"nianbao: {shown_name(path)}: archived as {outcome}: {reason}", err=True)
    counts = summary.counts
    on_disk = [f"{summary.count(kind)} {kind}" for kind in (NOT_FOUND, UNREADABLE) if summary.count(kind)]
    click.echo(
        f"ingest: {summary.files} files: {counts['new']} new reports, {counts['version']} new versions, "
        f"{counts['seen']} already archived, {counts['unreadable']} unreadable"
        + (f", {counts['parser_error']} parser errors" if counts["parser_error"] else "")
        + "".join(f", {counts[kind]} {kind}" for kind in ("too_large", "too_complex") if counts[kind])
        + (f"; on disk: {', '.join(on_disk)}" if on_disk else "")
    )
    if summary.bad_input:
        raise SystemExit(2)


def progress_bar(total: int):
    """A rich progress bar on stderr when there are many files; ``advance(path)`` moves it."""
    from contextlib import contextmanager

    from rich.console import Console
    from rich.progress import Progress

    @contextmanager
    def bar():
        with Progress(console=Console(stderr=True), transient=True, disable=total < 10) as progress:
            task = progress.add_task("ingest", total=total)
            yield lambda path: progress.update(task, advance=1, description=shown_name(path.name)[:40])

    return bar()


@click.command(context_settings={"ignore_unknown_options": True})  # VALUE may be negative: -4 is no option
@click.argument("report", type=click.IntRange(1, 2**63 - 1))
@click.argument("key")
@click.argument("value")
@click.option("--note", required=True, help="Why: what was read, from where (kept with the correction).")
@click.option("--by", "made_by", default=None, help="Who corrects (default: the login name).")
@db_option
def correct(report, key, value, note, made_by, db_path):
    """Correct one cell of an archived report by hand (a scan read by a person, a misprint).

    The correction is kept with who, when and why, applied over the parsed value, survives reparse,
    and is marked in exports; the report's findings are checked again on the corrected cells. VALUE, in
    digits 0-9: a count (0 and up), a 本年增/减 change (may be negative: -4), an amount (12.5); or
    "null" for a cell that is blank.

    Example: nianbao correct 12 requests.new_received.total 37 --note "扫描件第3页人工核对"
    """
    from nianbao.db.corrections import correct_cell

    from .ingest import findings_with_corrections

    if not note.strip():
        raise BadInput("--note must say why the cell is corrected")
    if key not in CELL_KEYS:
        raise BadInput(f"{key!r} is not a cell of the report templates (e.g. requests.new_received.total)")
    db = archive(db_path, must_exist=True)
    try:
        done = correct_cell(
            db,
            report,
            key,
            cell_value(value, key),
            note=note,
            made_by=made_by or login_name(),
            cell_keys=CELL_KEYS,
            recheck=findings_with_corrections,
        )
    except ArchiveError as err:
        raise BadInput(str(err)) from None
    click.echo(f"report {done.report_id} {done.key}: {done.previous} -> {done.value} (corrected)")


MAX_CELL_VALUE = 1e12  # larger than any count or sum of 万元 a report prints


def cell_value(text: str, key: str):
    """A corrected value as a person types it, for the cell ``key``: null, or a number of the cell's kind
    with ASCII digits and no separators. Counts are non-negative integers; 本年增/减 (``*.change`` of the
    2019 template) may be negative; money (``*.amount``) may have decimals."""
    if text.lower() in ("null", "none", ""):
        return None
    kind, pattern = cell_kind(key)
    if not pattern.fullmatch(text) or abs(float(text)) > MAX_CELL_VALUE:
        raise BadInput(f"{text!r} is not {kind} (or null) for {key}")
    return float(text) if "." in text else int(text)


def cell_kind(key: str) -> tuple[str, re.Pattern]:
    if key.endswith(".amount"):
        return "an amount (digits 0-9, decimals allowed)", AMOUNT_TEXT
    if key.endswith(".change"):
        return "a whole number (digits 0-9, may be negative)", CHANGE_TEXT
    return "a count (a whole number from 0, digits 0-9)", COUNT_TEXT


def login_name() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER")


@click.command()
@db_option
def reparse(db_path):
    """Re-parse every archived report from its stored bytes (no network) and print what changed.

    Records, cells and one-report findings are replaced; corrections are applied again. Files kept
    as unreadable or as a parser error are tried again, and become reports if the parser now reads them.

    Example: nianbao reparse --db nianbao.db
    """
    from .ingest import reparse_archive

    summary = reparse_archive(archive(db_path, must_exist=True))
    for change in summary.changes:
        if change.error:
            click.echo(f"report {change.report_id} ({change.label}): now unreadable, old parse kept: {change.error}")
            continue
        changed = [*(f"{name} changed" for name in change.fields), f"{len(change.cells)} cells changed"]
        click.echo(f"report {change.report_id} ({change.label}): " + ", ".join(changed))
        for key, (before, after) in change.cells.items():
            click.echo(f"    {key}: {before} -> {after}")
    for fetch, archived in summary.now_readable:
        click.echo(
            f"fetch {fetch['id']} ({fetch['url']}): now readable, report {archived.report_id} ({archived.outcome})"
        )
    click.echo(
        f"reparse: {summary.reports} reports, {summary.changed} changed, {summary.cells} cells changed"
        + (f"; {len(summary.now_readable)} files once unreadable are now reports" if summary.now_readable else "")
    )


@click.command()
@click.argument("text")
@click.option("--limit", default=20, show_default=True, help="How many reports to show, newest first.")
@db_option
def search(text, limit, db_path):
    """Full-text search of the archive, in Chinese: every term must occur (one character and up).

    Prints report id, agency, year and a snippet with the hit in 【】.

    Example: nianbao search "依申请公开 决算"
    """
    from nianbao.db.search import search as search_archive

    if not text.strip():
        raise BadInput("nothing to search for")
    db = archive(db_path, read_only=True)
    try:
        hits = search_archive(db, text, limit=limit)
    except ArchiveError as err:
        raise BadInput(str(err)) from None
    for hit in hits:
        click.echo(f"{hit['id']:>6}  {hit['agency'] or '?'}  {hit['year'] or '?'}  {hit['snippet']}")
    if not hits:
        click.echo(f"no report holds {text!r}", err=True)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "xlsx"]),
    default=None,
    help="Default: from the --output suffix, else csv.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout; xlsx needs a file). An existing file is kept unless --force.",
)
@click.option("--force", is_flag=True, help="Replace an existing --output file (never the archive or an SQLite file).")
@db_option
def export(fmt, output, force, db_path):
    """The panel dataset: one row per agency and year, the main counts as columns.

    New requests, granted, withheld, total processed, carried over and forward, reviews, lawsuits,
    regulations issued, fees; report URL and publication date. Corrected values are marked (column
    `corrected`; highlighted with the note in xlsx). Other cells: the `cells` table, in long form.

    Example: nianbao export --format xlsx --output panel.xlsx
    """
    from .export import write_panel
    from .output_files import OutputRefused, atomic_output, output_format, refuse_unsafe_output

    if not output:
        if fmt == "xlsx":
            raise BadInput("xlsx needs --output FILE")
        write_panel(archive(db_path, read_only=True), fmt or "csv", None)
        return
    try:
        refuse_unsafe_output(output, db_path or default_path(), force)
        fmt = output_format(output, fmt, ("csv", "json", "xlsx"), default=None if output.suffix else "csv")
    except OutputRefused as err:
        raise BadInput(str(err)) from None
    db = archive(db_path, read_only=True)
    try:
        with atomic_output(output) as temporary:
            rows = write_panel(db, fmt, temporary)
    except OSError as err:
        raise BadInput(f"cannot write {output}: {err.strerror or err}") from None
    click.echo(f"export: {rows} rows to {output}", err=True)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def backup(file, db_path):
    """A consistent copy of the live archive (VACUUM INTO), safe while a crawl writes to it.

    Example: nianbao backup backups/nianbao-2025-03-01.db
    """
    from nianbao.db.backup import backup as backup_archive

    db = archive(db_path, read_only=True)
    try:
        backup_archive(db, file)
    except (ArchiveError, OSError, sqlite3.Error) as err:
        raise BadInput(f"cannot back up to {file}: {err}") from None
    click.echo(f"backup: {file} ({file.stat().st_size:,} bytes)")


@click.command()
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port on localhost.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--show-paths", is_flag=True, help="Name the archive's file in /-/databases.json (hidden by default).")
@click.option(
    "--base-url",
    default="/",
    show_default=True,
    help="Path prefix the pages and links live under, behind a proxy (Datasette's base_url), e.g. /archive/.",
)
@db_option
def serve(port, host, show_paths, base_url, db_path):
    """Read-only web interface to the archive (Datasette), for researchers.

    Sees new reports as crawls commit them; no write can reach the file through it. Facets on region,
    agency kind, year and finding code; canned queries (勾稽关系 failures, late reports, requests per
    year, full-text search); JSON and CSV for every table and query.

    Example: nianbao serve --port 8001   (then open http://127.0.0.1:8001/nianbao)
    """
    from .serve import run_datasette

    path = db_path or default_path()
    prefix = served_prefix(base_url)
    archive(path, read_only=True).close()  # refused or upgraded before readers come; a backup copy stays as it is
    run_datasette(path, host=host, port=port, show_paths=show_paths, base_url=prefix)


def served_prefix(base_url: str) -> str:
    """A path between slashes, as Datasette's base_url wants it: /archive and /archive/ alike."""
    if not base_url.startswith("/") or "//" in base_url or any(c in base_url for c in "?#\\ "):
        raise BadInput(f"--base-url {base_url!r} is a path such as /archive/, not a URL")
    return base_url.rstrip("/") + "/"


COMMANDS = (ingest, correct, reparse, search, export, backup, serve)
