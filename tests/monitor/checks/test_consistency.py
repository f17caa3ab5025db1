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
