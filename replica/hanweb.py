"""2. Hanweb (大汉) jcms: the column page embeds its first records as <datastore> XML; the rest come only
from dataproxy.jsp; attachments hide behind a downfile.jsp redirect."""

from __future__ import annotations

import hashlib
import html

from .exchange import Request, Response, html_page, not_found
from .sites import Entry, Site, modified_at

COLUMN_ID, UNIT_ID, WEB_ID = 1234, 5678, 4
PER_PAGE = 15


class HanwebSite(Site):
    key, prefix, name, style = "hanweb", "/hanweb/", "东湖市人民政府", "hanweb"
    column = f"/hanweb/col/col{COLUMN_ID}/index.html"
    proxy = "/hanweb/module/web/jpage/dataproxy.jsp"
    specials = {"dh-mzj-2024": "slow"}

    def __init__(self, slow_seconds: float = 3.0):
        super().__init__()
        self.slow_seconds = slow_seconds

    def start_urls(self) -> list[str]:
        return [self.column]

    def list_urls(self, state: int) -> list[str]:
        total = len(self.entries(state))
        return [self.column] + [
            f"{self.proxy}?startrecord={start}&endrecord={start + PER_PAGE - 1}&perpage={PER_PAGE}"
            for start in range(PER_PAGE + 1, total + 1, PER_PAGE)
        ]

    def article_path(self, entry: Entry) -> str:
        day = entry.published
        return f"/hanweb/art/{day.year}/{day.month}/{day.day}/art_{COLUMN_ID}_{entry.number(5)}.html"

    def file_hex(self, entry: Entry) -> str:
        return hashlib.md5(entry.id.encode()).hexdigest()

    def attachments(self, entry: Entry) -> list[tuple[str, str, str]]:
        if entry.report and entry.report.format == "pdf":
            return [
                (f"/hanweb/module/download/downfile.jsp?classid=0&filename={self.file_hex(entry)}.pdf", "pdf", "all")
            ]
        return []

    def respond(self, request: Request) -> Response:
        path, state = request.path, request.state
        if path in (self.column, f"/hanweb/col/col{COLUMN_ID}/"):
            return self.column_page(state)
        if path == self.proxy:
            return self.proxy_page(request)
        if path == "/hanweb/module/download/downfile.jsp":
            name = request.param("filename", "")
            entry = next((e for e in self.entries(state) if f"{self.file_hex(e)}.pdf" == name), None)
            if not entry:
                return not_found()
            return Response(status=302, headers={"Location": f"/hanweb/attach/0/{name}"}, cacheable=False)
        if path.startswith("/hanweb/attach/0/"):
            name = path.rsplit("/", 1)[-1]
            entry = next((e for e in self.entries(state) if f"{self.file_hex(e)}.pdf" == name), None)
            return self.serve_file(entry, "pdf", "all", state) if entry else not_found()
        entry = self.by_path.get(path)
        if entry and state in entry.states:
            return self.article(entry, state)
        return not_found()

    def records(self, state: int, start: int, end: int) -> str:
        entries = self.entries(state)[start - 1 : end]
        return "\n".join(
            f'<record><![CDATA[<li><a href="{e.path}" title="{html.escape(e.title)}" target="_blank">'
            f"{html.escape(e.title)}</a><span>{e.published:%Y-%m-%d}</span></li>]]></record>"
            for e in entries
        )

    def column_page(self, state: int) -> Response:
        total = len(self.entries(state))
        page = HANWEB_COLUMN.format(
            site=self.name,
            total=total,
            pages=-(-total // PER_PAGE),
            records=self.records(state, 1, PER_PAGE),
            proxy=self.proxy,
            column=COLUMN_ID,
            unit=UNIT_ID,
            web=WEB_ID,
            per_page=PER_PAGE,
        )
        return html_page(page)

    def proxy_page(self, request: Request) -> Response:
        """dataproxy.jsp: records startrecord..endrecord (1-based, inclusive) as <datastore> XML."""
        total = len(self.entries(request.state))
        try:
            start = int(request.param("startrecord", "1"))
            end = int(request.param("endrecord", str(start + PER_PAGE - 1)))
            per_page = int(request.param("perpage", str(PER_PAGE)))
        except ValueError:
            return html_page("<html><body>参数错误</body></html>", status=400)
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n'
            f"<totalrecord>{total}</totalrecord>\n<totalpage>{-(-total // per_page)}</totalpage>\n"
            f"<recordset>\n{self.records(request.state, start, end)}\n</recordset>\n</datastore>\n"
        )
        return Response(body=xml.encode(), content_type="text/xml; charset=UTF-8", cacheable=False)

    def article(self, entry: Entry, state: int) -> Response:
        attachments = "".join(
            f'<p>附件：<a href="{path}" target="_blank">{html.escape(entry.title)}.pdf</a></p>'
            for path, _, _ in self.attachments(entry)
        )
        source = entry.report.agency.name if entry.report else self.name
        page = HANWEB_ARTICLE.format(
            site=self.name,
            title=html.escape(entry.title),
            maketime=self.printed_date(entry),
            date=f"{entry.published:%Y-%m-%d}",
            source=source,
            body=self.body_of(entry, state),
            attachments=attachments,
        )
        delay = self.slow_seconds if entry.special == "slow" else 0.0
        return html_page(page, modified=modified_at(entry, state), delay=delay)


HANWEB_COLUMN = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>政府信息公开年报 {site}</title>
<script type="text/javascript" src="/hanweb/module/jslib/jquery/jquery.js"></script>
<script type="text/javascript" src="/hanweb/module/jslib/jquery/jpage/jquery.page.min.js"></script>
</head>
<body>
<div class="top">{site}</div>
<div class="bt-position">您当前的位置：<a href="/hanweb/">首页</a> &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<div id="{unit}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="{proxy}?page=1&appid=1&webid={web}&path=/&columnid={column}&unitid={unit}&webname={site}&permissiontype=0"></a>]]></nextgroup>
<recordset>
{records}
</recordset>
</datastore></script></div>
<script>
$(document).ready(function(){{
  $('#{unit}').jpage({{
    dataStore: document.getElementById('{unit}').getElementsByTagName('script')[0].text,
    proxyUrl: '{proxy}', perPage: {per_page}, totalRecord: {total}, totalPage: {pages},
    ajaxParam: {{col: 1, appid: 1, webid: {web}, path: '/', columnid: {column}, sourceContentType: 1, unitid: '{unit}', webname: '{site}', permissiontype: 0}},
    barPosition: 'bottom', groupSize: 3
  }});
}});
</script>
<div class="foot">主办：{site}办公室</div>
</body>
</html>
"""
HANWEB_ARTICLE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="SiteName" content="{site}">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="{title}">
<meta name="Maketime" content="{maketime}">
<meta name="ContentSource" content="{source}">
<title>{title}</title>
</head>
<body>
<div class="top">{site}</div>
<table class="layout" width="1000"><tr>
<td class="main">
<div class="bt">{title}</div>
<div class="sj">发布日期：{date} 信息来源：{source} 浏览次数：<span id="hits"><script>document.write(0)</script></span></div>
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{body}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
{attachments}
</td>
</tr></table>
<div class="foot">主办：{site}办公室</div>
</body>
</html>
"""
