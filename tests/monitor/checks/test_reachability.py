"""unreachable vs missing: a column that cannot be read is reported as such, never as a missing report."""


def codes_for(result, code):
    return {(f.evidence.get("agency"), f.year) for f in result.findings if f.code == code}


def test_blocked_column_gives_unreachable_never_missing(db, kit):
    kit.crawl(db, "2025-02-03T02:00:00Z", pages=[("blocked", 412)])
    result = kit.monitor(db, "2025-02-07", kit.registry())
    assert codes_for(result, "missing") == set()
    assert codes_for(result, "unreachable") == {("西夏区信访局", None), ("西夏区人民政府", None)}
    evidence = next(f.evidence for f in result.findings if f.code == "unreachable")
    assert evidence["failures"][0]["pages"][0]["outcome"] == "blocked"
    assert evidence["failures"][0]["pages"][0]["url"] == kit.LIST_URL and evidence["portal"] == kit.PORTAL


def test_one_timeout_after_good_crawls_suspends_missing_but_is_not_yet_unreachable(db, kit):
    for day in ("2025-02-01", "2025-02-02"):
        kit.crawl(db, f"{day}T02:00:00Z")
    assert codes_for(kit.monitor(db, "2025-02-03", kit.registry()), "missing")
    kit.crawl(db, "2025-02-03T02:00:00Z", pages=[("timeout", None)])
    result = kit.monitor(db, "2025-02-04", kit.registry())
    assert not codes_for(result, "missing") and not codes_for(result, "unreachable")


def test_three_failed_crawls_in_a_row_make_it_unreachable_and_a_good_crawl_ends_it(db, kit):
    kit.crawl(db, "2025-02-01T02:00:00Z")
    for day, page in (("02", ("timeout", None)), ("03", ("not_found", 404)), ("04", ("server_error", 502))):
        kit.crawl(db, f"2025-02-{day}T02:00:00Z", pages=[page])
    result = kit.monitor(db, "2025-02-05", kit.registry())
    unreachable = [f for f in result.findings if f.code == "unreachable"]
    assert len(unreachable) == 2 and unreachable[0].evidence["crawls_failed"] == 3
    kit.crawl(db, "2025-02-05T02:00:00Z")
    result = kit.monitor(db, "2025-02-06", kit.registry())
    assert not codes_for(result, "unreachable") and codes_for(result, "missing")
    statuses = {s for (s,) in db.execute("SELECT status FROM alerts WHERE code = 'unreachable'")}
    assert statuses == {"resolved"}


def test_failed_on_every_crawl_so_far(db, kit):
    kit.crawl(db, "2025-02-02T02:00:00Z", pages=[("dns_error", None)])
    result = kit.monitor(db, "2025-02-05", kit.registry())
    assert codes_for(result, "unreachable") and not codes_for(result, "missing")
