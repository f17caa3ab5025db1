"""On-time and defect rates by region and year, the figures an oversight office pastes into its 通报
(应公开 N 个，按时公开 N 个 …).

due = agencies that published + agencies whose report is missing; on time = published − late;
defective = agencies whose report has an open error or warning about its content (DEFECT_CODES).

Example::

    region_rates(db)[0]
    {'region': '宁夏回族自治区/银川市/西夏区', 'year': 2024, 'due': 4, 'reported': 3, 'on_time': 2, ...}
"""

from __future__ import annotations

from collections import defaultdict

from nianbao.db.alert_list import alert_facts, reporting_by_region_year

from .labels import DEFECT_CODES

OPEN = ("open", "acknowledged")


def region_rates(db) -> list[dict]:
    """One row per region and year, newest year first within each region."""
    reported = {(r["region"], r["year"]): r["reported"] for r in reporting_by_region_year(db)}
    missing, late, defective = defaultdict(set), defaultdict(set), defaultdict(set)
    for fact in alert_facts(db):
        key = (fact["region"], fact["year"])
        if fact["year"] is None:
            continue
        if fact["code"] == "missing" and fact["status"] in OPEN:
            missing[key].add(fact["agency_id"])
        elif fact["code"] == "late":
            late[key].add(fact["agency_id"])
        elif fact["code"] in DEFECT_CODES and fact["severity"] in ("error", "warning") and fact["status"] in OPEN:
            defective[key].add(fact["agency_id"])
    keys = set(reported) | set(missing)
    rows = [rate_row(key, reported.get(key, 0), missing[key], late[key], defective[key]) for key in keys]
    return sorted(rows, key=lambda r: (r["region"] or "", -r["year"]))


def rate_row(key, reported: int, missing: set, late: set, defective: set) -> dict:
    region, year = key
    due = reported + len(missing)
    on_time = max(reported - len(late), 0)
    return {
        "region": region,
        "year": year,
        "due": due,
        "reported": reported,
        "on_time": on_time,
        "late": len(late),
        "missing": len(missing),
        "on_time_rate": on_time / due if due else None,
        "defective": len(defective),
        "defect_rate": len(defective) / reported if reported else None,
    }


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"
