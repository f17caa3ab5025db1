"""Recovery figures of the layout generator: of the values a layout prints, the share read back (not
null), and the wrong numbers (there must be none), for text dumps and torn conversions (issue 11's goal:
95% recovered, not one wrong number). Prints figures; it is no test.

usage: .venv/bin/python tests/layouts/recovery.py [--random N] [--seed S]

Every report with hand-read truth in ../shared and N random reports that keep the template's relations
(hypothesis, drawn the same way each run, some cells blank beside a label or at a row's end) are rendered as text in each style, then again with damage:
labels torn from their rows (the label on a line of its own above its numbers, below them, or cut over two
lines), and the damage of a copy one cell per line (a number over two lines, a run of identical lines printed
once, a lone year line). Rows run together and glued to their labels (行政许可396442278) are counted on their
own, outside the text dumps."""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

from layout_doc import Layout, document  # noqa: E402
from layout_model import Report, consistent_report, truth_reports, with_blanks  # noqa: E402
from layout_render import to_text  # noqa: E402
from nianbao.parsing import parse_bytes  # noqa: E402
from nianbao.parsing.record import flat_cells  # noqa: E402

STYLES = ("tab", "pipe", "lines", "spaced", "run")
TORN_STYLES = ("tab", "pipe", "spaced", "lines")
LINES_DAMAGE = ("break", "collapse", "year")
TEARS = (("torn labels", "tear"), ("torn below", "tear-below"), ("torn split", "tear-split"))  # layout_doc.tear


def random_reports(count: int) -> list[Report]:
    """``count`` random consistent reports, some cells printed blank, the same ones every run."""
    drawn: list[Report] = []

    @settings(max_examples=count, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(consistent_report().flatmap(with_blanks))
    def collect(report):
        drawn.append(report)

    collect()
    return drawn[:count]


def damage_of(kind: str, report: Report, rng: random.Random) -> list[tuple[str, str, int]]:
    rows = report.request_rows()
    if not rows or kind == "none":
        return []
    chosen = rng.sample(rows, min(len(rows), rng.randint(1, 3)))
    return [(kind, row, rng.randint(0, 6)) for row in chosen]


def tally(report: Report, layout: Layout, style: str, counts: Counter) -> None:
    """Count the printed values of one case, those read back, and any wrong number."""
    record = parse_bytes(to_text(document(report, layout), style), "r.txt")
    got = flat_cells(record)
    for key, want in report.cells().items():
        if want is None or key in layout.lost:
            continue
        have = got.get(key)
        counts["printed"] += 1
        if have is None:
            continue
        if abs(have - want) < 1e-6:
            counts["read"] += 1
        else:
            counts["wrong"] += 1
            print(f"  WRONG {report.name} {style} {layout.damage}: {key} printed {want!r}, read {have!r}")


def figures(reports: list[Report], cases: list[tuple[str, str, str]], seed: int) -> dict[tuple, Counter]:
    """Counts per (class, style, reports) over every report."""
    out: dict[tuple, Counter] = {}
    for label, kind, style in cases:
        for source, group in reports:
            counts = out.setdefault((label, style, source), Counter())
            rng = random.Random(f"{seed}-{label}-{style}")
            for report in group:
                tally(report, Layout(damage=damage_of(kind, report, rng)), style, counts)
    return out


def main() -> int:
    """Print the figures; exit status 1 if any number was read wrong (a nightly job fails on it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=40, help="random reports besides the hand-read ones")
    parser.add_argument("--seed", type=int, default=11, help="seed of the damage drawn")
    args = parser.parse_args()
    reports = [("hand-read", truth_reports()), ("random", random_reports(args.random))]
    cases = [("text dump", "none", style) for style in STYLES]
    cases += [(label, kind, style) for label, kind in TEARS for style in TORN_STYLES]
    cases += [(f"lines: {kind}", kind, "lines") for kind in LINES_DAMAGE]
    cases += [("glued labels", "none", "glued")]  # run together and glued to the label: read as "run" is
    print(f"{'class':<16}{'style':<8}{'reports':<11}{'printed':>9}{'read':>9}{'recovered':>11}{'wrong':>7}")
    totals: dict[str, Counter] = {}
    for (label, style, source), counts in figures(reports, cases, args.seed).items():
        share = 100 * counts["read"] / max(counts["printed"], 1)
        print(
            f"{label:<16}{style:<8}{source:<11}{counts['printed']:>9}{counts['read']:>9}{share:>10.1f}%"
            f"{counts['wrong']:>7}"
        )
        group = "text dumps" if label == "text dump" else "torn conversions" if label.startswith("torn") else label
        totals.setdefault(group, Counter()).update(counts)
    for group in ("text dumps", "torn conversions"):
        counts = totals[group]
        share = 100 * counts["read"] / max(counts["printed"], 1)
        print(
            f"{group}: {counts['read']} of {counts['printed']} printed values read ({share:.1f}%), "
            f"{counts['wrong']} wrong"
        )
    return 1 if sum(counts["wrong"] for counts in totals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
