"""unreachable: an agency's portal or annual-report column failed on the last crawls.

A crawl covers a portal when its options name it (or it fetched from it). The portal's start pages are its
list fetches with no referer (pages reached by paging have one); in each crawl, the last fetch of each start
page decides. Blocked (WAF, anti-bot) is never taken as a missing report: the latest crawl failing keeps an
agency out of ``missing``, and a block alone is enough for ``unreachable``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from nianbao.db.monitor import FAILED_OUTCOMES

from . import check, finding

STREAK = 3  # failed on the last 3 crawls in a row (checks.md), or on every crawl so far


@dataclass(frozen=True)
class PortalCrawl:
    run_id: int
    started_at: str
    failures: tuple[dict, ...]  # the start pages that failed: url, outcome, status, fetched_at, reason
    fetched: int  # start pages fetched

    @property
    def failed(self) -> bool:
        return bool(self.failures) or not self.fetched

    @property
    def blocked(self) -> bool:
        return any(f["outcome"] == "blocked" for f in self.failures)


def portal_crawls(view) -> dict[str, list[PortalCrawl]]:
    """portal -> what each crawl that covered it found at its start pages, oldest crawl first."""
    return view.computed(crawls_by_portal)


def crawls_by_portal(view) -> dict[str, list[PortalCrawl]]:
    starts = defaultdict(dict)  # (run, portal) -> url -> last fetch
    paged = defaultdict(dict)
    for fetch in view.list_fetches:
        if fetch["portal"]:
            target = starts if fetch["referer"] is None else paged
            target[(fetch["run_id"], fetch["portal"])][fetch["url"]] = fetch
    history = defaultdict(list)
    for run in view.crawl_runs:
        portals = set(run["options"].get("portals") or ()) | {p for (r, p) in starts if r == run["id"]}
        for portal in sorted(portals):
            pages = starts.get((run["id"], portal)) or paged.get((run["id"], portal)) or {}
            failures = tuple(
                {k: page[k] for k in ("url", "outcome", "status", "fetched_at", "reason")}
                for page in pages.values()
                if page["outcome"] in FAILED_OUTCOMES
            )
            history[portal].append(PortalCrawl(run["id"], run["started_at"], failures, len(pages)))
    return dict(history)


def last_column_fetch(view, portal: str | None) -> dict:
    """The URL, time and outcome of the portal's latest start-page fetch: where a clerk looks for its reports."""
    fetch = view.computed(last_start_page_fetches).get(portal)
    return {"url": fetch["url"], "fetched_at": fetch["fetched_at"], "outcome": fetch["outcome"]} if fetch else {}


def last_start_page_fetches(view) -> dict[str, dict]:
    last = {}
    for fetch in view.list_fetches:  # in id order: the last one wins
        if fetch["portal"] and fetch["referer"] is None:
            last[fetch["portal"]] = fetch
    return last


def latest_crawl_failed(view, portal: str | None) -> PortalCrawl | None:
    """The portal's latest crawl when it failed (then nothing can be called missing there), else None."""
    crawls = portal_crawls(view).get(portal) if portal else None
    return crawls[-1] if crawls and crawls[-1].failed else None


def unreachable_streak(crawls: list[PortalCrawl]) -> list[PortalCrawl]:
    """The failed crawls that make a portal unreachable (empty when it is not)."""
    if not crawls or not crawls[-1].failed:
        return []
    if crawls[-1].blocked or all(c.failed for c in crawls) or all(c.failed for c in crawls[-STREAK:]):
        streak = []
        for crawl in reversed(crawls):
            if not crawl.failed:
                break
            streak.append(crawl)
        return streak[::-1]
    return []


@check("unreachable", "info")
def unreachable(view, context):
    """An agency's portal or report column failed on the last 3 crawls in a row, on every crawl so far, or was blocked."""
    for portal, crawls in portal_crawls(view).items():
        streak = unreachable_streak(crawls)
        if not streak:
            continue
        evidence = {
            "portal": portal,
            "crawls_failed": len(streak),
            "crawls_in_all": len(crawls),
            "failures": [
                {"run_id": c.run_id, "crawl_started_at": c.started_at, "pages": list(c.failures)} for c in streak
            ],
        }
        outcomes = sorted({f["outcome"] for c in streak for f in c.failures} or {"no page fetched"})
        agencies = [a for a in view.registry_agencies if a["portal"] == portal] or [None]
        for agency in agencies:
            agency_id = agency["id"] if agency else None
            about = view.about(agency_id) if agency else {}
            who = agency["name"] if agency else f"门户 {portal}"
            yield finding(
                f"{who}: 年报栏目连续{len(streak)}次抓取失败（{', '.join(outcomes)}）",
                {**about, **evidence, "url": streak[-1].failures[0]["url"] if streak[-1].failures else None},
                agency_id=agency_id,
                subject=None if agency else portal,
            )
