"""The Datasette plugin of ``nianbao serve``: evidence pages, links to them from every row, search that
folds full-width forms and answers one- and two-character queries, and the monitor's deadline rule
in SQL.

Routes (templates in ``templates/``, rendered inside Datasette's own page frame):

- ``/-/evidence/alert/ID``: an alert, the numbers compared, its evidence, and its report's tables as
  printed with the cells behind the alert highlighted;
- ``/-/evidence/report/ID``: a report's tables, its alerts, the fetches behind it;
- ``/-/evidence/report/ID/original``: the archived original bytes, with their content type and file name.

Search: Datasette's own search box runs ``match escape_fts(:search)`` on the table's ``fts_table``.
For ``reports`` that is the per-character index (db/datasette.py), and this plugin's ``escape_fts``
(registered after Datasette's, so it is the one in force) turns each term, NFKC-folded, into a phrase of
its characters: 决算, 2024 and ２０２４ all answer.

Example::

    register(datasette)   # nianbao.serve does this
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import quote, urlparse

import sqlite_utils
from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape
from nianbao.db.alert_list import alert_row, alerts_of_report, original_bytes, report_fetches, report_row
from nianbao.db.migrations import folded, spaced_characters
from nianbao.db.search import fts_phrase

from .alert_list import evidence_url, listed, original_url, report_page_url
from .evidence import comparisons, highlighted_keys, key_label, tables, value_label
from .labels import SEVERITY_COLOURS

DATABASE = "nianbao"
REPORT_ID_COLUMNS = {"report_id", "first_report_id", "previous_report_id"}


def character_phrases(query: str) -> str:
    """Every whitespace-separated term as a phrase of its characters, full-width forms folded (NFKC):
    the MATCH argument of the per-character index, for any length of term."""
    phrases = [fts_phrase(spaced_characters(term)) for term in query.split()]
    return " ".join(p for p in phrases if p != '""') or '""'


@hookimpl(trylast=True)  # after Datasette's own, so this escape_fts is the one in force
def prepare_connection(conn, database, datasette):
    from nianbao.monitor.deadlines import register_sql_function

    conn.create_function("escape_fts", 1, character_phrases, deterministic=True)
    conn.create_function("nianbao_chars", 1, spaced_characters, deterministic=True)
    conn.create_function("nianbao_fold", 1, folded, deterministic=True)
    register_sql_function(conn)


@hookimpl
def register_routes(datasette):
    return [
        (r"^/-/evidence/alert/(?P<alert_id>\d+)$", alert_page),
        (r"^/-/evidence/report/(?P<report_id>\d+)$", report_page),
        (r"^/-/evidence/report/(?P<report_id>\d+)/original$", original_download),
    ]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Every row reaches its evidence: a report id in any table or view links to the report's page, a
    report's title and an alert's code (their primary keys link to Datasette's row page) to theirs."""
    if database != DATABASE or value is None:
        return None
    base = served_under(datasette)
    if column in REPORT_ID_COLUMNS and isinstance(value, int):
        return link(report_page_url(base, value), value)
    if table == "reports" and column == "title":
        return link(report_page_url(base, row["id"]), value)
    if table == "alerts" and column == "code":
        return link(evidence_url(base, row), value)
    return None


def served_under(datasette) -> str:
    """The path Datasette is served under (its ``base_url`` setting, "/" unless behind a proxy's prefix),
    without the last slash: what the evidence links start with."""
    return datasette.urls.instance().rstrip("/")


def link(href: str, text) -> Markup:
    return Markup('<a href="{}" title="证据页 / evidence page">{}</a>').format(href, text)


@hookimpl
def startup(datasette):
    datasette.jinja_env.filters["nb_key_label"] = key_label
    datasette.jinja_env.filters["nb_number"] = number_text
    datasette.jinja_env.filters["nb_value"] = value_label


async def read(datasette, function, *args):
    """Run ``function(db, *args)`` on one of Datasette's read-only connections to the archive."""
    database = datasette.get_database(DATABASE)
    return await database.execute_fn(lambda conn: function(sqlite_utils.Database(conn, execute_plugins=False), *args))


def alert_context(db, alert_id: int):
    alert = alert_row(db, alert_id)
    if alert is None:
        return None
    report = report_row(db, alert["report_id"]) if alert["report_id"] else None
    return alert, report, report_fetches(db, alert["report_id"]) if report else []


async def alert_page(datasette, request):
    alert_id = int(request.url_vars["alert_id"])
    found = await read(datasette, alert_context, alert_id)
    if found is None:
        raise NotFound(f"no alert {alert_id}")
    alert, report, fetches = found
    base = served_under(datasette)
    shown = listed(alert, base)
    highlight = highlighted_keys(alert["code"], alert["evidence"])
    context = {
        "alert": shown,
        "colour": SEVERITY_COLOURS.get(alert["severity"], "EEEEEE"),
        "compared": comparisons(alert["code"], alert["evidence"]),
        "report": report,
        "fetches": fetches,
        "highlighted": sorted(highlight),
        "tables": tables(report, highlight) if report else None,
        "report_href": report_page_url(base, report["id"]) if report else None,
    }
    return Response.html(await render(datasette, "evidence_alert.html", context, request))


def report_context(db, report_id: int):
    report = report_row(db, report_id)
    if report is None:
        return None
    return report, alerts_of_report(db, report_id), report_fetches(db, report_id)


async def report_page(datasette, request):
    report_id = int(request.url_vars["report_id"])
    found = await read(datasette, report_context, report_id)
    if found is None:
        raise NotFound(f"no report {report_id}")
    report, alerts, fetches = found
    base = served_under(datasette)
    highlight = set().union(*(highlighted_keys(a["code"], a["evidence"]) for a in alerts))
    context = {
        "report": report,
        "alerts": [listed(a, base) for a in alerts],
        "original_href": original_url(base, report_id),
        "fetches": fetches,
        "highlighted": sorted(highlight),
        "tables": tables(report, highlight),
    }
    return Response.html(await render(datasette, "evidence_report.html", context, request))


async def original_download(datasette, request):
    report_id = int(request.url_vars["report_id"])
    found = await read(datasette, original_bytes, report_id)
    if found is None:
        raise NotFound(f"no report {report_id}")
    data, content_type, name = found
    filename = download_name(name, report_id)
    return Response(
        data,
        content_type=content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream",
        headers={
            "content-disposition": f"attachment; filename=\"report-{report_id}\"; filename*=UTF-8''{quote(filename)}"
        },
    )


def download_name(name: str | None, report_id: int) -> str:
    """The file's own name (a local file's, or the last segment of its URL), else report-ID."""
    if name and "://" in name:
        name = PurePosixPath(urlparse(name).path).name
    return PurePosixPath(name).name if name else f"report-{report_id}"


async def render(datasette, template: str, context: dict, request) -> str:
    return await datasette.render_template(template, context, request=request)


def number_text(value) -> str:
    """Counts as integers, money (万元) as printed."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(escape(value))
