"""Section, blank-cell, template and period checks."""

from nianbao.checks.structure import blank_cells, empty_section, missing_section, outdated_format, period_mismatch


def test_missing_section_names_the_headings():
    found = missing_section({"format": "2021", "year": 2023, "sections_found": [1, 2, 3, 5, 6], "text": "x"})
    assert found["evidence"]["missing"] == [{"section": 4, "heading": "四、政府信息公开行政复议、行政诉讼情况"}]


def test_missing_section_is_not_judged_before_the_templates():
    assert missing_section({"format": "unknown", "year": 2016, "sections_found": [1], "text": "x"}) is None


def test_blank_cells_lists_the_keys():
    found = blank_cells({"appeals": {"review": {"upheld": None, "total": None}, "litigation_direct": {"total": 0}}})
    assert found["severity"] == "info"
    assert found["evidence"]["cells"] == ["appeals.review.upheld", "appeals.review.total"]


def test_outdated_format_only_from_2021():
    assert outdated_format({"format": "2019", "year": 2020}) is None
    assert outdated_format({"format": "2019", "year": 2022})["evidence"] == {"year": 2022, "format": "2019"}


def test_period_mismatch_compares_the_stated_period_with_the_title_year():
    assert period_mismatch({"year": 2024, "period": ["2024-01-01", "2024-12-31"]}) is None
    found = period_mismatch({"year": 2024, "period": ["2023-01-01", "2023-12-31"]})
    assert found["evidence"] == {"title_year": 2024, "period": ["2023-01-01", "2023-12-31"]}


def test_empty_section_is_a_heading_followed_by_the_next_heading():
    text = "一、总体情况\n正文。\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无。"
    assert empty_section({"text": text})["evidence"] == {"sections": [5]}
    assert empty_section({"text": "五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无"}) is None
