"""The static HTML alert list: grouped by region and agency, charts as inline SVG, links to evidence
pages; rendered by a real headless browser (Debian's chromium) when it is installed."""

import shutil
import subprocess
import sys

import pytest
from lxml import html as lxml_html
from nianbao.monitor.outputs.charts import BAR_AREA, code_chart, rate_chart

CHROMIUM = shutil.which("chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page(alert_archive, tmp_path):
    output = tmp_path / "提醒清单.html"
    result = subprocess.run(
        [sys.executable, "-m", "nianbao", "alerts", "--output", str(output), "--status", "all",
         "--base-url", "http://archive.example:8001/", "--db", str(alert_archive)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return output


def test_grouped_by_region_then_agency_with_links_to_evidence(page):
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    regions = [h.text_content().split()[0] for h in tree.xpath("//h2")]
    assert regions == [
        "宁夏回族自治区",
        "宁夏回族自治区/银川市/西夏区",
        "湖北省/黄石市/西塞山区",
        "门户与系统（无地区）",
    ]
    assert tree.xpath("//h2[last()]/following-sibling::h3/text()") == ["抓取任务 7"]  # a crawl run, no agency
    xixia = tree.xpath("//h2[starts-with(., '宁夏回族自治区/银川市/西夏区')]/following-sibling::h3")
    assert [h.text for h in xixia[:3]] == ["西夏区人民政府办公室", "西夏区信访局", "西夏区教育局"]
    links = tree.xpath("//td[@class='links']/a[starts-with(., '证据')]/@href")
    assert len(links) == 11 and all(link.startswith("http://archive.example:8001/-/evidence/alert/") for link in links)
    assert tree.xpath("//a[.='存档']/@href")[0].endswith("/original")
    assert not tree.xpath("//script") and not tree.xpath("//link[@rel='stylesheet']")  # self-contained
    assert len(tree.xpath("//svg")) == 3


def test_rate_bars_are_as_long_as_the_rates():
    rates = [
        {"region": "甲省/乙市", "year": 2024, "on_time_rate": 1.0},
        {"region": "甲省/乙市", "year": 2023, "on_time_rate": 0.5},
        {"region": "甲省/丙市", "year": 2024, "on_time_rate": 0.0},
        {"region": "甲省/丁市", "year": 2024, "on_time_rate": None},  # nothing due: no bar
    ]
    chart = rate_chart(rates, "on_time_rate", "按时发布率")
    assert [(b["label"], b["width"], b["value"]) for b in chart["bars"]] == [
        ("2024", BAR_AREA, "100%"),
        ("2023", BAR_AREA // 2, "50%"),
        ("2024", 1, "0%"),
    ]
    assert [g["label"] for g in chart["groups"]] == ["甲省/乙市", "甲省/丙市"]
    bars = code_chart([{"code": "missing", "severity": "error"}] * 4 + [{"code": "late", "severity": "warning"}] * 2)
    assert [(b["label"], b["width"], b["value"]) for b in bars["bars"]] == [
        ("未发布", BAR_AREA, "4"),
        ("逾期发布", BAR_AREA // 2, "2"),
    ]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_a_real_browser_renders_the_page_with_its_charts(page, tmp_path):
    from PIL import Image

    flags = [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=60
    ).stdout
    tree = lxml_html.fromstring(dom)
    assert len(tree.xpath("//svg//rect")) >= 10 and "勾稽关系不平" in dom  # the browser parsed the charts
    shot = tmp_path / "page.png"
    subprocess.run(
        [CHROMIUM, *flags, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, timeout=60, check=True,
    )  # fmt: skip
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 1600)
    colours = image.getcolors(maxcolors=1 << 20) or []
    bar_blue = (0x2F, 0x6D, 0xB5)  # the newest year's bars are drawn
    assert len(colours) > 50 and any(colour == bar_blue for _, colour in colours)
