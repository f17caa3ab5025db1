"""`nianbao schedule` as a real process running real cycles (an ingest as its crawl, then the monitor) on
a short interval: stopped by SIGTERM or killed, restarted, its job kept and the missed run caught up once."""

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from nianbao.monitor.scheduler import calendar, load_config, settle_season

from nianbao.registry import load_registry

from .outputs.conftest import REGISTRY, SEEDS, build_archive

INTERVAL = 2
DUE = re.compile(r"^(\S+) schedule: job cycle:every runs now \(due (\S+)\)$")


@pytest.fixture
def setup(tmp_path):
    build_archive(tmp_path / "archive.db", with_alerts=False).close()
    (tmp_path / "registry.toml").write_text(REGISTRY, encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(next(SEEDS.glob("000_*.txt")), inbox)
    config = tmp_path / "schedule.toml"
    config.write_text(
        f'registry = "registry.toml"\ndb = "archive.db"\njobstore = "jobs.sqlite"\nevery_seconds = {INTERVAL}\n'
        f'crawl_command = ["{{nianbao}}", "ingest", "{inbox}", "--db", "{{db}}"]\n',
        encoding="utf-8",
    )
    return tmp_path, config


def start(config: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "nianbao", "schedule", "--config", str(config)],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        cwd=config.parent,
    )


def schedule_runs(archive: Path) -> list[tuple]:
    with sqlite3.connect(f"{archive.as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT id, outcome, json_extract(counters, '$.monitor_run') FROM runs WHERE kind = 'schedule' ORDER BY id"
        ).fetchall()


def wait_for(condition, what: str, timeout: float = 40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def submissions(log: Path) -> list[tuple[datetime, datetime]]:
    """(when the job ran, when it was due) for every run the process started."""
    found = []
    for line in log.read_text().splitlines():
        if match := DUE.match(line):
            found.append((datetime.fromisoformat(match[1]), datetime.fromisoformat(match[2])))
    return found


def finished_cycles(archive: Path) -> int:
    return sum(1 for _, outcome, monitor_run in schedule_runs(archive) if outcome == "ok" and monitor_run)


def test_real_cycles_a_clean_stop_a_kill_and_one_catch_up_after_each_restart(setup):
    folder, config = setup
    archive = folder / "archive.db"

    first = start(config, folder / "first.log")
    wait_for(lambda: finished_cycles(archive) >= 1, "a first cycle")
    first.send_signal(signal.SIGTERM)
    assert first.wait(timeout=30) == 0
    assert "SIGTERM: stopping" in (folder / "first.log").read_text() and "stopped" in (folder / "first.log").read_text()
    done = finished_cycles(archive)

    for name, stop in (("second", signal.SIGKILL), ("third", signal.SIGTERM)):
        time.sleep(2.5 * INTERVAL)  # two or more runs fall due while no scheduler runs
        log = folder / f"{name}.log"
        process = start(config, log)
        wait_for(lambda before=done: finished_cycles(archive) > before, f"the catch-up run after the {name} start")
        process.send_signal(stop)
        process.wait(timeout=30)
        text = log.read_text()
        assert "kept job cycle:every" in text and "added job" not in text  # the stored job survived
        restarted = datetime.fromisoformat(re.search(r"^(\S+) schedule: kept job", text, re.M)[1])
        overdue = [due for ran, due in submissions(log) if due < restarted]
        assert len(overdue) == 1, text  # the missed runs, coalesced: caught up once
        done = finished_cycles(archive)

    runs = schedule_runs(archive)
    assert all(outcome in ("ok", None) for _, outcome, _ in runs)  # None: the cycle the SIGKILL cut short
    with sqlite3.connect(archive) as conn:
        kinds = dict(conn.execute("SELECT kind, count(*) FROM runs GROUP BY kind").fetchall())
        jobs = conn.execute("SELECT count(*) FROM fetches").fetchone()[0]
    assert kinds["monitor"] >= 3 and kinds["ingest"] >= 3 and jobs >= 5 + 3  # each cycle ingested and monitored
    with sqlite3.connect(folder / "jobs.sqlite") as store:
        assert store.execute("SELECT id FROM apscheduler_jobs").fetchall() == [("cycle:every",)]


def test_a_failed_crawl_is_recorded_for_the_monitor(tmp_path):
    from nianbao.db import open_db
    from nianbao.monitor.scheduler import run_cycle

    build_archive(tmp_path / "archive.db", with_alerts=False).close()
    config = tmp_path / "schedule.toml"
    config.write_text('crawl_command = ["{nianbao}", "no-such-command"]\n', encoding="utf-8")
    counters = run_cycle(str(config), str(tmp_path / "archive.db"), "cycle:test")
    assert counters["crawl_exit"] == 2 and counters["monitor_run"]
    db = open_db(tmp_path / "archive.db")
    crawl = next(db.query("SELECT outcome, options, counters FROM runs WHERE kind = 'crawl'"))
    assert crawl["outcome"] == "failed" and "No such command" in crawl["counters"]
    assert next(db.query("SELECT outcome FROM runs WHERE kind = 'schedule'"))["outcome"] == "crawl_failed"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("colour = 1\n", "unknown key 'colour'"),
        ('season_months = "13"\n', "months are 1 to 12"),
        ("season = { hour = 25 }\n", "bad calendar"),
        ('db = "a.db"\njobstore = "a.db"\n', "jobstore must be its own file"),
        ("every_seconds = -1\n", "every_seconds must be a number"),
    ],
)
def test_a_bad_schedule_is_one_line(tmp_path, text, words):
    config = tmp_path / "schedule.toml"
    config.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "nianbao", "schedule", "--config", str(config)],
        capture_output=True, text=True, cwd=tmp_path, timeout=30, env={**os.environ, "NIANBAO_DB": str(tmp_path / "x.db")},
    )  # fmt: skip
    assert result.returncode == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_sigterm_during_a_cycle_lets_it_finish(tmp_path):
    build_archive(tmp_path / "archive.db", with_alerts=False).close()
    (tmp_path / "registry.toml").write_text(REGISTRY, encoding="utf-8")
    config = tmp_path / "schedule.toml"
    slow_crawl = f'["{sys.executable}", "-c", "import time; time.sleep(3)"]'
    config.write_text(
        f'registry = "registry.toml"\ndb = "archive.db"\nevery_seconds = 1\ncrawl_command = {slow_crawl}\n',
        encoding="utf-8",
    )
    process = start(config, tmp_path / "run.log")
    wait_for(lambda: "runs now" in (tmp_path / "run.log").read_text(), "a cycle to start")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    assert [outcome for _, outcome, _ in schedule_runs(tmp_path / "archive.db")] == ["ok"]  # finished, not cut


