"""The long-running scheduler (``nianbao schedule``): crawls on a calendar, each followed by a monitor run
and the notification of its new alerts.

APScheduler 3: a BlockingScheduler in Asia/Shanghai whose jobs live in their own SQLite file (never the
archive: a job store must not share a file with other writers), with ``coalesce``, one instance at a time
and a misfire grace of hours (APScheduler's default is one second). A job already in the store with the
same calendar is kept as it is, so after a restart its missed run is caught up once; SIGTERM stops it
cleanly (a running cycle finishes first).

Each cycle crawls in a subprocess (Scrapy's reactor cannot restart in one process), then runs the monitor
in-process, and records itself as a ``schedule`` run in the archive; a crawl that died without recording
its run gets a failed ``crawl`` run, so the monitor's crawl_failed and scheduler_missed checks see it.

Configuration (TOML, every key optional; paths relative to the file)::

    registry = "registry.toml"
    db = "db/nianbao.db"
    jobstore = "db/schedule.sqlite"            # default: beside the archive
    season_months = "1-4"                      # reports fall due: crawl daily (as the registry's [monitor])
    season = { hour = 2, minute = 0 }          # cron fields in season
    off_season = { day_of_week = "mon", hour = 2, minute = 0 }   # weekly otherwise
    jitter_seconds = 900
    misfire_grace_hours = 12
    crawl_timeout_hours = 6
    crawl_command = ["{nianbao}", "crawl", "--registry", "{registry}", "--db", "{db}"]
    # every_seconds = 60                       # a plain interval instead of the calendar (trials, tests)
"""

from __future__ import annotations

import json
import logging
import shlex
import signal
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from apscheduler.events import EVENT_JOB_MISSED, EVENT_JOB_SUBMITTED, EVENT_SCHEDULER_STARTED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from nianbao.db import default_path, open_db
from nianbao.db.alerts import latest_run_id
from nianbao.db.runs import finish_run, start_run

from nianbao.registry import months_of

from .checks.system import DEFAULTS as MONITOR_DEFAULTS

TIMEZONE = "Asia/Shanghai"
CYCLE = "nianbao.monitor.scheduler:run_cycle"
KEYS = {
    "registry", "db", "jobstore", "season_months", "season", "off_season", "jitter_seconds",
    "misfire_grace_hours", "crawl_timeout_hours", "crawl_command", "every_seconds",
}  # fmt: skip
SEASON_MONTHS = MONITOR_DEFAULTS["season_months"]
CRON_FIELDS = {"month", "day", "week", "day_of_week", "hour", "minute", "second"}


class ScheduleError(ValueError):
    """A configuration the scheduler cannot use: one line naming the file and the key."""


@dataclass
class ScheduleConfig:
    registry: Path | None = None
    db: Path = field(default_factory=default_path)
    jobstore: Path | None = None
    season_months: str | None = None  # None: the registry's [monitor] season_months (settle_season)
    season: dict = field(default_factory=lambda: {"hour": 2, "minute": 0})
    off_season: dict = field(default_factory=lambda: {"day_of_week": "mon", "hour": 2, "minute": 0})
    jitter_seconds: int = 900
    misfire_grace_hours: float = 12
    crawl_timeout_hours: float = 6
    crawl_command: list[str] = field(
        default_factory=lambda: ["{nianbao}", "crawl", "--registry", "{registry}", "--db", "{db}"]
    )
    every_seconds: float | None = None
    path: Path | None = None

    @property
    def store(self) -> Path:
        return self.jobstore or self.db.with_name(self.db.stem + ".schedule.sqlite")


def load_config(path: Path | None, db: Path | None = None) -> ScheduleConfig:
    """The configuration file (or the defaults); ``db`` (--db) wins over the file's."""
    if path is None:
        config = ScheduleConfig(registry=Path("registry.toml") if Path("registry.toml").is_file() else None)
    else:
        config = parse_config(path)
    if db is not None:
        config.db = db
    if config.store.resolve() == config.db.resolve():
        raise ScheduleError(f"{path or 'schedule'}: jobstore must be its own file, not the archive")
    return config


