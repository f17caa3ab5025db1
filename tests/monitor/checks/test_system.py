"""The system watching itself: crawl_failed, portal_silent, scheduler_missed."""


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
    assert found.evidence["allowed_days"] == 2 and found.evidence["last_crawl"]["started_at"] == "2025-02-03T02:00:00Z"
    kit.crawl(db, "2025-06-03T02:00:00Z")
    assert not of(kit.monitor(db, "2025-06-10", now="2025-06-10T03:00:00+00:00"), "scheduler_missed")
    assert of(kit.monitor(db, "2025-06-12", now="2025-06-12T03:00:00+00:00"), "scheduler_missed")