def start_refused(config: Path, db: Path) -> subprocess.CompletedProcess:
    """`nianbao schedule` started with a configuration it must refuse before its first cycle."""
    command = [sys.executable, "-m", "nianbao", "schedule", "--config", str(config), "--db", str(db)]
    return subprocess.run(command, capture_output=True, text=True, timeout=30)


def test_a_season_other_than_the_registrys_is_refused_at_the_start(tmp_path):
    (tmp_path / "registry.toml").write_text(REGISTRY + '\n[monitor]\nseason_months = "1-5"\n', encoding="utf-8")
    config = tmp_path / "schedule.toml"
    config.write_text('registry = "registry.toml"\nseason_months = "1-4"\n', encoding="utf-8")
    result = start_refused(config, tmp_path / "a.db")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "season_months '1-4' is not the registry's [monitor] season_months (1,2,3,4,5)" in result.stderr


@pytest.mark.parametrize(
    ("monitor", "season"), [('[monitor]\nseason_months = "12,1-3"\n', "1,2,3,12"), ("", "1,2,3,4")]
)
def test_the_calendar_takes_the_registrys_season(tmp_path, monitor, season):
    (tmp_path / "registry.toml").write_text(REGISTRY + "\n" + monitor, encoding="utf-8")
    config = load_config(None, tmp_path / "a.db")
    settle_season(config, load_registry(tmp_path / "registry.toml"))
    assert str(calendar(config)["cycle:season"].fields[1]) == season


def test_a_missing_registry_is_refused_at_the_start(tmp_path):
    config = tmp_path / "schedule.toml"
    config.write_text('registry = "nowhere.toml"\n', encoding="utf-8")
    result = start_refused(config, tmp_path / "a.db")
    assert result.returncode == 2 and "nowhere.toml" in result.stderr and not (tmp_path / "a.db").exists()
