"""Checks on the report's shape: its six sections, blank cells, template and period."""

from __future__ import annotations

from nianbao.parsing.sections import SECTION_HEADINGS, heading_number

from .facts import Facts
from .finding import check, failure

FIRST_TEMPLATE_YEAR = 2019


def _templated(record: dict) -> bool:
    """Reports on 2018 and earlier had no national template: their layout is not judged."""
    return record.get("format") != "unknown" or (record.get("year") or 0) >= FIRST_TEMPLATE_YEAR


@check(code="missing_section", severity="warning")
def missing_section(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """Each of the six standard sections has its heading."""
    if not _templated(record) or not (record.get("text") or "").strip():
        return None
    absent = [n for n in SECTION_HEADINGS if n not in (record.get("sections_found") or [])]
    if not absent:
        return None
    names = "; ".join(SECTION_HEADINGS[n] for n in absent)
    return failure(
        f"standard sections not found: {names}",
        missing=[{"section": n, "heading": SECTION_HEADINGS[n]} for n in absent],
    )


@check(code="blank_cells", severity="info")
def blank_cells(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """Cells left blank in rows that are present (null, not 0)."""
    blanks = [key for key, value in facts.cells.items() if value is None]
    if not blanks:
        return None
    rows = list(dict.fromkeys(key.rsplit(".", 1)[0] for key in blanks))
    shown = ", ".join(rows[:6]) + (f" and {len(rows) - 6} more rows" if len(rows) > 6 else "")
    return failure(f"{len(blanks)} cells left blank, in {shown}", cells=blanks)


@check(code="outdated_format", severity="warning")
def outdated_format(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """The 2019 template in a report on 2021 or later."""
    year = record.get("year")
    if record.get("format") == "2019" and year and year >= 2021:
        return failure(
            f"a report on {year} uses the 2019 template (〔2019〕60号); "
            "reports on 2021 and later follow 国办公开办函〔2021〕30号",
            year=year,
            format="2019",
        )
    return None


@check(code="period_mismatch", severity="warning")
def period_mismatch(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """The stated statistical period covers the year the title names."""
    year, period = record.get("year"), record.get("period")
    if not year or not period:
        return None
    years = {int(period[0][:4]), int(period[1][:4])}
    if years == {year}:
        return None
    return failure(
        f"the title names {year} but the stated period is {period[0]} to {period[1]}",
        title_year=year,
        period=period,
    )


@check(code="empty_section", severity="info")
def empty_section(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """A standard heading followed directly by the next one (五 or 六 reduced to 无 is fine)."""
    lines = [line.strip() for line in (record.get("text") or "").split("\n") if line.strip()]
    empty = []
    for i, line in enumerate(lines):
        number = heading_number(line)
        if number is None:
            continue
        following = lines[i + 1] if i + 1 < len(lines) else None
        if following is None or heading_number(following) is not None:
            empty.append(number)
    if not empty:
        return None
    return failure(
        "sections with a heading and nothing under it: " + "; ".join(SECTION_HEADINGS[n] for n in empty),
        sections=empty,
    )
