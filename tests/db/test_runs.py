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
