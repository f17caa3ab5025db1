"""revised and duplicate, and the one-report findings as alerts that a corrected version resolves."""

FORWARD = "四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0"
BROKEN = [(FORWARD, "四、结转下年度继续办理\t\t\t2\t0\t0\t0\t0\t0\t2")]
URL = "http://127.0.0.1:8750/xxgk/xxgknb/t1.html"


def of(result, code):
    return [f for f in result.findings if f.code == code]


def test_a_corrected_version_is_revised_and_resolves_the_balance_alert(db, kit):
    kit.archive_report(db, kit.variant("000", published="2025-01-20", replace=BROKEN), URL, "2025-01-21T01:00:00Z")
    first = kit.monitor(db, "2025-02-01", kit.registry())
    assert of(first, "balance") and not of(first, "revised")

    kit.archive_report(db, kit.variant("000", published="2025-01-20"), URL, "2025-02-03T01:00:00Z")
    second = kit.monitor(db, "2025-02-04", kit.registry())
    assert not of(second, "balance")
    assert db.execute("SELECT status FROM alerts WHERE code = 'balance'").fetchone()[0] == "resolved"
    (revised,) = of(second, "revised")
    assert [v["version"] for v in revised.evidence["versions"]] == [1, 2]
    assert revised.evidence["url"] == URL and revised.evidence["fetched_at"] == "2025-02-03T01:00:00Z"
    changed = {c["key"]: (c["before"], c["after"]) for c in revised.evidence["changes"]}
    assert changed == {"requests.carried_forward.natural_person": (2, 0), "requests.carried_forward.total": (2, 0)}


def test_two_different_reports_for_one_agency_and_year_are_duplicates(db, kit):
    kit.archive_report(db, kit.variant("000", published="2025-01-20"), URL, "2025-01-21T01:00:00Z")
    kit.archive_report(
        db,
        kit.variant("000", published="2025-01-22", replace=BROKEN),
        "http://127.0.0.1:8750/jzzs/2.html",
        "2025-01-23T01:00:00Z",
    )
    (dup,) = of(kit.monitor(db, "2025-02-01", kit.registry()), "duplicate")
    assert [r["url"] for r in dup.evidence["reports"]] == [URL, "http://127.0.0.1:8750/jzzs/2.html"]
    assert dup.evidence["agency"] == "西夏区信访局" and dup.year == 2024


def test_the_same_bytes_at_two_urls_are_no_duplicate(db, kit):
    data = kit.variant("000", published="2025-01-20")
    kit.archive_report(db, data, URL, "2025-01-21T01:00:00Z")
    kit.archive_report(db, data, "http://127.0.0.1:8750/jzzs/2.html", "2025-01-23T01:00:00Z")
    assert not of(kit.monitor(db, "2025-02-01", kit.registry()), "duplicate")


def test_one_report_findings_become_alerts_with_the_reports_url(db, kit):
    kit.archive_report(db, kit.variant("001", agency="西夏区信访局"), URL, "2025-01-21T01:00:00Z")
    kit.monitor(db, "2025-02-01", kit.registry())
    rows = dict(
        db.execute("SELECT code, evidence FROM alerts WHERE report_id IS NOT NULL AND code != 'late'").fetchall()
    )
    assert set(rows) == {"balance", "narrative_mismatch"}
    import json

    balance = json.loads(rows["balance"])
    assert balance["url"] == URL and balance["agency"] == "西夏区信访局" and balance["columns"][0]["handled_side"] == 2
