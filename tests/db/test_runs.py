import json

from nianbao.db.runs import finish_run, start_run


def test_a_run_is_opened_then_closed_with_its_counters(db):
    run_id = start_run(db, "ingest", {"paths": ["下载/"]})
    assert db["runs"].get(run_id)["finished_at"] is None
    finish_run(db, run_id, "ok", {"new": 3})
    run = db["runs"].get(run_id)
    assert (run["outcome"], json.loads(run["counters"]), json.loads(run["options"])) == (
        "ok",
        {"new": 3},
        {"paths": ["下载/"]},
    )


def test_a_run_takes_the_times_it_is_given(db, clock):
    run_id = start_run(db, "reparse", now=clock.now())
    finish_run(db, run_id, "ok", {}, now=clock.advance(minutes=5))
    run = db["runs"].get(run_id)
    assert (run["started_at"], run["finished_at"]) == ("2025-03-01T08:00:00Z", "2025-03-01T08:05:00Z")
