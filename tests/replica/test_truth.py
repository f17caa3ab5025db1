"""The truth matches the pages: every report it lists parses back, through the same function the archive
uses, to its record's cells, agency, year and publication date, with exactly the planted findings."""

import re
import urllib.parse
from itertools import combinations

import pytest
from nianbao.replica import registry_toml, truth
from nianbao.replica.defences import JSL_COOKIE, JSL_VALUE, WAF_COOKIE, WAF_VALUE

from nianbao.ingest import parse_report
from nianbao.registry import load_registry


def file_name(url: str, headers) -> str:
    disposition = headers.get("Content-Disposition") or ""
    match = re.search(r'filename="([^"]+)"', disposition)
    if match:
        return urllib.parse.unquote(match.group(1), encoding="gbk")
    return urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]


PASSES = {"Cookie": f"{JSL_COOKIE}={JSL_VALUE}; {WAF_COOKIE}={WAF_VALUE}"}  # as a crawler keeping cookies has


def fetch_following(fetch, url):
    status, headers, body = fetch(url, headers=PASSES)
    if status == 302:
        status, headers, body = fetch(headers["Location"], headers=PASSES)
    return status, headers, body


def test_every_report_parses_back_to_its_record(replica, fetch):
    checked = 0
    for report in replica.truth()["reports"]:
        if not report["fetchable"] or report["format"] == "two-files":
            continue
        status, headers, data = fetch_following(fetch, report["file_url"])
        if status == 503:  # the one-shot 503 page
            status, headers, data = fetch(report["file_url"], headers=PASSES)
        assert status == 200, report["id"]
        parsed = parse_report(data, file_name(report["file_url"], headers), headers.get("Content-Type"))
        record = parsed.record
        if report["format"] == "scan-pdf":  # a picture: agency, year and date come from its page alone
            assert [f["code"] for f in parsed.findings] == report["findings"] == ["image_only"]
            continue
        assert (record["agency"], record["year"]) == (report["agency"], report["year"]), report["id"]
        assert record["published_at"] == report["published_at"], report["id"]
        assert sorted(f["code"] for f in parsed.findings) == sorted(report["findings"]), report["id"]
        assert parsed.cells == report["cells"], report["id"]
        checked += 1
    assert checked > 80


def test_two_attachments_make_one_report(replica, fetch):
    report = next(r for r in replica.truth()["reports"] if r["format"] == "two-files")
    text_url, tables_url = report["attachments"]
    assert report["file_url"] == tables_url
    tables = parse_report(fetch(tables_url)[2], "tables.pdf")
    assert tables.cells == report["cells"]
    text = parse_report(fetch(text_url)[2], "text.docx")
    assert (text.record["agency"], text.record["year"]) == (report["agency"], report["year"])
    assert text.record["sections_found"] == [1, 2, 3, 4, 5, 6] and not text.cells


def test_attachment_only_pages_are_stubs_naming_the_report(replica, fetch):
    for report in replica.truth()["reports"]:
        if report["format"] == "html" or not report["fetchable"]:
            continue
        page = fetch(report["url"], headers=PASSES)[2]
        text = page.decode("gbk" if "/vsb/" in report["url"] else "utf-8")
        assert report["title"] in text and report["published_at"][:4] in text
        assert all(a.rsplit("/", 1)[-1] in text.replace("&amp;", "&") for a in report["attachments"])


def test_clean_reports_are_internally_consistent_and_chain_year_to_year(replica):
    reports = [r for r in replica.truth()["reports"] if r["cells"]]
    for report in reports:
        cells = report["cells"]
        if report["findings"]:
            continue
        for column in ("natural_person", "commercial", "total"):
            assert (
                cells[f"requests.new_received.{column}"] + cells[f"requests.carried_over.{column}"]
                == cells[f"requests.total_processed.{column}"] + cells[f"requests.carried_forward.{column}"]
            )
    by_agency = {}
    for report in reports:
        if not report["id"].endswith("-b"):
            by_agency.setdefault(report["agency"], {})[report["year"]] = report
    for years in by_agency.values():
        for year, report in years.items():
            before = years.get(year - 1)
            if not before:
                continue
            chained = (
                report["cells"]["requests.carried_over.total"] == before["cells"]["requests.carried_forward.total"]
            )
            assert chained != ("carryover_mismatch" in report["planted"]), report["id"]
            docs = lambda r, k: r["cells"].get(f"active.normative_documents.{k}")
            if docs(before, "in_force") is not None and docs(report, "in_force") is not None:  # the 2021 template
                in_force = docs(before, "in_force") + docs(report, "issued") - docs(report, "repealed")
                assert (in_force == docs(report, "in_force")) != ("in_force_mismatch" in report["planted"]), report[
                    "id"
                ]
            new, old = report["cells"]["requests.new_received.total"], before["cells"]["requests.new_received.total"]
            outlier = (new >= 10 * old or new * 10 <= old) and abs(new - old) >= 20
            assert outlier == ("yoy_outlier" in report["planted"]), report["id"]


