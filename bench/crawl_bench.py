"""Crawl rate against the replica, beside `scrapy bench` measured in the same run, and what a recrawl asks.

    .venv/bin/python bench/crawl_bench.py [--runs 3]

- nianbao: `nianbao crawl` of every replica portal into a fresh archive, parsing and storing on, politeness
  relaxed (the server is local: no delay, no AutoThrottle, 16 requests at once per host). Pages and time
  are Scrapy's own stats (response_received_count, elapsed_time_seconds), as for scrapy bench; a first
  crawl, not counted, warms the replica's rendering of its PDFs and DOCX files.
- scrapy bench: Scrapy's own link-farm crawl for 10 s (no parsing, no storing), its pages per minute, run
  right after each crawl, so that a machine busy with other work weighs on both sides of each ratio.
- recrawl: the same crawl again on the unchanged replica: its requests by role (list pages only, ideally).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from nianbao.replica import start_replica

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RELAXED = (
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=0",
    "CONCURRENT_REQUESTS=32",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "NIANBAO_PROGRESS_INTERVAL=0",
    "RETRY_BACKOFF_BASE=0.1",
)


def relaxed_registry(path: Path, into: Path) -> Path:
    """The replica's registry without its per-portal delay and concurrency."""
    text = Path(path).read_text(encoding="utf-8")
    into.write_text(re.sub(r"(?m)^(delay|concurrency) = .*\n", "", text), encoding="utf-8")
    return into


def crawl(registry: Path, db: Path) -> tuple[int, float]:
    """Responses received and seconds elapsed, from the crawl's Scrapy stats (as scrapy bench counts)."""
    command = [str(BIN / "nianbao"), "crawl", "--registry", str(registry), "--db", str(db)]
    for setting in (*RELAXED, "LOG_LEVEL=INFO"):
        command += ["--set", setting]
    result = subprocess.run(command, check=True, cwd=REPO, capture_output=True, text=True)
    return stats(result.stderr)


def stats(log: str) -> tuple[int, float]:
    pages = int(re.search(r"'response_received_count': (\d+)", log).group(1))
    seconds = float(re.search(r"'elapsed_time_seconds': ([\d.]+)", log).group(1))
    return pages, seconds


def recrawl_roles(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        return dict(
            conn.execute(
                "SELECT role, count(*) FROM fetches WHERE run_id = 2 AND outcome != 'disallowed' GROUP BY role"
            )
        )


def scrapy_bench() -> float:
    """Pages per minute of `scrapy bench` (run outside the project, with Scrapy's defaults). In an empty
    folder: its server runs ``python -m`` there, so any stray ``re.py`` beside it would be imported."""
    with tempfile.TemporaryDirectory() as empty:
        result = subprocess.run(
            [str(BIN / "scrapy"), "bench", "-s", "LOG_LEVEL=INFO"],
            cwd=empty,
            capture_output=True,
            text=True,
            check=True,
        )
    pages, seconds = stats(result.stderr)
    return pages / seconds * 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="pairs of a crawl and a scrapy bench, alternated")
    args = parser.parse_args()
    replica = start_replica(port=0, state=1, slow_seconds=0.2)
    pairs = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            registry = relaxed_registry(replica.registry_path, Path(folder) / "registry.toml")
            crawl(registry, Path(folder) / "warm.db")  # the replica renders its PDFs and DOCX once
            for n in range(args.runs):
                db = Path(folder) / f"bench{n}.db"
                pages, seconds = crawl(registry, db)
                pairs.append((pages / seconds * 60, pages, seconds, scrapy_bench()))
            recrawl_pages, recrawl_seconds = crawl(registry, db)
            roles = recrawl_roles(db)
    finally:
        replica.stop()
    for rate, pages, seconds, bench in pairs:
        print(
            f"nianbao crawl of the replica: {pages} responses in {seconds:.2f} s = {rate:,.0f} pages/min "
            f"(parse + store on); scrapy bench right after: {bench:,.0f} pages/min; ratio {rate / bench:.0%}"
        )
    ratios = sorted(rate / bench for rate, _, _, bench in pairs)
    print(f"ratio, median of {len(ratios)}: {ratios[len(ratios) // 2]:.0%} (goal ≥ 50%; lowest {ratios[0]:.0%})")
    print(
        f"recrawl of the unchanged replica: {recrawl_pages} responses in {recrawl_seconds:.1f} s; fetches by role: "
        + ", ".join(f"{role} {n}" for role, n in sorted(roles.items()))
    )


if __name__ == "__main__":
    main()
