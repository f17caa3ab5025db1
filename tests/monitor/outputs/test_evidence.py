"""Which cells an evidence page highlights, and the table-3 layout as the template prints it."""

from nianbao.monitor.outputs.evidence import comparisons, highlighted_keys, requests_table


def test_the_cells_each_table_check_compared():
    balance = {"columns": [{"column": "total", "new_received": 1, "carried_over": 0, "total_processed": 2,
                            "carried_forward": 0, "received_side": 1, "handled_side": 2}]}  # fmt: skip
    assert highlighted_keys("balance", balance) == {
        "requests.new_received.total",
        "requests.carried_over.total",
        "requests.total_processed.total",
        "requests.carried_forward.total",
    }
    assert comparisons("balance", balance) == ["总计：一+二 = 1+0 = 1，三（七）+四 = 2+0 = 2"]
    row_sum = highlighted_keys("row_sum", {"rows": [{"row": "granted", "columns": {}, "sum": 3, "total": 4}]})
    assert len(row_sum) == 7 and "requests.granted.natural_person" in row_sum
    total_sum = highlighted_keys(
        "total_sum", {"columns": [{"column": "total", "sum_of_outcomes": 1, "total_processed": 2}]}
    )
    assert {"requests.granted.total", "requests.other_other.total", "requests.total_processed.total"} <= total_sum
    assert "requests.new_received.total" not in total_sum
    appeals = highlighted_keys("appeals_sum", {"groups": [{"group": "review", "columns": {}, "sum": 1, "total": 2}]})
    assert appeals == {f"appeals.review.{c}" for c in ("upheld", "corrected", "other", "pending", "total")}


def test_cells_rows_and_tables_named_anywhere_in_the_evidence():
    carryover = {"previous": {"report_id": 3, "cell": "requests.carried_forward.total", "value": 5},
                 "current": {"report_id": 4, "cell": "requests.carried_over.total", "value": 2}}  # fmt: skip
    assert highlighted_keys("carryover_mismatch", carryover) == {
        "requests.carried_forward.total",
        "requests.carried_over.total",
    }
    missing = highlighted_keys("missing_rows", {"missing": ["requests.carried_forward", "appeals (whole table)"]})
    assert len(missing) == 7 + 15
    malformed = highlighted_keys("malformed_table", {"rows": [{"table": "appeals", "row": "all groups"}]})
    assert len(malformed) == 15
    assert highlighted_keys("late", {"url": "http://x/", "days_late": 3}) == set()


def test_table_three_spans_its_labels_as_printed():
    def row_labels(report):
        return {row["key"]: [(label["text"], label["rowspan"], label["colspan"]) for label in row["labels"]]
                for row in requests_table(report, set())}  # fmt: skip

    rows = row_labels({"format": "2021", "cells": {}})
    assert rows["new_received"] == [("一、本年新收政府信息公开申请数量", 1, 3)]
    assert rows["granted"] == [("三、本年度办理结果", 22, 1), ("（一）予以公开", 1, 2)]
    assert rows["withheld_state_secret"] == [("（三）不予公开", 8, 1), ("1．属于国家秘密", 1, 1)]
    assert rows["withheld_third_party"] == [("4．保护第三方合法权益", 1, 1)]
    assert "other_handling" not in rows and rows["other_other"] == [("3．其他", 1, 1)]
    older = row_labels({"format": "2019", "cells": {"requests.other_handling.total": {"value": 0}}})
    assert older["other_handling"] == [("（六）其他处理", 1, 2)] and "other_other" not in older
    assert older["granted"][0] == ("三、本年度办理结果", 20, 1)
