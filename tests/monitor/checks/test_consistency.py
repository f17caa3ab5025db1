"""carryover_mismatch, in_force_mismatch and yoy_outlier between an agency's reports of two years."""

FORWARD = "四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0"
RECEIVED = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0"
NORMATIVE = "行政规范性文件\t0\t0\t0"


def two_years(db, kit, replace_2023=(), replace_2024=()):
    kit.archive_report(
        db,
        kit.variant("000", year=2023, replace=replace_2023),
        "http://127.0.0.1:8750/2023.html",
        "2024-01-20T01:00:00Z",
    )
    kit.archive_report(
        db, kit.variant("000", replace=replace_2024), "http://127.0.0.1:8750/2024.html", "2025-01-20T01:00:00Z"
    )
    return kit.monitor(db, "2025-02-01", kit.registry())


def of(result, code):
    return [f for f in result.findings if f.code == code]


def test_carried_over_differs_from_last_years_carried_forward(db, kit):
    result = two_years(db, kit, replace_2023=[(FORWARD, "四、结转下年度继续办理\t\t\t2\t0\t0\t0\t0\t0\t2")])
    (found,) = of(result, "carryover_mismatch")
    assert found.year == 2024 and found.evidence["url"] == "http://127.0.0.1:8750/2024.html"
    assert found.evidence["previous_url"] == "http://127.0.0.1:8750/2023.html"
    assert found.evidence["columns"] == [
        {"column": "natural_person", "carried_over_2024": 0, "carried_forward_2023": 2},
        {"column": "total", "carried_over_2024": 0, "carried_forward_2023": 2},
    ]


def test_consistent_years_raise_nothing(db, kit):
    result = two_years(db, kit)
    assert not of(result, "carryover_mismatch") + of(result, "in_force_mismatch") + of(result, "yoy_outlier")
    assert not of(result, "not_judged")  # every relation of two 2021 reports was judged


def test_in_force_chain_broken(db, kit):
    result = two_years(
        db,
        kit,
        replace_2023=[(NORMATIVE, "行政规范性文件\t3\t0\t12")],
        replace_2024=[(NORMATIVE, "行政规范性文件\t2\t1\t12")],
    )
    (found,) = of(result, "in_force_mismatch")
    assert found.evidence["rows"] == [
        {
            "row": "normative_documents",
            "in_force_2023": 12,
            "issued": 2,
            "repealed": 1,
            "expected_in_force": 13,
            "in_force_2024": 12,
        }
    ]
    assert found.severity == "info"


def test_yoy_outlier_needs_ten_times_and_twenty_apart(db, kit):
    result = two_years(
        db,
        kit,
        replace_2023=[(RECEIVED, "一、本年新收政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3")],
        replace_2024=[(RECEIVED, "一、本年新收政府信息公开申请数量\t\t40\t0\t0\t0\t0\t0\t40")],
    )
    (found,) = of(result, "yoy_outlier")
    assert found.evidence["counts"] == [
        {"key": "requests.new_received.total", "label": "本年新收申请", "2023": 3, "2024": 40}
    ]


def test_ten_times_but_less_than_twenty_apart_is_no_outlier(db, kit):
    result = two_years(
        db,
        kit,
        replace_2023=[(RECEIVED, "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1")],
        replace_2024=[(RECEIVED, "一、本年新收政府信息公开申请数量\t\t15\t0\t0\t0\t0\t0\t15")],
    )
    assert not of(result, "yoy_outlier")


LICENSING = "行政许可\t0\t0\t0"  # 2019 template: 上一年项目数量 · 本年增/减 · 处理决定数量


def old_template_years(db, kit, replace_2019=(), replace_2020=()):
    """The same agency's reports on 2019 and 2020, both in the 2019 template (seed 003 is one)."""
    for year, replace in ((2019, replace_2019), (2020, replace_2020)):
        kit.archive_report(
            db,
            kit.variant("003", agency="西夏区信访局", year=year, replace=replace),
            f"http://127.0.0.1:8750/{year}.html",
            f"{year + 1}-01-20T01:00:00Z",
        )
    return kit.monitor(db, "2021-02-01", kit.registry())


def test_the_2019_templates_project_counts_chain_from_year_to_year(db, kit):
    result = old_template_years(
        db, kit, replace_2019=[(LICENSING, "行政许可\t5\t2\t7")], replace_2020=[(LICENSING, "行政许可\t6\t0\t3")]
    )
    (found,) = of(result, "in_force_mismatch")
    assert found.year == 2020 and "上一年项目数量" in found.message
    assert found.evidence["rows"] == [
        {"row": "licensing", "previous_2019": 5, "change_2019": 2, "previous_2020": 6, "expected_previous": 7}
    ]
    # every project row was judged; the template counts no documents in force, which is not said every year
    assert not of(result, "not_judged")


def test_the_2019_chain_that_holds_raises_nothing(db, kit):
    result = old_template_years(
        db, kit, replace_2019=[(LICENSING, "行政许可\t5\t2\t7")], replace_2020=[(LICENSING, "行政许可\t7\t-1\t3")]
    )
    assert not of(result, "in_force_mismatch")


def test_a_blank_cell_in_the_2019_chain_is_said_not_judged(db, kit):
    result = old_template_years(db, kit, replace_2019=[("行政处罚\t0\t0\t0", "行政处罚\t0\t\t0")])
    assert not of(result, "in_force_mismatch")
    (unjudged,) = of(result, "not_judged")
    assert unjudged.evidence["in_force_mismatch"][0] == {"row": "punishment", "why": "缺少或空白 change_2019"}
    assert unjudged.evidence["templates"] == {"2019": "2019", "2020": "2019"}


def test_templates_without_a_stock_in_common_are_said_not_judged_never_alerted(db, kit):
    kit.archive_report(
        db, kit.variant("003", agency="西夏区信访局"), "http://127.0.0.1:8750/2020.html", "2021-01-20T01:00:00Z"
    )
    kit.archive_report(db, kit.variant("000", year=2021), "http://127.0.0.1:8750/2021.html", "2022-01-20T01:00:00Z")
    result = kit.monitor(db, "2022-02-01", kit.registry())
    assert not of(result, "in_force_mismatch")
    (unjudged,) = of(result, "not_judged")
    assert unjudged.year == 2021 and unjudged.severity == "info" and "未能判断" in unjudged.message
    assert unjudged.evidence["templates"] == {"2020": "2019", "2021": "2021"}
    assert "模板 2019 → 2021" in unjudged.evidence["in_force_mismatch"][0]["why"]
    assert "not_judged" not in alert_codes(db)
    stored = db.execute("SELECT count(*) FROM findings WHERE code = 'not_judged' AND scope = 'archive'").fetchone()
    assert stored == (1,)  # kept with the run's findings, for a reader


def test_a_2021_pair_with_a_blank_in_force_cell_is_said_not_judged(db, kit):
    result = two_years(db, kit, replace_2024=[(NORMATIVE, "行政规范性文件\t0\t0\t")])
    (unjudged,) = of(result, "not_judged")
    assert unjudged.evidence["in_force_mismatch"] == [{"row": "normative_documents", "why": "缺少或空白 in_force_2024"}]


def test_a_row_blank_in_both_years_is_not_said_not_judged(db, kit):
    blank = [(NORMATIVE, "行政规范性文件\t\t\t")]
    result = two_years(db, kit, replace_2023=blank, replace_2024=blank)
    assert not of(result, "not_judged") and not of(result, "in_force_mismatch")


def alert_codes(db) -> list[str]:
    return [code for (code,) in db.execute("SELECT code FROM alerts")]
