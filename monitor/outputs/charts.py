"""Static SVG charts for the HTML alert list: the geometry is computed here, the markup is drawn by the
template (templates/_charts.html), so the page needs no script and prints as it shows.

Example::

    chart = rate_chart(region_rates(db), "on_time_rate", "按时发布率")
    chart["height"], chart["bars"][0]["label"]
    (118, '2024')
"""

from __future__ import annotations

from collections import Counter

from .labels import SEVERITY_COLOURS, code_name
from .rates import percent

WIDTH = 720
LABEL_WIDTH = 200  # the left column: region names and years
BAR_AREA = WIDTH - LABEL_WIDTH - 60  # room on the right for the value
BAR_HEIGHT = 16
GAP = 4
GROUP_GAP = 12
TOP = 8
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
YEAR_COLOURS = ("#2f6db5", "#6aa0d8", "#a9c8ea", "#d2e2f4")  # newest year darkest


def short_region(region: str | None) -> str:
    """The last two levels of a region (银川市/西夏区): enough to tell regions apart on a chart."""
    if not region:
        return "未知地区"
    return "/".join(region.split("/")[-2:])


def rate_chart(rates: list[dict], key: str, title: str) -> dict:
    """Horizontal bars, one group per region, one bar per year, length = the rate (0–100 %)."""
    y, groups, bars = TOP, [], []
    for region in dict.fromkeys(r["region"] for r in rates):
        rows = [r for r in rates if r["region"] == region and r[key] is not None]
        if not rows:
            continue
        groups.append({"label": short_region(region), "title": region or "", "y": y + BAR_HEIGHT - 3})
        for index, row in enumerate(rows):
            bars.append(
                {
                    "label": str(row["year"]),
                    "y": y,
                    "width": max(round(row[key] * BAR_AREA), 1),
                    "value": percent(row[key]),
                    "colour": YEAR_COLOURS[min(index, len(YEAR_COLOURS) - 1)],
                    "title": f"{region} {row['year']}年度 {title} {percent(row[key])}",
                }
            )
            y += BAR_HEIGHT + GAP
        y += GROUP_GAP
    return chart(title, groups, bars, y, scale=("0%", "50%", "100%"))


def code_chart(alerts: list[dict], title: str = "提醒数量（按问题）") -> dict:
    """One bar per code, longest first, coloured by severity."""
    counts = Counter((a["code"], a["severity"]) for a in alerts)
    most = max(counts.values(), default=1)
    y, bars = TOP, []
    for (code, severity), count in sorted(counts.items(), key=lambda i: (-i[1], SEVERITY_ORDER.get(i[0][1], 3))):
        bars.append(
            {
                "label": code_name(code),
                "y": y,
                "width": max(round(count / most * BAR_AREA), 1),
                "value": str(count),
                "colour": "#" + SEVERITY_COLOURS.get(severity, "DDDDDD"),
                "title": f"{code_name(code)}（{code}）{count} 条",
            }
        )
        y += BAR_HEIGHT + GAP
    return chart(title, [], bars, y + GROUP_GAP, scale=("0", str(most // 2) if most > 1 else "", str(most)))


def chart(title: str, groups: list, bars: list, height: int, scale: tuple[str, str, str]) -> dict:
    return {
        "title": title,
        "width": WIDTH,
        "height": height + 16,
        "label_width": LABEL_WIDTH,
        "bar_area": BAR_AREA,
        "bar_height": BAR_HEIGHT,
        "groups": groups,
        "bars": bars,
        "scale": scale,
        "axis_y": height,
        "empty": not bars,
    }
