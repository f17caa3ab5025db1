"""`nianbao alerts` in every format, through the command line over a real archive."""

import csv
import io
import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook


def nianbao(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "nianbao", *args], capture_output=True, text=True, cwd=cwd)


def test_json_lists_open_alerts_with_evidence_objects(alert_archive):
    result = nianbao("alerts", "--format", "json", "--db", str(alert_archive))
    assert result.returncode == 0, result.stderr
    alerts = json.loads(result.stdout)
    assert {a["status"] for a in alerts} == {"open"}
    by_code = {a["code"]: a for a in alerts}
    assert {"balance", "missing", "late", "unreachable"} <= set(by_code)
    for alert in alerts:
        assert {"id", "code", "severity", "agency", "year", "status", "evidence"} <= set(alert)
        assert isinstance(alert["evidence"], dict)
    balance = by_code["balance"]
    assert balance["agency"] == "自治区信访局" and balance["year"] == 2024 and balance["code_name"] == "勾稽关系不平"
    assert balance["evidence"]["columns"][0]["received_side"] == 1
    assert balance["evidence_url"] == f"http://127.0.0.1:8001/-/evidence/alert/{balance['id']}"
    assert by_code["late"]["evidence"]["days_late"] == 3
    assert by_code["crawl_failed"]["agency"] is None and by_code["crawl_failed"]["about"] == "抓取任务 7"
    assert alerts[-1]["code"] == "crawl_failed"  # alerts without a region come last


def test_status_all_and_a_choice_of_statuses(alert_archive):
    every = json.loads(nianbao("alerts", "--format", "json", "--status", "all", "--db", str(alert_archive)).stdout)
    assert {a["status"] for a in every} == {"open", "acknowledged", "resolved"}
    chosen = json.loads(
        nianbao("alerts", "--format", "json", "--status", "acknowledged,resolved", "--db", str(alert_archive)).stdout
    )
    assert sorted(a["status"] for a in chosen) == ["acknowledged", "resolved"]
    assert next(a for a in chosen if a["status"] == "acknowledged")["note"] == "已电话督促"


def test_csv_for_scripts_and_the_default_table(alert_archive):
    rows = list(csv.DictReader(io.StringIO(nianbao("alerts", "--format", "csv", "--db", str(alert_archive)).stdout)))
    assert {r["code"] for r in rows} >= {"balance", "missing"}
    assert json.loads(next(r for r in rows if r["code"] == "missing")["evidence"])["deadline"] == "2025-01-31"
    table = nianbao("alerts", "--db", str(alert_archive))
    assert table.returncode == 0 and "勾稽关系不平" in table.stdout and "西夏区教育局" in table.stdout


def test_excel_a_clerk_opens(alert_archive, tmp_path):
    output = tmp_path / "提醒清单.xlsx"
    result = nianbao(
        "alerts", "--output", str(output), "--base-url", "http://archive.local:8001", "--db", str(alert_archive)
    )
    assert result.returncode == 0, result.stderr
    book = load_workbook(output)
    assert book.sheetnames == ["提醒清单", "按地区汇总", "说明"]
    sheet = book["提醒清单"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["编号", "地区", "机构", "类别", "年度", "问题", "严重程度", "状态"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    rows = {row[header.index("问题")].value: row for row in sheet.iter_rows(min_row=2)}
    balance = rows["勾稽关系不平"]
    assert balance[header.index("机构")].value == "自治区信访局" and balance[header.index("严重程度")].value == "严重"
    assert balance[header.index("严重程度")].fill.fgColor.rgb.endswith("F4B6B6")  # error: red
    assert rows["逾期发布"][header.index("严重程度")].fill.fgColor.rgb.endswith("FFE08A")  # warning: amber
    evidence = balance[header.index("存档证据")]
    assert evidence.hyperlink.target.startswith("http://archive.local:8001/-/evidence/alert/")
    assert balance[header.index("原文链接")].hyperlink.target == "http://127.0.0.1:9/nb/001.html"
    assert rows["未发布"][header.index("原文链接")].hyperlink is None  # nothing published to link to

    summary = book["按地区汇总"]
    columns = [c.value for c in summary[1]]
    lines = {(r[0].value, r[1].value): [c.value for c in r] for r in summary.iter_rows(min_row=2)}
    xixia_2024 = dict(zip(columns, lines[("宁夏回族自治区/银川市/西夏区", 2024)]))
    # 西夏区 2024: 信访局 published late, 教育局 missing → due 2, on time 0
    assert (xixia_2024["应公开单位"], xixia_2024["已发布"], xixia_2024["按时发布"]) == (2, 1, 0)
    assert (xixia_2024["逾期发布"], xixia_2024["未发布"], xixia_2024["按时发布率"]) == (1, 1, 0)
    ningxia_2024 = dict(zip(columns, lines[("宁夏回族自治区", 2024)]))
    assert ningxia_2024["按时发布率"] == 1 and ningxia_2024["问题报告比例"] == 1  # on time, but 勾稽关系 fails
    assert "应公开2个单位，按时公开0个" in xixia_2024["通报用语"]


def test_format_from_the_extension_and_refusals(alert_archive, tmp_path):
    page = tmp_path / "alerts.html"
    assert nianbao("alerts", "--output", str(page), "--db", str(alert_archive)).returncode == 0
    assert page.read_text(encoding="utf-8").startswith("{% from") is False and "<svg" in page.read_text(
        encoding="utf-8"
    )
    before = page.read_bytes()
    again = nianbao("alerts", "--output", str(page), "--db", str(alert_archive))
    assert again.returncode == 2 and "exists" in again.stderr and "--force" in again.stderr
    assert page.read_bytes() == before
    assert nianbao("alerts", "--output", str(page), "--force", "--db", str(alert_archive)).returncode == 0
    assert list(tmp_path.glob(".*.part")) == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--output", "{archive}", "--format", "csv", "--force"], "is the archive"),
        (["--output", "{dir}/alerts.txt"], "cannot tell the format"),
        (["--format", "xlsx"], "xlsx needs --output"),
        (["--status", "closed"], "unknown status"),
        (["--output", "{dir}/no/such/alerts.csv"], "no folder"),
    ],
)
def test_bad_targets_are_one_line_and_the_archive_is_untouched(alert_archive, args, words):
    before = alert_archive.read_bytes()
    args = [a.format(archive=alert_archive, dir=alert_archive.parent) for a in args]
    result = nianbao("alerts", *args, "--db", str(alert_archive))
    assert result.returncode == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert alert_archive.read_bytes() == before


def test_an_sqlite_file_is_never_overwritten_even_with_force(alert_archive, tmp_path):
    other = tmp_path / "copy.csv"
    other.write_bytes(alert_archive.read_bytes())
    result = nianbao("alerts", "--output", str(other), "--force", "--db", str(alert_archive))
    assert result.returncode == 2 and "SQLite" in result.stderr
