"""Alerts across monitor runs, on a real archive: open → last_seen → resolved; ack → quiet → reopened when
the evidence changes; dismiss stays dismissed; "new since the last run" is what the last run opened."""

import json

import pytest
from nianbao.db import ArchiveError
from nianbao.monitor.alerts import acknowledge, dismiss, new_alerts


def alert(db, code, agency, year):
    rows = db.query(
        "SELECT a.* FROM alerts a JOIN agencies g ON g.id = a.agency_id WHERE a.code = ? AND g.name = ? AND a.year = ?",
        [code, agency, year],
    )
    return next(rows, None)


def status(db, code, agency, year):
    row = db.execute(
        "SELECT a.status FROM alerts a JOIN agencies g ON g.id = a.agency_id"
        " WHERE a.code = ? AND g.name = ? AND a.year = ?",
        [code, agency, year],
    ).fetchone()
    return row[0] if row else None


def test_open_then_seen_then_resolved_when_the_report_appears(db, kit):
    reg = kit.registry()
    first = kit.monitor(db, "2025-02-05", reg)
    missing = {(f.evidence["agency"], f.year) for f in first.findings if f.code == "missing"}
    assert missing == {("西夏区信访局", 2023), ("西夏区信访局", 2024), ("西夏区人民政府", 2023)}
    assert {a["code"] for a in new_alerts(db)} == {"missing"} and len(new_alerts(db)) == 3

    second = kit.monitor(db, "2025-02-06", reg, now="2025-02-06T05:00:00+00:00")
    assert new_alerts(db) == [] and second.changes.still_open == 3
    (first_seen, last_seen) = db.execute(
        "SELECT first_seen, last_seen FROM alerts WHERE code = 'missing' AND year = 2024"
    ).fetchone()
    assert first_seen < last_seen

    kit.archive_report(
        db, kit.variant("000", published="2025-02-03"), "http://127.0.0.1:8750/t1.html", "2025-02-04T02:00:00Z"
    )
    third = kit.monitor(db, "2025-02-07", reg)
    assert status(db, "missing", "西夏区信访局", 2024) == "resolved"
    resolved_at = db.execute("SELECT resolved_at FROM alerts WHERE code = 'missing' AND year = 2024").fetchone()[0]
    assert resolved_at is not None and len(third.changes.resolved) == 1
    # the report brings its one-report finding (blank cells) and its lateness
    assert sorted(a["code"] for a in new_alerts(db)) == ["blank_cells", "late"]
    late = [a for a in new_alerts(db) if a["code"] == "late"]
    assert len(late) == 1 and late[0]["evidence"]["days_late"] == 3
    assert late[0]["agency"] == "西夏区信访局" and late[0]["evidence"]["url"] == "http://127.0.0.1:8750/t1.html"
    events = [e for (e,) in db.execute("SELECT event FROM alert_events ORDER BY id")]
    assert events.count("opened") == 5 and events.count("resolved") == 1


def test_acknowledged_stays_quiet_until_its_evidence_changes(db, kit):
    kit.monitor(db, "2025-02-05", kit.registry())
    alert_id = alert(db, "missing", "西夏区人民政府", 2023)["id"]
    acknowledge(db, alert_id, "已电话督促", "2025-02-05T06:00:00Z")
    run = kit.monitor(db, "2025-02-06", kit.registry())
    assert status(db, "missing", "西夏区人民政府", 2023) == "acknowledged" and run.changes.quiet == 1
    assert alert_id not in [a["id"] for a in new_alerts(db)]

    # a regional override moves the deadline: the evidence changed, so the alert speaks again
    override = '\n[[deadline]]\nregion = "宁夏回族自治区"\ngovernment = "04-15"\n'
    run = kit.monitor(db, "2025-02-07", kit.registry(override))
    assert status(db, "missing", "西夏区人民政府", 2023) == "open"
    assert alert_id in [a["id"] for a in new_alerts(db)] and alert_id in run.changes.reopened
    evidence = json.loads(alert(db, "missing", "西夏区人民政府", 2023)["evidence"])
    assert evidence["deadline"] == "2024-04-15" and evidence["deadline_rule"] == "宁夏回族自治区"
    note = db.execute("SELECT note FROM alert_events WHERE alert_id = ? AND event = 'reopened'", [alert_id])
    assert "evidence changed" in note.fetchone()[0]


def test_dismissed_is_kept_with_its_reason_and_not_reopened_by_the_same_evidence(db, kit):
    kit.monitor(db, "2025-02-05", kit.registry())
    alert_id = alert(db, "missing", "西夏区信访局", 2023)["id"]
    dismiss(db, alert_id, "2023年报在区政府网站集中发布", "2025-02-05T06:00:00Z")
    for day in ("2025-02-06", "2025-02-07"):
        kit.monitor(db, day, kit.registry())
    row = alert(db, "missing", "西夏区信访局", 2023)
    assert (row["status"], row["note"]) == ("dismissed", "2023年报在区政府网站集中发布")


def test_acknowledge_of_an_unknown_alert_is_an_error(db, kit):
    with pytest.raises(ArchiveError, match="no alert 99"):
        acknowledge(db, 99, "x", "2025-02-05T06:00:00Z")
