"""5. Defences and failures: a 加速乐 521 cookie script (passable), a WAF 302 setting a cookie (passable once
cookies are kept), a 瑞数 412 challenge (never passable) and a dead start URL. The two passable ones guard
a plain site paginated by ?page=N with 下一页/尾页 links."""

from __future__ import annotations

import html

from .exchange import Request, Response, html_page, not_found
from .sites import Entry, Site, modified_at

JSL_COOKIE = "__jsl_clearance"
JSL_VALUE = "1764806400.517|0|Hx3kQ7bYx0pL9nCw2%3D"
WAF_COOKIE = "waf_token"
WAF_VALUE = "b3e1c0d2a9f84c67"
PER_PAGE = 2


class PlainSite(Site):
    """A hand-made site: list.html?page=N with 下一页 and 尾页 links, articles with their body in #zoom."""

    column = ""

    def start_urls(self) -> list[str]:
        return [self.column + "list.html?page=1"]

    def article_path(self, entry: Entry) -> str:
        return f"{self.column}content_{entry.number()}.html"

    def list_urls(self, state: int) -> list[str]:
        pages = max(1, -(-len(self.entries(state)) // PER_PAGE))
        return [f"{self.column}list.html?page={n}" for n in range(1, pages + 1)]

    def guard(self, request: Request) -> Response | None:
        return None

    def respond(self, request: Request) -> Response:
        blocked = self.guard(request)
        if blocked:
            return blocked
        if request.path == self.column + "list.html":
            return self.list_page(request)
        entry = self.by_path.get(request.path)
        if entry and request.state in entry.states:
            return self.article(entry, request.state)
        return not_found()

    def list_page(self, request: Request) -> Response:
        entries = self.entries(request.state)
        pages = max(1, -(-len(entries) // PER_PAGE))
        page = request.param("page", "1")
        page = int(page) if page.isdigit() and 1 <= int(page) <= pages else 1
        rows = "\n".join(
            f'<li><a href="{e.path}">{html.escape(e.title)}</a> <span>[{e.published:%Y-%m-%d}]</span></li>'
            for e in entries[(page - 1) * PER_PAGE : page * PER_PAGE]
        )
        nav = f"第{page}页/共{pages}页 "
        if page < pages:
            nav += f'<a href="list.html?page={page + 1}">下一页</a> <a href="list.html?page={pages}">尾页</a>'
        return html_page(PLAIN_LIST.format(site=self.name, rows=rows, nav=nav))

    def article(self, entry: Entry, state: int) -> Response:
        page = PLAIN_ARTICLE.format(
            site=self.name,
            title=html.escape(entry.title),
            date=self.printed_date(entry),
            source=entry.agency,
            body=self.body_of(entry, state),
        )
        return html_page(page, modified=modified_at(entry, state))


class JslSite(PlainSite):
    key, prefix, name, style, defence = "jsl", "/jsl/", "金川区人民政府", "plain", "jsl-521"
    column = "/jsl/xxgk/nb/"

    def guard(self, request: Request) -> Response | None:
        if request.cookies.get(JSL_COOKIE) == JSL_VALUE:
            return None
        script = (
            f"<html><body><script>document.cookie='{JSL_COOKIE}={JSL_VALUE};max-age=3600;path=/';"
            "location.href=location.pathname+location.search</script></body></html>"
        )
        return html_page(
            script,
            status=521,
            headers={"Set-Cookie": "__jsluid_h=6b2c5f0e9d1a4b3c8e7f; max-age=31536000; path=/; HttpOnly"},
            cacheable=False,
        )


class WafSite(PlainSite):
    key, prefix, name, style, defence = "waf", "/waf/", "玉泉区人民政府", "plain", "waf-302"
    column = "/waf/gknb/"

    def guard(self, request: Request) -> Response | None:
        if request.cookies.get(WAF_COOKIE) == WAF_VALUE:
            return None
        target = request.path + (
            ("?" + "&".join(f"{k}={v}" for k, v in request.query.items())) if request.query else ""
        )
        return Response(
            status=302,
            headers={"Location": target, "Set-Cookie": f"{WAF_COOKIE}={WAF_VALUE}; Path=/"},
            cacheable=False,
        )


class RuishuSite(Site):
    """Every request answers 412 with the 瑞数 bootstrap and a cookie ending in S: never passable."""

    key, prefix, name, style, defence = "rs", "/rs/", "石门区人民政府", "none", "blocked"

    def start_urls(self) -> list[str]:
        return ["/rs/zwgk/xxgknb/index.html"]

    def article_path(self, entry: Entry) -> str:
        return ""

    def respond(self, request: Request) -> Response:
        return html_page(
            RUISHU_PAGE,
            status=412,
            headers={"Set-Cookie": "FSSBBIl1UgzbN7N80S=Xr3.lKdNh0vWq2d0s7n1cZ4rQe; Path=/; HttpOnly"},
            cacheable=False,
        )


class DeadSite(Site):
    """The column moved in a redesign: the registry's start URL is a 404."""

    key, prefix, name, style, defence = "dead", "/dead/", "白沙区人民政府", "none", "dead"

    def start_urls(self) -> list[str]:
        return ["/dead/xxgk/xxgknb/"]

    def article_path(self, entry: Entry) -> str:
        return ""

    def respond(self, request: Request) -> Response:
        return not_found()


RUISHU_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta id="FSSBBIl1UgzbN7N" content="DbyLbQ9VvZaHvsUfe3oxAg">
<script type="text/javascript" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=47251;$_ts.cd="qXbdrrAlcs3";</script>
<script type="text/javascript" charset="utf-8" src="/4QbVtADbnLVI/c.FxJzG50F.js" r='m'></script>
</head><body></body></html>
"""
PLAIN_LIST = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>政府信息公开年报-{site}</title></head>
<body>
<div class="top">{site}</div>
<ul class="news-list">
{rows}
</ul>
<div class="pages">{nav}</div>
</body></html>
"""
PLAIN_ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}-{site}</title></head>
<body>
<div class="top">{site}</div>
<h1>{title}</h1>
<div class="info">发布时间：{date}　来源：{source}</div>
<div id="zoom">
{body}
</div>
</body></html>
"""
