"""Archive benchmark: ingest rate, bytes per report and full-text query time over a synthetic archive.

    .venv/bin/python bench/archive_bench.py                   # 100,000 reports (several minutes)
    .venv/bin/python bench/archive_bench.py --reports 5000    # a quick look
    .venv/bin/python bench/archive_bench.py --keep /tmp/big.db   # keep the file (e.g. for nianbao serve)

The synthetic archive varies the seed reports (shared/seeds): agency names (district × department),
years 2014–2024, every table number and every number in the text, and one sentence of each report.
Reports are written through db.archive.archive_file, 1,000 per transaction, from parses made once per
seed (what is measured is the archive, not the parser); the end-to-end rate of `nianbao ingest` (parse,
checks, one transaction per file) is measured apart on a few hundred files.

Measured 2026-11-25 (2 shared vCPUs, SQLite 3.40.1), 100,000 reports: built in 674 s (148 reports/s,
most of it the two full-text indexes); end-to-end ingest 124 reports/s; 5.7 GB, 57 kB per report
(trigram index 17.8 kB, reports incl. text and record 15.6 kB, cells 10.7 kB, per-character index
6.3 kB, raw bytes 4.9 kB); `nianbao search` 0.2–0.9 ms for 1-, 2- and 3+-character terms, 29 ms for two
common terms; the Datasette canned search 0.1–2.3 ms.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from nianbao.db import open_db, transaction
from nianbao.db.archive import Parsed, archive_file
from nianbao.db.datasette import QUERIES as QUERIES_SQL
from nianbao.db.search import search

from nianbao.ingest import ingest_path, parse_report

REPO = Path(__file__).resolve().parents[1]

SEEDS = REPO.parent / "shared" / "seeds"
DISTRICTS = [f"{a}{b}区" for a in "东西南北中新高金兴永安和平清" for b in "城山湖川江河原林桥阳"]
DEPARTMENTS = [
    "人民政府",
    "人民政府办公室",
    "信访局",
    "财政局",
    "教育局",
    "卫生健康局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "商务局",
    "民政局",
    "司法局",
    "人力资源和社会保障局",
    "市场监督管理局",
    "应急管理局",
    "统计局",
    "医疗保障局",
    "退役军人事务局",
    "文化旅游广电局",
    "审计局",
    "水务局",
    "林业和草原局",
]
SENTENCES = [
    "全年未发生因政府信息公开引发的行政复议。",
    "进一步规范依申请公开办理流程。",
    "加强政务新媒体管理，及时回应社会关切。",
    "开展政务公开培训两次，覆盖全体工作人员。",
    "推进基层政务公开标准化规范化建设。",
    "完善政府信息公开保密审查机制。",
]
QUERIES = {
    "1 char, common (法)": "法",
    "1 char, rare (鑫)": "鑫",
    "2 chars, common (公开)": "公开",
    "2 chars (决算)": "决算",
    "2 chars, rare (鑫源)": "鑫源",
    "3 chars (信访局)": "信访局",
    "6 chars (行政复议决定)": "行政复议决定",
    "rare name (东城区审计局)": "东城区审计局",
    "unique (编号4321）)": "编号4321）",
    "two terms (决算 复议)": "决算 复议",
    "no hit (量子计算机)": "量子计算机",
}
DIGITS = re.compile(r"\d+")


def seed_parses() -> list[tuple[str, Parsed]]:
    """Each seed's text and its parse (parse and checks run once per seed)."""
    return [(path.read_text(), parse_report(path.read_bytes(), path.name)) for path in sorted(SEEDS.glob("*.txt"))]


def variant(n: int, seeds, rng: random.Random) -> tuple[bytes, Parsed, str]:
    text, parsed = seeds[n % len(seeds)]
    agency = rng.choice(DISTRICTS) + rng.choice(DEPARTMENTS)
    year = 2014 + n % 11
    old_agency, old_year = parsed.record["agency"] or "", str(parsed.record["year"] or "")
    new_text = text.replace(old_agency, agency).replace(old_year, str(year)) if old_agency else text
    new_text = DIGITS.sub(lambda m: str(rng.randint(0, 99)) if len(m.group()) < 4 else m.group(), new_text)
    new_text += "\n" + rng.choice(SENTENCES) + f"（编号{n}）\n"
    if n % 1000 == 999:  # something rare to look for
        new_text += "鑫源公司申请公开相关信息。\n"
    cells = {key: (rng.randint(0, 200) if value is not None else None) for key, value in parsed.cells.items()}
    record = {
        **parsed.record,
        "agency": agency,
        "year": year,
        "text": new_text,
        "title": f"{agency}{year}年政府信息公开工作年度报告",
    }
    url = f"http://www.example.gov.cn/xxgk/xxgknb/{year}/t{n:07d}.html"
    return new_text.encode(), Parsed(record, cells, parsed.findings), url


