"""Text against table: stated figures that the tables contradict, and sub-counts that are not totals."""
from checks.narrative import narrative_mismatch


def record(text, received=1, carried=0, processed=2, forward=0):
    return {"text": text, "requests": {
        "new_received": {"total": received}, "carried_over": {"total": carried},
        "total_processed": {"total": processed}, "carried_forward": {"total": forward}}}


def test_stated_answers_that_differ_from_the_table_are_flagged_with_the_sentence():
    found = narrative_mismatch(record("2024年自治区信访局收到依申请公开1件，答复1件，均按照相关规定及时予以处理。"))
    assert found["code"] == "narrative_mismatch"
    [mismatch] = found["evidence"]["mismatches"]
    assert (mismatch["what"], mismatch["stated"], mismatch["table"]) == ("requests answered", 1, 2)
    assert "答复1件" in mismatch["sentence"]


def test_a_count_including_carried_over_requests_agrees():
    assert narrative_mismatch(record("共受理政府信息公开申请36件。", received=34, carried=2, processed=35, forward=1)) is None


def test_an_outcome_subcount_is_not_read_as_the_total():
    text = "所有办结的信息公开申请中同意公开答复9件，部分公开答复0件。"
    assert narrative_mismatch(record(text, received=34, carried=2, processed=35, forward=1)) is None


def test_table_rows_in_the_text_are_not_narrative():
    assert narrative_mismatch(record("受理申请\t5\t件")) is None


def test_reviews_and_lawsuits():
    rec = record("发生行政复议 3 件，行政诉讼 2 件。", processed=1)
    rec["appeals"] = {"review": {"total": 1}, "litigation_direct": {"total": 1},
                      "litigation_after_review": {"total": 1}}
    found = narrative_mismatch(rec)
    assert [(m["what"], m["stated"], m["table"]) for m in found["evidence"]["mismatches"]] == [
        ("administrative reviews", 3, 1)]
