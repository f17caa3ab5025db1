"""The archive's commands, run for real on SQLite files in tmp_path: in-process through click's CliRunner,
and as processes where the process is the point (killed mid-run, a writer beside a backup, a live
Datasette server)."""

import asyncio
import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils
from served import served

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def seeds():
    return sorted(SEEDS.glob("*.txt"))


def open_archive(path):
    return sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))


def variants(folder: Path, count: int) -> list[Path]:
    """``count`` distinct report files: the seeds with a sentence of their own added."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(count):
        seed = seeds()[n % len(seeds())]
        path = folder / f"{n:04d}_{seed.name}"
        path.write_text(seed.read_text() + f"\n第{n}号补充说明：本报告已归档。\n")
        files.append(path)
    return files


ARCHIVED_AT = "2025-03-01T08:00:00Z"  # the clock frozen for the seed archive


def archive_seeds(db: Path) -> Path:
    """An archive holding the five seeds, ingested on 2025-03-01 (ids 1–5 in seed order)."""
    from nianbao.db import open_db

    from nianbao.ingest import ingest_files

    ingest_files(open_db(db), seeds(), now=ARCHIVED_AT)
    return db


@pytest.fixture
def archived(tmp_path):
    return archive_seeds(tmp_path / "archive.db")


# --- ingest ------------------------------------------------------------------------------------


def test_ingest_archives_files_and_says_what_it_did(tmp_path, nianbao):
    result = nianbao("ingest", SEEDS, db=tmp_path / "a.db", check=True)
    assert "5 new reports" in result.stdout and "5 unreadable" in result.stdout  # the .expected.json files
    db = open_archive(tmp_path / "a.db")
    assert db["reports"].count == 5
    assert db.execute("SELECT count(*) FROM fetches WHERE outcome = 'unreadable' AND reason != ''").fetchone()[0] == 5
    assert db["cells"].count > 5 * 50 and db["findings"].count > 0
    assert db.execute("SELECT outcome FROM runs").fetchall() == [("ok",)]


def test_ingest_skips_hidden_files_in_folders(tmp_path, nianbao):
    variants(tmp_path / "downloads", 2)
    (tmp_path / "downloads" / ".DS_Store").write_bytes(b"\0\0")
    result = nianbao("ingest", tmp_path / "downloads", db=tmp_path / "a.db", check=True)
    assert result.stdout.startswith("ingest: 2 files: 2 new reports")


def test_ingest_twice_adds_fetches_never_reports(tmp_path, nianbao):
    nianbao("ingest", *seeds(), db=tmp_path / "a.db", check=True)
    again = nianbao("ingest", *seeds(), db=tmp_path / "a.db", check=True)
    assert "0 new reports" in again.stdout and "5 already archived" in again.stdout
    db = open_archive(tmp_path / "a.db")
    assert (db["reports"].count, db["fetches"].count, db["blobs"].count) == (5, 10, 5)


def test_ingest_with_url_and_agency(tmp_path, nianbao):
    url = "http://www.xixia.gov.cn/xxgk/xxgknb/202501/t20250120_1.html"
    nianbao("ingest", seeds()[0], "--url", url, "--agency", "银川市西夏区信访局", db=tmp_path / "a.db", check=True)
    db = open_archive(tmp_path / "a.db")
    assert db.execute("SELECT r.url, a.name FROM reports r JOIN agencies a ON a.id = r.agency_id").fetchall() == [
        (url, "银川市西夏区信访局")
    ]


def test_ingest_goes_on_past_a_missing_path_and_exits_2(tmp_path, nianbao):
    result = nianbao("ingest", tmp_path / "nope.pdf", seeds()[0], db=tmp_path / "a.db")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"nianbao: {tmp_path / 'nope.pdf'}: no such file or folder"]
    assert open_archive(tmp_path / "a.db")["reports"].count == 1


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "--url", "http://x/1.html", *seeds()[:2]],  # one URL for two files
        ["ingest", "--db", "/proc/no/such/archive.db", *seeds()[:1]],  # a folder that cannot be made
        ["correct", "999", "requests.new_received.total", "3", "--note", "x"],  # no such report
        ["correct", "1", "requests.new_received.total", "three", "--note", "x"],  # not a number
        ["correct", "1", "not_a_cell", "3", "--note", "x"],
        ["correct", "1", "requests.new_received.total", "3"],  # no --note
        ["export", "--format", "xlsx"],  # xlsx needs a file
        ["search", " "],
        ["serve", "--base-url", "http://10.0.0.5/archive/"],  # a URL where a path prefix belongs
    ],
)
def test_bad_input_is_one_line_and_exit_2_and_loses_nothing(archived, args, nianbao):
    before = open_archive(archived)["reports"].count
    result = nianbao(*args, db=None if "--db" in args else archived)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert open_archive(archived)["reports"].count == before


def test_commands_on_a_missing_archive_exit_2(tmp_path, nianbao):
    for args in (["search", "决算"], ["export"], ["reparse"], ["backup", tmp_path / "b.db"]):
        result = nianbao(*args, db=tmp_path / "none.db")
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, args


def test_sigkill_mid_ingest_then_rerun_loses_and_doubles_nothing(tmp_path, nianbao):
    files = variants(tmp_path / "downloads", 60)
    db = tmp_path / "a.db"
    command = [sys.executable, "-m", "nianbao", "ingest", str(tmp_path / "downloads"), "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists() and reports_in(db) >= 5:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = reports_in(db)
    assert 5 <= killed_at < len(files), "the kill came mid-run"
    nianbao("ingest", tmp_path / "downloads", db=db, check=True)
    archive = open_archive(db)
    assert archive.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert archive["reports"].count == len(files)
    assert archive.execute("SELECT count(DISTINCT sha256) FROM reports").fetchone()[0] == len(files)
    assert archive.execute("SELECT count(DISTINCT url) FROM reports").fetchone()[0] == len(files)
    without_cells = archive.execute(
        "SELECT count(*) FROM reports WHERE id NOT IN (SELECT report_id FROM cells)"
    ).fetchone()[0]
    assert without_cells == 0, "each report came with its cells, in one transaction"
    assert archive.execute("SELECT count(*) FROM reports_chars_fts").fetchone()[0] == len(files)


def reports_in(db: Path) -> int:
    try:
        return open_archive(db)["reports"].count
    except sqlite3.OperationalError:
        return 0


# --- correct and reparse -------------------------------------------------------------------------


def test_a_correction_is_applied_marked_in_exports_and_survives_reparse(archived, tmp_path, nianbao):
    result = nianbao(
        "correct",
        1,
        "requests.new_received.total",
        37,
        "--note",
        "扫描件第3页人工核对",
        "--by",
        "li",
        db=archived,
        check=True,
    )
    assert "-> 37" in result.stdout
    row = panel_row(nianbao, archived, 1)
    assert (row["new_requests"], row["corrected"]) == ("37", "new_requests")
    nianbao("reparse", db=archived, check=True)
    assert panel_row(nianbao, archived, 1)["new_requests"] == "37"
    db = open_archive(archived)
    assert db.execute(
        "SELECT value, parsed, corrected FROM cells WHERE report_id = 1 AND key = ?", ["requests.new_received.total"]
    ).fetchone() == (37, 0, 1)
    assert db.execute("SELECT note, made_by FROM corrections").fetchone() == ("扫描件第3页人工核对", "li")


def test_reparse_prints_the_reports_and_cells_that_changed(archived, nianbao):
    from nianbao.db import open_db, transaction

    writable = open_db(archived)
    with transaction(writable):  # what an older, worse parser had stored
        writable.execute(
            "UPDATE cells SET value = 99, parsed = 99 WHERE report_id = 2 AND key = 'requests.granted.total'"
        )
        writable.execute("UPDATE reports SET title = 'old title' WHERE id = 2")
    writable.close()
    result = nianbao("reparse", db=archived, check=True)
    assert "report 2 (" in result.stdout and "title changed" in result.stdout
    assert "requests.granted.total: 99 -> 2" in result.stdout
    assert "5 reports, 1 changed, 1 cells changed" in result.stdout
    db = open_archive(archived)
    assert db.execute("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'old title'").fetchone()[0] == 0


# --- search ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected", [("法", "法"), ("决算", "【决算】"), ("信访局", "【信访局】"), ("结转 申请", "申请")]
)
def test_search_one_two_and_more_characters(archived, query, expected, nianbao):
    result = nianbao("search", query, db=archived, check=True)
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    report_id, agency, year, snippet = lines[0].split(maxsplit=3)
    assert int(report_id) and agency and year.isdigit() and expected in snippet


def test_search_without_hits_says_so(archived, nianbao):
    result = nianbao("search", "量子计算机", db=archived, check=True)
    assert result.stdout == "" and "no report holds" in result.stderr


# --- export ------------------------------------------------------------------------------------


def panel_row(nianbao, db, report_id):
    rows = csv.DictReader(io.StringIO(nianbao("export", db=db, check=True).stdout.lstrip("\ufeff")))
    return next(row for row in rows if row["report_id"] == str(report_id))


def test_export_csv_json_xlsx_one_row_per_agency_and_year(archived, tmp_path, nianbao):
    rows = json.loads(nianbao("export", "--format", "json", db=archived, check=True).stdout)
    assert len(rows) == 5
    assert {
        "agency",
        "year",
        "new_requests",
        "granted",
        "withheld",
        "total_processed",
        "carried_over",
        "carried_forward",
        "reviews",
        "lawsuits",
        "regulations_issued",
        "fees",
        "report_url",
        "published_at",
        "corrected",
    } <= set(rows[0])
    xinfang_2024 = next(r for r in rows if r["agency"] == "自治区信访局" and r["year"] == 2024)
    assert (xinfang_2024["new_requests"], xinfang_2024["granted"], xinfang_2024["published_at"]) == (1, 2, "2025-01-31")
    nianbao("correct", 1, "requests.granted.total", 4, "--note", "misprint", db=archived, check=True)
    nianbao("export", "--output", tmp_path / "panel.xlsx", db=archived, check=True)
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "panel.xlsx")["panel"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("report_id")].value == 1)
    granted = row[header.index("granted")]
    assert granted.value == 4 and "misprint" in granted.comment.text and granted.fill.fgColor.rgb.endswith("FFF2CC")


def test_a_new_version_replaces_the_old_in_the_panel(tmp_path, nianbao):
    report = tmp_path / "report.txt"
    report.write_text(seeds()[1].read_text())
    nianbao("ingest", report, db=tmp_path / "a.db", check=True)
    report.write_text(seeds()[1].read_text().replace("2025年1月", "2025年2月") + "\n补充：更正版。\n")
    assert "1 new versions" in nianbao("ingest", report, db=tmp_path / "a.db", check=True).stdout
    rows = json.loads(nianbao("export", "--format", "json", db=tmp_path / "a.db", check=True).stdout)
    assert [(r["version"], r["versions"]) for r in rows] == [(2, 2)]


# --- backup ------------------------------------------------------------------------------------


def test_backup_while_a_crawl_writes(tmp_path, nianbao):
    variants(tmp_path / "downloads", 40)
    db = tmp_path / "a.db"
    nianbao("ingest", *seeds(), db=db, check=True)
    writer = subprocess.Popen(
        [sys.executable, "-m", "nianbao", "ingest", str(tmp_path / "downloads"), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    copies = []
    while writer.poll() is None and len(copies) < 5:
        copy = tmp_path / f"backup{len(copies)}.db"
        result = nianbao("backup", copy, db=db)
        assert result.exit_code == 0, result.stderr
        copies.append(copy)
    assert writer.wait() == 0, writer.stderr.read()
    assert copies, "the writer finished before any backup ran"
    for copy in copies:
        backup = open_archive(copy)
        assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        reports, with_cells = backup.execute(
            "SELECT count(*), count(DISTINCT report_id) FROM reports LEFT JOIN cells ON cells.report_id = reports.id"
        ).fetchone()
        assert reports >= 5 and with_cells == backup["reports"].count, "a consistent snapshot: no half-stored report"
    assert nianbao("backup", copies[0], db=db).exit_code == 2, "never overwrites"


# --- serve -------------------------------------------------------------------------------------


def get_json(base, path, **params):
    url = f"{base}{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    """One server for the tests that only read (starting one takes about a second)."""
    archive = archive_seeds(tmp_path_factory.mktemp("served") / "archive.db")
    with served(archive) as base:
        yield base, archive


def test_datasette_answers_with_metadata_facets_and_full_text(datasette):
    base, _ = datasette
    status, reports = get_json(base, "/nianbao/reports.json", _shape="array")
    assert status == 200 and len(reports) == 5
    status, page = get_json(base, "/nianbao/report_list.json")
    assert set(page["facet_results"]) >= {"region", "kind", "year"}
    status, findings = get_json(base, "/nianbao/finding_list.json")
    assert "code" in findings["facet_results"]
    status, hits = get_json(base, "/nianbao/reports.json", _search="信访局", _shape="array")
    assert status == 200 and len(hits) == 3
    _, metadata = get_json(base, "/-/metadata.json")
    assert "年度报告" in metadata["title"]
    assert "/" in metadata["databases"]["nianbao"]["tables"]["cells"]["columns"]["value"]


@pytest.mark.parametrize("query, at_least", [("法", 4), ("决算", 2), ("信访局", 3)])
def test_datasette_canned_search_from_one_character(datasette, query, at_least):
    base, _ = datasette
    status, rows = get_json(base, "/nianbao/search.json", q=query, _shape="array")
    assert (
        status == 200
        and len(rows) >= at_least
        and all(query in row["snippet"] or query in row["title"] for row in rows)
    )


@pytest.mark.parametrize("query", ['"', 'a"', '信"', '"信访局'])
def test_datasette_canned_search_takes_a_quote_without_failing(datasette, query):
    base, _ = datasette
    status, rows = get_json(base, "/nianbao/search.json", q=query, _shape="array")
    assert (status, rows) == (200, []), "no seed holds a quote (the index drops it; the text decides)"


def test_datasette_canned_queries_run(datasette):
    base, _ = datasette
    _, failures = get_json(base, "/nianbao/balance_failures.json", region="", _shape="array")
    assert [(row["report_id"], row["agency"], row["year"]) for row in failures] == [(2, "自治区信访局", 2024)]
    assert json.loads(failures[0]["evidence"])["columns"][0]["column"] == "natural_person"
    requests = get_json(base, "/nianbao/requests_per_year.json", agency="自治区信访局", _shape="array")[1]
    assert [(row["year"], row["new_requests"]) for row in requests] == [(2020, 0), (2024, 1)]
    _, late = get_json(base, "/nianbao/late_reports.json", region="", _shape="array")
    # archived on 2025-03-01 (the frozen clock): reports printing no date count as published that day
    assert [
        (row["report_id"], row["year"], row["published"], row["last_on_time_day"], row["days_late"]) for row in late
    ] == [
        (4, 2020, "2025-03-01", "2021-03-31", 1431),
        (3, 2023, "2025-03-01", "2024-03-31", 335),
    ]


def test_datasette_refuses_writes_and_sees_new_commits(archived, nianbao):
    db = archived
    with served(archived) as base:
        status, body = get_json(base, "/nianbao.json", sql="DELETE FROM reports")
        assert status == 400
        request = urllib.request.Request(f"{base}/nianbao/search", data=b"q=x", method="POST")
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(request, timeout=10)
        assert open_archive(db)["reports"].count == 5
        new = variants(db.parent / "new", 1)[0]
        nianbao("ingest", new, db=db, check=True)
        status, rows = get_json(base, "/nianbao.json", sql="select count(*) as n from reports", _shape="array")
        assert rows == [{"n": 6}], "a report committed while serving is seen"


def test_the_served_database_cannot_open_a_write_connection(archived):
    from datasette.utils.asgi import Forbidden

    from nianbao.serve import archive_datasette

    database = archive_datasette(archived).get_database("nianbao")
    with pytest.raises(Forbidden):
        asyncio.run(database.execute_write("DELETE FROM runs"))
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        database.connect().execute("DELETE FROM runs")
    assert open_archive(archived)["runs"].count == 1


def test_a_file_the_parser_fails_on_is_kept_with_the_reason_and_the_run_goes_on(tmp_path):
    from nianbao.db import open_db

    from nianbao.ingest import ingest_path

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + os.urandom(2000))  # looks like a PDF, is not one
    db = open_db(tmp_path / "a.db")
    archived = ingest_path(db, broken)
    assert archived.outcome == "unreadable" and archived.reason
    assert ingest_path(db, seeds()[0]).outcome == "new"


# --- found by review: reparse names, panel sums, the report in force, strict input ------------------

SAMPLES = SEEDS.parent / "samples"


def test_reparse_reads_the_bytes_as_ingest_did_whatever_the_url_says(tmp_path, nianbao):
    db = tmp_path / "a.db"
    nianbao("ingest", SAMPLES / "01_shanghai_szfbgt_2019.html", "--url", "http://x.gov.cn/nb/2019", db=db, check=True)
    nianbao("ingest", seeds()[0], "--url", "http://x.gov.cn/art/2025/1/20/art_123.html", db=db, check=True)
    result = nianbao("reparse", db=db, check=True)
    assert "reparse: 2 reports, 0 changed, 0 cells changed" in result.stdout, result.stdout
    cells = (
        open_archive(db)
        .execute("SELECT value FROM cells WHERE key = 'requests.new_received.total' ORDER BY report_id")
        .fetchall()
    )
    assert [value for (value,) in cells] == [859, 0]


def test_a_panel_sum_is_null_when_one_of_its_parts_is_missing(tmp_path, nianbao):
    db = tmp_path / "a.db"
    torn = tmp_path / "04_torn.md"  # sample 04 with its torn 内部事务 row lost altogether: no sum can place the rest
    torn.write_text(
        (SAMPLES / "04_shanghai_kewei_2024.md")
        .read_text(encoding="utf-8")
        .replace("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n", ""),
        encoding="utf-8",
    )
    nianbao("ingest", torn, db=db, check=True)
    [row] = json.loads(nianbao("export", "--format", "json", db=db, check=True).stdout)
    assert row["withheld"] is None and row["new_requests"] == 34


def test_the_report_in_force_is_the_content_seen_last(tmp_path, nianbao, clock):
    from nianbao.db import open_db

    from nianbao.ingest import ingest_files

    db, url = tmp_path / "a.db", "http://x.gov.cn/nb/2024.html"
    first = seeds()[0]
    changed = tmp_path / "changed.txt"
    changed.write_text(
        first.read_text().replace("一、本年新收政府信息公开申请数量\t\t0\t", "一、本年新收政府信息公开申请数量\t\t7\t")
    )
    for path in (first, changed, first):
        ingest_files(open_db(db), [path], url=url, now=clock.advance(days=1))
    [row] = json.loads(nianbao("export", "--format", "json", db=db, check=True).stdout)
    assert (row["version"], row["versions"]) == (1, 2)


@pytest.mark.parametrize(
    "args",
    [
        ("1", "requests.granted.totl", "3"),
        ("1", "requests.granted.total", "inf"),
        ("1", "requests.granted.total", "1,2,3"),
        ("1", "requests.granted.total", "1e30"),
        ("99999999999999999999999", "requests.granted.total", "3"),
    ],
)
def test_correct_refuses_what_is_no_cell_or_no_number(archived, args, nianbao):
    result = nianbao("correct", *args, "--note", "x", db=archived)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_another_programs_sqlite_file_is_never_made_an_archive(tmp_path, nianbao):
    other = tmp_path / "other.db"
    sqlite_utils.Database(other)["reports"].insert({"x": 1})
    for command in (("search", "信访"), ("export",), ("ingest", seeds()[0])):
        result = nianbao(*command, db=other)
        assert result.exit_code == 2 and "not a nianbao archive" in result.stderr, result.stderr
    assert sqlite_utils.Database(other).table_names() == ["reports"]


def test_bad_usage_is_one_line(nianbao):
    result = nianbao("export", "--format", "pdf")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


# --- hostile input (issue 10) ------------------------------------------------------------------


def balance_failures(db: Path) -> list:
    from nianbao.db.datasette import QUERIES

    return open_archive(db).execute(QUERIES["balance_failures"]["sql"], {"region": ""}).fetchall()


def test_a_correction_clears_the_finding_it_fixes_and_reparse_keeps_it_cleared(tmp_path, nianbao):
    text = seeds()[0].read_text()
    broken = tmp_path / "broken.txt"  # 结转下年度 total 5 where 0 + 0 = 0 + 0: 勾稽关系 fails
    broken.write_text(
        text.replace(
            "四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0", "四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t5"
        )
    )
    db = tmp_path / "a.db"
    nianbao("ingest", broken, db=db, check=True)
    assert len(balance_failures(db)) == 1

    nianbao("correct", 1, "requests.carried_forward.total", "0", "--note", "原件核对", db=db, check=True)
    assert balance_failures(db) == []
    evidence = [json.loads(e) for (e,) in open_archive(db).execute("SELECT evidence FROM findings")]
    assert evidence and all(e["corrected"] == ["requests.carried_forward.total"] for e in evidence)

    nianbao("reparse", db=db, check=True)
    assert balance_failures(db) == []
    codes = [code for (code,) in open_archive(db).execute("SELECT code FROM findings")]
    assert "balance" not in codes and "total_sum" not in codes


def test_a_correction_that_breaks_a_relation_makes_its_finding(archived, nianbao):
    nianbao("correct", 1, "requests.new_received.total", "3", "--note", "x", db=archived, check=True)
    (evidence,) = [json.loads(row[6]) for row in balance_failures(archived) if row[0] == 1]
    assert evidence["corrected"] == ["requests.new_received.total"]


@pytest.mark.parametrize(
    "key,value,accepted",
    [
        ("requests.granted.total", "3", 3),
        ("requests.granted.total", "2.5", None),
        ("requests.granted.total", "-1", None),
        ("requests.granted.total", "٣", None),
        ("requests.granted.total", "3.0", None),
        ("active.licensing.change", "-4", -4),
        ("active.licensing.change", "-4.5", None),
        ("active.fees.amount", "12.35", 12.35),
        ("active.procurement.amount", "1000", 1000),
        ("active.fees.amount", "-1", None),
        ("active.fees.amount", "１２", None),
    ],
)
def test_correct_takes_counts_changes_and_amounts_each_as_what_it_is(archived, key, value, accepted, nianbao):
    result = nianbao("correct", 1, key, value, "--note", "x", db=archived)
    if accepted is None:
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert open_archive(archived).execute("SELECT count(*) FROM corrections").fetchone() == (0,)
        return
    assert result.exit_code == 0, result.stderr
    stored = open_archive(archived).execute("SELECT value FROM cells WHERE report_id = 1 AND key = ?", [key])
    assert stored.fetchone() == (accepted,)


def test_search_with_too_many_terms_is_one_line(archived, nianbao):
    result = nianbao("search", " ".join(f"词{n}" for n in range(999)), db=archived)
    assert result.exit_code == 2 and result.stderr.strip() == "nianbao: 999 search terms: at most 50"
    assert nianbao("search", " ".join(["信访"] + [f"词{n}" for n in range(49)]), db=archived).exit_code == 0


def test_a_blank_agency_is_refused(tmp_path, nianbao):
    result = nianbao("ingest", seeds()[0], "--agency", "   ", db=tmp_path / "a.db")
    assert result.exit_code == 2 and result.stderr.strip().splitlines() == [
        "nianbao: --agency is blank: give the reporting body's name, or leave the option out"
    ]
    assert not (tmp_path / "a.db").exists()


def test_an_agency_is_stored_without_its_surrounding_blanks(tmp_path, nianbao):
    nianbao("ingest", seeds()[0], "--agency", "  某某局 ", db=tmp_path / "a.db", check=True)
    assert open_archive(tmp_path / "a.db").execute("SELECT name FROM agencies").fetchall() == [("某某局",)]


def test_dev_null_as_archive_is_one_line(nianbao):
    for command in (("ingest", seeds()[0]), ("search", "信访"), ("export",)):
        result = nianbao(*command, db="/dev/null")
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_datasette_answers_a_write_method_405_not_500(datasette):
    base, _ = datasette
    for method in ("POST", "PUT", "DELETE"):
        request = urllib.request.Request(f"{base}/nianbao/search", data=b"q=x", method=method)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 405 and refused.value.headers["Allow"] == "GET, HEAD"


def test_datasette_names_no_file_path_unless_asked(datasette, tmp_path):
    base, archive = datasette
    status, databases = get_json(base, "/-/databases.json")
    assert status == 200 and [d["name"] for d in databases] == ["nianbao"] and "path" not in databases[0]
    assert str(archive) not in json.dumps(databases)


def test_no_query_value_may_take_gigabytes(datasette):
    base, _ = datasette
    status, body = get_json(
        base, "/nianbao.json", sql="select length(printf('%.*c', 1000000000, 'x')) as n", _shape="array"
    )
    # NULL, or refused as too big: a bounded allocation, not a query stopped by the time limit
    assert (status, body) == (200, [{"n": None}]) or (status == 400 and "too big" in json.dumps(body)), body
    assert get_json(base, "/nianbao.json", sql="select length(printf('%.*c', 1000, 'x')) as n", _shape="array")[1] == [
        {"n": 1000}
    ]


def test_serve_leaves_a_backup_copy_as_it_is(archived, tmp_path, nianbao):
    copy = tmp_path / "copy.db"
    nianbao("backup", copy, db=archived, check=True)
    before = copy.read_bytes()
    with served(copy) as base:
        assert get_json(base, "/nianbao.json", sql="select count(*) as n from reports", _shape="array")[1] == [{"n": 5}]
    assert copy.read_bytes() == before and not copy.with_name("copy.db-wal").exists()
