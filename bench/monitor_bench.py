"""Monitor benchmark: one `nianbao monitor` run over a synthetic archive, and the cost of one new report.

    .venv/bin/python bench/monitor_bench.py                       # 10,000 reports
    .venv/bin/python bench/monitor_bench.py --reports 100000      # the goal: under 30 s a run
    .venv/bin/python bench/monitor_bench.py --reports 100000 --keep /tmp/m100k.db   # build once, time again later
    .venv/bin/python bench/monitor_bench.py --monitor-only /tmp/m100k.db

The archive: registry agencies (district × department, 10 years each, 2015–2024) on one portal per district,
reports made from seed 000's tables with each agency's own prose (clauses of the seeds drawn at random), cells
in the template's keys chained year to year (carried over = last year's carried forward, in force = last
year's + issued − repealed) with a few planted breaks, near-copies and outliers, publication dates around the
deadlines (some late, some undated), one-report findings on a third of the reports, two crawls listing the
last year's reports. Rows are written through the db layer (blobs, fetches, reports with their full-text
triggers, cells, findings), 1,000 reports per transaction: the parser is not what is measured.

Measured 2026-12-04 (2 vCPUs shared with four other agents, load average 5–6): 100,000 reports built in
856 s (3.7 GB); first run 98 s wall (41 s CPU), steady run 29.4 s (11.8 s CPU), after one new report 27.9 s
(11.4 s CPU); 10,000 reports: 14.6 s (4.2 s CPU), 5.7 s (1.2 s CPU), 4.9 s (1.1 s CPU).

Timed: the first monitor run (it signs every report's text for copied_text once), a second run (signatures
kept: the steady state), and a run after one more report is archived (what a new report costs).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from nianbao.db import open_db, transaction
from nianbao.db.archive import insert_fetch, report_columns, store_blob, write_cells, write_findings
from nianbao.db.runs import finish_run, start_run
from nianbao.monitor.deadlines import deadline_for
from nianbao.monitor.run import run_monitor

from nianbao.ingest import parse_report
from nianbao.registry import Agency, Portal, Registry, store_registry

REPO = Path(__file__).resolve().parents[1]
SEED = next((REPO.parent / "shared" / "seeds").glob("000_*.txt"))
CITIES = ["银川市", "石嘴山市", "吴忠市", "固原市", "中卫市"]
DISTRICTS = [f"{a}{b}区" for a in "东西南北中新高金兴永安和平清" for b in "城山湖川江河原林桥阳"]
DEPARTMENTS = ["人民政府", "财政局", "教育局", "信访局", "民政局", "司法局", "审计局", "统计局", "水务局", "商务局"]
DEPARTMENTS += ["交通运输局", "农业农村局", "卫生健康局", "自然资源局", "生态环境局", "应急管理局"]
YEARS = range(2015, 2025)
CLAUSE = re.compile(r"[^，。；：、\n\t\d]{6,}")
CHAIN_BREAKS = 0.02  # share of reports with a planted carry-over or in-force break
NEAR_COPIES = 0.01
LATE = 0.1
UNDATED = 0.05


def seed_skeleton():
    text = SEED.read_text()
    parsed = parse_report(SEED.read_bytes(), SEED.name)
    clauses = sorted(set(CLAUSE.findall(text)))
    return text, parsed, clauses


def synthetic_registry(count: int) -> Registry:
    """Enough agencies for ``count`` reports of ten years each."""
    agencies, portals = [], []
    districts = [(city, district) for city in CITIES for district in DISTRICTS]
    for city, district in districts:
        region = f"宁夏回族自治区/{city}/{district}"
        portal = f"{city}{district}人民政府"
        portals.append(Portal(portal, (f"http://127.0.0.1:8750/{len(portals)}/xxgknb/",), region))
        for department in DEPARTMENTS:
            kind = "government" if department == "人民政府" else "department"
            agencies.append(Agency(f"{city}{district}{department}", kind, region, portal, since=YEARS[0]))
            if len(agencies) * len(YEARS) >= count:
                return Registry(portals=portals, agencies=agencies)
    raise SystemExit(f"at most {len(agencies) * len(YEARS):,} reports: add districts")


def prose(rng, clauses) -> list[str]:
    return ["，".join(rng.sample(clauses, 12)) + "。" for _ in range(3)]


def report_text(skeleton: str, agency: str, year: int, paragraphs: list[str]) -> str:
    lines, own = [], iter(paragraphs)
    for line in skeleton.replace("西夏区信访局", agency).replace("2024", str(year)).split("\n"):
        if "\t" not in line and len(line.strip()) >= 20 and "年度报告" not in line:
            line = next(own, "")
        lines.append(line)
    return "\n".join(lines)


class Chain:
    """An agency's figures year to year, consistent unless a break is planted."""

    def __init__(self, rng):
        self.rng = rng
        self.forward = rng.randint(0, 5)
        self.in_force = rng.randint(5, 60)
        self.received = rng.randint(3, 80)

    def cells(self, template: dict) -> dict:
        rng = self.rng
        cells = {key: (rng.randint(0, 9) if value is not None else None) for key, value in template.items()}
        carried_over = self.forward
        if rng.random() < CHAIN_BREAKS:
            carried_over += rng.randint(1, 5)
        self.received = max(0, self.received + rng.randint(-5, 5))
        self.forward = rng.randint(0, 5)
        issued, repealed = rng.randint(0, 5), rng.randint(0, 3)
        self.in_force = max(0, self.in_force + issued - repealed) + (1 if rng.random() < CHAIN_BREAKS else 0)
        cells.update(
            {
                "requests.carried_over.total": carried_over,
                "requests.carried_forward.total": self.forward,
                "requests.new_received.total": self.received,
                "active.normative_documents.issued": issued,
                "active.normative_documents.repealed": repealed,
                "active.normative_documents.in_force": self.in_force,
            }
        )
        for column in ("issued", "repealed", "in_force"):
            cells[f"active.regulations.{column}"] = None  # 规章: county bodies issue none
        for column in ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"):
            cells[f"requests.carried_over.{column}"] = None
            cells[f"requests.carried_forward.{column}"] = None
        return cells


