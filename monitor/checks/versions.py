"""revised and duplicate: what the versions of an agency's report say about it."""

from __future__ import annotations

from nianbao.db.monitor import cells_of

from . import check, finding

MAX_CELLS_SHOWN = 40


def version_evidence(report) -> dict:
    return {
        "report_id": report.id,
        "version": report.version,
        "first_seen": report.first_seen,
        "last_seen": report.last_seen,
        "published_at": report.published_at,
        "sha256": report.sha256,
    }


def changed_cells(before: dict, after: dict) -> list[dict]:
    keys = sorted(set(before) | set(after))
    return [{"key": k, "before": before.get(k), "after": after.get(k)} for k in keys if before.get(k) != after.get(k)]


@check("revised", "info")
def revised(view, context):
    """A published report's content changed after it was first archived."""
    for (agency_id, year, url), versions in view.versions.items():
        if len(versions) < 2:
            continue
        first, latest = versions[0], versions[-1]
        cells = cells_of(view.db, [versions[-2].id, latest.id])
        changes = changed_cells(cells[versions[-2].id], cells[latest.id])
        yield finding(
            f"{view.agency(agency_id).get('name') or url}: {year}年度报告发布后内容有变动（{len(versions)}个版本，"
            f"{len(changes)}个单元格不同）",
            {
                **view.about(agency_id, year),
                "url": url,
                "fetched_at": latest.first_seen,
                "versions": [version_evidence(v) for v in versions],
                "cells_changed": len(changes),
                "changes": changes[:MAX_CELLS_SHOWN],
            },
            agency_id=agency_id,
            year=year,
            report_id=first.id,
        )


@check("duplicate", "warning")
def duplicate(view, context):
    """More than one different report for one agency and year."""
    for (agency_id, year), urls in view.by_agency_year.items():
        latest = [versions[-1] for versions in urls]
        if len({report.content_hash for report in latest}) < 2:
            continue
        yield finding(
            f"{view.agency(agency_id).get('name')}: {year}年度有{len(latest)}份内容不同的报告",
            {
                **view.about(agency_id, year),
                "url": latest[0].url,
                "fetched_at": latest[0].last_seen,
                "reports": [{"url": r.url, **version_evidence(r)} for r in sorted(latest, key=lambda r: r.id)],
            },
            agency_id=agency_id,
            year=year,
        )
