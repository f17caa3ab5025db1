"""3. A province-wide platform in the gkmlpt style: one sub-column per department, a JSON list API, and
reports published only as PDF or DOCX attachments (one page holding two: the text and its 附件 tables)."""

from __future__ import annotations

import html
import json

from .exchange import Request, Response, html_page, not_found
from .reports import AGENCIES
from .sites import Entry, Site, modified_at

SID = "7560001"
PER_PAGE = 5
FIRST_CATEGORY = 2844


class GkmlptSite(Site):
    key, prefix, name, style = "gkmlpt", "/gkmlpt/", "岭南市人民政府信息公开平台", "gkmlpt"

    def __init__(self):
        self.categories = {
            FIRST_CATEGORY + i: agency.name for i, agency in enumerate(a for a in AGENCIES if a.portal == self.key)
        }
        super().__init__()

    def start_urls(self) -> list[str]:
        return ["/gkmlpt/index"]

    def list_urls(self, state: int) -> list[str]:
        urls = self.start_urls()
        for category in self.categories:
            count = sum(1 for e in self.entries(state) if self.category_of(e) == category)
            urls += [
                f"/gkmlpt/api/all/{category}?page={n}&sid={SID}" for n in range(1, max(1, -(-count // PER_PAGE)) + 1)
            ]
        return urls

    def article_path(self, entry: Entry) -> str:
        number = 9100000 + entry.number(5)
        return f"/gkmlpt/content/{number // 1000000}/{number // 1000}/post_{number}.html"

    def post_number(self, entry: Entry) -> int:
        return int(entry.path.rsplit("_", 1)[-1][: -len(".html")])

    def attachments(self, entry: Entry) -> list[tuple[str, str, str]]:
        if not entry.report or entry.report.format == "html":
            return []
        number = self.post_number(entry)
        folder = f"/gkmlpt/attachment/0/{number // 10000}/{number}"
        if entry.report.format == "two-files":
            return [(f"{folder}_1.docx", "docx", "text"), (f"{folder}_2.pdf", "pdf", "tables")]
        return [(f"{folder}.{entry.report.format}", entry.report.format, "all")]

    def category_of(self, entry: Entry) -> int:
        return next(cid for cid, name in self.categories.items() if name == entry.agency)

    def respond(self, request: Request) -> Response:
        path, state = request.path, request.state
        if path in ("/gkmlpt/index", "/gkmlpt/", "/gkmlpt/index.html"):
            return self.index_page()
        if path.startswith("/gkmlpt/api/all/"):
            return self.api(request)
        if path.startswith("/gkmlpt/attachment/"):
            for entry in self.entries(state):
                for file_path, fmt, part in self.attachments(entry):
                    if file_path == path:
                        return self.serve_file(entry, fmt, part, state)
            return not_found()
        entry = self.by_path.get(path)
        if entry and state in entry.states:
            return self.article(entry, state)
        return not_found()

    def index_page(self) -> Response:
        tree = [{"id": cid, "name": name, "parent": 0} for cid, name in self.categories.items()]
        page = GKMLPT_INDEX.format(sid=SID, tree=json.dumps(tree, ensure_ascii=False), site=self.name)
        return html_page(page)

    def api(self, request: Request) -> Response:
        category = request.path.rsplit("/", 1)[-1]
        if not category.isdigit() or int(category) not in self.categories or request.param("sid") != SID:
            return json_response({"code": 404, "msg": "栏目不存在"}, status=404)
        try:
            page = max(1, int(request.param("page", "1")))
        except ValueError:
            page = 1
        entries = [e for e in self.entries(request.state) if self.category_of(e) == int(category)]
        host = f"http://{request.host}"
        articles = [self.article_json(e, host) for e in entries[(page - 1) * PER_PAGE : page * PER_PAGE]]
        body = {
            "classify": {"id": int(category), "name": self.categories[int(category)], "post_count": len(entries)},
            "articles": articles,
            "page": page,
            "size": PER_PAGE,
        }
        return json_response(body)

    def article_json(self, entry: Entry, host: str) -> dict:
        return {
            "id": self.post_number(entry),
            "title": entry.title,
            "url": host + entry.path,
            "created_at": self.printed_date(entry),
            "identifier": self.identifier(entry),
            "publisher": entry.agency,
            "attachment": [
                {"name": f"{entry.title}{'（附件）' if part == 'tables' else ''}.{fmt}", "url": host + path}
                for path, fmt, part in self.attachments(entry)
            ],
        }

    def identifier(self, entry: Entry) -> str:
        return f"1144190000723{self.post_number(entry) % 1000:03d}K/{entry.published.year}-{self.post_number(entry)}"

    def article(self, entry: Entry, state: int) -> Response:
        links = "".join(
            f'<li><a href="{path}" target="_blank">{html.escape(entry.title)}{"（附件）" if part == "tables" else ""}.{fmt}</a></li>'
            for path, fmt, part in self.attachments(entry)
        )
        page = GKMLPT_ARTICLE.format(
            site=self.name,
            title=html.escape(entry.title),
            pubdate=self.printed_date(entry),
            date=f"{entry.published:%Y-%m-%d}",
            publisher=entry.agency,
            identifier=self.identifier(entry),
            body=self.body_of(entry, state),
            attachments=f'<div class="attachment"><p>附件：</p><ul>{links}</ul></div>' if links else "",
        )
        return html_page(page, modified=modified_at(entry, state))


def json_response(data: dict, status: int = 200) -> Response:
    return Response(
        status=status,
        body=json.dumps(data, ensure_ascii=False).encode(),
        content_type="application/json;charset=UTF-8",
        cacheable=False,
    )


GKMLPT_INDEX = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{site}</title>
<script>
window._CONFIG = {{SID: "{sid}", API: "/gkmlpt/api/all/"}};
window.TREE = {tree};
</script>
<script src="/gkmlpt/static/js/app.js"></script>
</head>
<body>
<div id="app"><noscript>请开启浏览器的JavaScript功能</noscript></div>
</body>
</html>
"""
GKMLPT_ARTICLE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{pubdate}">
<meta name="ContentSource" content="{publisher}">
<title>{title}</title>
</head>
<body>
<div class="header">{site}</div>
<div class="introduce">
<table>
<tr><td>索引号：</td><td>{identifier}</td><td>分类：</td><td>政府信息公开年报</td></tr>
<tr><td>发布机构：</td><td>{publisher}</td><td>成文日期：</td><td>{date}</td></tr>
<tr><td>名称：</td><td colspan="3">{title}</td></tr>
<tr><td>文号：</td><td></td><td>发布日期：</td><td>{date}</td></tr>
</table>
</div>
<div class="content">
<h1 class="title">{title}</h1>
<div class="article-content">
{body}
</div>
{attachments}
</div>
</body>
</html>
"""