def publication(rng, kind: str, year: int) -> tuple[str | None, str]:
    """(claimed date, first fetch UTC) around the deadline."""
    day = deadline_for(kind, None, year).date + timedelta(
        days=rng.randint(1, 40) if rng.random() < LATE else -rng.randint(0, 25)
    )
    fetched = datetime(day.year, day.month, day.day, 2, tzinfo=UTC) + timedelta(days=rng.randint(0, 2))
    claimed = None if rng.random() < UNDATED else day.isoformat()
    return claimed, fetched.isoformat().replace("+00:00", "Z")


def build(db, count: int) -> float:
    started = time.perf_counter()
    rng = random.Random(20250131)
    skeleton, parsed, clauses = seed_skeleton()
    registry = synthetic_registry(count)
    ids = store_registry(db, registry, "2015-01-01T00:00:00Z")
    jobs = [(agency, year) for agency in registry.agencies for year in YEARS][:count]
    chains, own_prose = {}, {}
    for start in range(0, len(jobs), 1000):
        with transaction(db):
            for agency, year in jobs[start : start + 1000]:
                chain = chains.setdefault(agency.name, Chain(rng))
                words = prose(rng, clauses)
                if rng.random() < NEAR_COPIES and own_prose:
                    words = own_prose[rng.choice(list(own_prose))]  # another agency's words
                own_prose[agency.name] = words
                store_one(
                    db,
                    rng,
                    agency,
                    ids[agency.name],
                    year,
                    report_text(skeleton, agency.name, year, words),
                    chain.cells(parsed.cells),
                    parsed,
                )
        done = min(len(jobs), start + 1000)
        if done % 10000 == 0 or done == len(jobs):
            elapsed = time.perf_counter() - started
            print(f"  {done:>7,} reports  {elapsed:6.0f} s  ({done / elapsed:,.0f} reports/s)", flush=True)
    crawls(db, registry)
    return time.perf_counter() - started


