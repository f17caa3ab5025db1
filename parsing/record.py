"""Building the report record (shared/spec/report-record.md) from an extracted Document."""

from __future__ import annotations

from .document import Document, UnreadableDocument
from .findings import make_finding
from .header import agency_and_year, find_title, listed_titles, published_at, statistical_period
from .sections import sections_found
from .tables import TableReader, Tables, assemble_rows, row_labels
from .template import (
    ACTIVE_ROWS,
    APPEAL_GROUPS,
    OTHER_SUB_ROWS,
    REQUEST_ROW_ORDER,
    request_row_key,
    template_of,
)

TABLES = ("active", "requests", "appeals")


def build_record(doc: Document) -> dict:
    """The report record of one document, with the findings parsing itself makes
    (image_only, malformed_table, missing_rows)."""
    lines = doc.paragraphs()
    title, title_index = find_title(lines, doc.meta.get("title"))
    agency, year = agency_and_year(title)
    rows = assemble_rows(doc.blocks, title)
    fmt = document_template(row_labels(rows))
    tables = TableReader(fmt, lines).read(rows) if fmt != "unknown" else Tables()
    text = doc.text()
    sections = sections_found(lines)
    reject_non_report(doc, lines, title, sections, tables)
    record = {
        "agency": agency,
        "year": year,
        "format": fmt,
        "published_at": published_at(lines, doc.meta.get("published_at"), title_index, year),
        "period": statistical_period(text),
        "sections_found": sections,
        "active": tables.active,
        "requests": tables.requests,
        "appeals": tables.appeals,
        "findings": parse_findings(doc, fmt, tables),
        "title": title,
        "text": text,
    }
    return record


MIN_BODY_CHARS = 200
MIN_LISTED_TITLES = 3


def reject_non_report(doc: Document, lines: list[str], title: str | None, sections: list[int], tables: Tables) -> None:
    """A page with neither report tables nor standard sections is a report only if it has a body:
    not a bare title with a link to an attachment, not a list of reports, not an unrelated page."""
    if doc.image_only or sections or tables.requests or tables.active:
        return
    if not title:
        raise UnreadableDocument(
            "not an annual report: no 政府信息公开…年度报告 title, no standard sections, no report tables"
        )
    if listed_titles(lines) >= MIN_LISTED_TITLES:
        raise UnreadableDocument("a list of reports (titles with their dates), not a report")
    if sum(len(line) for line in lines) - len(title) < MIN_BODY_CHARS:
        raise UnreadableDocument(
            "the page holds a title but no report text: the report is probably an attachment (点击查看附件)"
        )


def document_template(labels: list[str]) -> str:
    """The template from table 2's labels; failing that, from how table 3 prints 其他处理."""
    fmt = template_of(labels)
    if fmt != "unknown":
        return fmt
    keys = {request_row_key(label, "") for label in labels}
    if {"new_received", "carried_over", "granted"} & keys:
        return "2021" if set(OTHER_SUB_ROWS) & keys else "2019"
    return "unknown"


def parse_findings(doc: Document, fmt: str, tables: Tables) -> list[dict]:
    findings = []
    picture_pages = doc.meta.get("image_pages")
    if doc.image_only:
        findings.append(
            make_finding(
                "image_only",
                "the report has no text layer (a scan or pictures): a person must read its tables",
                pages_with_text=0,
            )
        )
    elif picture_pages and not (tables.requests or tables.active or tables.appeals):
        findings.append(
            make_finding(
                "image_only",
                f"the tables are pictures (pages {picture_pages} have an image and no text): a person must read them",
                picture_pages=picture_pages,
            )
        )
    if tables.malformed:
        rows = ", ".join(f"{m['table']}.{m['row']} ({m['why']})" for m in tables.malformed)
        findings.append(
            make_finding("malformed_table", f"rows that do not fit the template: {rows}", rows=tables.malformed)
        )
    missing = missing_rows(fmt, tables)
    if missing:
        findings.append(
            make_finding("missing_rows", "standard rows or tables absent: " + ", ".join(missing), missing=missing)
        )
    return findings


def missing_rows(fmt: str, tables: Tables) -> list[str]:
    """Template rows the document does not print (a whole absent table is named once)."""
    if fmt == "unknown":
        return []
    seen_requests = set(tables.request_rows_seen)
    seen_active = set(tables.active) | {m["row"] for m in tables.malformed if m["table"] == "active"}
    seen_appeals = set(tables.appeals) | {m["row"] for m in tables.malformed if m["table"] == "appeals"}
    missing = []
    expected = {
        "active": [row.key for row in ACTIVE_ROWS[fmt]],
        "requests": expected_request_rows(fmt, seen_requests),
        "appeals": list(APPEAL_GROUPS),
    }
    for table, seen in (("active", seen_active), ("requests", seen_requests), ("appeals", seen_appeals)):
        if "all groups" in seen:
            continue
        absent = [key for key in expected[table] if key not in seen]
        if absent and len(absent) == len(expected[table]):
            missing.append(f"{table} (whole table)")
        else:
            missing.extend(f"{table}.{key}" for key in absent)
    return missing


def expected_request_rows(fmt: str, seen: set[str]) -> list[str]:
    """2021 prints 其他处理 as three sub-rows, 2019 as one row; a 2021 report printing it as one row
    is accepted as it is."""
    single = fmt == "2019" or "other_handling" in seen
    skip = set(OTHER_SUB_ROWS) if single else {"other_handling"}
    return [key for key in REQUEST_ROW_ORDER if key not in skip]


def flat_cells(record: dict) -> dict[str, float | int | None]:
    """The cells of the three tables under flattened keys: requests.new_received.total …"""
    return {
        f"{table}.{row}.{column}": value
        for table in TABLES
        for row, columns in (record.get(table) or {}).items()
        for column, value in columns.items()
    }