def build(db, count: int, seeds) -> float:
    """Write ``count`` synthetic reports, 1,000 per transaction; returns seconds taken."""
    rng = random.Random(20250301)
    started = time.perf_counter()
    for batch_start in range(0, count, 1000):
        with transaction(db):
            for n in range(batch_start, min(count, batch_start + 1000)):
                data, parsed, url = variant(n, seeds, rng)
                archive_file(db, data, url=url, parse=lambda _, parsed=parsed: parsed)
        done = min(count, batch_start + 1000)
        if done % 10000 == 0 or done == count:
            elapsed = time.perf_counter() - started
            print(f"  {done:>7,} reports  {elapsed:6.0f} s  ({done / elapsed:,.0f} reports/s)", flush=True)
    return time.perf_counter() - started


def end_to_end_rate(folder: Path, seeds, files: int = 200) -> float:
    """Reports per second through `nianbao ingest`'s path: parse, checks, one transaction per file."""
    rng = random.Random(7)
    paths = []
    for n in range(files):
        path = folder / f"r{n:04d}.txt"
        path.write_bytes(variant(n, seeds, rng)[0])
        paths.append(path)
    db = open_db(folder / "ingest.db")
    started = time.perf_counter()
    for path in paths:
        ingest_path(db, path)
    rate = files / (time.perf_counter() - started)
    db.close()
    return rate


def query_times(db, runs: int = 7) -> dict:
    """Median milliseconds of `nianbao search` (db.search.search, 20 newest hits) per query."""
    figures = {}
    for label, query in QUERIES.items():
        times, hits = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            hits = len(search(db, query, limit=20))
            times.append((time.perf_counter() - started) * 1000)
        total = count_hits(db, query)
        figures[label] = (statistics.median(times), hits, total)
    return figures


def canned_search_times(db, runs: int = 5) -> dict:
    """Median milliseconds of the Datasette canned query `search` (200 newest hits, with snippets)."""
    sql = QUERIES_SQL["search"]["sql"]
    figures = {}
    for label, query in QUERIES.items():
        if " " in query:
            continue  # the canned query takes one term
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            db.execute(sql, {"q": query}).fetchall()
            times.append((time.perf_counter() - started) * 1000)
        figures[label] = statistics.median(times)
    return figures


def count_hits(db, query: str) -> int:
    return len(search(db, query, limit=10**9))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the archive at this path and keep it")
    parser.add_argument(
        "--queries-only", type=Path, metavar="DB", help="only time the queries on an archive built before"
    )
    args = parser.parse_args()
    if args.queries_only:
        print_query_times(open_db(args.queries_only))
        return
    seeds = seed_parses()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(
            f"end-to-end ingest (parse + checks + store, 1 transaction per file): "
            f"{end_to_end_rate(tmp, seeds):,.1f} reports/s"
        )
        path = args.keep or tmp / "bench.db"
        db = open_db(path)
        print(f"building a synthetic archive of {args.reports:,} reports at {path}")
        seconds = build(db, args.reports, seeds)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        print(f"bulk store rate: {args.reports / seconds:,.0f} reports/s ({seconds:,.0f} s in all)")
        print(f"database: {size / 1e6:,.0f} MB, {size / args.reports:,.0f} bytes per report")
        for table, pages in db.execute(
            "SELECT CASE WHEN name LIKE 'reports_fts%' THEN 'reports_fts (trigram)'"
            " WHEN name LIKE 'reports_chars_fts%' THEN 'reports_chars_fts (per character)' ELSE name END,"
            " sum(pgsize) FROM dbstat GROUP BY 1 ORDER BY 2 DESC LIMIT 8"
        ).fetchall():
            print(f"  {table:<36} {pages / args.reports:>8,.0f} bytes per report")
        print_query_times(db)
        db.close()


def print_query_times(db) -> None:
    print("full-text query, `nianbao search` (20 newest hits), median of 7:")
    for label, (ms, hits, total) in query_times(db).items():
        print(f"  {label:<28} {ms:7.1f} ms   {hits:>3} shown of {total:,}")
    print("full-text query, Datasette canned query `search` (200 newest hits), median of 5:")
    for label, ms in canned_search_times(db).items():
        print(f"  {label:<28} {ms:7.1f} ms")


if __name__ == "__main__":
    main()
