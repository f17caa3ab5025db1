"""The replica's ground truth (every report page and what it must give, the pages that are no reports,
the portals, the alerts the monitor must raise) and the registry it ships, for one base URL."""

from __future__ import annotations

import json

from .reports import AGENCIES, COPIED_FROM, MISSING, PLANTS, SEED, UNREACHABLE_PORTALS, YEARS

# As-of dates the expected alerts are given for: deadline season (every report on 2025 due), and a date
# before the 2025 deadlines (only earlier years can be missing).
AS_OF_SEASON, AS_OF_BEFORE = "2026-04-15", "2026-01-15"
ARCHIVE_CODES = (
    "late",
    "backdated",
    "revised",
    "duplicate",
    "carryover_mismatch",
    "in_force_mismatch",
    "yoy_outlier",
    "copied_text",
)


def truth(state: int = 1, base_url: str = "http://127.0.0.1:8750", sites: list | None = None) -> dict:
    """Everything a crawl of the replica in ``state`` must find, and what the monitor must then raise."""
    if sites is None:
        from .server import build_sites

        sites = build_sites()
    base = base_url.rstrip("/")
    return {
        "state": state,
        "base_url": base,
        "seed": SEED,
        "years": list(YEARS),
        "reports": [r for site in sites for r in site.truth_reports(state, base)],
        "not_reports": [n for site in sites for n in site.truth_not_reports(state, base)],
        "portals": [site.truth_portal(base) for site in sites],
        "alerts": {AS_OF_SEASON: expected_alerts(AS_OF_SEASON), AS_OF_BEFORE: expected_alerts(AS_OF_BEFORE)},
    }


def expected_alerts(as_of: str) -> list[dict]:
    """Archive-level alerts after crawling state 1 then state 2 and running the monitor ``as_of``."""
    names = {a.key: a.name for a in AGENCIES}
    alerts = []
    for (key, year), plants in sorted(PLANTS.items()):
        for code in plants:
            if code in ARCHIVE_CODES:
                alerts.append({"code": code, "agency": names[key], "year": year})
        if "backdated" in plants and "late" not in plants:
            # published in truth when a crawl first saw it, which is after its deadline (the replica's last
            # deadline is 31 March 2026, before any crawl of it): late as well
            alerts.append({"code": "late", "agency": names[key], "year": year})
    for key, year in sorted(MISSING):
        if _due(year, _agency(key).kind, as_of):
            alerts.append({"code": "missing", "agency": names[key], "year": year})
    for agency in AGENCIES:
        if agency.portal in UNREACHABLE_PORTALS:
            alerts.append({"code": "unreachable", "agency": agency.name, "year": None})
    for (key, year), source in COPIED_FROM.items():
        alerts = [a for a in alerts if not (a["code"] == "copied_text" and a["agency"] == names[key])]
        alerts.append({"code": "copied_text", "agency": names[key], "year": year, "copy_of": names[source]})
    return sorted(alerts, key=lambda a: (a["code"], a["agency"], a["year"] or 0))


def _agency(key: str):
    return next(a for a in AGENCIES if a.key == key)


def _due(year: int, kind: str, as_of: str) -> bool:
    deadline = f"{year + 1}-01-31" if kind == "department" else f"{year + 1}-03-31"
    return as_of > deadline


def registry_toml(base_url: str) -> str:
    """A registry (shared/spec/cli-and-registry.md) naming every replica portal and expected agency."""
    from .server import build_sites

    base = base_url.rstrip("/")
    lines = [
        "# The registry of the nianbao replica (nianbao replica --write-registry FILE); start URLs on " + base,
        "",
        "[settings]",
        "grace_days = 0",
        'contact = "https://github.com/nianbao/nianbao"',
        "",
    ]
    sites = build_sites()
    for site in sites:
        region = next(a.region for a in AGENCIES if a.portal == site.key and a.kind == "government")
        lines += [
            "[[portal]]",
            f"name = {_q(site.name)}",
            f"start_urls = [{', '.join(_q(base + u) for u in site.start_urls())}]",
            f"region = {_q(region)}",
            "delay = 0.05",
            "concurrency = 2",
            "",
        ]
    portal_names = {site.key: site.name for site in sites}
    for agency in AGENCIES:
        if not agency.in_registry:
            continue
        lines += [
            "[[agency]]",
            f"name = {_q(agency.name)}",
            f"kind = {_q(agency.kind)}",
            f"region = {_q(agency.region)}",
            f"portal = {_q(portal_names[agency.portal])}",
            f"since = {agency.since}",
        ]
        if agency.until:
            lines += [f"until = {agency.until}", f"successor = {_q(agency.successor)}"]
        lines.append("")
    return "\n".join(lines)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