def parse_config(path: Path) -> ScheduleConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ScheduleError(f"{path}: cannot read the schedule: {getattr(err, 'strerror', None) or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise ScheduleError(f"{path}: not valid TOML: {err}") from None
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ScheduleError(f"{path}: unknown key {unknown[0]!r} ({', '.join(sorted(KEYS))})")
    here = path.parent
    config = ScheduleConfig(path=path)
    for key in ("registry", "db", "jobstore"):
        if key in data:
            setattr(config, key, here / text_value(data, key, path))
    for key in ("season", "off_season"):
        if key in data:
            fields = data[key]
            if not isinstance(fields, dict) or not set(fields) <= CRON_FIELDS:
                raise ScheduleError(f"{path}: {key} must be cron fields ({', '.join(sorted(CRON_FIELDS))})")
            setattr(config, key, fields)
    for key in ("jitter_seconds", "misfire_grace_hours", "crawl_timeout_hours", "every_seconds"):
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ScheduleError(f"{path}: {key} must be a number ≥ 0, not {value!r}")
            setattr(config, key, value)
    if "season_months" in data:
        config.season_months = text_value(data, "season_months", path)
    if "crawl_command" in data:
        command = data["crawl_command"]
        if isinstance(command, str):
            command = shlex.split(command)
        if not isinstance(command, list) or not command or not all(isinstance(c, str) for c in command):
            raise ScheduleError(f"{path}: crawl_command must be a list of words")
        config.crawl_command = command
    calendar(config)  # bad cron fields fail now, with the file named, not in the night
    return config


def text_value(data: dict, key: str, path: Path) -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise ScheduleError(f"{path}: {key} must be text")
    return value.strip()


def calendar(config: ScheduleConfig) -> dict[str, object]:
    """Job id → trigger: daily in the season and weekly otherwise, or a plain interval."""
    if config.every_seconds:
        return {"cycle:every": IntervalTrigger(seconds=config.every_seconds, timezone=TIMEZONE)}
    jitter = config.jitter_seconds or None
    try:
        season = months_of(config.season_months) if config.season_months else SEASON_MONTHS
        jobs = {
            "cycle:season": CronTrigger(month=months_text(season), **config.season, timezone=TIMEZONE, jitter=jitter)
        }
        if off := set(range(1, 13)) - season:
            jobs["cycle:off-season"] = CronTrigger(
                month=months_text(off), **config.off_season, timezone=TIMEZONE, jitter=jitter
            )
        return jobs
    except (ValueError, TypeError) as err:
        raise ScheduleError(f"{config.path or 'schedule'}: bad calendar: {err}") from None


def settle_season(config: ScheduleConfig, registry) -> None:
    """The calendar's deadline season is the one the monitor's checks judge by: the registry's
    [monitor] season_months (January to April without one). A schedule file naming another season is
    refused, so that the crawls and the checks cannot drift apart."""
    season = (registry.monitor.get("season_months") if registry else None) or SEASON_MONTHS
    if config.season_months and months_of(config.season_months) != season:
        raise ScheduleError(
            f"{config.path or 'schedule'}: season_months {config.season_months!r} is not the registry's "
            f"[monitor] season_months ({months_text(season)}): name the season in the registry only"
        )
    config.season_months = months_text(season)


def months_text(months: set[int]) -> str:
    return ",".join(map(str, sorted(months)))


def trigger_signature(trigger) -> tuple:
    """What makes two triggers the same calendar (an interval trigger's start moves with the clock)."""
    return type(trigger).__name__, str(trigger), getattr(trigger, "jitter", None)


def say(text: str) -> None:
    print(f"{datetime.now(UTC).isoformat(timespec='milliseconds')} schedule: {text}", flush=True)


def build_scheduler(config: ScheduleConfig) -> BlockingScheduler:
    config.store.parent.mkdir(parents=True, exist_ok=True)
    scheduler = BlockingScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=f"sqlite:///{config.store.resolve()}")},
        executors={"default": ThreadPoolExecutor(1)},  # one cycle at a time: crawls are polite, cores few
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": int(config.misfire_grace_hours * 3600) or None,
        },
        timezone=TIMEZONE,
    )
    scheduler.add_listener(lambda event: sync_jobs(scheduler, config), EVENT_SCHEDULER_STARTED)
    scheduler.add_listener(report_event, EVENT_JOB_SUBMITTED | EVENT_JOB_MISSED)
    return scheduler


def sync_jobs(scheduler: BlockingScheduler, config: ScheduleConfig) -> None:
    """Keep the stored jobs whose calendar is unchanged (their missed run is then caught up once), replace
    the others, drop the ones the configuration no longer has; then start processing."""
    args = [str(config.path.resolve()) if config.path else None, str(config.db.resolve())]
    wanted = calendar(config)
    for job_id, trigger in wanted.items():
        stored = scheduler.get_job(job_id)
        if stored and trigger_signature(stored.trigger) == trigger_signature(trigger) and list(stored.args[:2]) == args:
            say(f"kept job {job_id} {stored.trigger}, next run due {stored.next_run_time.isoformat()}")
            continue
        job = scheduler.add_job(CYCLE, trigger, args=[*args, job_id], id=job_id, name=job_id, replace_existing=True)
        say(f"added job {job_id} {trigger}, next run {job.next_run_time.isoformat()}")
    for job in scheduler.get_jobs():
        if job.id not in wanted:
            say(f"removed job {job.id} (no longer configured)")
            job.remove()
    scheduler.resume()


