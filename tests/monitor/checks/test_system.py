"""The system watching itself: crawl_failed, portal_silent, scheduler_missed, with the registry's limits."""

import shutil
from datetime import UTC, datetime, timedelta

from ..outputs.conftest import SEEDS


def of(result, code):
    return [f for f in result.findings if f.code == code]


def test_a_failed_crawl_alerts_until_a_later_crawl_succeeds(db, kit):
    failed = kit.crawl(db, "2025-02-03T02:00:00Z", outcome="failed")
    (found,) = of(kit.monitor(db, "2025-02-03", now="2025-02-03T06:00:00+00:00"), "crawl_failed")
    assert found.evidence["run_id"] == failed and found.evidence["why"] == "failed"
    kit.crawl(db, "2025-02-04T02:00:00Z")
    assert not of(kit.monitor(db, "2025-02-04", now="2025-02-04T06:00:00+00:00"), "crawl_failed")
    assert db.execute("SELECT status FROM alerts WHERE code = 'crawl_failed'").fetchone()[0] == "resolved"


def test_a_crawl_stopped_before_its_end_counts_as_failed(db, kit):
    kit.crawl(db, "2025-02-03T02:00:00Z", outcome="shutdown")
    (found,) = of(kit.monitor(db, "2025-02-03", now="2025-02-03T06:00:00+00:00"), "crawl_failed")
    assert found.evidence["why"] == "shutdown" and "shutdown" in found.message


def test_a_crawl_still_open_long_after_it_started_is_taken_as_dead(db, kit):
    kit.crawl(db, "2025-02-03T02:00:00Z", outcome=None)
    assert not of(kit.monitor(db, "2025-02-03", now="2025-02-03T06:00:00+00:00"), "crawl_failed")
    (found,) = of(kit.monitor(db, "2025-02-03", now="2025-02-03T15:00:00+00:00"), "crawl_failed")
    assert found.evidence["why"] == "still open" and found.evidence["finished_at"] is None


def test_portal_silent_in_deadline_season_only(db, kit):
    kit.crawl(db, "2025-02-03T02:00:00Z")
    (found,) = of(kit.monitor(db, "2025-02-04", now="2025-02-04T01:00:00+00:00"), "portal_silent")
    assert found.evidence["portal"] == kit.PORTAL and found.evidence["reports_fetched"] == 0
    assert found.evidence["column"] == {"url": kit.LIST_URL, "fetched_at": "2025-02-03T02:00:00Z", "outcome": "ok"}
    kit.crawl(db, "2025-06-03T02:00:00Z")
    assert not of(kit.monitor(db, "2025-06-04", now="2025-06-04T01:00:00+00:00"), "portal_silent")


def test_a_portal_that_yielded_a_report_is_not_silent(db, kit):
    run = kit.crawl(db, "2025-02-03T02:00:00Z")
    archived = kit.archive_report(
        db, kit.variant("000"), "http://127.0.0.1:8750/t.html", "2025-02-03T02:01:00Z", run_id=run
    )
    db.execute("UPDATE fetches SET portal = ?, role = 'article' WHERE id = ?", [kit.PORTAL, archived.fetch_id])
    db.conn.commit()
    assert not of(kit.monitor(db, "2025-02-04", now="2025-02-04T01:00:00+00:00"), "portal_silent")


def test_scheduler_missed_daily_in_season_weekly_otherwise(db, kit):
    assert not of(kit.monitor(db, "2025-02-10"), "scheduler_missed")  # no crawl ever: no scheduler to judge
    kit.crawl(db, "2025-02-03T02:00:00Z")
    assert not of(kit.monitor(db, "2025-02-05", now="2025-02-05T01:00:00+00:00"), "scheduler_missed")
    (found,) = of(kit.monitor(db, "2025-02-06", now="2025-02-06T03:00:00+00:00"), "scheduler_missed")
    assert found.evidence["allowed_days"] == 2 and found.evidence["overdue"] == ["crawl"]
    assert found.evidence["last_runs"]["crawl"]["started_at"] == "2025-02-03T02:00:00Z"
    assert "monitor" not in found.evidence["last_runs"]  # monitor runs by hand are no scheduler's
    kit.crawl(db, "2025-06-03T02:00:00Z")
    assert not of(kit.monitor(db, "2025-06-10", now="2025-06-10T03:00:00+00:00"), "scheduler_missed")
    assert of(kit.monitor(db, "2025-06-12", now="2025-06-12T03:00:00+00:00"), "scheduler_missed")


