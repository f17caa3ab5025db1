"""Fuzzing the way files arrive: real reports (seeds, samples, fixtures of every format) truncated, with
bytes flipped, and the probe's bombs, fed through `nianbao ingest` into one archive and through
``parse_report``. Never a traceback, never a hang (the worker's time limit is set low), never a lost
file: every input has exactly one fetch with an outcome, the reports archived before are all still there,
and the archive passes integrity_check.

The default run takes some 20 s. NIANBAO_FUZZ=deep mutates every file more times and lets hypothesis
try many more byte strings."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest
from hostile.bombs import html_nested, pdf_with_bad_checksum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nianbao.db.archive import NotAReport, Parsed

from nianbao import ingest
from nianbao.isolation import ParseLimits, ParseWorker

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEEP = os.environ.get("NIANBAO_FUZZ") == "deep"
MUTANTS_PER_FILE = 40 if DEEP else 4
OUTCOMES = {"ok", "unreadable", "parser_error", "too_large", "too_complex"}

# The default run tries the same examples every time (CI stays reproducible); the deep one new ones. Neither
# keeps an example database in the working tree (a failure prints its example).
settings.register_profile("fuzz-default", max_examples=60, deadline=None, derandomize=True, database=None)
settings.register_profile("fuzz-deep", max_examples=3_000, deadline=None, database=None)


def real_files() -> list[Path]:
    """One real file of each kind the crawler meets, and the fixtures made to be awkward."""
    seeds = sorted((SHARED / "seeds").glob("*_*.txt"))
    samples = sorted(p for p in (SHARED / "samples").glob("*_*.*") if p.suffix != ".json")
    fixtures = sorted(
        p for p in (REPO / "tests" / "fixtures").rglob("*.*") if p.suffix in (".html", ".pdf", ".docx", ".doc")
    )
    return (
        seeds[:2]
        + [p for p in samples if p.suffix != ".pdf"]
        + [p for p in samples if p.suffix == ".pdf"][:1]
        + fixtures
    )


def mutants(data: bytes, chance: random.Random) -> list[bytes]:
    """Cut short at a random point, or a few bytes flipped (in the body of a zip or a PDF stream as
    well as in headers)."""
    made = []
    for n in range(MUTANTS_PER_FILE):
        if n % 2 == 0:
            made.append(data[: chance.randrange(1, max(2, len(data)))])
            continue
        flipped = bytearray(data)
        for _ in range(chance.randint(1, 16)):
            flipped[chance.randrange(len(flipped))] ^= 1 << chance.randrange(8)
        made.append(bytes(flipped))
    return made


def bombs() -> dict[str, bytes]:
    """The cheap ones (the costly ones have their own tests in test_isolation.py)."""
    return {
        "checksum.pdf": pdf_with_bad_checksum(),
        "nested.html": html_nested(3_000, "<p>政府信息公开工作年度报告</p>"),
        "digits.txt": ("政府信息公开工作年度报告\n" + "1" * 24 + " ").encode() * 300,
        "empty.docx": b"PK\x05\x06" + b"\0" * 18,
        "nul.txt": b"\0" * 4096,
    }


@pytest.fixture
def quick_worker(monkeypatch):
    """The real parse worker with a low time budget, in place of the process's own for this test."""
    worker = ParseWorker(ParseLimits(seconds=5, memory_mb=1024))
    monkeypatch.setattr(ingest, "_worker", worker)
    yield worker
    worker.close()


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "fuzz"
    folder.mkdir()
    chance = random.Random(int(os.environ.get("NIANBAO_FUZZ_SEED", "20250301")))
    for path in real_files():
        for n, data in enumerate(mutants(path.read_bytes(), chance)):
            (folder / f"{path.stem}.{n}{path.suffix}").write_bytes(data)
    for name, data in bombs().items():
        (folder / name).write_bytes(data)
    return folder


def test_mutated_real_files_through_ingest_lose_nothing(tmp_path, corpus, quick_worker, nianbao):
    db = tmp_path / "a.db"
    nianbao("ingest", *sorted((SHARED / "seeds").glob("*_*.txt")), db=db, check=True)
    archive = sqlite3.connect(db)
    before = archive.execute("SELECT id, sha256 FROM reports ORDER BY id").fetchall()

    result = nianbao("ingest", corpus, db=db)  # a traceback would fail here (tests/conftest.py)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    inputs = sorted(path.name for path in corpus.iterdir())
    fetches = archive.execute(
        "SELECT file_name, outcome FROM fetches WHERE run_id = (SELECT max(id) FROM runs) ORDER BY file_name"
    ).fetchall()
    assert [name for name, _ in fetches] == inputs  # exactly one fetch per input
    assert {outcome for _, outcome in fetches} <= OUTCOMES
    assert archive.execute("SELECT id, sha256 FROM reports WHERE id <= ?", [len(before)]).fetchall() == before
    assert archive.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    for line in result.stderr.strip().splitlines():  # one line per file archived as no report
        assert line.startswith("nianbao: ") and " archived as " in line, line


@pytest.fixture(scope="module")
def module_worker():
    with ParseWorker(ParseLimits(seconds=5, memory_mb=1024)) as worker:
        yield worker


def spliced(files: list[bytes]):
    """A real file with a stretch replaced by bytes hypothesis chooses (a header, a zip directory, a
    table cell): most of the file stays a report, so the parser goes deep before it meets the damage."""
    return st.builds(
        lambda data, start, length, junk: data[:start] + junk + data[start + length :],
        st.sampled_from(files),
        st.integers(0, 20_000),
        st.integers(0, 512),
        st.binary(max_size=64),
    )


REAL = [path.read_bytes() for path in real_files() if path.stat().st_size < 200_000]
NAMES = st.sampled_from(["a.txt", "a.html", "a.pdf", "a.docx", "a.doc", "a"])


@settings(settings.get_profile("fuzz-deep" if DEEP else "fuzz-default"), suppress_health_check=list(HealthCheck))
@given(data=st.one_of(st.binary(max_size=4096), spliced(REAL)), name=NAMES)
def test_parse_report_answers_any_bytes_with_a_record_or_a_reason(module_worker, data, name):
    try:
        parsed = ingest.parse_report(data, name, worker=module_worker)
    except NotAReport as err:
        assert err.outcome in OUTCOMES and "\n" not in str(err)
    else:
        assert isinstance(parsed, Parsed) and isinstance(parsed.findings, list)
