"""`nianbao serve` with the evidence plugin: pages, downloads, links from rows, search — over HTTP."""

import html
import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from served import served as serving

from .conftest import SEEDS


def get(base, path, **params):
    url = f"{base}{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from .conftest import build_archive

    path = tmp_path_factory.mktemp("served") / "archive.db"
    build_archive(path).close()
    with serving(path) as base:
        yield base, path


def alert_id(path, code):
    import sqlite3

    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id FROM alerts WHERE code = ? ORDER BY id", [code]).fetchone()[0]


def test_an_alerts_evidence_page_highlights_the_cells_it_compares(served):
    base, path = served
    status, _, body = get(base, f"/-/evidence/alert/{alert_id(path, 'balance')}")
    page = body.decode()
    assert status == 200
    assert "勾稽关系不平" in page and "自治区信访局" in page and "宁夏回族自治区" in page
    assert "自然人：一+二 = 1+0 = 1，三（七）+四 = 2+0 = 2" in page  # the numbers compared
    assert "一、本年新收政府信息公开申请数量" in page and "（三）不予公开" in page and "结果维持" in page
    # 勾稽关系 fails in two columns (自然人, 总计): four rows each
    assert page.count('class="num hl') == 8
    assert "http://127.0.0.1:9/nb/001.html" in page and "2025-02-03T02:00:00Z" in page  # the fetch
    assert "/-/evidence/report/" in page and "/original" in page


def test_an_alert_without_a_report_shows_its_evidence(served):
    base, path = served
    status, _, body = get(base, f"/-/evidence/alert/{alert_id(path, 'missing')}")
    page = body.decode()
    assert status == 200 and "未发布" in page and "西夏区教育局" in page
    assert "法定期限" in page and "2025-01-31" in page and "判断日期" in page


def test_a_reports_page_lists_its_alerts_and_the_download_gives_the_archived_bytes(served):
    base, path = served
    import sqlite3

    with sqlite3.connect(path) as conn:
        report_id = conn.execute("SELECT report_id FROM alerts WHERE code = 'balance'").fetchone()[0]
    status, _, body = get(base, f"/-/evidence/report/{report_id}")
    assert status == 200 and f"/-/evidence/alert/{alert_id(path, 'balance')}" in body.decode()
    status, headers, data = get(base, f"/-/evidence/report/{report_id}/original")
    seed = next(SEEDS.glob("001_*.txt"))
    assert status == 200 and data == seed.read_bytes()
    assert headers["content-type"].startswith("text/plain")
    assert urllib.parse.quote(seed.name) in headers["content-disposition"]
    assert headers["content-disposition"].startswith("attachment")


@pytest.mark.parametrize("path", ["/-/evidence/alert/999", "/-/evidence/report/999", "/-/evidence/report/999/original"])
def test_unknown_ids_are_404(served, path):
    assert get(served[0], path)[0] == 404


def test_every_row_links_to_evidence(served):
    base, _ = served
    assert 'href="/-/evidence/report/1"' in get(base, "/nianbao/reports")[2].decode()  # its title
    assert 'href="/-/evidence/report/' in get(base, "/nianbao/finding_list")[2].decode()
    assert 'href="/-/evidence/alert/1"' in get(base, "/nianbao/alerts")[2].decode()


PREFIX = "/archive/"


@pytest.fixture(scope="module")
def served_under_prefix(tmp_path_factory):
    """`nianbao serve --base-url /archive/`: as a proxy forwarding https://…/archive/ would reach it."""
    from .conftest import build_archive

    path = tmp_path_factory.mktemp("prefixed") / "archive.db"
    build_archive(path).close()
    with serving(path, "--base-url", PREFIX) as root:
        yield root, path


def local_links(page: bytes) -> set[str]:
    """Every href of a page that points into the server itself (not a report's own URL, not an anchor)."""
    hrefs = re.findall(r'href="([^"#][^"]*)"', page.decode())
    return {html.unescape(h) for h in hrefs if not h.startswith(("http://", "https://", "mailto:"))}


def test_under_a_base_url_every_link_keeps_the_prefix_and_answers(served_under_prefix):
    root, path = served_under_prefix
    report_id = alert_report_id(path, "balance")
    pages = [
        f"{PREFIX}-/evidence/alert/{alert_id(path, 'balance')}",
        f"{PREFIX}-/evidence/alert/{alert_id(path, 'missing')}",
        f"{PREFIX}-/evidence/report/{report_id}",
        f"{PREFIX}nianbao/alerts",
        f"{PREFIX}nianbao/reports",
        f"{PREFIX}nianbao/finding_list",
    ]
    links = set()
    for page in pages:
        status, _, body = get(root, page)
        assert status == 200, page
        links |= local_links(body)
    assert not {link for link in links if not link.startswith(PREFIX)}
    evidence = {link for link in links if "/-/evidence/" in link}
    assert {
        f"{PREFIX}-/evidence/report/{report_id}",
        f"{PREFIX}-/evidence/report/{report_id}/original",
        f"{PREFIX}-/evidence/alert/{alert_id(path, 'balance')}",
        f"{PREFIX}nianbao/reports/{report_id}",
        f"{PREFIX}nianbao/alerts",
    } <= links
    for link in sorted(evidence | {f"{PREFIX}nianbao/reports/{report_id}", f"{PREFIX}nianbao"}):
        assert get(root, link)[0] == 200, link


