"""The static HTML alert list: one self-contained file (styles and SVG charts inline, no script), opening
with on-time and defect rates by region and year and alerts by problem, then every alert grouped by
region and agency, each linking to its evidence page under ``nianbao serve`` (``base_url``).

Example::

    Path("提醒清单.html").write_text(alert_page(db, listed_alerts(db, ["open"], BASE), BASE))
"""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .charts import code_chart, rate_chart
from .labels import SEVERITY_COLOURS, SEVERITY_NAMES
from .rates import percent, region_rates
from .xlsx import SHANGHAI, bulletin_sentence

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["percent"] = percent
    return env


def grouped(alerts: list[dict]) -> list[dict]:
    """Regions, each with its agencies, each with its alerts (the list is sorted so already)."""
    regions = []
    for region, in_region in groupby(alerts, key=lambda a: a["region"]):
        agencies = [
            {"name": about, "alerts": list(rows)} for about, rows in groupby(in_region, key=lambda a: a["about"])
        ]
        regions.append(
            {
                "name": region or "门户与系统（无地区）",
                "agencies": agencies,
                "count": sum(len(a["alerts"]) for a in agencies),
            }
        )
    return regions


def alert_page(db, alerts: list[dict], base_url: str, statuses=("open",)) -> str:
    rates = region_rates(db)
    counts = {severity: sum(1 for a in alerts if a["severity"] == severity) for severity in SEVERITY_NAMES}
    return (
        environment()
        .get_template("alerts.html")
        .render(
            regions=grouped(alerts),
            total=len(alerts),
            counts=counts,
            severity_names=SEVERITY_NAMES,
            severity_colours=SEVERITY_COLOURS,
            charts=[
                rate_chart(rates, "on_time_rate", "按时发布率（按地区、年度）"),
                rate_chart(rates, "defect_rate", "问题报告比例（按地区、年度）"),
                code_chart(alerts),
            ],
            bulletin=[bulletin_sentence(rate) for rate in rates],
            base_url=base_url.rstrip("/"),
            generated=datetime.now(SHANGHAI).strftime("%Y-%m-%d %H:%M"),
            statuses=statuses,
        )
    )
