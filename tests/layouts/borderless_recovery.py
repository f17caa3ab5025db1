"""How much of a borderless PDF is read where blank cells are printed as nothing: every report with
hand-read truth in ../shared rendered in each borderless layout the generator draws (numbers left-,
right- or centre-aligned, cells in the middle or at the top, padded or tight, header repeated over
pages or not, a running page header or not), parsed back, and its printed values counted.

Usage: .venv/bin/python tests/layouts/borderless_recovery.py [--only samples/01 ...]

Prints, per report and in all, the share of printed values read back, and the wrong numbers (the
property of test_layouts.py: there must be none). A figure, not a test: it renders 576 PDFs."""

from __future__ import annotations

import argparse
import sys
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from layout_doc import Layout, document  # noqa: E402
from layout_model import truth_reports  # noqa: E402
from layout_render import to_pdf  # noqa: E402
from nianbao.parsing import parse_bytes  # noqa: E402
from nianbao.parsing.record import flat_cells  # noqa: E402

LAYOUTS = list(
    product(("LEFT", "CENTER", "RIGHT"), ("MIDDLE", "TOP"), (False, True), (False, True), (False, True))
)  # align, valign, tight, repeat_header, running_header


def recovery(report) -> tuple[int, int, list[str]]:
    """Values read back right, values printed, and the wrong numbers, over every layout."""
    printed = {key: value for key, value in report.cells().items() if value is not None}
    right, wrong = 0, []
    for align, valign, tight, repeat, running in LAYOUTS:
        pdf = to_pdf(
            document(report, Layout(blank="")),
            ruled=False,
            repeat_header=repeat,
            running_header=running,
            align=align,
            valign=valign,
            tight=tight,
        )
        got = flat_cells(parse_bytes(pdf, "r.pdf"))
        for key, want in report.cells().items():
            have = got.get(key)
            if have is not None and (want is None or abs(have - want) > 1e-6):
                wrong.append(f"{align}/{valign}/tight={tight}/repeat={repeat}: {key} {want!r} read as {have!r}")
        right += sum(got.get(key) is not None and abs(got[key] - value) < 1e-6 for key, value in printed.items())
    return right, len(printed) * len(LAYOUTS), wrong


def main() -> int:
    """Print the figures; exit status 1 if any number was read wrong (a nightly job fails on it)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="report names (seeds/000, samples/01, …)")
    args = parser.parse_args()
    reports = [r for r in truth_reports() if not args.only or r.name in args.only]
    total_right = total_printed = total_wrong = 0
    for report in reports:
        right, printed, wrong = recovery(report)
        total_right, total_printed, total_wrong = total_right + right, total_printed + printed, total_wrong + len(wrong)
        blanks = sum(v is None for v in report.cells().values())
        print(
            f"{report.name:12} {right / printed:7.2%} ({right:,} of {printed:,}; {blanks} blank cells) wrong: {len(wrong)}"
        )
        for line in wrong[:5]:
            print("   ", line)
    print(
        f"{'all':12} {total_right / total_printed:7.2%} ({total_right:,} of {total_printed:,}) in {len(LAYOUTS)} layouts"
    )
    return 1 if total_wrong else 0


if __name__ == "__main__":
    sys.exit(main())
