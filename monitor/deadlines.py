"""Legal deadlines of the annual reports (shared/spec/checks.md, 《政府信息公开条例》), in Asia/Shanghai.

- reports on 2019 and later (条例 2019, art. 49): departments by 31 January of the next year, a people's
  government's own report (kind ``government``) by 31 March;
- reports on 2018 and earlier (条例 2007, art. 31): every body by 31 March;
- an agency of unknown kind (found on a portal, not in the registry) gets the later date, 31 March, so it
  is never called late by a rule that may not be its own;
- a deployment overrides the 2019+ dates per region (the registry's ``[[deadline]]`` entries: the longest
  region prefix wins) and may add a grace of N days for holidays (``[settings] grace_days``, off by default).

:func:`deadline_for` is the one rule: the monitor calls it, and :func:`register_sql_function` exposes it to
SQL as ``nianbao_deadline(kind, region, year)`` (the date a report becomes late, grace included) reading the
rules the monitor stored in the archive, so the canned 迟报 query judges by the same dates.

    >>> rules = DeadlineRules(overrides=(Override("宁夏回族自治区/银川市", department="02-28"),), grace_days=3)
    >>> deadline_for("department", "宁夏回族自治区/银川市/西夏区", 2024, rules)
    Deadline(date=datetime.date(2025, 2, 28), grace_days=3, rule='宁夏回族自治区/银川市')
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST_YEAR_OF_2019_RULES = 2019
STATUTE_2019 = {"department": "01-31", "government": "03-31"}
STATUTE_2007 = "03-31"


@dataclass(frozen=True)
class Override:
    region: str  # this region and every region under it (宁夏回族自治区/银川市 covers …/西夏区)
    department: str | None = None  # MM-DD of the year after the report's
    government: str | None = None


@dataclass(frozen=True)
class DeadlineRules:
    overrides: tuple[Override, ...] = ()
    grace_days: int = 0

    @classmethod
    def from_registry(cls, registry) -> DeadlineRules:
        return cls(
            overrides=tuple(Override(o.region, o.department, o.government) for o in registry.deadlines),
            grace_days=registry.grace_days,
        )


@dataclass(frozen=True)
class Deadline:
    date: date  # the legal (or overridden) deadline
    grace_days: int
    rule: str  # which rule gave it: "statute 2019", "statute 2007", or the override's region

    @property
    def late_after(self) -> date:
        """The last day a report is still on time, grace included."""
        return self.date + timedelta(days=self.grace_days)

    def days_late(self, published: date) -> int:
        """Calendar days from the deadline to the publication date (0 when on time, grace included)."""
        return (published - self.date).days if published > self.late_after else 0


def deadline_for(kind: str | None, region: str | None, year: int, rules: DeadlineRules = DeadlineRules()) -> Deadline:
    """The deadline of an agency's report on ``year``."""
    if year < FIRST_YEAR_OF_2019_RULES:
        return Deadline(on(year + 1, STATUTE_2007), rules.grace_days, "statute 2007")
    role = "department" if kind == "department" else "government"
    override = override_for(region, rules.overrides)
    month_day = getattr(override, role, None) if override else None
    if month_day:
        return Deadline(on(year + 1, month_day), rules.grace_days, override.region)
    return Deadline(on(year + 1, STATUTE_2019[role]), rules.grace_days, "statute 2019")


def override_for(region: str | None, overrides) -> Override | None:
    """The override of the longest region prefix that contains ``region``."""
    if not region:
        return None
    matching = [o for o in overrides if region == o.region or region.startswith(o.region.rstrip("/") + "/")]
    return max(matching, key=lambda o: len(o.region), default=None)


def on(year: int, month_day: str) -> date:
    month, day = map(int, month_day.split("-"))
    if month == 2 and day == 29 and not is_leap(year):
        day = 28  # an override of 02-29 means the end of February
    return date(year, month, day)


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def shanghai_date(utc_iso: str) -> date:
    """The calendar day in Asia/Shanghai of a UTC timestamp as stored (``2025-01-31T17:00:00Z`` is 1 February)."""
    moment = datetime.fromisoformat(utc_iso.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(SHANGHAI).date()


def published_date(text: str | None) -> date | None:
    """A report's printed publication date (ISO date or timestamp) as a date, None when absent or unreadable."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


# The rules in the archive: written by the monitor from the registry, read by everyone who judges deadlines.


def store_rules(db, rules: DeadlineRules) -> None:
    """Replace the archive's deadline rules with ``rules`` (inside the caller's transaction)."""
    db.execute("DELETE FROM deadline_rules")
    db.conn.executemany(
        "INSERT INTO deadline_rules (region, department, government) VALUES (?, ?, ?)",
        [(o.region, o.department, o.government) for o in rules.overrides],
    )
    db.execute(
        "INSERT INTO monitor_settings (key, value) VALUES ('grace_days', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [str(rules.grace_days)],
    )


def stored_rules(conn: sqlite3.Connection) -> DeadlineRules:
    """The rules the last monitor run stored (the statute alone in an archive no monitor has run on)."""
    try:
        overrides = conn.execute("SELECT region, department, government FROM deadline_rules").fetchall()
        grace = conn.execute("SELECT value FROM monitor_settings WHERE key = 'grace_days'").fetchone()
    except sqlite3.OperationalError:  # an archive older than the monitor's tables
        return DeadlineRules()
    return DeadlineRules(tuple(Override(*row) for row in overrides), int(grace[0]) if grace else 0)


def register_sql_function(conn: sqlite3.Connection) -> None:
    """``nianbao_deadline(kind, region, year)``: the last on-time day (ISO date, grace included) by
    :func:`deadline_for` and the archive's stored rules. The rules are re-read whenever the file has
    changed (another connection's commit, or this one's own writes), so a long-lived reader such as
    Datasette follows a new registry without a restart."""
    cache = {}

    def current_rules() -> DeadlineRules:
        stamp = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        if cache.get("stamp") != stamp:
            cache.update(stamp=stamp, rules=stored_rules(conn))
        return cache["rules"]

    def nianbao_deadline(kind, region, year):
        if year is None:
            return None
        return deadline_for(kind, region, int(year), current_rules()).late_after.isoformat()

    conn.create_function("nianbao_deadline", 3, nianbao_deadline)