def alert_report_id(path, code):
    import sqlite3

    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT report_id FROM alerts WHERE code = ? ORDER BY id", [code]).fetchone()[0]


def test_the_html_alert_list_links_reach_a_prefixed_server(served_under_prefix, tmp_path):
    from nianbao.db import open_db
    from nianbao.monitor.outputs.alert_list import listed_alerts, write_alert_list

    root, path = served_under_prefix
    base_url = root + PREFIX.rstrip("/")
    db = open_db(path, read_only=True)
    page = tmp_path / "alerts.html"
    write_alert_list(db, "html", listed_alerts(db, ["open"], base_url), page, base_url)
    links = {h for h in re.findall(r'href="([^"#][^"]*)"', page.read_text()) if h.startswith(root)}
    assert any("/-/evidence/alert/" in link for link in links) and any(link.endswith("/original") for link in links)
    for link in sorted(links):
        assert link.startswith(base_url) and get(link, "")[0] == 200, link


def ids(base, table, query, pk="id"):
    status, _, body = get(
        base, f"/nianbao/{table}.json", _search=query, _shape="array", _col=pk if pk != "id" else "title"
    )
    assert status == 200, body
    return sorted(row[pk] for row in json.loads(body))


def cli_ids(path, query):
    result = subprocess.run(
        [sys.executable, "-m", "nianbao", "search", query, "--db", str(path)], capture_output=True, text=True
    )
    return sorted(int(line.split()[0]) for line in result.stdout.splitlines())


@pytest.mark.parametrize("query", ["法", "决算", "信访局", "2024", "信访 决算"])
def test_the_table_search_box_answers_like_the_cli(served, query):
    base, path = served
    found = ids(base, "reports", query)
    assert found and found == cli_ids(path, query)
    assert ids(base, "report_list", query, pk="report_id") == found


def test_full_width_and_half_width_fold_in_the_search_box(served):
    base, _ = served
    assert ids(base, "reports", "２０２４") == ids(base, "reports", "2024") != []
    assert ids(base, "reports", "（七）") == ids(base, "reports", "(七)") != []


def test_full_width_and_half_width_fold_in_the_canned_search(served):
    base, _ = served

    def canned(q):
        status, _, body = get(base, "/nianbao/search.json", q=q, _shape="array")
        assert status == 200, body
        return sorted(row["report_id"] for row in json.loads(body))

    assert canned("２０２４") == canned("2024") != []
    assert canned("决算") and canned("政府信息公开") == ids(base, "reports", "政府信息公开")


def late_by_monitor_and_by_canned_query(path, registry):
    """(agency, year, days late) of the monitor's late alerts, and of the canned 迟报 query run on a
    read-only connection prepared as nianbao serve prepares its own."""
    from datetime import UTC, date, datetime

    from nianbao.db import open_db
    from nianbao.db.datasette import QUERIES
    from nianbao.monitor.outputs.plugin import prepare_connection
    from nianbao.monitor.run import run_monitor

    db = open_db(path)
    run_monitor(db, registry, as_of=date(2025, 4, 10), now=datetime(2025, 4, 10, 2, tzinfo=UTC))
    monitor = {
        (a["evidence"]["agency"], a["year"], a["evidence"]["days_late"])
        for a in map(dict, db.query("SELECT evidence, year FROM alerts WHERE code = 'late' AND status = 'open'"))
        for a in [{**a, "evidence": json.loads(a["evidence"])}]
    }
    db.close()
    reader = open_db(path, read_only=True)
    prepare_connection(reader.conn, "nianbao", None)
    canned = {
        (r["agency"], r["year"], r["days_late"]) for r in reader.query(QUERIES["late_reports"]["sql"], {"region": ""})
    }
    reader.close()
    return monitor, canned


def test_the_canned_late_query_uses_the_monitors_deadlines(tmp_path):
    from nianbao.registry import parse_registry

    from .conftest import REGISTRY, build_archive

    path = tmp_path / "archive.db"
    build_archive(path).close()
    statute, canned = late_by_monitor_and_by_canned_query(path, parse_registry(REGISTRY))
    assert ("西夏区信访局", 2024, 3) in statute and canned == statute
    # a regional override (西夏区 departments by 5 February) and two days of grace, given to the monitor only
    overridden = (
        REGISTRY + '[settings]\ngrace_days = 2\n[[deadline]]\nregion = "宁夏回族自治区/银川市"\ndepartment = "02-05"\n'
    )
    moved, canned = late_by_monitor_and_by_canned_query(path, parse_registry(overridden))
    assert {(a, y) for a, y, _ in moved} == {(a, y) for a, y, _ in statute} - {("西夏区信访局", 2024)}
    assert canned == moved


def test_a_local_files_download_gets_a_type_from_its_name(tmp_path):
    import asyncio

    from nianbao.db import open_db
    from nianbao.db.archive import archive_file

    from nianbao.serve import archive_datasette

    from .conftest import parse_as

    path = tmp_path / "archive.db"
    db = open_db(path)
    seed = next(SEEDS.glob("002_*.txt"))  # no content type, no file name: only the URL names it
    local = archive_file(db, seed.read_bytes(), url="file:///home/r/downloads/nb.txt", parse=parse_as(seed.name))
    db.close()

    async def download():
        datasette = archive_datasette(path)
        await datasette.invoke_startup()
        return await datasette.client.get(f"/-/evidence/report/{local.report_id}/original")

    response = asyncio.run(download())
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert "nb.txt" in response.headers["content-disposition"]