def report_event(event) -> None:
    if event.code == EVENT_JOB_MISSED:
        say(f"job {event.job_id} missed its run due {event.scheduled_run_time.isoformat()}")
    else:
        due = ", ".join(t.isoformat() for t in event.scheduled_run_times)
        say(f"job {event.job_id} runs now (due {due})")


def run_scheduler(config: ScheduleConfig) -> None:
    """Run until SIGTERM or SIGINT."""
    logging.basicConfig(format="%(asctime)s %(name)s: %(message)s", level=logging.WARNING)
    scheduler = build_scheduler(config)

    def stop(signum, frame):
        say(f"{signal.Signals(signum).name}: stopping (a running cycle finishes first)")
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    say(f"job store {config.store}, archive {config.db}, timezone {TIMEZONE}")
    scheduler.start(paused=True)  # sync_jobs resumes it once the stored jobs are reconciled
    say("stopped")


# --- one cycle: crawl, monitor, notify (runs in the scheduler's worker thread) ----------------------------


def run_cycle(config_path: str | None, db_path: str, job_id: str = "cycle") -> dict:
    """Crawl in a subprocess, then the monitor and the notification of its new alerts; recorded as a
    ``schedule`` run. Importable by reference: the job store keeps ``nianbao.monitor.scheduler:run_cycle``."""
    config = load_config(Path(config_path) if config_path else None, Path(db_path))
    db = open_db(config.db)
    run_id = start_run(db, "schedule", {"job": job_id, "config": config_path})
    counters = {}
    try:
        counters["crawl_exit"] = crawl(db, config)
        counters.update(monitor(db, config))
    except Exception as err:
        finish_run(db, run_id, "failed", {**counters, "error": f"{type(err).__name__}: {err}"})
        say(f"cycle {run_id} failed: {type(err).__name__}: {err}")
        raise
    outcome = "ok" if counters["crawl_exit"] == 0 else "crawl_failed"
    finish_run(db, run_id, outcome, counters)
    say(f"cycle {run_id} {outcome}: {json.dumps(counters, ensure_ascii=False)}")
    db.close()
    return counters


def crawl_command(config: ScheduleConfig) -> list[str]:
    values = {"registry": str(config.registry or ""), "db": str(config.db)}
    command = []
    for word in config.crawl_command:
        if word == "{nianbao}":
            command += [sys.executable, "-m", "nianbao"]
        else:
            command.append(word.format(**values))
    return command


def crawl(db, config: ScheduleConfig) -> int:
    """The crawl's exit status; a crawl that died without recording its run gets a failed one."""
    before = latest_run_id(db, "crawl")
    command = crawl_command(config)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=config.crawl_timeout_hours * 3600)
        status, tail = done.returncode, (done.stderr or "").strip().splitlines()[-3:]
    except subprocess.TimeoutExpired:
        status, tail = -1, [f"killed after {config.crawl_timeout_hours} hours"]
    except OSError as err:
        status, tail = -1, [f"cannot start {command[0]}: {err.strerror or err}"]
    if status != 0 and latest_run_id(db, "crawl") == before:
        failed = start_run(db, "crawl", {"by": "scheduler", "command": command})
        finish_run(db, failed, "failed", {"exit_status": status, "stderr": tail})
    return status


def monitor(db, config: ScheduleConfig) -> dict:
    from nianbao.registry import load_registry

    from .deadlines import SHANGHAI
    from .notify import notify_new_alerts
    from .outputs.alert_list import DEFAULT_BASE_URL
    from .run import run_monitor

    registry = load_registry(config.registry) if config.registry else None
    now = datetime.now(UTC)
    result = run_monitor(db, registry, as_of=now.astimezone(SHANGHAI).date(), now=now)
    counters = {"monitor_run": result.run_id, "new_alerts": len(result.changes.opened) + len(result.changes.reopened)}
    if registry and registry.notify:
        sent = notify_new_alerts(db, registry.notify, registry.evidence_url or DEFAULT_BASE_URL, result.run_id)
        counters["notified"] = {"alerts": sent.alerts, "sent": sent.sent, "failed": sent.failed}
    return counters
