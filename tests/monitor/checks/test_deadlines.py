"""missing, late and backdated on small real archives, judged as of dates before and after the deadlines."""

DEPT, GOV = "西夏区信访局", "西夏区人民政府"


def missing(result):
    return {(f.evidence["agency"], f.year) for f in result.findings if f.code == "missing"}


def only(result, code):
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, found
    return found[0]


def test_missing_once_the_deadline_has_passed_departments_january_governments_march(db, kit):
    reg = kit.registry()
    assert missing(kit.monitor(db, "2025-01-31", reg)) == {(DEPT, 2023), (GOV, 2023)}
    assert missing(kit.monitor(db, "2025-02-01", reg)) == {(DEPT, 2023), (GOV, 2023), (DEPT, 2024)}
    assert (GOV, 2024) not in missing(kit.monitor(db, "2025-03-31", reg))
    result = kit.monitor(db, "2025-04-01", reg)
    assert (GOV, 2024) in missing(result)
    evidence = next(
        f.evidence
        for f in result.findings
        if f.code == "missing" and f.year == 2024 and f.evidence["kind"] == "government"
    )
    assert (
        evidence["deadline"] == "2025-03-31" and evidence["region"] == kit.REGION and evidence["as_of"] == "2025-04-01"
    )


def test_grace_and_regional_override_from_the_registry(db, kit):
    reg = kit.registry(
        '\n[settings]\ngrace_days = 3\n\n[[deadline]]\nregion = "宁夏回族自治区/银川市"\ndepartment = "02-10"\n'
    )
    assert (DEPT, 2024) not in missing(kit.monitor(db, "2025-02-13", reg))
    result = kit.monitor(db, "2025-02-14", reg)
    assert (DEPT, 2024) in missing(result)
    evidence = next(f.evidence for f in result.findings if f.code == "missing" and f.year == 2024)
    assert (evidence["deadline"], evidence["grace_days"], evidence["deadline_rule"]) == (
        "2025-02-10",
        3,
        "宁夏回族自治区/银川市",
    )


def test_a_report_archived_is_not_missing_and_its_lateness_counts_from_the_claimed_date(db, kit):
    kit.archive_report(
        db,
        kit.variant("000", year=2023, published="2024-02-05"),
        "http://127.0.0.1:8750/a.html",
        "2024-02-06T01:00:00Z",
    )
    result = kit.monitor(db, "2025-01-20", kit.registry())
    assert missing(result) == {(GOV, 2023)}
    late = only(result, "late")
    assert (late.year, late.evidence["days_late"], late.evidence["judged_by"]) == (2023, 5, "claimed publication date")
    assert late.evidence["published"] == "2024-02-05" and late.evidence["deadline"] == "2024-01-31"
    assert late.evidence["url"] == "http://127.0.0.1:8750/a.html"


def test_a_report_without_a_date_is_judged_by_the_first_crawl_that_saw_it_in_shanghai_time(db, kit):
    # fetched 16:30 UTC on 10 February: already 11 February in Shanghai
    kit.archive_report(db, kit.variant("000"), "http://127.0.0.1:8750/b.html", "2025-02-10T16:30:00Z")
    late = only(kit.monitor(db, "2025-02-12", kit.registry()), "late")
    assert late.evidence["days_late"] == 11 and late.evidence["published"] == "2025-02-11"
    assert late.evidence["judged_by"] == "first crawl that saw it (no date printed)"


def test_on_time_report_is_not_late(db, kit):
    kit.archive_report(
        db, kit.variant("000", published="2025-01-31"), "http://127.0.0.1:8750/c.html", "2025-02-01T01:00:00Z"
    )
    result = kit.monitor(db, "2025-02-12", kit.registry())
    assert not [f for f in result.findings if f.code in ("late", "backdated")]
    assert (DEPT, 2024) not in missing(result)


def test_backdated_when_a_crawl_after_the_claimed_date_saw_the_column_without_it(db, kit):
    url = "http://127.0.0.1:8750/xxgk/xxgknb/t20250130_1.html"
    kit.crawl(db, "2025-02-03T02:00:00Z", listed=["http://127.0.0.1:8750/xxgk/xxgknb/t20240301_9.html"])
    run = kit.crawl(db, "2025-02-06T02:00:00Z", listed=[url, "http://127.0.0.1:8750/xxgk/xxgknb/t20240301_9.html"])
    kit.archive_report(db, kit.variant("000", published="2025-01-30"), url, "2025-02-06T02:00:05Z", run_id=run)
    result = kit.monitor(db, "2025-02-07", kit.registry())
    backdated = only(result, "backdated")
    assert backdated.evidence["claimed_published_at"] == "2025-01-30"
    assert backdated.evidence["crawl_without_it"]["seen_at"] == "2025-02-03T02:00:00Z"
    assert backdated.evidence["first_seen_day"] == "2025-02-06" and backdated.evidence["list_url"] == kit.LIST_URL
    late = only(result, "late")  # judged by the day it was first seen, not the day it claims
    assert late.evidence["days_late"] == 6 and "backdated" in late.evidence["judged_by"]


def test_a_claimed_date_later_than_the_crawl_that_missed_it_is_not_backdated(db, kit):
    url = "http://127.0.0.1:8750/xxgk/xxgknb/t20250205_1.html"
    kit.crawl(db, "2025-02-03T02:00:00Z", listed=["http://127.0.0.1:8750/xxgk/xxgknb/old.html"])
    run = kit.crawl(db, "2025-02-06T02:00:00Z", listed=[url])
    kit.archive_report(db, kit.variant("000", published="2025-02-05"), url, "2025-02-06T02:00:05Z", run_id=run)
    result = kit.monitor(db, "2025-02-07", kit.registry())
    assert not [f for f in result.findings if f.code == "backdated"]
    assert only(result, "late").evidence["days_late"] == 5
