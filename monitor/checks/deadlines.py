"""missing, late and backdated: reports judged against their legal deadline (monitor/deadlines.py).

When was a report published? The date its page claims, unless a crawl saw the column without it after that
date (then the claim is backdated and the first crawl that saw it is the date); with no claimed date, the
first crawl that saw it. A researcher's own file (file://) was seen by no crawl: without a printed date it is
not judged late.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..deadlines import deadline_for, shanghai_date
from . import check, finding
from .reachability import last_column_fetch, latest_crawl_failed


@dataclass(frozen=True)
class Publication:
    report: object  # the first version at its URL
    claimed: date | None  # the date the page prints
    first_seen: str | None  # UTC: the first crawl (listing or fetch) that saw it; None for a local file
    column_without_it: dict | None  # a crawl after the claimed date that saw the column without it

    @property
    def backdated(self) -> bool:
        return self.column_without_it is not None

    @property
    def date(self) -> date | None:
        """The publication date the deadline is judged by."""
        if self.claimed and not self.backdated:
            return self.claimed
        return shanghai_date(self.first_seen) if self.first_seen else None

    @property
    def judged_by(self) -> str:
        if self.claimed and not self.backdated:
            return "claimed publication date"
        return "first crawl that saw it" + (" (claimed date is backdated)" if self.claimed else " (no date printed)")


def publications(view) -> dict[tuple, list[Publication]]:
    """(agency_id, year) -> the publication of each of its report URLs."""
    return view.computed(publications_by_agency_year)


def publications_by_agency_year(view) -> dict[tuple, list[Publication]]:
    columns = column_crawls(view)
    listed = defaultdict(list)  # url -> (seen_at, list_url)
    for row in view.listings:
        listed[row["url"]].append((row["seen_at"], row["list_url"]))
    found = {}
    for key, urls in view.by_agency_year.items():
        found[key] = [publication(versions[0], view, listed, columns) for versions in urls]
    return found


def column_crawls(view) -> dict[str, dict[int, str]]:
    """list_url -> {crawl run: when it saw the column}: from its listings and from successful list fetches."""
    seen = defaultdict(dict)
    for row in view.listings:
        seen[row["list_url"]].setdefault(row["run_id"], row["seen_at"])
    for fetch in view.list_fetches:
        if fetch["outcome"] in ("ok", "not_modified"):
            seen[fetch["url"]].setdefault(fetch["run_id"], fetch["fetched_at"])
    return seen


def publication(report, view, listed, columns) -> Publication:
    urls = {report.url} | view.page_urls.get(report.id, set())
    sightings = sorted(s for url in urls for s in listed.get(url, ()))
    crawled = report.url.startswith(("http://", "https://"))
    first_seen = min([s for s, _ in sightings[:1]] + ([report.first_seen] if crawled else []), default=None)
    claimed = report.published
    without = None
    if claimed and first_seen:
        runs_listing_it = {run for url in urls for run in runs_that_listed(view, url)}
        for list_url in sorted({list_url for _, list_url in sightings}):
            for run_id, seen_at in sorted(columns.get(list_url, {}).items(), key=lambda item: item[1]):
                if seen_at < first_seen and shanghai_date(seen_at) > claimed and run_id not in runs_listing_it:
                    without = {"list_url": list_url, "run_id": run_id, "seen_at": seen_at}
    return Publication(report, claimed, first_seen, without)


def runs_that_listed(view, url) -> set:
    return view.computed(runs_by_listed_url).get(url, set())


def runs_by_listed_url(view) -> dict[str, set]:
    runs = defaultdict(set)
    for row in view.listings:
        runs[row["url"]].add(row["run_id"])
    return runs


def expected_years(agency: dict, as_of: date) -> range:
    """Years an agency owes a report on, up to the year before ``as_of``: from ``since`` (or only the last
    year, when the registry does not say since when) to ``until``."""
    last = as_of.year - 1 if agency["until"] is None else min(agency["until"], as_of.year - 1)
    return range(agency["since"] or as_of.year - 1, last + 1)


@check("missing", "error")
def missing(view, context):
    """An agency that must report has no report for a year whose deadline has passed."""
    for agency in view.registry_agencies:
        failed = latest_crawl_failed(view, agency["portal"])
        if failed:
            continue  # its column could not be read: unreachable says so, missing would guess
        for year in expected_years(agency, context.as_of):
            if (agency["id"], year) in view.by_agency_year:
                continue
            deadline = deadline_for(agency["kind"], agency["region"], year, context.rules)
            if context.as_of <= deadline.late_after:
                continue
            crawls = view.computed(crawl_runs_by_portal).get(agency["portal"], [])
            yield finding(
                f"{agency['name']}: 未见{year}年度报告（期限 {deadline.date}，截至 {context.as_of}）",
                {
                    **view.about(agency["id"], year),
                    "deadline": deadline.date.isoformat(),
                    "deadline_rule": deadline.rule,
                    "grace_days": deadline.grace_days,
                    "as_of": context.as_of.isoformat(),
                    "portal": agency["portal"],
                    "column": last_column_fetch(view, agency["portal"]),
                    "crawls_of_portal": len(crawls),
                    "last_crawl_started_at": crawls[-1]["started_at"] if crawls else None,
                    "years_archived": view.computed(years_by_agency).get(agency["id"], []),
                },
                agency_id=agency["id"],
                year=year,
            )


def crawl_runs_by_portal(view) -> dict[str, list[dict]]:
    runs = defaultdict(list)
    for run in view.crawl_runs:
        for portal in run["options"].get("portals") or ():
            runs[portal].append(run)
    return runs


def years_by_agency(view) -> dict[int, list[int]]:
    years = defaultdict(list)
    for agency_id, year in sorted(view.by_agency_year):
        years[agency_id].append(year)
    return years


@check("late", "warning")
def late(view, context):
    """Published after the deadline (how many days late is part of the evidence)."""
    for (agency_id, year), pubs in publications(view).items():
        dated = [p for p in pubs if p.date]
        if not dated:
            continue
        first = min(dated, key=lambda p: p.date)
        agency = view.agency(agency_id)
        deadline = deadline_for(agency.get("kind"), agency.get("region"), year, context.rules)
        days = deadline.days_late(first.date)
        if not days:
            continue
        yield finding(
            f"{agency.get('name')}: {year}年度报告晚于期限{days}天发布（{first.date}，期限 {deadline.date}）",
            {
                **view.about(agency_id, year),
                "url": first.report.url,
                "fetched_at": first.report.first_seen,
                "published": first.date.isoformat(),
                "judged_by": first.judged_by,
                "claimed_published_at": first.claimed.isoformat() if first.claimed else None,
                "first_seen_by_crawl": first.first_seen,
                "deadline": deadline.date.isoformat(),
                "deadline_rule": deadline.rule,
                "grace_days": deadline.grace_days,
                "days_late": days,
            },
            agency_id=agency_id,
            year=year,
            report_id=first.report.id,
        )


@check("backdated", "warning")
def backdated(view, context):
    """The page claims a publication date before a crawl that saw the column without it."""
    for (agency_id, year), pubs in publications(view).items():
        for pub in pubs:
            if not pub.backdated:
                continue
            without = pub.column_without_it
            yield finding(
                f"{view.agency(agency_id).get('name')}: {year}年度报告页面称{pub.claimed}发布，"
                f"但{shanghai_date(without['seen_at'])}的抓取在栏目中未见该报告",
                {
                    **view.about(agency_id, year),
                    "url": pub.report.url,
                    "claimed_published_at": pub.claimed.isoformat(),
                    "list_url": without["list_url"],
                    "crawl_without_it": {"run_id": without["run_id"], "seen_at": without["seen_at"]},
                    "first_seen_by_crawl": pub.first_seen,
                    "first_seen_day": shanghai_date(pub.first_seen).isoformat(),
                },
                agency_id=agency_id,
                year=year,
                report_id=pub.report.id,
            )
