"""Untrusted files are parsed in a worker under limits: a bomb is refused with its outcome and one line,
fast; a file over the time or memory budget stops the worker, never the run; the next file is read."""

import re
import subprocess
import sys

import pytest
from hostile.bombs import docx_of_empty_paragraphs, docx_unzipping_to, pdf_of_drawn_lines
from nianbao.parsing import UnreadableDocument

from nianbao.isolation import OverLimit, ParseLimits, ParseWorker


@pytest.fixture
def seed(shared):
    return (shared / "seeds" / "000_5065faee3bf7259b.txt").read_bytes()


@pytest.fixture
def sample_pdf(shared):
    return (shared / "samples" / "22_huaian-city-gov-2024.pdf").read_bytes()


def refusal(worker, data, name):
    with pytest.raises((OverLimit, UnreadableDocument)) as raised:
        worker.parse(data, name)
    assert "\n" not in str(raised.value)
    return raised.value.outcome, str(raised.value)


@pytest.fixture(scope="session")
def bombs():
    """The probe's three bombs, made once: they take seconds to build."""
    return {
        "lines.pdf": pdf_of_drawn_lines(),
        "paragraphs.docx": docx_of_empty_paragraphs(),
        "inflated.docx": docx_unzipping_to(260),
    }


@pytest.mark.parametrize(
    "name,outcome,message",
    [
        ("lines.pdf", "too_complex", r"PDF page 1 holds 200,00\d objects"),
        ("paragraphs.docx", "too_complex", r"5,000,00\d paragraphs"),
        ("inflated.docx", "too_large", r"unzips to 260 MB"),
    ],
)
def test_bombs_are_refused_before_they_are_read(bombs, name, outcome, message, seed):
    with ParseWorker(ParseLimits(seconds=20)) as worker:
        found, reason = refusal(worker, bombs[name], name)
        assert found == outcome and re.search(message, reason), reason
        assert worker.parse(seed, "seed.txt")["agency"] == "西夏区信访局"  # the worker goes on


STARTS = pytest.mark.parametrize("start", ["fork", "forkserver"])


@STARTS
def test_a_file_over_its_time_budget_stops_the_worker_and_the_next_is_read(sample_pdf, seed, start):
    with ParseWorker(ParseLimits(seconds=0.05), start=start) as worker:  # a six-page PDF takes several times longer
        outcome, reason = refusal(worker, sample_pdf, "report.pdf")
        assert outcome == "too_complex" and "longer than 0.05 s" in reason
        worker.limits = ParseLimits(seconds=20)
        assert worker.parse(seed, "seed.txt")["year"] == 2024


MEMORY_PROBE = """
import re, sys
from nianbao.isolation import OverLimit, ParseLimits, ParseWorker
drawing, seed = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
in_use = int(re.search(r"VmSize:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) // 1024
# what the fork has, and a little (a forkserver's worker has less: the parsers without the caller)
worker = ParseWorker(ParseLimits(seconds=60, memory_mb=in_use + 64), start=sys.argv[3])
try:
    worker.parse(drawing, "drawing.pdf")
except OverLimit as err:
    print(err.outcome, err)
worker.limits = ParseLimits(seconds=60)
print(worker.parse(seed, "seed.txt")["year"])
"""


@STARTS
def test_a_file_over_its_memory_budget_stops_the_worker_and_the_next_is_read(tmp_path, shared, start):
    # in a fresh process: a fork inherits its parent's free heap, which a long test session makes large
    drawing = tmp_path / "drawing.pdf"
    drawing.write_bytes(pdf_of_drawn_lines(45_000))  # under the objects limit; pdfplumber makes a dict a line
    seed = shared / "seeds" / "000_5065faee3bf7259b.txt"
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(drawing), str(seed), start], capture_output=True, text=True
    )
    lines = probe.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("too_large parsing needed more than"), probe.stdout + probe.stderr
    assert lines[1] == "2024"


@STARTS
def test_the_worker_gives_the_same_record_as_parsing_in_process(sample_pdf, start):
    from nianbao.checks import run_checks
    from nianbao.parsing import parse_bytes

    expected = parse_bytes(sample_pdf, "report.pdf")
    expected["findings"] = run_checks(expected)
    with ParseWorker(start=start) as worker:
        assert worker.parse(sample_pdf, "report.pdf") == expected


def test_ingest_archives_a_bomb_with_its_outcome_and_goes_on(tmp_path, seed, bombs):
    from click.testing import CliRunner
    from nianbao.db import open_db

    from nianbao.cli import cli

    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "1_drawing.pdf").write_bytes(bombs["lines.pdf"])
    (folder / "2_paragraphs.docx").write_bytes(bombs["paragraphs.docx"])
    (folder / "3_report.txt").write_bytes(seed)
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 0, result.output
    assert "1 new reports" in result.output and "2 too_complex" in result.output
    fetches = {row["file_name"]: row for row in open_db(tmp_path / "a.db").query("SELECT * FROM fetches")}
    assert fetches["1_drawing.pdf"]["outcome"] == "too_complex" and "objects" in fetches["1_drawing.pdf"]["reason"]
    assert fetches["2_paragraphs.docx"]["outcome"] == "too_complex"
    assert fetches["3_report.txt"]["outcome"] == "ok" and fetches["3_report.txt"]["report_id"]


GRACEFUL_PARENT = """
import signal, sys
signal.signal(signal.SIGTERM, lambda *_: None)  # as Scrapy does: SIGTERM asks for a graceful stop
from nianbao.ingest import parse_report
print(parse_report(open(sys.argv[1], "rb").read(), "seed.txt").record["year"])
"""


def test_a_parent_that_catches_sigterm_still_exits_with_its_worker(shared):
    seed = shared / "seeds" / "000_5065faee3bf7259b.txt"
    done = subprocess.run(
        [sys.executable, "-c", GRACEFUL_PARENT, str(seed)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout.strip() == "2024", done.stderr
