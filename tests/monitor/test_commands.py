"""`nianbao monitor` and `nianbao alerts ack/dismiss`, run in-process with click's CliRunner."""

import json

from click.testing import CliRunner
from nianbao.db import open_db

from nianbao.cli import cli


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def archive_with_one_late_report(tmp_path, kit):
    path = tmp_path / "nianbao.db"
    db = open_db(path)
    kit.archive_report(
        db, kit.variant("000", published="2025-02-05"), "http://127.0.0.1:8750/t.html", "2025-02-06T01:00:00Z"
    )
    db.close()
    registry = tmp_path / "registry.toml"
    registry.write_text(kit.REGISTRY, encoding="utf-8")
    return path, registry


def test_monitor_prints_the_summary_and_records_the_run(tmp_path, kit):
    path, registry = archive_with_one_late_report(tmp_path, kit)
    code, out, _ = run("monitor", "--registry", registry, "--as-of", "2025-04-01", "--db", path)
    assert code == 0
    assert "alerts: 5 new, 0 reopened, 0 still open" in out
    assert "missing" in out and "late" in out and "blank_cells" in out
    code, out, _ = run("monitor", "--registry", registry, "--as-of", "2025-04-01", "--db", path)
    assert "0 new, 0 reopened, 5 still open" in out
    db = open_db(path)
    runs = db.execute("SELECT outcome, options, counters FROM runs WHERE kind = 'monitor' ORDER BY id").fetchall()
    assert [r[0] for r in runs] == ["ok", "ok"]
    assert json.loads(runs[0][1])["as_of"] == "2025-04-01"
    assert json.loads(runs[0][2])["by_code"] == {"missing": 3, "late": 1, "blank_cells": 1}
    last_run = db.execute("SELECT max(id) FROM runs WHERE kind = 'monitor'").fetchone()[0]
    findings = db.execute("SELECT count(*), min(run_id) FROM findings WHERE scope = 'archive'").fetchone()
    assert findings == (4, last_run)  # the archive-level findings of the last run only


def test_ack_and_dismiss_from_the_command_line(tmp_path, kit):
    path, registry = archive_with_one_late_report(tmp_path, kit)
    run("monitor", "--registry", registry, "--as-of", "2025-04-01", "--db", path)
    assert run("alerts", "ack", 1, "--note", "已督促", "--db", path)[:2] == (0, "alert 1: open -> acknowledged\n")
    assert run("alerts", "dismiss", 2, "--reason", "已撤并", "--db", path)[:2] == (0, "alert 2: open -> dismissed\n")
    code, out, _ = run("monitor", "--registry", registry, "--as-of", "2025-04-02", "--db", path)
    assert "2 acknowledged or dismissed" in out
    db = open_db(path)
    assert db.execute("SELECT status, note FROM alerts WHERE id IN (1, 2) ORDER BY id").fetchall() == [
        ("acknowledged", "已督促"),
        ("dismissed", "已撤并"),
    ]


def test_bad_input_is_one_line_and_status_2(tmp_path, kit):
    path, registry = archive_with_one_late_report(tmp_path, kit)
    bad_registry = tmp_path / "bad.toml"
    bad_registry.write_text('[[agency]]\nname = "x"\nkind = "bureau"\n', encoding="utf-8")
    cases = [
        (("monitor", "--as-of", "2025-02-30", "--db", path), "is not a date"),
        (("monitor", "--registry", bad_registry, "--db", path), "unknown kind 'bureau'"),
        (("monitor", "--db", tmp_path / "none.db"), "no archive at"),
        (("alerts", "ack", 99, "--note", "x", "--db", path), "no alert 99"),
        (("alerts", "dismiss", 1, "--reason", " ", "--db", path), "say why"),
    ]
    for args, message in cases:
        code, out, err = run(*args)
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1, (args, err)
