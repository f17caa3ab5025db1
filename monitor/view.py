"""The archive as the checks see it: loaded once per monitor run, in bulk, then shared by every check.

Reports are grouped the way the checks ask: the versions at one URL (``versions``), the reports of an
agency and year (``by_agency_year``), the one in force for an agency and year (the content seen last).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from nianbao.db import monitor as reads

from .deadlines import published_date, shanghai_date


@dataclass(frozen=True)
class Report:
    id: int
    agency_id: int | None
    year: int | None
    url: str
    version: int
    published_at: str | None
    first_seen: str
    last_seen: str
    content_hash: str
    sha256: str
    first_fetch_id: int | None
    format: str | None  # the national template the tables follow: "2021", "2019" or "unknown"

    @property
    def published(self):
        return published_date(self.published_at)

    @property
    def first_seen_day(self):
        return shanghai_date(self.first_seen)


class ArchiveView:
    def __init__(self, db):
        self.db = db
        self.agencies = {row["id"]: row for row in reads.agency_rows(db)}
        self.reports = [Report(*row) for row in reads.report_rows(db)]
        self._computed = {}
        self._cells = {}

    def computed(self, function):
        """``function(view)``, computed once per view: what several checks derive from the same rows."""
        if function not in self._computed:
            self._computed[function] = function(self)
        return self._computed[function]

    @cached_property
    def versions(self) -> dict[tuple, list[Report]]:
        """(agency_id, year, url) -> its versions, oldest first."""
        groups = defaultdict(list)
        for report in self.reports:
            groups[(report.agency_id, report.year, report.url)].append(report)
        for versions in groups.values():
            versions.sort(key=lambda r: r.version)
        return dict(groups)

    @cached_property
    def by_agency_year(self) -> dict[tuple, list[list[Report]]]:
        """(agency_id, year) -> the version lists of each URL, for reports with both known."""
        groups = defaultdict(list)
        for (agency_id, year, _url), versions in self.versions.items():
            if agency_id is not None and year is not None:
                groups[(agency_id, year)].append(versions)
        return dict(groups)

    @cached_property
    def in_force(self) -> dict[tuple, Report]:
        """(agency_id, year) -> the report whose content was seen last (the same rule as the panel export)."""
        return {
            key: max((versions[-1] for versions in urls), key=lambda r: (r.last_seen, r.id))
            for key, urls in self.by_agency_year.items()
        }

    @cached_property
    def current_report_ids(self) -> set[int]:
        """The latest version at every URL: what a reader finds there now."""
        return {versions[-1].id for versions in self.versions.values()}

    def cells(self, keys: tuple[str, ...]) -> dict[int, dict]:
        """Values of the cells named for the reports in force (read once per set of keys)."""
        if keys not in self._cells:
            wanted = {report.id for report in self.in_force.values()}
            self._cells[keys] = reads.cell_values(self.db, list(keys), wanted)
        return self._cells[keys]

    def agency(self, agency_id) -> dict:
        return self.agencies.get(agency_id) or {}

    def about(self, agency_id, year=None) -> dict:
        """The evidence every alert carries about its agency: name, region, kind, year."""
        agency = self.agency(agency_id)
        about = {"agency": agency.get("name"), "region": agency.get("region"), "kind": agency.get("kind")}
        return {**about, "year": year} if year is not None else about

    @cached_property
    def registry_agencies(self) -> list[dict]:
        return [a for a in self.agencies.values() if a["in_registry"]]

    @cached_property
    def crawl_runs(self) -> list[dict]:
        return reads.runs_of(self.db, "crawl")

    @cached_property
    def schedule_runs(self) -> list[dict]:
        """The scheduler's own runs: one per cycle (crawl, monitor, notify)."""
        return reads.runs_of(self.db, "schedule")

    @cached_property
    def monitor_runs(self) -> list[dict]:
        return reads.runs_of(self.db, "monitor")

    @cached_property
    def list_fetches(self) -> list[dict]:
        return reads.list_fetches(self.db)

    @cached_property
    def listings(self) -> list[dict]:
        return reads.listing_rows(self.db)

    @cached_property
    def page_urls(self) -> dict[int, set[str]]:
        return reads.report_page_urls(self.db)
