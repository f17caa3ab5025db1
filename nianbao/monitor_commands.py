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
        format_of,
        listed_alerts,
        print_alert_table,
        render,
        write_alert_list,
    )
    from nianbao.output_files import OutputRefused

    statuses = statuses_of(status_text)
    try:
        fmt = format_of(fmt, output)
    except OutputRefused as err:
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
    except OutputRefused as err:
        raise BadInput(str(err)) from None
    except OSError as err:
        raise BadInput(f"cannot write {output}: {err.strerror or err}") from None
    click.echo(f"alerts: {len(listed)} alerts ({fmt}) to {output}", err=True)


@alerts.command("ack")
@click.argument("alert_id", metavar="ID", type=click.IntRange(1, 2**63 - 1))
@click.option("--note", required=True, help="What was done or decided (kept with the alert).")
@db_option
def ack(alert_id, note, db_path):
    """Acknowledge alert ID: it stays quiet until its evidence changes, then it reopens.

    Example: nianbao alerts ack 12 --note "已电话督促，承诺本周发布"
    """
    person_sets_alert("acknowledged", alert_id, note, db_path)


@alerts.command("dismiss")
@click.argument("alert_id", metavar="ID", type=click.IntRange(1, 2**63 - 1))
@click.option("--reason", required=True, help="Why it is a false positive (kept with the alert).")
@db_option
def dismiss(alert_id, reason, db_path):
    """Dismiss alert ID as a false positive: kept with the reason, never reopened by the same evidence.

    Example: nianbao alerts dismiss 7 --reason "该局2023年已并入区行政审批局"
    """
    person_sets_alert("dismissed", alert_id, reason, db_path)


def person_sets_alert(status: str, alert_id: int, note: str, db_path) -> None:
    from nianbao.db import ArchiveError
    from nianbao.db.archive import utc_now
    from nianbao.monitor.alerts import acknowledge, dismiss

    if not note.strip():
        raise BadInput(f"say why the alert is {status} (--note or --reason)")
    db = archive(db_path, must_exist=True)
    act = acknowledge if status == "acknowledged" else dismiss
    try:
        done = act(db, alert_id, note.strip(), utc_now())
    except ArchiveError as err:
        raise BadInput(str(err)) from None
    click.echo(f"alert {done['id']}: {done['was']} -> {done['status']}")


@click.command()
@click.option("--registry", "registry_path", type=click.Path(path_type=Path), help="The agency registry (TOML).")
@click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", help="Judge deadlines as of this day (default: today, Asia/Shanghai)."
)
@db_option
def monitor(registry_path, as_of, db_path):
    """Run every archive-level check and update the alert list.

    Deadlines (missing, late), backdated and revised reports, duplicates, unreachable columns, carry-over
    and in-force chains, copied text, year-on-year outliers, the one-report findings, and the crawls'
    own health. Prints what is new, still open and resolved, by code.

    Example: nianbao monitor --registry registry.toml --as-of 2025-04-01
    """
    from datetime import UTC, date, datetime

    from rich.console import Console

    from nianbao.monitor.deadlines import SHANGHAI
    from nianbao.monitor.run import run_monitor
    from nianbao.registry import RegistryError, load_registry

    now = datetime.now(UTC)
    try:
        day = date.fromisoformat(as_of) if as_of else now.astimezone(SHANGHAI).date()
    except ValueError:
        raise BadInput(f"--as-of {as_of!r} is not a date YYYY-MM-DD") from None
    try:
        registry = load_registry(registry_path) if registry_path else None
    except RegistryError as err:
        raise BadInput(str(err)) from None
    db = archive(db_path, must_exist=True)
    with Console(stderr=True).status("monitor: loading the archive") as status:
        result = run_monitor(db, registry, as_of=day, now=now, progress=lambda step: status.update(f"monitor: {step}"))
    print_summary(result, day)
    if registry and registry.notify:
        send_new_alerts(db, registry, result.run_id)


def send_new_alerts(db, registry, monitor_run: int) -> None:
    """The run's new alerts to the registry's [settings] notify services (mail, webhook, 钉钉 …)."""
    from nianbao.monitor.notify import NotifyError, notify_new_alerts
    from nianbao.monitor.outputs.alert_list import DEFAULT_BASE_URL

    try:
        sent = notify_new_alerts(db, registry.notify, registry.evidence_url or DEFAULT_BASE_URL, monitor_run)
    except NotifyError as err:
        raise BadInput(str(err)) from None
    if sent.alerts:
        click.echo(f"notify: {sent.alerts} new alerts sent to {', '.join(sent.sent)}")
    for service in sent.failed:
        click.echo(f"nianbao: notify: could not reach {service}; the next run tries again", err=True)


def print_summary(result, day) -> None:
    changes = result.changes
    click.echo(
        f"monitor (as of {day}, run {result.run_id}): {len(result.findings)} findings; alerts: "
        f"{len(changes.opened)} new, {len(changes.reopened)} reopened, {changes.still_open} still open, "
        f"{changes.quiet} acknowledged or dismissed, {len(changes.resolved)} resolved"
    )
    for code, count in sorted(result.counts.items(), key=lambda item: (-item[1], item[0])):
        new = changes.by_code.get(code, 0)
        click.echo(f"  {code:<20} {count:>6}" + (f"   ({new} new)" if new else ""))


def check_registry(config) -> None:
    """The registry the crawls need loads now, not at the first cycle in the night, and the calendar's
    season is the one its [monitor] table gives the checks."""
    from nianbao.monitor.scheduler import ScheduleError, settle_season
    from nianbao.registry import RegistryError, load_registry

    if config.registry is None and any("{registry}" in word for word in config.crawl_command):
        raise BadInput("no registry: name it in the schedule file (registry = …) or put registry.toml here")
    try:
        settle_season(config, load_registry(config.registry) if config.registry else None)
    except (RegistryError, ScheduleError) as err:
        raise BadInput(str(err)) from None


@click.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Schedule file (TOML).")
@db_option
def schedule(config_path, db_path):
    """Run crawls and monitor runs on their calendar until stopped (SIGTERM or Ctrl-C).

    Daily in January–April (reports fall due), weekly otherwise, in Asia/Shanghai; each crawl (a
    subprocess) is followed by a monitor run and the notification of its new alerts. Jobs persist in
    their own SQLite file: after a restart a missed run is caught up once. See deploy/nianbao-schedule.service.

    Example: nianbao schedule --config schedule.toml
    """
    from nianbao.monitor.scheduler import ScheduleError, load_config, run_scheduler

    if config_path is not None and not config_path.is_file():
        raise BadInput(f"no schedule file {config_path}")
    try:
        config = load_config(config_path, db_path)
    except ScheduleError as err:
        raise BadInput(str(err)) from None
    check_registry(config)
    archive(config.db).close()  # the archive exists and its schema is current before the first cycle
    run_scheduler(config)


COMMANDS = (alerts, monitor, schedule)
