import subprocess
import sys

from nianbao.db.archive import NotAReport
from nianbao.db.corrections import correct_cell
from nianbao.db.reparse import reparse_all


def reparse(db, parse_as):
    return list(reparse_all(db, lambda data, report: parse_as(report["url"].rsplit("/", 1)[-1])(data)))


def test_an_unchanged_parser_changes_nothing(seeded, parse_as):
    assert [change.changed for change in reparse(seeded, parse_as)] == [False] * 5


def test_changed_cells_and_fields_are_reported_and_replaced(seeded, parse_as):
    seeded.execute("UPDATE cells SET value = 99, parsed = 99 WHERE report_id = 2 AND key = 'requests.granted.total'")
    seeded.execute("UPDATE reports SET published_at = NULL WHERE id = 2")
    changes = {change.report_id: change for change in reparse(seeded, parse_as)}
    assert changes[2].cells == {"requests.granted.total": (99, 2)}
    assert changes[2].fields == ["published_at"]
    assert seeded.execute("SELECT published_at FROM reports WHERE id = 2").fetchone() == ("2025-01-31",)


def test_corrections_survive(seeded, parse_as):
    correct_cell(seeded, 1, "requests.new_received.total", 12, note="hand")
    reparse(seeded, parse_as)
    assert seeded.execute(
        "SELECT value, corrected FROM cells WHERE report_id = 1 AND key = ?", ["requests.new_received.total"]
    ).fetchone() == (12, 1)


def test_a_report_the_new_parser_cannot_read_keeps_its_old_parse(seeded):
    def refuse(data, report):
        raise NotAReport("parser broke")

    changes = list(reparse_all(seeded, refuse))
    assert {change.error for change in changes} == {"parser broke"}
    assert seeded["cells"].count_where("report_id = 1") > 0


def test_a_file_once_unreadable_becomes_a_report_when_the_parser_reads_it(db, seeds, parse_as):
    from nianbao.db.archive import archive_file
    from nianbao.db.reparse import retry_unreadable

    def old_parser(data):
        raise NotAReport("could not read it then")

    data = seeds[1].read_bytes()
    first = archive_file(db, data, url="file:///a.txt", parse=old_parser, fetched_at="2025-02-01T00:00:00Z")
    second = archive_file(db, data, url="file:///a.txt", parse=old_parser, fetched_at="2025-02-02T00:00:00Z")
    assert db["reports"].count == 0
    retried = list(retry_unreadable(db, lambda data, fetch: parse_as("a.txt")(data)))
    assert [archived.outcome for _, archived in retried] == ["new", "seen"]
    report = db["reports"].get(retried[0][1].report_id)
    assert (report["first_seen"], report["last_seen"]) == ("2025-02-01T00:00:00Z", "2025-02-02T00:00:00Z")
    assert {fetch["outcome"] for fetch in db["fetches"].rows} == {"ok"}
    assert [f["report_id"] for f in db["fetches"].rows] == [report["id"]] * 2
    assert not list(retry_unreadable(db, lambda data, fetch: parse_as("a.txt")(data))), "nothing left to retry"
    assert first.fetch_id != second.fetch_id


def test_a_parser_crash_is_kept_as_parser_error_and_retried_after_the_fix(db, seeds, parse_as, clock):
    from nianbao.db.archive import ParserFailed, archive_file
    from nianbao.db.reparse import retry_unreadable

    def crashing(data):
        raise ParserFailed("parser failed: IndexError: list index out of range")

    def not_a_report(data, fetch):
        raise NotAReport("a list of reports, not a report")

    data, other = seeds[1].read_bytes(), seeds[2].read_bytes()
    crashed = archive_file(db, data, url="file:///a.txt", parse=crashing, now=clock.now())
    assert (crashed.outcome, crashed.reason) == ("parser_error", "parser failed: IndexError: list index out of range")
    assert db["fetches"].get(crashed.fetch_id)["outcome"] == "parser_error"
    archive_file(db, other, url="file:///b.txt", parse=crashing, now=clock.now())
    # a fix that finds the second file is no report: it becomes unreadable, with the new reason
    list(retry_unreadable(db, lambda raw, fetch: not_a_report(raw, fetch) if raw == other else crashing(raw)))
    outcomes = [(f["outcome"], f["reason"]) for f in db["fetches"].rows]
    assert outcomes == [
        ("parser_error", "parser failed: IndexError: list index out of range"),
        ("unreadable", "a list of reports, not a report"),
    ]

    def fixed(raw, fetch):
        return not_a_report(raw, fetch) if raw == other else parse_as("a.txt")(raw)

    retried = list(retry_unreadable(db, fixed, now=clock.advance(days=1)))
    assert [(fetch["id"], archived.outcome) for fetch, archived in retried] == [(crashed.fetch_id, "new")]
    assert db["reports"].get(retried[0][1].report_id)["parsed_at"] == "2025-03-02T08:00:00Z"


def test_reparse_takes_the_time_it_is_given(seeded, parse_as, clock):
    list(reparse_all(seeded, lambda data, report: parse_as(report["url"].rsplit("/", 1)[-1])(data), now=clock.now()))
    assert {row["parsed_at"] for row in seeded["reports"].rows} == {clock.now()}
    assert {row["found_at"] for row in seeded["findings"].rows} == {clock.now()}


OTHER_WRITER = """
import sqlite3, sys
archive = sqlite3.connect(sys.argv[1], timeout=2)
archive.execute("BEGIN IMMEDIATE")
archive.execute("INSERT INTO runs (kind, started_at) VALUES ('crawl', '2025-03-01T08:00:00Z')")
archive.commit()
"""


def test_a_slow_consumer_of_reparse_holds_no_lock_on_other_writers(seeded, parse_as):
    """The changes are read one at a time with a real writer process between them (a pager that waits)."""
    (path,) = [row[2] for row in seeded.execute("PRAGMA database_list") if row[1] == "main"]
    changes = reparse_all(seeded, lambda data, report: parse_as(report["url"].rsplit("/", 1)[-1])(data))
    for _ in range(2):
        next(changes)
        writer = subprocess.run([sys.executable, "-c", OTHER_WRITER, path], capture_output=True, text=True, timeout=60)
        assert writer.returncode == 0, writer.stderr
    assert len(list(changes)) == 3
    assert seeded.execute("SELECT count(*) FROM runs WHERE kind = 'crawl'").fetchone() == (2,)
