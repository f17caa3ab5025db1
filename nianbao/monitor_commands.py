"""The monitor's commands: monitor, alerts, schedule, demo (nianbao.monitor)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from nianbao.db import default_path

from .archive_commands import BadInput, archive, db_option

ALERT_STATUSES = ("open", "acknowledged", "dismissed", "resolved")


def statuses_of(text: str) -> tuple[str, ...]:
    """--status open,acknowledged … or all."""
    asked = tuple(s.strip() for s in text.split(",") if s.strip())
    if "all" in asked:
        return ALERT_STATUSES
    unknown = [s for s in asked if s not in ALERT_STATUSES]
    if unknown or not asked:
        raise BadInput(f"unknown status {','.join(unknown) or text!r}: open, acknowledged, dismissed, resolved or all")
    return asked


@click.group(invoke_without_command=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "xlsx", "html"]),
    default=None,
    help="Default: from the --output extension, else a table on the terminal.",
)
@click.option("--output", type=click.Path(path_type=Path), help="File to write (default: stdout; xlsx needs a file).")
@click.option("--status", "status_text", default="open", show_default=True, help="open,acknowledged,resolved,… or all.")
@click.option(
    "--base-url",
    default="http://127.0.0.1:8001",
    show_default=True,
    help="Where `nianbao serve` runs: the lists link each alert to its evidence page there.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing --output file.")
@db_option
@click.pass_context
def alerts(ctx, fmt, output, status_text, base_url, force, db_path):
    """The alert list for the oversight office: terminal table, CSV, JSON, Excel or a static HTML page.

    Excel: one row per alert with region, agency, year and problem in Chinese, severity colours,
    filters, links to the report and its evidence page, and a sheet of on-time and defect rates by
    region. HTML: charts, then the alerts grouped by region and agency.

    Example: nianbao alerts --output 提醒清单.xlsx   (or --format json for scripts)
    """
    if ctx.invoked_subcommand:
        return
    from nianbao.monitor.outputs.alert_list import (
        OutputError,
        format_of,
        listed_alerts,
        print_alert_table,
        render,
        write_alert_list,
    )

    statuses = statuses_of(status_text)
    try:
        fmt = format_of(fmt, output)
    except OutputError as err:
        raise BadInput(str(err)) from None
    if fmt == "xlsx" and output is None:
        raise BadInput("xlsx needs --output FILE")
    path = db_path or default_path()
    db = archive(path, read_only=True)
    listed = listed_alerts(db, statuses, base_url)
    if output is None:
        if fmt == "table":
            print_alert_table(listed)
        else:
            sys.stdout.write(render(db, fmt, listed, base_url))
        return
    try:
        write_alert_list(db, fmt, listed, output, base_url, force=force, archive=path)
    except OutputError as err:
        raise BadInput(str(err)) from None
    except OSError as err:
        raise BadInput(f"cannot write {output}: {err.strerror or err}") from None
    click.echo(f"alerts: {len(listed)} alerts ({fmt}) to {output}", err=True)


COMMANDS = (alerts,)
