"""Real crawls (``nianbao crawl`` / ``scrapy crawl`` in their own processes) of the replica on 127.0.0.1,
checked against the replica's ground truth."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from localsite import FAST, REPO, crawl_command, run_crawl
from nianbao.replica import start_replica


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def expected_reports(truth: dict, state: int) -> dict:
    return {r["url"]: r for r in truth["reports"] if state in r["states"] and r["fetchable"]}


def archived(db: sqlite3.Connection) -> dict:
    """The archive's reports by URL: [(agency, year, published_at, version, id)]."""
    found: dict = {}
    for row in db.execute(
        "SELECT r.url, a.name, r.year, r.published_at, r.version, r.id FROM reports r"
        " LEFT JOIN agencies a ON a.id = r.agency_id ORDER BY r.id"
    ):
        found.setdefault(row[0], []).append(row[1:])
    return found


def cells_of(db: sqlite3.Connection, report_id: int) -> dict:
    return dict(db.execute("SELECT key, value FROM cells WHERE report_id = ?", [report_id]).fetchall())


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """State 1 crawled once, then recrawled unchanged; the replica stays up for a later state."""
    replica = start_replica(port=0, state=1, slow_seconds=0.5)
    path = tmp_path_factory.mktemp("crawl") / "archive.db"
    truth = replica.truth()
    results = [run_crawl(replica.registry_path, path), run_crawl(replica.registry_path, path)]
    for result in results:
        assert result.returncode == 0, result.stderr[-2000:]
    yield truth, path, results, replica
    replica.stop()


def test_every_report_is_found_and_parsed_and_nothing_else(first):
    truth, path, _, _ = first
    db = connect(path)
    expected = expected_reports(truth, 1)
    got = archived(db)
    assert sorted(got) == sorted(expected)
    for url, report in expected.items():
        [(agency, year, published_at, version, report_id)] = got[url]
        assert (agency, year, published_at, version) == (report["agency"], report["year"], report["published_at"], 1)
        cells = cells_of(db, report_id)
        assert {key: cells.get(key) for key in report["cells"]} == report["cells"], report["id"]
    not_reports = {item["url"] for item in truth["not_reports"]}
    assert not not_reports & set(got)


def test_attachment_only_reports_link_their_page_and_attachment(first):
    truth, path, _, _ = first
    db = connect(path)
    for report in expected_reports(truth, 1).values():
        if report["file_url"] == report["url"]:
            continue
        roles = db.execute(
            "SELECT rf.role, f.url FROM report_fetches rf JOIN fetches f ON f.id = rf.fetch_id"
            " JOIN reports r ON r.id = rf.report_id WHERE r.url = ? ORDER BY rf.role",
            [report["url"]],
        ).fetchall()
        assert ("article", report["url"]) in roles, report["id"]
        file_name = report["file_url"].rsplit("/", 1)[-1].rsplit("=", 1)[-1]  # downfile.jsp redirects to /attach/
        assert any(role == "attachment" and file_name in url for role, url in roles), report["id"]


def test_failure_modes_are_classified(first):
    truth, path, _, _ = first
    db = connect(path)
    outcomes = {
        (portal, outcome)
        for portal, outcome in db.execute("SELECT portal, outcome FROM fetches WHERE run_id = 1 AND outcome != 'ok'")
    }
    portals = {p["defence"]: p["name"] for p in truth["portals"]}
    assert (portals["blocked"], "blocked") in outcomes
    assert (portals["dead"], "not_found") in outcomes
    assert (portals["jsl-521"], "challenge") in outcomes  # passed with its cookie: its reports are archived
    trs = truth["portals"][0]["name"]
    for outcome in ("soft_404", "too_large", "disallowed", "server_error"):
        assert (trs, outcome) in outcomes
    reasons = dict(db.execute("SELECT outcome, reason FROM fetches WHERE run_id = 1 AND outcome != 'ok'").fetchall())
    assert "$_ts" in reasons["blocked"] and "robots.txt" in reasons["disallowed"]


def test_listings_and_run_counters(first):
    truth, path, _, _ = first
    db = connect(path)
    listed = {url for (url,) in db.execute("SELECT url FROM listings WHERE run_id = 1")}
    assert set(expected_reports(truth, 1)) <= listed | {a for r in truth["reports"] for a in r["aliases"]}
    (counters,) = db.execute("SELECT counters FROM runs WHERE id = 1 AND kind = 'crawl' AND outcome = 'ok'").fetchone()
    counters = json.loads(counters)
    assert counters["reports.new"] == len(expected_reports(truth, 1))
    assert counters["portals"][truth["portals"][0]["name"]]["errors.soft_404"] == 1


