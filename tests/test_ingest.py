"""The library the CLI, the crawler's pipeline and the scheduler share: parse_report, ingest_files and
reparse_archive, on real seeds and a real SQLite file, with the clock frozen."""

import json

import pytest
from nianbao.db import open_db
from nianbao.db.archive import NotAReport, ParserFailed

from nianbao.ingest import ingest_files, parse_report, reparse_archive


def test_parse_report_gives_what_the_archive_stores(seeds):
    parsed = parse_report(seeds[1].read_bytes(), seeds[1].name, "text/plain")
    assert parsed.record["agency"] == "自治区信访局" and parsed.cells["requests.new_received.total"] == 1
    assert "balance" in {finding["code"] for finding in parsed.findings}


def test_a_parser_crash_is_a_parser_failure_that_callers_catch_as_not_a_report():
    with pytest.raises(ParserFailed, match="parser failed: TypeError") as failed:
        parse_report("text where bytes belong", "a.txt")  # type: ignore[arg-type]
    assert isinstance(failed.value, NotAReport) and failed.value.outcome == "parser_error"
    with pytest.raises(NotAReport) as refused:
        parse_report(b"", "empty.txt")
    assert refused.value.outcome == "unreadable" and not isinstance(refused.value, ParserFailed)


def test_ingest_files_counts_outcomes_in_one_run(tmp_path, seeds, clock):
    db = open_db(tmp_path / "a.db")
    (tmp_path / "empty.txt").write_bytes(b"")
    seen = []
    summary = ingest_files(
        db, [*seeds, tmp_path / "empty.txt", tmp_path / "nope.pdf"], now=clock.now(), progress=seen.append
    )
    assert summary.counts == {
        "new": 5,
        "version": 0,
        "seen": 0,
        "unreadable": 1,
        "parser_error": 0,
        "too_large": 0,
        "too_complex": 0,
    }
    assert summary.problems == [(tmp_path / "nope.pdf", "not found", "no such file or folder")]
    assert [(path.name, outcome) for path, outcome, _ in summary.failed] == [("empty.txt", "unreadable")]
    assert seen == [*seeds, tmp_path / "empty.txt"]
    run = db["runs"].get(summary.run_id)
    assert (run["kind"], run["started_at"], run["finished_at"]) == ("ingest", clock.now(), clock.now())
    assert json.loads(run["counters"]) == {**summary.counts, "missing": 1, "unreadable_on_disk": 0}
    assert {row["fetched_at"] for row in db["fetches"].rows} == {clock.now()}
    again = ingest_files(db, seeds, now=clock.advance(days=1))
    assert again.counts["seen"] == 5 and db["reports"].count == 5


def test_reparse_archive_reports_changes_in_one_run(tmp_path, seeds, clock):
    db = open_db(tmp_path / "a.db")
    ingest_files(db, seeds, now=clock.now())
    db.execute("UPDATE cells SET value = 99, parsed = 99 WHERE report_id = 2 AND key = 'requests.granted.total'")
    summary = reparse_archive(db, now=clock.advance(hours=1))
    assert (summary.reports, summary.changed, summary.cells) == (5, 1, 1)
    assert summary.changes[0].cells == {"requests.granted.total": (99, 2)}
    run = db["runs"].get(summary.run_id)
    assert (run["kind"], run["started_at"]) == ("reparse", "2025-03-01T09:00:00Z")
    assert json.loads(run["counters"]) == {"reports": 5, "changed": 1, "cells": 1, "now_readable": 0}
