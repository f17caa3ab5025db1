"""The main job on the embedded default: demo (nianbao.demo)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

DEMO_ARCHIVE = Path("db") / "demo.db"


@click.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEMO_ARCHIVE,
    show_default=True,
    help="The demo's own archive, made anew each run (never $NIANBAO_DB's).",
)
def demo(db_path):
    """The main job, end to end, on this machine: replica, two crawls, monitor, alert lists.

    Starts the bundled replica of government portals on localhost, crawls it in its first state and again
    in its later state, runs the monitor as of 15 April 2026 (deadline season), prints the alert summary,
    writes the Excel and HTML alert lists beside the archive, and checks the open alerts against the
    replica's ground truth: every planted case found, nothing else (exit 1 otherwise).

    Example: nianbao demo   (then: nianbao serve --db db/demo.db)
    """
    from nianbao.demo import DemoFailed, run_demo

    try:
        result = run_demo(db_path, db_path.parent, say=click.echo)
    except DemoFailed as err:
        click.echo(f"nianbao: demo: {err}", err=True)
        sys.exit(1)
    click.echo(f"planted by the replica: {len(result.expected)} cases; open alerts: {len(result.found)}")
    for code, agency, year in sorted(result.missed, key=str):
        click.echo(f"  MISSED  {code} {agency} {year or ''}")
    for code, agency, year in sorted(result.extra, key=str):
        click.echo(f"  EXTRA   {code} {agency} {year or ''}")
    if result.missed or result.extra:
        click.echo("demo: the monitor's alerts differ from what the replica planted", err=True)
        sys.exit(1)
    click.echo("demo: every planted case was found, and nothing else")
    click.echo(f"archive: {db_path}; browse it with: nianbao serve --db {db_path}  (http://127.0.0.1:8001)")
    click.echo(f"alert lists: {' and '.join(map(str, result.alert_lists))}")


COMMANDS = (demo,)