def store_one(db, rng, agency, agency_id: int, year: int, text: str, cells: dict, parsed) -> int:
    data = text.encode()
    sha256 = hashlib.sha256(data).hexdigest()
    claimed, fetched_at = publication(rng, agency.kind, year)
    url = f"http://127.0.0.1:8750/{agency_id}/xxgknb/{year}/t{sha256[:10]}.html"
    store_blob(db, sha256, data)
    fetch_id = insert_fetch(
        db,
        url=url,
        fetched_at=fetched_at,
        status=200,
        outcome="ok",
        sha256=sha256,
        size=len(data),
        portal=agency.portal,
        role="article",
        agency_id=agency_id,
    )
    record = {
        **parsed.record,
        "agency": agency.name,
        "year": year,
        "text": text,
        "published_at": claimed,
        "title": f"{agency.name}{year}年政府信息公开工作年度报告",
    }
    report_id = (
        db["reports"]
        .insert(
            {
                "agency_id": agency_id,
                "year": year,
                "url": url,
                "version": 1,
                "sha256": sha256,
                "first_seen": fetched_at,
                "last_seen": fetched_at,
                "first_fetch_id": fetch_id,
                "last_fetch_id": fetch_id,
                **report_columns(record, sha256),
            }
        )
        .last_pk
    )
    db.execute("UPDATE fetches SET report_id = ? WHERE id = ?", [report_id, fetch_id])
    write_cells(db, report_id, cells)
    if rng.random() < 1 / 3:
        write_findings(
            db,
            report_id,
            agency_id,
            year,
            parsed.findings
            or [{"code": "blank_cells", "severity": "info", "message": "cells left blank", "evidence": {"cells": []}}],
            None,
        )
    return report_id


def crawls(db, registry: Registry) -> None:
    """Two crawls of every portal, listing the last year's reports."""
    last_year = {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT r.id, r.url, a.portal FROM reports r JOIN agencies a ON a.id = r.agency_id WHERE r.year = ?",
            [YEARS[-1]],
        )
    }
    for started in ("2025-04-01T02:00:00Z", "2025-04-02T02:00:00Z"):
        run_id = start_run(db, "crawl", {"portals": [p.name for p in registry.portals]})
        with transaction(db):
            db.execute("UPDATE runs SET started_at = ? WHERE id = ?", [started, run_id])
            for portal in registry.portals:
                insert_fetch(
                    db,
                    url=portal.start_urls[0],
                    fetched_at=started,
                    status=200,
                    outcome="ok",
                    portal=portal.name,
                    role="list",
                    run_id=run_id,
                )
            db["listings"].insert_all(
                {
                    "run_id": run_id,
                    "list_url": f"{url.rsplit('/', 2)[0]}/",
                    "url": url,
                    "seen_at": started,
                    "portal": portal,
                }
                for url, portal in last_year.values()
            )
        finish_run(db, run_id, "ok", {})


def timed_monitor(db, label: str) -> float:
    started, cpu = time.perf_counter(), time.process_time()
    result = run_monitor(db, None, as_of=date(2025, 4, 3), now=datetime(2025, 4, 3, 4, tzinfo=UTC))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    top = ", ".join(f"{code} {n:,}" for code, n in sorted(result.counts.items(), key=lambda i: -i[1])[:8])
    print(f"{label:<42} {seconds:6.1f} s ({cpu:5.1f} s CPU)  {len(result.findings):,} findings ({top})", flush=True)
    return seconds


def add_one_report(db) -> None:
    rng = random.Random(1)
    skeleton, parsed, clauses = seed_skeleton()
    agency = Agency("新城区新设局", "department", "宁夏回族自治区/银川市/新城区", "银川市新城区人民政府", since=2024)
    agency_id = store_registry(db, Registry(agencies=[agency]), "2025-04-02T00:00:00Z")[agency.name]
    with transaction(db):
        store_one(
            db,
            rng,
            agency,
            agency_id,
            2024,
            report_text(skeleton, agency.name, 2024, prose(rng, clauses)),
            Chain(rng).cells(parsed.cells),
            parsed,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the archive at this path and keep it")
    parser.add_argument("--monitor-only", type=Path, metavar="DB", help="only time monitor runs on a kept archive")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.monitor_only or args.keep or Path(tmp) / "monitor_bench.db"
        db = open_db(path)
        if not args.monitor_only:
            print(f"building a synthetic archive of {args.reports:,} reports at {path}")
            seconds = build(db, args.reports)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            print(
                f"built in {seconds:,.0f} s ({args.reports / seconds:,.0f} reports/s), "
                f"{path.stat().st_size / 1e6:,.0f} MB"
            )
        reports = db["reports"].count
        timed_monitor(db, f"monitor, first run ({reports:,} reports)")
        timed_monitor(db, "monitor, second run (signatures kept)")
        add_one_report(db)
        timed_monitor(db, "monitor after one new report is archived")
        db.close()


if __name__ == "__main__":
    main()
