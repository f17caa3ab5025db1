"""The main job on the embedded default, end to end, for a newcomer and for the test that proves it: the
bundled replica of government portals on localhost, two crawls of it (its first state, then its later one
where a report was backdated and another revised), the monitor as of a day in deadline season, the alert
lists a clerk opens, and a comparison with the replica's ground truth: every planted case found, nothing else.

Example::

    result = run_demo(Path("db/demo.db"), Path("db"))
    result.missed, result.extra        # (set(), set()) when the monitor finds exactly what was planted
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

# Reports on 2025 were due on 31 January (departments) and 31 March 2026 (governments): mid-April is the
# season the oversight office writes its 通报 in.
AS_OF = date(2026, 4, 15)
# The replica is on this machine: no need for a second between requests. Everything else is the default.
LOCAL_CRAWL_SETTINGS = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=0", "CONCURRENT_REQUESTS_PER_DOMAIN=8")

Case = tuple[str, str, int | None]  # code, agency, year


@dataclass
class DemoResult:
    archive: Path
    alert_lists: list[Path]
    expected: set[Case] = field(default_factory=set)
    found: set[Case] = field(default_factory=set)

    @property
    def missed(self) -> set[Case]:
        return self.expected - self.found

    @property
    def extra(self) -> set[Case]:
        return self.found - self.expected


class DemoFailed(Exception):
    """A step of the demo could not run (a crawl or the monitor failed); the message says which."""


def run_demo(archive: Path, out_dir: Path, say: Callable[[str], None] = print) -> DemoResult:
    """Crawl the replica twice into a fresh ``archive``, run the monitor, write the alert lists into
    ``out_dir`` and compare the open alerts with the replica's truth."""
    from nianbao.replica import start_replica

    fresh_archive(archive)
    replica = start_replica(port=0, state=1)
    try:
        say(f"replica of government portals serving at {replica.base_url} (registry {replica.registry_path})")
        crawl(replica.registry_path, archive, say, "first crawl (the portals' first state)")
        replica.set_state(2)
        crawl(replica.registry_path, archive, say, "second crawl (the later state)", revisit=True)
        monitor(replica.registry_path, archive, say)
        lists = write_alert_lists(archive, out_dir, say)
        truth = replica.truth()
    finally:
        replica.stop()
    return DemoResult(archive, lists, expected=planted_cases(truth), found=open_alert_cases(archive))


def fresh_archive(archive: Path) -> None:
    """The demo starts from nothing each time (its own file: a real archive is never touched)."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{archive}{suffix}").unlink(missing_ok=True)


def crawl(registry: Path, archive: Path, say, what: str, revisit: bool = False) -> None:
    """One crawl, in its own process (Scrapy's reactor runs once per process); its progress goes to the
    terminal as it comes."""
    say(f"{what}: nianbao crawl --registry {registry} --db {archive}")
    command = [sys.executable, "-m", "nianbao", "crawl", "--registry", str(registry), "--db", str(archive)]
    for setting in LOCAL_CRAWL_SETTINGS:
        command += ["--set", setting]
    if revisit:
        command.append("--revisit")  # reopen archived articles: the revised report is only seen so
    if subprocess.run(command).returncode != 0:
        raise DemoFailed(f"{what} failed (see its messages above)")


def monitor(registry_path: Path, archive: Path, say) -> None:
    from nianbao.db import open_db
    from nianbao.monitor.run import run_monitor
    from nianbao.registry import load_registry

    say(f"monitor as of {AS_OF}: nianbao monitor --registry {registry_path} --as-of {AS_OF} --db {archive}")
    db = open_db(archive)
    try:
        result = run_monitor(db, load_registry(registry_path), as_of=AS_OF, now=datetime.now(UTC))
    finally:
        db.close()
    say(f"  {len(result.findings)} findings, {len(result.changes.opened)} alerts opened")
    for code, count in sorted(result.counts.items(), key=lambda item: (-item[1], item[0])):
        say(f"  {code:<20} {count:>4}")


def write_alert_lists(archive: Path, out_dir: Path, say) -> list[Path]:
    """The Excel workbook and the HTML page of open alerts, as `nianbao alerts --output` writes them."""
    from nianbao.db import open_db
    from nianbao.monitor.outputs.alert_list import DEFAULT_BASE_URL, listed_alerts, write_alert_list

    db = open_db(archive, read_only=True)
    paths = []
    try:
        listed = listed_alerts(db, ("open",), DEFAULT_BASE_URL)
        for fmt in ("xlsx", "html"):
            path = out_dir / f"demo-alerts.{fmt}"
            write_alert_list(db, fmt, listed, path, DEFAULT_BASE_URL, force=True, archive=archive)
            paths.append(path)
    finally:
        db.close()
    say(f"alert lists: {', '.join(map(str, paths))} ({len(listed)} open alerts)")
    return paths


def planted_cases(truth: dict, as_of: date = AS_OF) -> set[Case]:
    """What the replica planted: its archive-level alerts as of ``as_of``, and the one-report findings of
    every report a crawl can reach (those the monitor makes alerts of)."""
    from nianbao.monitor.run import NOT_ALERTS

    cases = {(a["code"], a["agency"], a["year"]) for a in truth["alerts"][as_of.isoformat()]}
    for report in truth["reports"]:
        if report["fetchable"] and report["states"]:
            cases |= {(code, report["agency"], report["year"]) for code in report["findings"] if code not in NOT_ALERTS}
    return cases


def open_alert_cases(archive: Path) -> set[Case]:
    from nianbao.db import open_db

    db = open_db(archive, read_only=True)
    try:
        rows = db.execute(
            "SELECT al.code, a.name, al.year FROM alerts al LEFT JOIN agencies a ON a.id = al.agency_id"
            " WHERE al.status = 'open'"
        ).fetchall()
    finally:
        db.close()
    return {tuple(row) for row in rows}
