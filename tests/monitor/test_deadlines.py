from datetime import date

from nianbao.db import transaction
from nianbao.monitor.deadlines import (
    DeadlineRules,
    Override,
    deadline_for,
    register_sql_function,
    shanghai_date,
    store_rules,
)

XIXIA = "宁夏回族自治区/银川市/西夏区"


def test_statute_2019_departments_january_governments_march():
    assert deadline_for("department", XIXIA, 2024).date == date(2025, 1, 31)
    assert deadline_for("government", XIXIA, 2024).date == date(2025, 3, 31)
    assert deadline_for("department", XIXIA, 2019).rule == "statute 2019"


def test_reports_on_2018_and_earlier_are_due_31_march_for_everyone():
    assert deadline_for("department", XIXIA, 2018).date == date(2019, 3, 31)
    assert deadline_for("department", XIXIA, 2018).rule == "statute 2007"


def test_unknown_kind_gets_the_later_date():
    assert deadline_for(None, None, 2024).date == date(2025, 3, 31)


def test_regional_override_longest_prefix_wins_and_grace_moves_the_last_day():
    rules = DeadlineRules(
        overrides=(
            Override("宁夏回族自治区", department="02-10"),
            Override("宁夏回族自治区/银川市", department="01-28"),
        ),
        grace_days=5,
    )
    deadline = deadline_for("department", XIXIA, 2024, rules)
    assert (deadline.date, deadline.rule, deadline.late_after) == (
        date(2025, 1, 28),
        "宁夏回族自治区/银川市",
        date(2025, 2, 2),
    )
    assert deadline_for("department", "宁夏回族自治区/石嘴山市", 2024, rules).date == date(2025, 2, 10)
    # a region that only shares the first characters is not under the override
    assert deadline_for("department", "宁夏回族自治区银川", 2024, rules).date == date(2025, 1, 31)
    assert deadline_for("government", XIXIA, 2024, rules).date == date(2025, 3, 31)  # not overridden


def test_days_late_count_from_the_deadline_once_past_the_grace():
    rules = DeadlineRules(grace_days=3)
    deadline = deadline_for("department", XIXIA, 2024, rules)
    assert deadline.days_late(date(2025, 2, 3)) == 0
    assert deadline.days_late(date(2025, 2, 4)) == 4


def test_fetch_times_are_judged_on_the_shanghai_calendar():
    assert shanghai_date("2025-01-31T15:59:59Z") == date(2025, 1, 31)
    assert shanghai_date("2025-01-31T16:00:00Z") == date(2025, 2, 1)


def test_sql_function_uses_the_rules_stored_in_the_archive(db):
    register_sql_function(db.conn)
    query = "SELECT nianbao_deadline('department', ?, 2024)"
    assert db.execute(query, [XIXIA]).fetchone()[0] == "2025-01-31"
    with transaction(db):
        store_rules(db, DeadlineRules((Override("宁夏回族自治区", department="02-15"),), grace_days=2))
    assert db.execute(query, [XIXIA]).fetchone()[0] == "2025-02-17"
    assert db.execute("SELECT nianbao_deadline('government', ?, 2017)", [XIXIA]).fetchone()[0] == "2018-04-02"
