"""Checks on the report's shape: its six sections, blank cells, template and period."""

from __future__ import annotations

from nianbao.parsing.record import flat_cells
from nianbao.parsing.sections import heading_number

from .finding import finding

SECTION_NAMES = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
    5: "五、存在的主要问题及改进情况",
    6: "六、其他需要报告的事项",
}
FIRST_TEMPLATE_YEAR = 2019


def _templated(record: dict) -> bool:
    """Reports on 2018 and earlier had no national template: their layout is not judged."""
    return record.get("format") != "unknown" or (record.get("year") or 0) >= FIRST_TEMPLATE_YEAR


def missing_section(record: dict) -> dict | None:
    """Each of the six standard sections has its heading."""
    if not _templated(record) or not (record.get("text") or "").strip():
        return None
    absent = [n for n in SECTION_NAMES if n not in (record.get("sections_found") or [])]
    if not absent:
        return None
    names = "; ".join(SECTION_NAMES[n] for n in absent)
    return finding(
        "missing_section",
        f"standard sections not found: {names}",
        missing=[{"section": n, "heading": SECTION_NAMES[n]} for n in absent],
    )


def blank_cells(record: dict) -> dict | None:
    """Cells left blank in rows that are present (null, not 0)."""
    blanks = [key for key, value in flat_cells(record).items() if value is None]
    if not blanks:
        return None
    rows = list(dict.fromkeys(key.rsplit(".", 1)[0] for key in blanks))
    shown = ", ".join(rows[:6]) + (f" and {len(rows) - 6} more rows" if len(rows) > 6 else "")
    return finding("blank_cells", f"{len(blanks)} cells left blank, in {shown}", cells=blanks)


def outdated_format(record: dict) -> dict | None:
    """The 2019 template in a report on 2021 or later."""
    year = record.get("year")
    if record.get("format") == "2019" and year and year >= 2021:
        return finding(
            "outdated_format",
            f"a report on {year} uses the 2019 template (〔2019〕60号); "
            "reports on 2021 and later follow 国办公开办函〔2021〕30号",
            year=year,
            format="2019",
        )
    return None


def period_mismatch(record: dict) -> dict | None:
    """The stated statistical period covers the year the title names."""
    year, period = record.get("year"), record.get("period")
    if not year or not period:
        return None
    years = {int(period[0][:4]), int(period[1][:4])}
    if years == {year}:
        return None
    return finding(
        "period_mismatch",
        f"the title names {year} but the stated period is {period[0]} to {period[1]}",
        title_year=year,
        period=period,
    )


def empty_section(record: dict) -> dict | None:
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
    return finding(
        "empty_section",
        "sections with a heading and nothing under it: " + "; ".join(SECTION_NAMES[n] for n in empty),
        sections=empty,
    )
