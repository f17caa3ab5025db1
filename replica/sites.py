"""The portal styles of shared/spec/portals.md, each a Site under its own path prefix.

A Site lists its column entries (reports and look-alikes) per state, answers the requests under its
prefix, and describes its reports for the truth. Pages are built from the report records on request
(rendered files cached), so starting the replica costs nothing."""

from __future__ import annotations

import html
import random
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from . import render
from .exchange import Request, Response, html_page, not_found
from .lookalikes import LOOKALIKES, NotReport
from .reports import Report, world

FILE_TYPES = {
    "pdf": "application/pdf",
    "scan-pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass
class Entry:
    """One item of a column: a report page or a look-alike, with where it lives."""

    id: str
    title: str
    published: datetime
    path: str
    report: Report | None = None
    not_report: NotReport | None = None
    special: str = ""  # soft404 | robots | chrome | retry | alias | oversize | slow | broken
    states: tuple[int, ...] = (1, 2)
    agency: str = ""

    def number(self, digits: int = 6) -> int:
        return zlib.crc32(self.id.encode()) % (9 * 10 ** (digits - 1)) + 10 ** (digits - 1)


REVISED_AT = datetime(2026, 6, 1, 10, 0)  # when the revised report's content changed (state 2)


def modified_at(entry: Entry, state: int) -> datetime:
    """Last-Modified of a page or file: its publication, or the revision for a content changed in ``state``."""
    return REVISED_AT if entry.report and state in entry.report.versions else entry.published


def ymd(day: datetime, sep: str = "-") -> str:
    return f"{day.year}{sep}{day.month:02d}{sep}{day.day:02d}"


@lru_cache(maxsize=256)
def rendered(report: Report, fmt: str, part: str = "all") -> bytes:
    if fmt == "pdf":
        return render.report_pdf(report, part)
    if fmt == "docx":
        return render.report_docx(report, part)
    return render.scan_pdf(report)


class Site:
    key = ""  # the portal key reports name (reports.Agency.portal)
    prefix = ""
    name = ""  # the registry portal name
    style = ""
    defence = "none"
    specials: dict[str, str] = {}  # report id → special behaviour

    def __init__(self):
        self.entries_all = sorted(self.build_entries(), key=lambda e: (e.published, e.id), reverse=True)
        self.by_path = {e.path: e for e in self.entries_all}

    def build_entries(self) -> list[Entry]:
        entries = []
        for report in world():
            if report.agency.portal == self.key:
                entry = Entry(
                    report.id,
                    report.title,
                    report.published,
                    "",
                    report=report,
                    states=report.states,
                    special=self.specials.get(report.id, ""),
                    agency=report.agency.name,
                )
                entry.path = self.article_path(entry)
                entries.append(entry)
        for item in LOOKALIKES:
            if item.portal == self.key:
                entry = Entry(item.id, item.title, item.published, "", not_report=item, agency=item.agency)
                entry.path = self.article_path(entry)
                entries.append(entry)
        return entries

    def entries(self, state: int) -> list[Entry]:
        return [e for e in self.entries_all if state in e.states]

    def start_urls(self) -> list[str]:
        raise NotImplementedError

    def article_path(self, entry: Entry) -> str:
        raise NotImplementedError

    def list_urls(self, state: int) -> list[str]:
        """Every list page (or list API call) that lists the column in ``state``."""
        return self.start_urls()

    def respond(self, request: Request) -> Response:
        raise NotImplementedError

    # --- the truth ------------------------------------------------------------------------

    def attachments(self, entry: Entry) -> list[tuple[str, str, str]]:
        """(path, format, part) of the files on an article page that carry the report."""
        return []

    def printed_date(self, entry: Entry) -> str:
        return entry.published.strftime("%Y-%m-%d %H:%M:%S")

    def truth_reports(self, state: int, base: str) -> list[dict]:
        found = []
        for entry in self.entries(state):
            if not entry.report:
                continue
            report = entry.report.in_state(state)
            files = self.attachments(entry)
            table_file = next((path for path, _, part in files if part in ("all", "tables")), entry.path)
            found.append(
                {
                    "id": report.id,
                    "url": base + entry.path,
                    "aliases": [base + a for a in self.aliases(entry)],
                    "attachments": [base + path for path, _, _ in files],
                    "file_url": base + table_file,
                    "format": report.format,
                    "template": report.template,
                    "agency": report.agency.name,
                    "kind": report.agency.kind,
                    "region": report.agency.region,
                    "portal": self.name,
                    "year": report.year,
                    "published_at": ymd(report.published),
                    "published_at_printed": self.printed_date(entry),
                    "states": list(entry.states),
                    "fetchable": entry.special != "robots",
                    "in_registry": report.agency.in_registry,
                    "planted": list(report.planted),
                    "findings": report.findings,
                    "title": report.title,
                    "cells": {} if report.format == "scan-pdf" else _flat(report.record),
                }
            )
        return found

    def aliases(self, entry: Entry) -> list[str]:
        return []

    def truth_not_reports(self, state: int, base: str) -> list[dict]:
        return [
            {"url": base + e.path, "title": e.title, "why": e.not_report.why}
            for e in self.entries(state)
            if e.not_report
        ]

    def truth_portal(self, base: str) -> dict:
        return {
            "name": self.name,
            "style": self.style,
            "prefix": self.prefix,
            "start_urls": [base + u for u in self.start_urls()],
            "list_pages": {str(state): [base + u for u in self.list_urls(state)] for state in (1, 2)},
            "defence": self.defence,
            "reachable": self.defence not in ("blocked", "dead"),
        }

    # --- shared pieces of pages -----------------------------------------------------------

    def body_of(self, entry: Entry, state: int) -> str:
        """The article body: the report itself, a stub pointing at its attachments, or a look-alike."""
        if entry.not_report:
            return entry.not_report.body
        report = entry.report.in_state(state)
        if report.format == "html":
            return render.html_body(report)
        return "<p>点击查看附件</p>"

    def serve_file(self, entry: Entry, fmt: str, part: str, state: int, headers: dict | None = None) -> Response:
        data = rendered(entry.report.in_state(state), fmt if fmt != "scan-pdf" else "scan", part)
        return Response(
            body=data, content_type=FILE_TYPES[fmt], headers=headers or {}, modified=modified_at(entry, state)
        )


def _flat(record: dict) -> dict:
    return {
        f"{table}.{row}.{column}": value
        for table, rows in record.items()
        for row, columns in rows.items()
        for column, value in columns.items()
    }


# --- 1. TRS WCM static site ----------------------------------------------------------------------


class TrsSite(Site):
    key, prefix, name, style = "trs", "/trs/", "临江区人民政府", "trs"
    column = "/trs/zfxxgk/zfxxgknb/"
    per_page = 10
    specials = {
        "lj-gov-2024": "chrome",
        "lj-jyj-2023": "retry",
        "lj-wjw-2024": "alias",
        "lj-gov-2023": "oversize",
        "lj-dag-2024": "robots",
        "lj-czj-2022": "viewer",
    }
    viewer = "/trs/pdfjs/web/viewer.html"
    soft_404 = ("lj-sfj-2024", "临江区司法局2024年政府信息公开工作年度报告", datetime(2025, 1, 21, 9, 30))

    def __init__(self):
        super().__init__()
        self.requests_seen: dict[str, int] = {}

    def build_entries(self) -> list[Entry]:
        entries = super().build_entries()
        entry_id, title, published = self.soft_404
        gone = Entry(entry_id, title, published, "", special="soft404", agency="临江区司法局")
        gone.path = self.article_path(gone)
        return entries + [gone]

    def start_urls(self) -> list[str]:
        return [self.column + "index.html"]

    def article_path(self, entry: Entry) -> str:
        day = entry.published
        if entry.id == "trs-guide":
            return f"/trs/zfxxgk/zfxxgkzn/{day:%Y%m}/t{day:%Y%m%d}_{entry.number()}.html"
        folder = "nbbak/" if entry.special == "robots" else ""
        return f"{self.column}{folder}{day:%Y%m}/t{day:%Y%m%d}_{entry.number()}.html"

    def attachment_path(self, entry: Entry, suffix: str = "") -> str:
        day = entry.published
        return f"{entry.path.rsplit('/', 1)[0]}/P0{day:%Y%m%d}{entry.number()}{suffix}.pdf"

    def attachments(self, entry: Entry) -> list[tuple[str, str, str]]:
        if entry.report and entry.report.format == "pdf":
            return [(self.attachment_path(entry), "pdf", "all")]
        return []

    def aliases(self, entry: Entry) -> list[str]:
        return [entry.path[: -len(".html")] + ".shtml"] if entry.special == "alias" else []

    def printed_date(self, entry: Entry) -> str:
        return entry.published.strftime("%Y-%m-%d %H:%M")

    def list_urls(self, state: int) -> list[str]:
        pages = max(1, -(-len(self.listed(state)) // self.per_page))
        return [self.column + "index.html"] + [f"{self.column}index_{n}.html" for n in range(1, pages)]

    def truth_not_reports(self, state: int, base: str) -> list[dict]:
        found = super().truth_not_reports(state, base)
        for entry in self.entries(state):
            if entry.special == "soft404":
                found.append(
                    {"url": base + entry.path, "title": entry.title, "why": "a listed link that is a soft 404"}
                )
            if entry.special == "viewer":
                found.append(
                    {
                        "url": f"{base}{self.viewer}?file={self.attachment_path(entry)}",
                        "title": "PDF.js viewer",
                        "why": "a pdf.js viewer shell: the report is the file its file= parameter names",
                    }
                )
            if entry.special == "oversize":
                found.append(
                    {
                        "url": base + self.attachment_path(entry, "_print"),
                        "title": f"{entry.title}（打印版）.pdf",
                        "why": "an oversized attachment (200 MB advertised) beside a report in the page: too_large",
                    }
                )
        return found

    def listed(self, state: int) -> list[Entry]:
        return [e for e in self.entries(state) if e.id != "trs-guide"]

    def respond(self, request: Request) -> Response:
        path, state = request.path, request.state
        if path in (self.column, self.column + "index.html") or path.startswith(self.column + "index_"):
            return self.list_page(path, state)
        if path == self.viewer:
            return html_page(PDFJS_VIEWER)
        if path.endswith(".shtml"):
            entry = self.by_path.get(path[: -len(".shtml")] + ".html")
            if entry and entry.special == "alias":
                return self.article(entry, request)
            return not_found()
        entry = self.by_path.get(path)
        if entry and state in entry.states:
            return self.article(entry, request)
        for entry in self.entries(state):
            if path == self.attachment_path(entry) and entry.report and entry.report.format == "pdf":
                return self.serve_file(entry, "pdf", "all", state)
            if path == self.attachment_path(entry, "_print") and entry.special == "oversize":
                return oversized_pdf()
        return not_found()

    def list_page(self, path: str, state: int) -> Response:
        items = self.listed(state)
        pages = max(1, -(-len(items) // self.per_page))
        name = path.rsplit("/", 1)[-1]
        current = 0 if name in ("", "index.html") else _int(name[len("index_") : -len(".html")])
        if current is None:
            return not_found()
        if current >= pages:
            return html_page(TRS_STUB)  # past the end: a 200 stub, as TRS sites answer
        guide = self.by_path[next(e.path for e in self.entries_all if e.id == "trs-guide")]
        rows = [
            f'<li class="zd"><a href="{relative_link(self.column, guide.path)}" title="{guide.title}" target="_blank">'
            f"【置顶】{guide.title}</a><span>{ymd(guide.published)}</span></li>"
        ]
        for entry in items[current * self.per_page : (current + 1) * self.per_page]:
            rows.append(
                f'<li><a href="{relative_link(self.column, entry.path)}" title="{html.escape(entry.title)}" target="_blank">'
                f"{html.escape(_cut(entry.title, 24))}</a><span>{ymd(entry.published)}</span></li>"
            )
        page = TRS_LIST.format(
            site=self.name,
            rows="\n".join(rows),
            pages=pages,
            current=current,
        )
        return html_page(page)

    def article(self, entry: Entry, request: Request) -> Response:
        state = request.state
        if entry.special == "soft404":
            return html_page(SOFT_404_PAGE)
        if entry.special == "retry":
            seen = self.requests_seen.get(f"{state}:{entry.path}", 0)
            self.requests_seen[f"{state}:{entry.path}"] = seen + 1
            if not seen:
                return html_page(BUSY_PAGE, status=503, headers={"Retry-After": "1"}, cacheable=False)
        attachments = ""
        if entry.report and entry.report.format == "pdf":
            attachments = (
                f'<p>附件：<a href="./{self.attachment_path(entry).rsplit("/", 1)[-1]}">{entry.title}.pdf</a></p>'
            )
        if entry.special == "viewer":  # the PDF shown in a pdf.js viewer, no link to the file itself
            attachments = (
                f'<iframe src="{self.viewer}?file={self.attachment_path(entry)}" width="100%" height="800"></iframe>'
            )
        if entry.special == "oversize":
            name = self.attachment_path(entry, "_print").rsplit("/", 1)[-1]
            attachments = f'<p>附件：<a href="./{name}">{entry.title}（打印版）.pdf</a></p>'
        chrome = self.chrome(entry, request) if entry.special == "chrome" else ("", "", "")
        related = chrome[2] or self.related(entry, request.state)
        source = entry.report.agency.name if entry.report else self.name
        page = TRS_ARTICLE.format(
            site=self.name,
            title=html.escape(entry.title),
            pubdate=self.printed_date(entry),
            source=source,
            index_no=f"11330100MB{entry.number():06d}/{entry.published.year}-{entry.number() % 100000:05d}",
            written=ymd(entry.published),
            body=self.body_of(entry, state),
            attachments=attachments,
            related=related,
            counter=chrome[0],
            banner=chrome[1],
        )
        return html_page(page, modified=modified_at(entry, state), cacheable=entry.special != "chrome")

    def chrome(self, entry: Entry, request: Request) -> tuple[str, str, str]:
        """View counter, today's date and banner, related links: different on every request."""
        key = f"hits:{entry.path}"
        hits = self.requests_seen.get(key, 1233) + 1
        self.requests_seen[key] = hits
        rng = random.Random(hits)
        now = datetime.now()
        counter = f'<span class="views">浏览次数：{hits:,}</span> <span class="today">今天是{now:%Y年%m月%d日} {now:%H:%M:%S}</span>'
        banner = f'<div class="banner"><img src="/trs/images/banner{rng.randint(1, 5)}.jpg" alt="专题{rng.randint(1, 99)}"></div>'
        others = rng.sample([e for e in self.listed(request.state) if e.report and e is not entry], 3)
        links = "".join(f'<li><a href="{relative_link(entry.path, e.path)}">{e.title}</a></li>' for e in others)
        return counter, banner, f'<div class="xgxx"><h3>相关链接</h3><ul>{links}</ul></div>'

    def related(self, entry: Entry, state: int) -> str:
        """Same agency's other reports; the one with a second URL is linked by it (.shtml)."""
        if not entry.report:
            return ""
        links = []
        for other in self.listed(state):
            if other.report and other is not entry and other.agency == entry.agency:
                target = relative_link(entry.path, other.path)
                if other.special == "alias":
                    target = target[: -len(".html")] + ".shtml"
                links.append(f'<li><a href="{target}">{other.title}</a></li>')
        return f'<div class="xgxx"><h3>相关信息</h3><ul>{"".join(links[:4])}</ul></div>'


def oversized_pdf(size: int = 200 * 1024 * 1024) -> Response:
    """A 200 MB attachment, advertised in Content-Length and produced lazily (never held in memory)."""

    def chunks():
        yield b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        sent, block = 15, b"0" * 65536
        while sent < size:
            piece = block[: size - sent]
            sent += len(piece)
            yield piece

    return Response(content_type="application/pdf", stream=chunks(), headers={"Content-Length": str(size)})


def relative_link(from_path: str, to_path: str) -> str:
    """A relative link as TRS writes them (./202501/t….html, ../zfxxgkzn/…)."""
    base = from_path.rsplit("/", 1)[0].strip("/").split("/")
    target = to_path.strip("/").split("/")
    common = 0
    while common < min(len(base), len(target) - 1) and base[common] == target[common]:
        common += 1
    ups = len(base) - common
    return ("./" if not ups else "../" * ups) + "/".join(target[common:])


def _cut(title: str, length: int) -> str:
    return title if len(title) <= length else title[:length] + "..."


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


PDFJS_VIEWER = (
    '<!DOCTYPE html><html dir="ltr"><head><meta charset="utf-8"><title>PDF.js viewer</title>'
    '<link rel="stylesheet" href="viewer.css"><script src="../build/pdf.js"></script><script src="viewer.js"></script>'
    '</head><body tabindex="1"><div id="outerContainer"><div id="viewerContainer"><div id="viewer" class="pdfViewer">'
    "</div></div></div></body></html>"
)
TRS_STUB = "<html><head><meta charset='utf-8'><title></title></head><body>\n</body></html>"
SOFT_404_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>提示信息</title></head><body>"
    "<div class='nav'><a href='/trs/'>首页</a> <a href='/trs/zfxxgk/'>政务公开</a></div>"
    "<div class='error'><h2>抱歉，您访问的页面不存在或已被删除！</h2><p><a href='/trs/'>返回首页</a></p></div></body></html>"
)
BUSY_PAGE = "<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503</h1></body></html>"
TRS_LIST = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="SiteName" content="{site}">
<meta name="ColumnName" content="政府信息公开年报">
<title>政府信息公开年报_{site}</title>
<script src="/trs/js/jquery.min.js"></script>
</head>
<body>
<div class="header"><div class="logo">{site}</div></div>
<div class="position">当前位置：<a href="../../">首页</a> &gt; <a href="../">政府信息公开</a> &gt; 政府信息公开年报</div>
<div class="list">
<ul>
{rows}
</ul>
<div class="page">
<script language="JavaScript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){{
  if(_nPageCount == null || _nPageCount<=1){{ return; }}
  var nCurrIndex = _nCurrIndex || 0;
  if(nCurrIndex == 0) document.write("首页 上一页 ");
  else {{ document.write("<a href=\\"" + _sPageName + "." + _sPageExt + "\\">首页</a> ");
    document.write("<a href=\\"" + _sPageName + (nCurrIndex-1 == 0 ? "" : "_" + (nCurrIndex-1)) + "." + _sPageExt + "\\">上一页</a> "); }}
  if(nCurrIndex + 1 < _nPageCount) document.write("<a href=\\"" + _sPageName + "_" + (nCurrIndex+1) + "." + _sPageExt + "\\">下一页</a>");
}}
createPageHTML({pages}, {current}, "index", "html");
</script>
</div>
</div>
<div class="footer">主办：{site}办公室</div>
</body>
</html>
"""
TRS_ARTICLE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="SiteName" content="{site}">
<meta name="SiteIDCode" content="3301990001">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{pubdate}">
<meta name="ContentSource" content="{source}">
<title>{title}_{site}</title>
</head>
<body>
<div class="header"><div class="logo">{site}</div>{banner}</div>
<div class="position">当前位置：<a href="/trs/">首页</a> &gt; <a href="/trs/zfxxgk/">政府信息公开</a> &gt; 政府信息公开年报</div>
<table class="xxgk-info">
<tr><td>索　引　号：</td><td>{index_no}</td><td>主题分类：</td><td>其他</td></tr>
<tr><td>发布机构：</td><td>{source}</td><td>成文日期：</td><td>{written}</td></tr>
<tr><td>名　　称：</td><td colspan="3">{title}</td></tr>
<tr><td>文　　号：</td><td></td><td>发布日期：</td><td>{written}</td></tr>
</table>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info"><span>发布时间：{pubdate}</span> <span>来源：{source}</span> {counter}</div>
<div class="TRS_Editor">
{body}
</div>
{attachments}
</div>
{related}
<div class="footer"><p>主办：{site}办公室　网站标识码：3301990001</p></div>
</body>
</html>
"""
