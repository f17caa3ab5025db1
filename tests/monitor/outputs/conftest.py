"""An archive holding the five seed reports of three regions, their registry, and alerts of every kind
the lists show: the seeds' own findings (real evidence: 勾稽关系, blank cells …), a missing report,
a late one, an unreachable portal, an acknowledged and a resolved alert."""

import hashlib
import json
from pathlib import Path

import pytest
from nianbao.db import open_db, transaction
from nianbao.db.archive import archive_file

from nianbao.ingest import parse_report
from nianbao.registry import parse_registry, store_registry

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
XIXIA = "宁夏回族自治区/银川市/西夏区"
NINGXIA = "宁夏回族自治区"
XISAISHAN = "湖北省/黄石市/西塞山区"

REGISTRY = f"""
[[portal]]
name = "西夏区"
start_urls = ["http://127.0.0.1:9/xxgk/nb/"]
[[portal]]
name = "宁夏"
start_urls = ["http://127.0.0.1:9/nx/nb/"]
[[portal]]
name = "西塞山区"
start_urls = ["http://127.0.0.1:9/xss/nb/"]

[[agency]]
name = "西夏区信访局"
kind = "department"
region = "{XIXIA}"
portal = "西夏区"
since = 2023
[[agency]]
name = "西夏区人民政府办公室"
kind = "government"
region = "{XIXIA}"
portal = "西夏区"
since = 2023
[[agency]]
name = "西夏区教育局"
kind = "department"
region = "{XIXIA}"
portal = "西夏区"
since = 2024
[[agency]]
name = "自治区信访局"
kind = "department"
region = "{NINGXIA}"
portal = "宁夏"
since = 2020
[[agency]]
name = "西塞山区人民政府"
aliases = ["西塞山区"]
kind = "government"
region = "{XISAISHAN}"
portal = "西塞山区"
since = 2024
"""
SEED_REGIONS = {"000": XIXIA, "001": NINGXIA, "002": XIXIA, "003": NINGXIA, "004": XISAISHAN}
NOW = "2025-04-10T02:00:00Z"


def parse_as(name):
    return lambda data: parse_report(data, name, None)


def alert(code, severity, message, evidence, agency_id, year, report_id=None, status="open", **extra):
    evidence_json = json.dumps(evidence, ensure_ascii=False, sort_keys=True)
    return {
        "code": code,
        "severity": severity,
        "message": message,
        "agency_id": agency_id,
        "year": year,
        "report_id": report_id,
        "status": status,
        "first_seen": NOW,
        "last_seen": NOW,
        "evidence": evidence_json,
        "evidence_hash": hashlib.sha256(evidence_json.encode()).hexdigest(),
        "fingerprint": f"{code}:{agency_id}:{year}:{report_id}",
        **extra,
    }


def build_archive(path: Path, with_alerts: bool = True):
    """The archive (open); ``with_alerts=False`` leaves the alerts to a monitor run."""
    db = open_db(path)
    ids = store_registry(db, parse_registry(REGISTRY), NOW)
    for seed in sorted(SEEDS.glob("*.txt")):
        archive_file(
            db,
            seed.read_bytes(),
            url=f"http://127.0.0.1:9/nb/{seed.name[:3]}.html",
            parse=parse_as(seed.name),
            region=SEED_REGIONS[seed.name[:3]],
            fetched_at="2025-02-03T02:00:00Z",
            status=200,
            content_type="text/plain; charset=utf-8",
            file_name=seed.name,
        )
    if not with_alerts:
        return db
    rows = [
        alert(
            f["code"], f["severity"], f["message"], json.loads(f["evidence"]), f["agency_id"], f["year"], f["report_id"]
        )
        for f in db.query("SELECT * FROM findings WHERE code NOT IN ('blank_cells', 'not_judged') ORDER BY id")
    ]
    xinfang = ids["西夏区信访局"]
    report_1 = db.execute("SELECT id FROM reports WHERE agency_id = ? AND year = 2024", [xinfang]).fetchone()[0]
    about = {"agency": "西夏区信访局", "region": XIXIA, "kind": "department", "year": 2024}
    rows += [
        alert(
            "missing",
            "error",
            "西夏区教育局: 未见2024年度报告（期限 2025-01-31，截至 2025-04-10）",
            {"agency": "西夏区教育局", "region": XIXIA, "deadline": "2025-01-31", "as_of": "2025-04-10"},
            ids["西夏区教育局"],
            2024,
        ),
        alert(
            "late",
            "warning",
            "西夏区信访局: 2024年度报告晚于期限3天发布（2025-02-03，期限 2025-01-31）",
            {
                **about,
                "url": "http://127.0.0.1:9/nb/000.html",
                "fetched_at": "2025-02-03T02:00:00Z",
                "published": "2025-02-03",
                "deadline": "2025-01-31",
                "days_late": 3,
            },
            xinfang,
            2024,
            report_1,
        ),
        alert(
            "unreachable",
            "info",
            "西塞山区人民政府: 年报栏目连续3次抓取失败（timeout）",
            {"portal": "西塞山区", "crawls_failed": 3, "url": "http://127.0.0.1:9/xss/nb/"},
            ids["西塞山区人民政府"],
            None,
        ),
        alert(
            "late",
            "warning",
            "自治区信访局: 2020年度报告晚于期限",
            {"days_late": 40},
            ids["自治区信访局"],
            2020,
            status="acknowledged",
            note="已电话督促",
        ),
        alert(
            "missing",
            "error",
            "自治区信访局: 未见2021年度报告",
            {},
            ids["自治区信访局"],
            2021,
            status="resolved",
            resolved_at=NOW,
        ),
        alert(
            "crawl_failed",
            "error",
            "抓取任务 7（2025-04-09T18:00:00Z 开始）失败",
            {"run_id": 7},
            None,
            None,
            subject="run 7",
        ),
    ]
    with transaction(db):
        db["alerts"].insert_all(rows)
    return db


@pytest.fixture
def alert_archive(tmp_path) -> Path:
    """The archive's path; alerts 1… in the order above."""
    path = tmp_path / "archive.db"
    build_archive(path).close()
    return path