LIMITS = """
[monitor]
stale_crawl_hours = 2
season_months = "1-6"
silent_crawls = 2
season_gap_days = 1
off_season_gap_days = 3.5
"""


def test_the_registry_sets_the_limits_and_a_run_without_it_keeps_them(db, kit):
    reg = kit.registry(LIMITS)
    kit.crawl(db, "2025-06-02T02:00:00Z", outcome=None)  # June is in this season; still open
    result = kit.monitor(db, "2025-06-02", reg=reg, now="2025-06-02T05:00:00+00:00")
    assert [f.evidence["why"] for f in of(result, "crawl_failed")] == ["still open"]  # 3 hours > 2
    assert not of(result, "portal_silent")  # one readable crawl of the two asked for
    assert not of(result, "scheduler_missed")
    kit.crawl(db, "2025-06-03T02:00:00Z")
    (silent,) = of(kit.monitor(db, "2025-06-03", now="2025-06-03T05:00:00+00:00"), "portal_silent")  # stored limits
    assert silent.evidence["season_start"] == "2025-01-01" and len(silent.evidence["crawls"]) == 2
    (missed,) = of(kit.monitor(db, "2025-06-04", now="2025-06-04T03:00:00+00:00"), "scheduler_missed")
    assert missed.evidence["allowed_days"] == 1 and missed.evidence["season"] is True
    kit.crawl(db, "2025-07-03T02:00:00Z")
    assert not of(kit.monitor(db, "2025-07-04", reg=reg, now="2025-07-06T03:00:00+00:00"), "scheduler_missed")
    (off,) = of(kit.monitor(db, "2025-07-04", reg=reg, now="2025-07-07T03:00:00+00:00"), "scheduler_missed")
    assert off.evidence["allowed_days"] == 3.5 and off.evidence["season"] is False
    # a registry without [monitor] brings the defaults back: a gap of 8 days off season
    assert not of(
        kit.monitor(db, "2025-07-04", reg=kit.registry(), now="2025-07-07T03:00:00+00:00"), "scheduler_missed"
    )


def test_a_season_across_the_new_year_starts_in_december(db, kit):
    kit.crawl(db, "2024-12-10T02:00:00Z")
    kit.crawl(db, "2025-01-10T02:00:00Z")
    reg = kit.registry('[monitor]\nseason_months = "12,1-4"\nsilent_crawls = 2\n')
    (silent,) = of(kit.monitor(db, "2025-01-11", reg=reg, now="2025-01-11T01:00:00+00:00"), "portal_silent")
    assert silent.evidence["season_start"] == "2024-12-01"


def test_scheduler_missed_reads_the_schedulers_own_runs_and_its_monitor_runs(db, kit, tmp_path):
    from nianbao.monitor.scheduler import run_cycle

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(next(SEEDS.glob("000_*.txt")), inbox)
    config = tmp_path / "schedule.toml"
    config.write_text(f'crawl_command = ["{{nianbao}}", "ingest", "{inbox}", "--db", "{{db}}"]\n', encoding="utf-8")
    archive = db.execute("PRAGMA database_list").fetchone()[2]
    counters = run_cycle(str(config), archive, "cycle:test")  # an ingest as its crawl: no crawl run
    cycle_ran = datetime.now(UTC)

    def missed(days: float):
        now = cycle_ran + timedelta(days=days)
        return of(kit.monitor(db, now.date().isoformat(), now=now.isoformat()), "scheduler_missed")

    assert not missed(1)
    assert not missed(9)[1:]  # at most one alert, whatever the season
    (found,) = missed(30)
    assert found.evidence["overdue"] == ["schedule", "monitor"]
    assert found.evidence["last_runs"]["monitor"]["run_id"] == counters["monitor_run"]  # not the runs by hand
    assert "定时周期已30天未运行" in found.message and "监测已30天未运行" in found.message
