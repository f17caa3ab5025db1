"""The system watching itself (additions to checks.md): crawl_failed, portal_silent, scheduler_missed.

Limits (``Context.settings``, defaults below): a crawl still open after ``stale_crawl_hours`` is taken as
dead; in deadline season (January to April, when the scheduler crawls daily) a gap of more than
``season_gap_days`` since the last crawl is a missed run, otherwise (weekly crawls) ``off_season_gap_days``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta

from nianbao.db.monitor import portal_report_fetches

from ..deadlines import SHANGHAI, shanghai_date
from . import check, finding
from .reachability import last_column_fetch, portal_crawls

SEASON = range(1, 5)  # January to April: reports fall due
DEFAULTS = {"stale_crawl_hours": 12, "season_gap_days": 2, "off_season_gap_days": 8}


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
    if context.as_of.month not in SEASON:
        return
    season_start = context.as_of.replace(month=1, day=1)
    yielded = defaultdict(int)
    for portal, _run_id, fetched_at in view.computed(report_fetches_by_portal):
        if season_start <= shanghai_date(fetched_at) <= context.as_of:
            yielded[portal] += 1
    for portal, crawls in portal_crawls(view).items():
        in_season = [c for c in crawls if season_start <= shanghai_date(c.started_at) <= context.as_of]
        readable = [c for c in in_season if not c.failed]
        if readable and not yielded[portal]:
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


@check("scheduler_missed", "warning")
def scheduler_missed(view, context):
    """No crawl has started for longer than the crawl calendar allows (the scheduler missed its runs)."""
    if not view.crawl_runs:
        return
    last = max(view.crawl_runs, key=lambda run: run["started_at"])
    in_season = context.now.astimezone(SHANGHAI).month in SEASON
    allowed = timedelta(days=setting(context, "season_gap_days" if in_season else "off_season_gap_days"))
    gap = context.now - moment(last["started_at"])
    if gap > allowed:
        yield finding(
            f"已有{gap.days}天未运行抓取（上次 {last['started_at']}，允许间隔 {allowed.days} 天）",
            {
                "last_crawl": run_evidence(last),
                "now": context.now.isoformat(timespec="seconds"),
                "gap_days": round(gap.total_seconds() / 86400, 1),
                "allowed_days": allowed.days,
                "season": in_season,
            },
            subject="scheduler",
        )
