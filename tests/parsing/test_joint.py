"""Settling rows in doubt jointly by table 3's column relations (parsing/joint.py)."""

from __future__ import annotations

from nianbao.parsing import joint
from nianbao.parsing.joint import settle_jointly
from nianbao.parsing.tables import bounded
from nianbao.parsing.template import OTHER_SUB_ROWS, OUTCOME_ROWS, REQUEST_COLUMNS

ZERO = (0,) * 7


def rows(**printed) -> dict:
    return {key: dict(zip(REQUEST_COLUMNS, values)) for key, values in printed.items()}


def balanced_table() -> dict:
    """一 = （七） = 予以公开 = 1 1 1 1 1 1 6, every other outcome row and 二, 四 zero (2019: 其他处理 one row)."""
    one = (1, 1, 1, 1, 1, 1, 6)
    outcome = [key for key in OUTCOME_ROWS if key not in (*OTHER_SUB_ROWS, "granted")]
    table = rows(new_received=one, carried_over=ZERO, granted=one, total_processed=one, carried_forward=ZERO)
    return table | rows(**dict.fromkeys(outcome, ZERO))


def test_two_rows_in_doubt_are_settled_together_where_one_combination_keeps_every_relation():
    table = balanced_table()
    fixed = {key: row for key, row in table.items() if key not in ("granted", "total_processed")}
    doubtful = {
        "granted": ([(1, 1, 1, 1, 1, 1, 6), (1, 1, 1, 1, 1, 3, 3)], []),
        "total_processed": ([(1, 1, 1, 1, 1, 1, 6), (1, 1, 1, 1, 13, None, None)], []),
    }
    assert settle_jointly(fixed, doubtful, "2019") == {
        "granted": (1, 1, 1, 1, 1, 1, 6),
        "total_processed": (1, 1, 1, 1, 1, 1, 6),
    }


def test_a_row_is_not_settled_where_two_combinations_keep_the_relations():
    """Two outcome rows in doubt that may trade their numbers: both ways add up to （七）."""
    table = balanced_table()
    fixed = {key: row for key, row in table.items() if key not in ("granted", "partially_granted")}
    doubtful = {
        "granted": ([(1, 1, 1, 1, 1, 1, 6), ZERO], []),
        "partially_granted": ([ZERO, (1, 1, 1, 1, 1, 1, 6)], []),
    }
    assert settle_jointly(fixed, doubtful, "2019") == {}


def test_a_row_is_settled_only_where_each_of_its_other_readings_breaks_a_relation():
    """予以公开 1111116 read 1 1 1 1 1 1 6; with a blank lost it may be blank 11 1 1 1 1 6, which breaks the
    sums of 商业企业: settled. Blank 1 1 1 1 1 6 (the 自然人 lost) breaks nothing it leaves judged: not."""
    table = balanced_table()
    fixed = {key: row for key, row in table.items() if key != "granted"}
    read = [(1, 1, 1, 1, 1, 1, 6)]
    assert settle_jointly(fixed, {"granted": (read, [(None, 11, 1, 1, 1, 1, 6)])}, "2019") == {"granted": read[0]}
    assert settle_jointly(fixed, {"granted": (read, [(None, 1, 1, 1, 1, 1, 6)])}, "2019") == {}


def test_a_search_past_its_bound_settles_nothing(monkeypatch):
    table = balanced_table()
    fixed = {key: row for key, row in table.items() if key not in ("granted", "total_processed")}
    doubtful = {
        "granted": ([(1, 1, 1, 1, 1, 1, 6), (1, 1, 1, 1, 1, 3, 3)], []),
        "total_processed": ([(1, 1, 1, 1, 1, 1, 6), (1, 1, 1, 1, 13, None, None)], []),
    }
    monkeypatch.setattr(joint, "MAX_NODES", 3)
    assert settle_jointly(fixed, doubtful, "2019") == {}


def test_a_reading_whose_blank_hides_a_value_dropped_in_another_row_settles_nothing():
    """予以公开 1 2 3 4 5 [6] 21 lost its 6: read with a blank only, as 1 2 3 4 5 21 blank it breaks the
    sums of 其他 unless 部分公开 (0 0 0 0 0 0, a 0 lost) leaves 其他 blank: the one combination keeping the
    relations, 21 under 其他. Its reading with the 6 dropped (worked out from its sum) keeps them too,
    with 部分公开 read any way: nothing is settled, and the dropped value is never placed."""
    granted = (1, 2, 3, 4, 5, 6, 21)
    table = balanced_table() | rows(new_received=granted, granted=granted, total_processed=granted)
    fixed = {key: row for key, row in table.items() if key not in ("granted", "partially_granted")}
    readings, dropped = bounded([("1", "2", "3", "4", "5", "21")], 7)
    zeros, _ = bounded([("0",) * 6], 7)
    doubtful = {"granted": (readings, []), "partially_granted": (zeros, [])}
    wrong = (1, 2, 3, 4, 5, 21, None)
    assert settle_jointly(fixed, doubtful, "2019")["granted"] == wrong
    assert granted in dropped
    assert settle_jointly(fixed, doubtful, "2019", dropped={"granted": dropped}) == {}
