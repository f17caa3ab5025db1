import pytest
from nianbao.db.archive import archive_file, blob_bytes, content_hash, stable_text

URL = "http://www.xixia.gov.cn/xxgk/xxgknb/202501/t20250120_1.html"
PAGE = "t20250120_1.html"


@pytest.fixture
def archive_seed(parse_as):
    def archive(db, seed, url=URL, data=None, name=None, **kwargs):
        parse = parse_as(name or seed.name)
        return archive_file(db, data or seed.read_bytes(), url=url, parse=parse, **kwargs)

    return archive


def test_a_report_is_stored_with_fetch_blob_agency_cells(db, seeds, archive_seed, parse_as, seed_as_html):
    archived = archive_seed(db, seeds[0])
    assert archived.outcome == "new" and archived.version == 1
    report = db["reports"].get(archived.report_id)
    assert (report["year"], report["url"], report["sha256"]) == (2024, URL, db["fetches"].get(1)["sha256"])
    assert report["title"].startswith("西夏区信访局") and "勾稽关系" in report["text"]
    assert db["agencies"].get(report["agency_id"])["name"] == "西夏区信访局"
    assert db["agencies"].get(report["agency_id"])["in_registry"] == 0
    assert blob_bytes(db, report["sha256"]) == seeds[0].read_bytes()
    cells = dict(db.execute("SELECT key, value FROM cells WHERE report_id = ?", [report["id"]]).fetchall())
    assert cells["requests.new_received.total"] == 0
    fetch = db["fetches"].get(archived.fetch_id)
    assert (fetch["outcome"], fetch["report_id"], fetch["size"]) == ("ok", report["id"], seeds[0].stat().st_size)


def test_the_same_bytes_twice_add_a_fetch_never_a_report(db, seeds, archive_seed, parse_as, seed_as_html):
    first = archive_seed(db, seeds[0], fetched_at="2025-02-01T00:00:00Z")
    again = archive_seed(db, seeds[0], fetched_at="2025-03-01T00:00:00Z", url="file:///elsewhere.txt")
    assert again.outcome == "seen" and again.report_id == first.report_id
    assert db["reports"].count == 1 and db["fetches"].count == 2 and db["blobs"].count == 1
    assert db["reports"].get(first.report_id)["last_seen"] == "2025-03-01T00:00:00Z"


def test_new_content_at_the_same_url_is_version_2_and_version_1_stays(db, seeds, archive_seed, parse_as, seed_as_html):
    original = seeds[0].read_text()
    first = archive_seed(db, seeds[0], data=original.encode())
    revised = original.replace("保障公民知情权", "切实保障公民知情权")
    second = archive_seed(db, seeds[0], data=revised.encode())
    assert (second.outcome, second.version) == ("version", 2)
    versions = db.execute("SELECT id, version FROM reports ORDER BY version").fetchall()
    assert versions == [(first.report_id, 1), (second.report_id, 2)]
    assert db["cells"].count_where("report_id = ?", [first.report_id]) > 0, "version 1 keeps its cells"


def test_page_chrome_alone_makes_no_new_version(db, seeds, archive_seed, parse_as, seed_as_html):
    text = seeds[0].read_text()
    monday = archive_seed(db, seeds[0], data=seed_as_html(text, views=120, today="2025年3月3日"), name=PAGE)
    friday = archive_seed(db, seeds[0], data=seed_as_html(text, views=987, today="2025年3月7日"), name=PAGE)
    assert monday.outcome == "new" and friday.outcome == "seen"
    assert db["reports"].count == 1
    assert db["blobs"].count == 2, "each page is kept exactly as fetched"
    assert db.execute("SELECT count(DISTINCT sha256) FROM fetches").fetchone()[0] == 2


def test_chrome_inside_the_article_makes_no_new_version_either(db, seeds, archive_seed, parse_as, seed_as_html):
    text = seeds[0].read_text()
    pages = [
        seed_as_html(f"{text}\n今天是{day} 星期一\n浏览次数：{views}", views=views, today=day)
        for views, day in [(5, "2025年3月3日"), (6, "2025年3月10日")]
    ]
    assert [archive_seed(db, seeds[0], data=page, name=PAGE).outcome for page in pages] == ["new", "seen"]


def test_an_unreadable_file_is_a_fetch_with_its_reason(db, seeds, archive_seed, parse_as, seed_as_html):
    archived = archive_file(db, b"", url="file:///empty.txt", parse=parse_as("empty.txt"))
    assert archived.outcome == "unreadable" and archived.report_id is None
    fetch = db["fetches"].get(archived.fetch_id)
    assert fetch["outcome"] == "unreadable" and fetch["reason"]
    assert db["reports"].count == 0


def test_findings_of_the_parse_are_stored_with_agency_and_year(db, seeds, archive_seed, parse_as, seed_as_html):
    from nianbao.db.archive import Parsed

    def parse_with_a_finding(data):
        parsed = parse_as(seeds[0].name)(data)
        return Parsed(
            parsed.record,
            parsed.cells,
            [{"code": "balance", "severity": "error", "message": "勾稽关系", "evidence": {"column": "total"}}],
        )

    archived = archive_file(db, seeds[0].read_bytes(), url=URL, parse=parse_with_a_finding)
    finding = db["findings"].get(1)
    assert (finding["code"], finding["report_id"], finding["year"]) == ("balance", archived.report_id, 2024)
    assert finding["agency_id"] == db["reports"].get(archived.report_id)["agency_id"]
    assert '"column": "total"' in finding["evidence"]


@pytest.mark.parametrize("chrome", ["浏览次数：123", "阅读量: 9", "点击数：45"])
def test_stable_text_masks_counters(chrome):
    assert stable_text(f"正文\n{chrome}") == stable_text(f"正文\n{chrome.replace('1', '7').replace('9', '8')}")


def test_stable_text_keeps_the_report():
    assert stable_text("本年新收申请 12 件") != stable_text("本年新收申请 13 件")
    assert content_hash({"text": "a"}, {"k": 1}) != content_hash({"text": "a"}, {"k": 2})


def test_view_counters_with_thousands_separators_are_chrome():
    assert stable_text("浏览次数：1,234 次") == stable_text("浏览次数：12,345 次") == "浏览次数：#"
    assert stable_text("阅读量：987") == stable_text("阅读量：1，024")