def test_a_recrawl_fetches_list_pages_only(first):
    _, path, results, _ = first
    db = connect(path)
    roles = dict(
        db.execute("SELECT role, count(*) FROM fetches WHERE run_id = 2 AND outcome != 'disallowed' GROUP BY role")
    )
    assert set(roles) <= {"list", "robots"}
    (lists_before,) = db.execute("SELECT count(*) FROM fetches WHERE run_id = 1 AND role = 'list'").fetchone()
    assert 0 < roles["list"] <= lists_before
    assert "0 new" in results[1].stderr and "unchanged articles skipped" in results[1].stderr


def test_a_later_state_finds_the_backdated_and_the_revised_report_and_no_chrome_version(first, tmp_path):
    _, crawled, _, replica = first
    path = tmp_path / "archive.db"
    shutil.copy(crawled, path)
    replica.set_state(2)
    truth = replica.truth()
    revisit = run_crawl(replica.registry_path, path, "--revisit")
    assert revisit.returncode == 0, revisit.stderr[-2000:]
    db = connect(path)
    got = archived(db)
    assert sorted(got) == sorted(expected_reports(truth, 2))
    backdated = {r["url"] for r in truth["reports"] if "backdated" in r["planted"]}
    assert backdated and all(got[url][0][3] == 1 for url in backdated)
    revised = {r["url"] for r in truth["reports"] if "revised" in r["planted"]}
    assert revised and {url for url, versions in got.items() if len(versions) > 1} == revised
    refetched = db.execute(
        "SELECT url FROM fetches WHERE role = 'article' GROUP BY url HAVING count(DISTINCT sha256) > 1"
    ).fetchall()
    assert {url for (url,) in refetched} - revised, "a page whose chrome changes on every request, fetched twice"


def test_a_killed_crawl_resumes_with_nothing_lost_or_doubled(tmp_path):
    replica = start_replica(port=0, state=1, slow_seconds=0.5)
    path = tmp_path / "archive.db"
    try:
        process = subprocess.Popen(
            crawl_command(replica.registry_path, path), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.time() + 60
        while time.time() < deadline and process.poll() is None:
            if path.exists() and reports_count(path) >= 15:
                break
            time.sleep(0.1)
        workers = descendants(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert workers and gone(workers), "the killed crawl's parse workers are left running"
        assert 15 <= reports_count(path) < len(expected_reports(replica.truth(), 1))
        assert run_crawl(replica.registry_path, path).returncode == 0
        truth = replica.truth()
    finally:
        replica.stop()
    db = connect(path)
    got = archived(db)
    assert sorted(got) == sorted(expected_reports(truth, 1))
    assert all(len(versions) == 1 for versions in got.values())
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def descendants(pid: int) -> set[int]:
    """The processes started by ``pid``, and by those, as Linux lists them."""
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(children - found)
            found |= children
    return found


def gone(pids: set[int], seconds: float = 10) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        alive = {pid for pid in pids if Path(f"/proc/{pid}").exists() and "zombie" not in status_of(pid)}
        if not alive:
            return True
        time.sleep(0.1)
    return False


def status_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()
    except (OSError, IndexError):
        return "zombie"


def reports_count(path: Path) -> int:
    try:
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_a_site_spider_crawls_its_portals_with_scrapy_crawl(tmp_path):
    replica = start_replica(port=0, state=1, slow_seconds=0.5)
    registry = tmp_path / "registry.toml"
    text = Path(replica.registry_path).read_text(encoding="utf-8")
    registry.write_text(
        text.replace('name = "青石县人民政府"\n', 'name = "青石县人民政府"\nspider = "qingshi_vsb"\n', 1),
        encoding="utf-8",
    )
    path = tmp_path / "archive.db"
    command = [
        str(Path(sys.executable).parent / "scrapy"),
        "crawl",
        "qingshi_vsb",
        "-a",
        f"registry={registry}",
        "-s",
        f"NIANBAO_DB={path}",
    ]
    for setting in FAST:
        command += ["-s", setting]
    try:
        result = subprocess.run(
            command, cwd=REPO, capture_output=True, text=True, timeout=120, env={**os.environ, "NIANBAO_DB": ""}
        )
        truth = replica.truth()
    finally:
        replica.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    expected = {url for url, r in expected_reports(truth, 1).items() if r["portal"] == "青石县人民政府"}
    db = connect(path)
    assert set(archived(db)) == expected
    assert {p for (p,) in db.execute("SELECT DISTINCT portal FROM fetches WHERE portal IS NOT NULL")} == {
        "青石县人民政府"
    }
