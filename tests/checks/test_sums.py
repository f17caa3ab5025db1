"""The arithmetic checks on hand-made records: failing, holding, and unjudgeable (blank or absent)."""

from nianbao.checks.sums import appeals_sum, balance, negative_value, not_judged, row_sum, total_sum
from nianbao.parsing.relations import Outcome, judge_balance
from nianbao.parsing.template import OTHER_SUB_ROWS, OUTCOME_ROWS

COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")


def row(*values):
    return dict(zip(COLUMNS, values))


def test_balance_names_the_failing_columns_with_both_sums():
    record = {
        "requests": {
            "new_received": row(1, 0, 0, 0, 0, 0, 1),
            "carried_over": row(0, 0, 0, 0, 0, 0, 0),
            "total_processed": row(2, 0, 0, 0, 0, 0, 2),
            "carried_forward": row(0, 0, 0, 0, 0, 0, 0),
        }
    }
    found = balance(record)
    assert found["code"] == "balance" and found["severity"] == "error"
    assert [c["column"] for c in found["evidence"]["columns"]] == ["natural_person", "total"]
    assert found["evidence"]["columns"][0]["received_side"] == 1
    assert found["evidence"]["columns"][0]["handled_side"] == 2


def test_balance_is_not_judged_on_a_blank_or_absent_cell():
    truncated = {"requests": {"new_received": row(13, 0, 0, 0, 0, 0, 13)}}
    assert balance(truncated) is None
    blank_total = {
        "requests": {
            "new_received": row(34, 0, 0, 0, 0, 0, 34),
            "carried_over": row(2, 0, 0, 0, 0, 0, 2),
            "total_processed": row(35, 0, 0, 0, 0, 0, 35),
            "carried_forward": row(1, 0, 0, 0, 0, 0, None),
        }
    }
    assert balance(blank_total) is None
    # not judged is an outcome of its own, told apart from holding, and listed by not_judged
    assert judge_balance(blank_total["requests"], "total").outcome == Outcome.NOT_JUDGED
    assert judge_balance(blank_total["requests"], "natural_person").outcome == Outcome.HOLDS
    assert not_judged(blank_total)["evidence"]["balance"] == ["total"]
    assert not_judged(truncated)["evidence"]["balance"] == list(COLUMNS)


def test_not_judged_is_silent_when_every_relation_was_judged():
    complete = {
        "requests": {
            "new_received": row(1, 0, 0, 0, 0, 0, 1),
            "carried_over": row(0, 0, 0, 0, 0, 0, 0),
            "total_processed": row(2, 0, 0, 0, 0, 0, 2),
            "carried_forward": row(0, 0, 0, 0, 0, 0, 0),
        },
        "appeals": {"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}},
    }
    assert judge_balance(complete["requests"], "total").outcome == Outcome.FAILS
    assert not_judged({**complete, "requests": {}}) is None
    found = not_judged(complete)
    assert found["severity"] == "info" and set(found["evidence"]) == {"total_sum"}  # no outcome rows printed


def test_row_sum_lists_every_row_that_does_not_add_up():
    record = {
        "requests": {
            "granted": row(5, 1, 0, 0, 0, 0, 7),
            "partially_granted": row(1, 1, 0, 0, 0, 0, 2),
            "withheld_state_secret": row(1, None, 0, 0, 0, 0, 9),
        }
    }
    found = row_sum(record)
    assert [r["row"] for r in found["evidence"]["rows"]] == ["granted"]
    assert found["evidence"]["rows"][0]["sum"] == 6 and found["evidence"]["rows"][0]["total"] == 7


def test_total_sum_uses_the_rows_the_report_prints_for_other_handling():
    outcomes = {"granted": row(3, 0, 0, 0, 0, 0, 3), "other_handling": row(1, 0, 0, 0, 0, 0, 1)}
    zero = row(0, 0, 0, 0, 0, 0, 0)
    for key in OUTCOME_ROWS:  # every other outcome row printed as zeros; 其他处理 as one row, not its three
        if key not in outcomes and key not in OTHER_SUB_ROWS:
            outcomes[key] = zero
    good = {"requests": {**outcomes, "total_processed": row(4, 0, 0, 0, 0, 0, 4)}}
    assert total_sum(good) is None
    bad = {"requests": {**outcomes, "total_processed": row(5, 0, 0, 0, 0, 0, 4)}}
    found = total_sum(bad)
    assert found["evidence"]["columns"][0] == {
        "column": "natural_person",
        "sum_of_outcomes": 4,
        "total_processed": 5,
        "outcomes": {"granted": 3, "other_handling": 1},
    }


def test_appeals_sum_names_each_group():
    record = {
        "appeals": {
            "review": {"upheld": 10, "corrected": 1, "other": 0, "pending": 0, "total": 0},
            "litigation_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
            "litigation_after_review": {"upheld": 5, "corrected": 0, "other": 0, "pending": 0, "total": 0},
        }
    }
    found = appeals_sum(record)
    assert [g["group"] for g in found["evidence"]["groups"]] == ["review", "litigation_after_review"]
    assert "10+1+0+0=11" in found["message"]


def test_negative_value_allows_the_2019_change_column():
    record = {
        "active": {"licensing": {"previous": 5, "change": -2, "decisions": 3}},
        "requests": {"granted": row(-1, 0, 0, 0, 0, 0, -1)},
    }
    found = negative_value(record)
    assert found["evidence"]["cells"] == {"requests.granted.natural_person": -1, "requests.granted.total": -1}
