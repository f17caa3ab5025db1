"""Parse throughput per format on one core: reports per CPU second for parse + one-report checks.

Usage: .venv/bin/python bench/parse_bench.py [--seconds S] [--format F ...]   (or: scripts/bench)

Reads the real reports in ../shared (seeds: text; samples: HTML, Markdown, text dump, PDF) and the
repository's DOCX/DOC fixtures, parses each from its bytes in this one process, over and over for
about S seconds per format, and prints reports/s and ms per report."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from nianbao.checks import run_checks
from nianbao.parsing import UnreadableDocument, parse_bytes
from nianbao.parsing.sections import heading_number
from nianbao.parsing.values import cell_kind, is_blank, is_run, is_value, normalize, parse_number

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SUFFIX_FORMAT = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
}


def corpus(formats: list[str] | None = None) -> dict[str, list[tuple[str, bytes]]]:
    """Report files by format (``formats`` only, if given): name and bytes, read once so disk time is not
    measured."""
    paths = list((SHARED / "seeds").glob("*_*.txt")) + [
        p for p in (SHARED / "samples").glob("*_*.*") if not p.name.endswith(".json")
    ]
    paths += [p for p in (REPO / "tests" / "fixtures").rglob("*") if p.suffix in (".docx", ".doc")]
    by_format: dict[str, list[tuple[str, bytes]]] = {}
    for path in sorted(paths):
        fmt = SUFFIX_FORMAT.get(path.suffix.lower())
        if fmt and (formats is None or fmt in formats) and is_report(path):
            by_format.setdefault(fmt, []).append((path.name, path.read_bytes()))
    return by_format


def is_report(path: Path) -> bool:
    """Fixtures made to be unreadable (corrupt, renamed WPS …) are not reports to time."""
    try:
        parse_bytes(path.read_bytes(), path.name)
    except UnreadableDocument:
        return False
    return True


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (antiword): what one core spends, unlike
    wall time, which other processes on the machine would inflate."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(files: list[tuple[str, bytes]], seconds: float) -> tuple[int, float]:
    """Parse and check the files round-robin for about ``seconds`` of CPU; (reports done, CPU seconds)."""
    done, start = 0, cpu_seconds()
    while True:
        for name, data in files:
            forget_cached_cells()
            record = parse_bytes(data, name)
            record["findings"] = run_checks(record)
            done += 1
        elapsed = cpu_seconds() - start
        if elapsed >= seconds:
            return done, elapsed


def pdf_pages(file: tuple[str, bytes]) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(file[1])) as pdf:
        return len(pdf.pages)


def forget_cached_cells() -> None:
    """Each report starts with empty cell caches, so re-reading the same files flatters nothing."""
    for cached in (normalize, is_blank, is_value, parse_number, is_run, cell_kind, heading_number):
        cached.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per format (default 3)")
    parser.add_argument("--per-file", action="store_true", help="also time each file on its own")
    parser.add_argument(
        "--format", nargs="+", choices=sorted(set(SUFFIX_FORMAT.values())), help="only these formats (default all)"
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the goal is stated
    print(f"{'format':<10}{'files':>6}{'reports':>9}{'cpu s':>9}{'reports/s':>11}{'ms/report':>11}")
    for fmt, files in corpus(args.format).items():
        done, elapsed = measure(files, args.seconds)
        print(f"{fmt:<10}{len(files):>6}{done:>9}{elapsed:>9.2f}{done / elapsed:>11.1f}{1000 * elapsed / done:>11.2f}")
        if fmt == "pdf":
            pages_per_report = sum(map(pdf_pages, files)) / len(files)
            pages_per_s = done * pages_per_report / elapsed
            print(
                f"{'':<10}{pages_per_report:.1f} pages a report: {pages_per_s:.1f} pages/s, "
                f"{pages_per_s / 10:.2f} ten-page reports/s"
            )
        if args.per_file:
            for file in files:
                done, elapsed = measure([file], args.seconds / len(files))
                print(f"{'':<4}{file[0][:40]:<40}{1000 * elapsed / done:>8.2f} ms {done / elapsed:>8.1f}/s")


if __name__ == "__main__":
    main()
