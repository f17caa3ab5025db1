"""Text against table: stated figures that the tables contradict, and sub-counts that are not totals."""

import pytest
from nianbao.checks.narrative import narrative_mismatch


def record(text, received=1, carried=0, processed=2, forward=0):
    return {
        "text": text,
        "requests": {
            "new_received": {"total": received},
            "carried_over": {"total": carried},
            "total_processed": {"total": processed},
            "carried_forward": {"total": forward},
        },
    }


def test_stated_answers_that_differ_from_the_table_are_flagged_with_the_sentence():
    found = narrative_mismatch(record("2024年自治区信访局收到依申请公开1件，答复1件，均按照相关规定及时予以处理。"))
    assert found["code"] == "narrative_mismatch"
    [mismatch] = found["evidence"]["mismatches"]
    assert (mismatch["what"], mismatch["stated"], mismatch["table"]) == ("requests answered", 1, 2)
    assert "答复1件" in mismatch["sentence"]


def test_a_count_including_carried_over_requests_agrees():
    assert (
        narrative_mismatch(record("共受理政府信息公开申请36件。", received=34, carried=2, processed=35, forward=1))
        is None
    )


def test_an_outcome_subcount_is_not_read_as_the_total():
    text = "所有办结的信息公开申请中同意公开答复9件，部分公开答复0件。"
    assert narrative_mismatch(record(text, received=34, carried=2, processed=35, forward=1)) is None


def test_table_rows_in_the_text_are_not_narrative():
    assert narrative_mismatch(record("受理申请\t5\t件")) is None


def test_reviews_and_lawsuits():
    rec = record("发生行政复议 3 件，行政诉讼 2 件。", processed=1)
    rec["appeals"] = {
        "review": {"total": 1},
        "litigation_direct": {"total": 1},
        "litigation_after_review": {"total": 1},
    }
    found = narrative_mismatch(rec)
    assert [(m["what"], m["stated"], m["table"]) for m in found["evidence"]["mismatches"]] == [
        ("administrative reviews", 3, 1)
    ]


def base(text):
    rec = record(text, received=24, carried=2, processed=23, forward=3)
    rec["year"] = 2024
    rec["appeals"] = {
        "review": {"total": 2},
        "litigation_direct": {"total": 1},
        "litigation_after_review": {"total": 0},
    }
    return rec


@pytest.mark.parametrize(
    "text",
    [
        "我局收到申请后5个工作日内完成登记。",
        "收到自然人申请20件、法人或其他组织申请4件。",
        "通过网络受理申请15件，通过信函受理申请9件。",
        "收到政府信息公开申请数量较上年增长12个百分点。",
        "2023年收到申请18件，2024年收到申请24件。",
        "对已答复的申请，本年度未收到申请人提出的异议。",
        "被申请行政复议案件同比减少3件。",
        "行政复议决定维持1件，尚未审结1件。",
        "在收到行政复议申请书后10个工作日内提交答复。",
        "行政诉讼一审3件、二审1件。",
        "所有办结的信息公开申请中同意公开答复9件，部分公开答复0件。",
    ],
)
def test_parts_comparisons_time_limits_and_other_years_are_not_totals(text):
    assert narrative_mismatch(base(text)) is None


@pytest.mark.parametrize(
    "text,stated",
    [
        ("全年共答复政府信息公开申请40件。", 40),
        ("全年收到政府信息公开申请30件。", 30),
        ("发生行政复议5件。", 5),
    ],
)
def test_stated_totals_that_differ_are_found(text, stated):
    found = narrative_mismatch(base(text))
    assert [m["stated"] for m in found["evidence"]["mismatches"]] == [stated]


def test_documents_issued_without_the_word_xingzheng():
    rec = base("全年制发规范性文件5件。")
    rec["active"] = {"normative_documents": {"issued": 3, "repealed": 0, "in_force": 9}}
    assert narrative_mismatch(rec)["evidence"]["mismatches"][0]["stated"] == 5