def shingles(text: str, size: int = 5) -> set[str]:
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def test_only_the_planted_copy_is_ninety_percent_the_same_as_another_report(replica, fetch):
    from nianbao.replica.reports import world

    prose = {r.id: "".join(p for n, ps in r.text.items() if n for p in ps) for r in world()}
    pairs = []
    for a, b in combinations(world(), 2):
        if a.year == b.year or a.agency == b.agency:
            union = shingles(prose[a.id]) | shingles(prose[b.id])
            similarity = len(shingles(prose[a.id]) & shingles(prose[b.id])) / len(union)
            if similarity >= 0.9:
                pairs.append({a.id, b.id})
    assert pairs == [{"ln-jtj-2024", "ln-sthj-2024"}]


def test_registry_loads_and_names_every_portal_and_expected_agency(replica, tmp_path):
    path = tmp_path / "registry.toml"
    path.write_text(registry_toml(replica.base_url), encoding="utf-8")
    registry = load_registry(path)
    facts = replica.truth()
    assert {p.name for p in registry.portals} == {p["name"] for p in facts["portals"]}
    assert all(p.delay == 0.05 for p in registry.portals)
    listed = {(a.name, a.portal) for a in registry.agencies}
    assert {(r["agency"], r["portal"]) for r in facts["reports"] if r["in_registry"]} <= listed
    merged = next(a for a in registry.agencies if a.until)
    assert merged.successor in {a.name for a in registry.agencies}
    assert load_registry(replica.registry_path).portals[0].start_urls[0].startswith(replica.base_url)


def test_state_2_adds_the_backdated_report_and_revises_one(replica, fetch):
    one, two = truth(1, replica.base_url), truth(2, replica.base_url)
    added = {r["id"] for r in two["reports"]} - {r["id"] for r in one["reports"]}
    assert added == {"dh-fgw-2025"}
    backdated = next(r for r in two["reports"] if r["id"] == "dh-fgw-2025")
    assert backdated["states"] == [2] and backdated["published_at"] < "2026-12-01"
    revised = next(r for r in one["reports"] if "revised" in r["planted"])
    _, headers, before = fetch(revised["url"])
    replica.set_state(2)
    try:
        _, later_headers, after = fetch(revised["url"])
        assert after != before and later_headers["Last-Modified"] != headers["Last-Modified"]
        assert fetch(revised["url"], headers={"If-Modified-Since": headers["Last-Modified"]})[0] == 200
        now = next(r for r in two["reports"] if r["id"] == revised["id"])
        assert now["cells"] != revised["cells"]
        assert parse_report(after, "page.html", later_headers["Content-Type"]).cells == now["cells"]
        assert backdated["url"] in fetch("/-/truth.json")[2].decode()
    finally:
        replica.set_state(1)


@pytest.mark.parametrize("as_of", ["2026-04-15", "2026-01-15"])
def test_expected_alerts_never_call_an_unreachable_agency_missing(replica, as_of):
    alerts = replica.truth()["alerts"][as_of]
    unreachable = {a["agency"] for a in alerts if a["code"] == "unreachable"}
    missing = {a["agency"] for a in alerts if a["code"] == "missing"}
    assert unreachable and missing and not unreachable & missing
    codes = {a["code"] for a in alerts}
    assert codes >= {"late", "backdated", "revised", "duplicate", "carryover_mismatch", "copied_text", "yoy_outlier"}


@pytest.mark.parametrize("state", [1, 2])
def test_the_list_pages_of_the_truth_list_every_report_of_the_state(replica, fetch, state):
    facts = truth(state, replica.base_url)
    replica.set_state(state)
    try:
        for portal in facts["portals"]:
            listed = ""
            for url in portal["list_pages"][str(state)]:
                status, _, body = fetch(url, headers=PASSES)
                assert status == 200 or not portal["reachable"], url
                listed += body.decode("gbk" if "/vsb/" in url else "utf-8").replace("&amp;", "&")
            for report in facts["reports"]:
                if report["portal"] == portal["name"]:
                    assert "/".join(report["url"].split("/")[-2:]) in listed, report["id"]
    finally:
        replica.set_state(1)
