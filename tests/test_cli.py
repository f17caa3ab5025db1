"""The `nianbao parse` and `nianbao check` commands, run in-process through click (CliRunner): exit
status, stdout and stderr as a user sees them. tests/test_package.py runs the installed script."""

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))


def test_parse_prints_one_record_as_json(nianbao):
    result = nianbao("parse", SEEDS[0], "--json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["agency"], record["year"], record["format"]) == ("西夏区信访局", 2024, "2021")
    assert record["requests"]["new_received"]["total"] == 0
    assert record["appeals"]["review"]["total"] is None
    assert {f["code"] for f in record["findings"]} <= {"malformed_table", "image_only", "missing_rows"}


def test_check_prints_an_array_for_several_files_with_findings(nianbao):
    result = nianbao("check", *SEEDS[:2], "--json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["agency"] for r in records] == ["西夏区信访局", "自治区信访局"]
    balance = next(f for f in records[1]["findings"] if f["code"] == "balance")
    assert balance["severity"] == "error"
    assert {c["column"] for c in balance["evidence"]["columns"]} == {"natural_person", "total"}


def test_check_without_json_prints_a_readable_table(nianbao):
    result = nianbao("check", SEEDS[1])
    assert result.exit_code == 0, result.stderr
    assert "自治区信访局" in result.stdout and "balance" in result.stdout and "narrative_mismatch" in result.stdout


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty file"),
        ("report.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "WPS"),
        ("report.ofd", b"PK\x03\x04" + b"\0" * 100 + b"OFD.xml", "OFD"),
        ("garbage.bin", bytes(range(256)) * 4, "binary"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "PDF"),
        (
            "news.html",
            "<html><body><h1>区长调研春耕生产</h1><p>3月5日，区长前往……</p></body></html>".encode(),
            "not an annual report",
        ),
    ],
)
def test_a_bad_file_gets_one_line_and_status_2_while_the_others_go_on(tmp_path, name, content, reason, nianbao):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = nianbao("check", SEEDS[0], bad, "--json")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and reason in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["agency"] == "西夏区信访局"


def test_a_missing_file_is_bad_input(tmp_path, nianbao):
    result = nianbao("parse", tmp_path / "nope.pdf")
    assert result.exit_code == 2 and "nope.pdf" in result.stderr and "Traceback" not in result.stderr


def test_every_command_takes_db_even_where_it_reads_no_archive(tmp_path, nianbao):
    result = nianbao("parse", "--db", tmp_path / "a.db", SEEDS[0], "--json")
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "a.db").exists()


def test_bad_usage_is_status_2(nianbao):
    result = nianbao("parse")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
