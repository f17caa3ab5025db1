"""The system watching itself (additions to checks.md): crawl_failed, portal_silent, scheduler_missed.

Limits (``Context.settings``: the registry's ``[monitor]`` table, defaults below): a crawl still open after
``stale_crawl_hours`` is taken as dead; in deadline season (``season_months``, January to April, when the
scheduler crawls daily) a portal whose column was read on ``silent_crawls`` crawls without yielding a report
is silent, and a gap of more than ``season_gap_days`` since the last run of a kind the scheduler starts is
a missed run, otherwise (weekly crawls) ``off_season_gap_days``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from nianbao.db.monitor import portal_report_fetches

from ..deadlines import SHANGHAI, shanghai_date
from . import check, finding
from .reachability import last_column_fetch, portal_crawls

DEFAULTS = {
    "stale_crawl_hours": 12,
    "season_months": {1, 2, 3, 4},  # January to April: reports fall due, the scheduler crawls daily
    "silent_crawls": 1,
    "season_gap_days": 2,
    "off_season_gap_days": 8,
}
RUN_KINDS = {"schedule": "定时周期", "crawl": "抓取", "monitor": "监测"}  # what the scheduler starts


def setting(context, name):
    return context.settings.get(name, DEFAULTS[name])


def moment(utc_iso: str) -> datetime:
    value = datetime.fromisoformat(utc_iso.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def run_evidence(run: dict) -> dict:
    return {
        "run_id": run["id"],
        "started_at": run["started_at"],
        "finished_at": run["finished_at"],
        "outcome": run["outcome"],
        "portals": run["options"].get("portals"),
        "counters": run["counters"],
    }


def dead_crawl(run: dict, context) -> str | None:
    """Why the crawl counts as failed (its outcome when not ``ok``: failed, shutdown …; or still open), or None."""
    if run["outcome"] not in (None, "ok"):
        return run["outcome"]
    stale = timedelta(hours=setting(context, "stale_crawl_hours"))
    if run["finished_at"] is None and context.now - moment(run["started_at"]) > stale:
        return "still open"
    return None


@check("crawl_failed", "error")
def crawl_failed(view, context):
    """A crawl run did not finish well (failed, stopped), or is still open long after it started, and no crawl since has succeeded."""
    runs = view.crawl_runs
    for index, run in enumerate(runs):
        why = dead_crawl(run, context)
        if why and not any(later["outcome"] == "ok" for later in runs[index + 1 :]):
            yield finding(
                f"抓取任务 {run['id']}（{run['started_at']} 开始）{'长时间未结束' if why == 'still open' else f'未正常结束（{why}）'}",
                {**run_evidence(run), "why": why, "now": context.now.isoformat(timespec="seconds")},
                subject=f"run {run['id']}",
            )


@check("portal_silent", "warning")
def portal_silent(view, context):
    """A portal crawled in deadline season yielded no report this season while its column could be read."""
    months = setting(context, "season_months")
    if context.as_of.month not in months:
        return
    season_start = first_day_of_season(context.as_of, months)
    yielded = defaultdict(int)
    for portal, _run_id, fetched_at in view.computed(report_fetches_by_portal):
        if season_start <= shanghai_date(fetched_at) <= context.as_of:
            yielded[portal] += 1
    for portal, crawls in portal_crawls(view).items():
        in_season = [c for c in crawls if season_start <= shanghai_date(c.started_at) <= context.as_of]
        readable = [c for c in in_season if not c.failed]
        if len(readable) >= setting(context, "silent_crawls") and not yielded[portal]:
            yield finding(
                f"门户 {portal}: {context.as_of.year}年申报季{len(readable)}次抓取未得到任何年报",
                {
                    "portal": portal,
                    "column": last_column_fetch(view, portal),
                    "season_start": season_start.isoformat(),
                    "as_of": context.as_of.isoformat(),
                    "crawls": [{"run_id": c.run_id, "started_at": c.started_at} for c in readable],
                    "reports_fetched": 0,
                },
                year=context.as_of.year,
                subject=f"portal {portal}",
            )


def report_fetches_by_portal(view):
    return portal_report_fetches(view.db)


def first_day_of_season(day: date, months: set[int]) -> date:
    """The first day of the run of season months ``day`` falls in (a season may cross the new year)."""
    start = day.replace(day=1)
    for _ in range(11):
        before = (start - timedelta(days=1)).replace(day=1)
        if before.month not in months:
            break
        start = before
    return start


@check("scheduler_missed", "warning")
def scheduler_missed(view, context):
    """A kind of run the scheduler starts (its cycle, the crawl, the monitor) has not started for longer than its calendar allows."""
    latest = last_runs(view)
    in_season = context.now.astimezone(SHANGHAI).month in setting(context, "season_months")
    allowed = timedelta(days=setting(context, "season_gap_days" if in_season else "off_season_gap_days"))
    gaps = {kind: context.now - moment(run["started_at"]) for kind, run in latest.items()}
    overdue = [kind for kind, gap in gaps.items() if gap > allowed]
    if overdue:
        said = "，".join(
            f"{RUN_KINDS[kind]}已{gaps[kind].days}天未运行（上次 {latest[kind]['started_at']}）" for kind in overdue
        )
        yield finding(
            f"定时任务未按时运行：{said}；允许间隔 {days_text(allowed)} 天",
            {
                "overdue": overdue,
                "last_runs": {
                    kind: {**run_evidence(run), "gap_days": days_text(gaps[kind])} for kind, run in latest.items()
                },
                "now": context.now.isoformat(timespec="seconds"),
                "allowed_days": days_text(allowed),
                "season": in_season,
            },
            subject="scheduler",
        )


def last_runs(view) -> dict[str, dict]:
    """The latest run of each kind the scheduler starts, once the archive holds one: its own cycles
    (``schedule`` runs); crawls, by it or not (any crawl keeps the archive fresh); and the monitor runs its
    cycles made (a ``schedule`` run's counters name them), so a monitor run by hand is no sign of it."""
    by_cycles = {cycle["counters"].get("monitor_run") for cycle in view.schedule_runs}
    runs = {
        "schedule": view.schedule_runs,
        "crawl": view.crawl_runs,
        "monitor": [run for run in view.monitor_runs if run["id"] in by_cycles],
    }
    return {kind: max(of_kind, key=lambda run: run["started_at"]) for kind, of_kind in runs.items() if of_kind}


def days_text(span: timedelta) -> float | int:
    """Days as a person reads them: 2, 8, 3.5."""
    days = round(span.total_seconds() / 86400, 1)
    return int(days) if days.is_integer() else days
