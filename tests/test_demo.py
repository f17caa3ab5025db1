"""The README's main job, end to end: `nianbao demo` crawls the replica (real HTTP on 127.0.0.1, real
Scrapy crawls in their own processes) in both its states, runs the monitor and must find every planted case
and nothing else; the same archive judged before the deadlines finds what the replica's truth says then."""

import json
from datetime import date

import openpyxl
import pytest

from nianbao.demo import open_alert_cases, planted_cases


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    from click.testing import CliRunner

    from nianbao.cli import cli

    folder = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(cli, ["demo", "--db", str(folder / "demo.db")])
    return folder, result


def test_the_demo_finds_every_planted_case_and_nothing_else(demo_run):
    folder, result = demo_run
    assert result.exit_code == 0, result.output[-3000:]
    assert "demo: every planted case was found, and nothing else" in result.output
    assert f"nianbao serve --db {folder / 'demo.db'}" in result.output


def test_the_demo_writes_the_alert_lists_a_clerk_opens(demo_run):
    folder, result = demo_run
    sheet = openpyxl.load_workbook(folder / "demo-alerts.xlsx")["提醒清单"]
    codes_shown = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert sheet.max_row - 1 == len(open_alert_cases(folder / "demo.db")) and codes_shown
    page = (folder / "demo-alerts.html").read_text(encoding="utf-8")
    assert "<svg" in page and "石门区人民政府" in page and "/-/evidence/alert/" in page


def test_judged_before_the_deadlines_only_the_earlier_years_are_missing(demo_run, tmp_path):
    from click.testing import CliRunner
    from nianbao.replica import truth
    from nianbao.replica.truth import AS_OF_BEFORE

    from nianbao.cli import cli

    folder, _ = demo_run
    archive = folder / "demo.db"
    registry = tmp_path / "registry.toml"
    assert CliRunner().invoke(cli, ["replica", "--port", "8750", "--write-registry", str(registry)]).exit_code == 0
    ran = CliRunner().invoke(
        cli, ["monitor", "--registry", str(registry), "--as-of", AS_OF_BEFORE, "--db", str(archive)]
    )
    assert ran.exit_code == 0, ran.output
    assert open_alert_cases(archive) == planted_cases(truth(2), date.fromisoformat(AS_OF_BEFORE))
    alerts = json.loads(CliRunner().invoke(cli, ["alerts", "--format", "json", "--db", str(archive)]).output)
    assert not [a for a in alerts if a["code"] == "missing" and a["year"] == 2025]
