"""Small real archives for the monitor's tests: the seed reports ingested through the real parse and
archive path, and edited copies of them (another agency, year, publication date, a changed number)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from nianbao.db import open_db
from nianbao.db.archive import archive_file, insert_fetch
from nianbao.db.runs import finish_run, start_run
from nianbao.monitor.run import run_monitor

from nianbao.ingest import parse_report
from nianbao.registry import parse_registry

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
REGION = "宁夏回族自治区/银川市/西夏区"
PORTAL = "银川市西夏区人民政府"
LIST_URL = "http://127.0.0.1:8750/xxgk/xxgknb/"


def seed_text(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text()


def variant(name="000", agency=None, year=None, published=None, replace=()) -> bytes:
    """A seed report edited: printed agency name, report year, a 时间 line with the publication date,
    and plain text replacements (a number in a table row, a sentence)."""
    text = seed_text(name)
    first_agency = {"000": "西夏区信访局", "001": "自治区信访局", "003": "自治区信访局", "004": "西塞山区"}[name]
    first_year = {"000": 2024, "001": 2024, "003": 2020, "004": 2024}[name]
    if agency:
        text = text.replace(first_agency, agency)
    if year:
        text = re.sub(rf"{first_year}(\s*年)", rf"{year}\1", text)
    text = re.sub(r"\s*• 时间: \d{4}-\d\d-\d\d \d\d:\d\d\n", "\n", text)
    if published:
        lines = text.split("\n")
        title = next(i for i, line in enumerate(lines) if "政府信息公开工作年度报告" in line)
        lines.insert(title + 1, f"  • 时间: {published} 12:00")
        text = "\n".join(lines)
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text.encode()


def archive_report(db, data: bytes, url: str, fetched_at: str, run_id=None, region=REGION):
    return archive_file(
        db,
        data,
        url=url,
        parse=lambda raw: parse_report(raw, "report.txt"),
        fetched_at=fetched_at,
        region=region,
        run_id=run_id,
    )


def crawl(db, started_at: str, outcome="ok", pages=(("ok", 200),), portal=PORTAL, listed=()):
    """A crawl run of one portal: its list page fetches (outcome, status) and the links it listed."""
    run_id = start_run(db, "crawl", {"portals": [portal]})
    db.execute("UPDATE runs SET started_at = ? WHERE id = ?", [started_at, run_id])
    for page_outcome, status in pages:
        insert_fetch(
            db,
            url=LIST_URL,
            fetched_at=started_at,
            status=status,
            outcome=page_outcome,
            portal=portal,
            role="list",
            run_id=run_id,
        )
    if listed:
        from nianbao.db.monitor import insert_listings

        insert_listings(
            db,
            [
                {"run_id": run_id, "list_url": LIST_URL, "url": url, "seen_at": started_at, "portal": portal}
                for url in listed
            ],
        )
    db.conn.commit()
    if outcome is not None:
        finish_run(db, run_id, outcome, {})
        db.execute("UPDATE runs SET finished_at = ? WHERE id = ?", [started_at, run_id])
        db.conn.commit()
    return run_id


REGISTRY = f"""
[[portal]]
name = "{PORTAL}"
start_urls = ["{LIST_URL}"]

[[agency]]
name = "西夏区人民政府"
kind = "government"
region = "{REGION}"
portal = "{PORTAL}"
since = 2023

[[agency]]
name = "西夏区信访局"
kind = "department"
region = "{REGION}"
portal = "{PORTAL}"
since = 2023
"""


def registry(extra: str = ""):
    return parse_registry(REGISTRY + extra)


def monitor(db, as_of: str, reg=None, now: str | None = None):
    day = date.fromisoformat(as_of)
    moment = datetime.fromisoformat(now) if now else datetime(day.year, day.month, day.day, 4, tzinfo=UTC)
    return run_monitor(db, reg, as_of=day, now=moment)


@pytest.fixture
def db(tmp_path):
    archive = open_db(tmp_path / "nianbao.db")
    yield archive
    archive.close()


@pytest.fixture
def kit():
    """The helpers above, for test modules (conftest cannot be imported under --import-mode=importlib)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        variant=variant,
        archive_report=archive_report,
        crawl=crawl,
        registry=registry,
        monitor=monitor,
        REGION=REGION,
        REGISTRY=REGISTRY,
        PORTAL=PORTAL,
        LIST_URL=LIST_URL,
    )
