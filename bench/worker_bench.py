"""What parsing in the worker process (nianbao.isolation) costs per report: records/s parsed and checked
in this process and through one reused worker, on the seeds (text), the HTML samples and a PDF sample;
plus the price of starting a worker (paid once per run, and again after a file over its budget).

Usage: .venv/bin/python bench/worker_bench.py [--seconds S]

Wall-clock time (the worker's CPU is another process's), so run it on a quiet machine."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from nianbao.checks import run_checks
from nianbao.parsing import parse_bytes

from nianbao.isolation import ParseWorker

SHARED = Path(__file__).resolve().parents[2] / "shared"


def files() -> dict[str, list[tuple[str, bytes]]]:
    seeds = sorted((SHARED / "seeds").glob("*_*.txt"))
    samples = sorted(p for p in (SHARED / "samples").glob("*_*.*") if not p.name.endswith(".json"))
    pick = {"text (seeds)": seeds, "html": [p for p in samples if p.suffix == ".html"]}
    pick["pdf"] = [p for p in samples if p.suffix == ".pdf"][:1]
    return {kind: [(p.name, p.read_bytes()) for p in paths] for kind, paths in pick.items() if paths}


def in_process(name: str, data: bytes) -> dict:
    record = parse_bytes(data, name)
    record["findings"] = run_checks(record)
    return record


def rate(parse, reports: list[tuple[str, bytes]], seconds: float) -> float:
    """Reports per wall-clock second, round-robin over ``reports`` for about ``seconds``."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for name, data in reports:
            parse(name, data)
            done += 1
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement (default 3)")
    args = parser.parse_args()
    print(f"{'files':<14}{'n':>3}{'in-process/s':>14}{'worker/s':>10}{'ms added/report':>17}")
    with ParseWorker() as worker:
        for kind, reports in files().items():
            plain = rate(in_process, reports, args.seconds)
            isolated = rate(lambda name, data: worker.parse(data, name), reports, args.seconds)
            print(f"{kind:<14}{len(reports):>3}{plain:>14.1f}{isolated:>10.1f}{1000 / isolated - 1000 / plain:>17.2f}")
    seed = files()["text (seeds)"][:1]
    first_parses = []
    for _ in range(10):
        with ParseWorker() as fresh:
            start = time.perf_counter()
            fresh.parse(seed[0][1], seed[0][0])
            first_parses.append(time.perf_counter() - start)
    start_ms = 1000 * (min(first_parses) - 1 / rate(in_process, seed, args.seconds))
    print(f"starting a worker (fork, load the extractors, set limits): {start_ms:.1f} ms")


if __name__ == "__main__":
    main()
