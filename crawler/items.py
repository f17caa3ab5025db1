"""What the spiders hand to the pipeline: one item per thing the archive stores."""

from __future__ import annotations

from dataclasses import dataclass, field

from nianbao.crawl_archive import Fetched

from .links import Entry


@dataclass
class ListPage:
    """A list page (or list API answer) and the links it showed."""

    portal: str | None
    page: Fetched
    entries: list[Entry]
    outcome: str = "ok"  # not_modified when answered from the archive after a 304


@dataclass
class ReportPage:
    """An article page with the attachments fetched from it: one report, or none."""

    portal: str | None
    page: Fetched
    attachments: list[Fetched] = field(default_factory=list)
    outcome: str = "ok"
