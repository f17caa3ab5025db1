"""The panel researchers want: one row per agency and year, the main counts as columns, from the
report in force for that agency and year (the content seen last: a page that went back to an
earlier version is in force as it is now). Values are those in
``cells``, so a person's corrections count; ``corrected`` names the columns a correction touched.

Example::

    rows = panel_rows(db)
    rows[0]["new_requests"], rows[0]["corrected"]  # (12, 'new_requests')
"""

from __future__ import annotations

import sqlite_utils

WITHHELD = (
    "state_secret",
    "prohibited_by_law",
    "security_stability",
    "third_party",
    "internal_affairs",
    "process_info",
    "enforcement_files",
    "inquiry",
)

# column -> (中文, English description, cell keys summed: the 2021 and 2019 templates' names alike)
PANEL_COLUMNS = {
    "new_requests": ("本年新收申请", "requests received this year", ["requests.new_received.total"]),
    "carried_over": ("上年结转", "requests carried over from last year", ["requests.carried_over.total"]),
    "granted": ("予以公开", "granted in full", ["requests.granted.total"]),
    "partially_granted": ("部分公开", "granted in part", ["requests.partially_granted.total"]),
    "withheld": (
        "不予公开",
        "withheld (the eight grounds together)",
        [f"requests.withheld_{ground}.total" for ground in WITHHELD],
    ),
    "total_processed": ("办理结果总计", "requests answered this year", ["requests.total_processed.total"]),
    "carried_forward": ("结转下年度", "requests carried forward to next year", ["requests.carried_forward.total"]),
    "reviews": ("行政复议", "administrative reviews", ["appeals.review.total"]),
    "lawsuits": (
        "行政诉讼",
        "lawsuits (direct and after review)",
        ["appeals.litigation_direct.total", "appeals.litigation_after_review.total"],
    ),
    "regulations_issued": (
        "规章制发",
        "regulations issued (2019 template: made)",
        ["active.regulations.issued", "active.regulations.made"],
    ),
    "normative_documents_issued": (
        "规范性文件制发",
        "normative documents issued (2019 template: made)",
        ["active.normative_documents.issued", "active.normative_documents.made"],
    ),
    "fees": ("行政事业性收费（万元）", "administrative fees collected, 10,000 yuan", ["active.fees.amount"]),
}


def sql_list(values) -> str:
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


# Columns that add several cells up: null unless every part is there (a sum of what happens to be
# parsed would be a wrong number, not a partial one). The others take whichever template's key exists.
SUMMED_PARTS = {"withheld": len(WITHHELD), "lawsuits": 2}


def pivot_columns() -> str:
    """One aggregate per panel column over the report's cells (null when a cell it needs is not there)."""
    columns = []
    for column, (_, _, keys) in PANEL_COLUMNS.items():
        value = f"CASE WHEN cells.key IN ({sql_list(keys)}) THEN cells.value END"
        parts = SUMMED_PARTS.get(column, 1)
        columns.append(f"CASE WHEN count({value}) = {parts} THEN sum({value}) END AS {column}")
    return ",\n".join(columns)


def corrected_column() -> str:
    cases = " ".join(
        f"WHEN cells.key IN ({sql_list(keys)}) THEN '{column}'" for column, (_, _, keys) in PANEL_COLUMNS.items()
    )
    return f"group_concat(DISTINCT CASE WHEN cells.corrected THEN CASE {cases} END END) AS corrected"


def panel_keys() -> list[str]:
    return [key for _, _, keys in PANEL_COLUMNS.values() for key in keys]


def panel_sql() -> str:
    return f"""
    WITH in_force AS (
        SELECT *, row_number() OVER (PARTITION BY agency_id, year ORDER BY last_seen DESC, id DESC) AS rank,
               count(*) OVER (PARTITION BY agency_id, year) AS versions
        FROM reports
    )
    SELECT a.name AS agency, a.region, a.kind, r.year,
        {pivot_columns()},
        r.url AS report_url, r.published_at, r.id AS report_id, r.version, r.versions, r.format,
        {corrected_column()}
    FROM in_force r
    LEFT JOIN agencies a ON a.id = r.agency_id
    LEFT JOIN cells ON cells.report_id = r.id AND cells.key IN ({sql_list(panel_keys())})
    WHERE r.rank = 1
    GROUP BY r.id
    ORDER BY a.region, a.name, r.year
    """


def panel_rows(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query(panel_sql()))


def corrections_by_report(db: sqlite_utils.Database) -> dict:
    """report_id -> {panel column: the notes of the corrections behind it}, for marking exports."""
    column_of = {key: column for column, (_, _, keys) in PANEL_COLUMNS.items() for key in keys}
    notes: dict = {}
    for report_id, key, note, made_at in db.execute(
        "SELECT report_id, key, note, made_at FROM corrections ORDER BY id"
    ):
        if key in column_of:
            notes.setdefault(report_id, {}).setdefault(column_of[key], []).append(f"{made_at}: {note}")
    return notes
