"""`nianbao crawl` as a user runs it: bad input is one line and status 2; --agency and --year narrow a crawl."""

import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "crawler"))
from localsite import Site, html, run_crawl  # noqa: E402

REGISTRY = """[[portal]]
name = "某区"
start_urls = ["{base}/list.html"]
{extra}
[[agency]]
name = "某区信访局"
kind = "department"
portal = "某区"
"""


@pytest.mark.parametrize(
    "text, message",
    [
        (None, "cannot read the registry"),
        ("[[portal]\n", "not valid TOML"),
        (REGISTRY.format(base="http://127.0.0.1:9", extra='spider = "nosuch"'), "no spider named 'nosuch'"),
    ],
)
def test_a_bad_registry_is_one_line_and_status_2(tmp_path, text, message):
    registry = tmp_path / "registry.toml"
    if text is not None:
        registry.write_text(text, encoding="utf-8")
    result = run_crawl(registry, tmp_path / "a.db")
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_an_unknown_agency_is_bad_input(tmp_path):
    registry = tmp_path / "registry.toml"
    registry.write_text(REGISTRY.format(base="http://127.0.0.1:9", extra=""), encoding="utf-8")
    result = run_crawl(registry, tmp_path / "a.db", "--agency", "没有这个局")
    assert result.returncode == 2 and "no agency named" in result.stderr


def test_agency_and_year_narrow_what_is_opened(tmp_path):
    titles = [
        "某区信访局2024年政府信息公开工作年度报告",
        "某区信访局2023年政府信息公开工作年度报告",
        "某区民政局2024年政府信息公开工作年度报告",
    ]
    items = "".join(
        f'<li><a href="/a/{n}.html">{title}</a><span>2025-01-2{n}</span></li>' for n, title in enumerate(titles)
    )
    pages = {
        f"/a/{n}.html": html(f"<html><body><h1>{title}</h1><p>正文</p></body></html>") for n, title in enumerate(titles)
    }
    site = Site({"/robots.txt": html(""), "/list.html": html(f"<ul>{items}</ul>"), **pages})
    registry = tmp_path / "registry.toml"
    registry.write_text(REGISTRY.format(base=site.base_url, extra=""), encoding="utf-8")
    result = run_crawl(registry, tmp_path / "a.db", "--agency", "某区信访局", "--year", "2024")
    site.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    assert [path for _, path in site.requests if path.startswith("/a/")] == ["/a/0.html"]
    listed = sqlite3.connect(tmp_path / "a.db").execute("SELECT count(*) FROM listings").fetchone()
    assert listed == (3,)  # every link is evidence, opened or not
