"""4. A legacy county site on 博达 VSB, in GBK with the charset only in <meta>: list pages numbered
downward, attachments behind a download URL with no extension, a scanned report, one broken page."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from .exchange import Request, Response, html_page, not_found
from .sites import Entry, Site, modified_at, relative_link

PER_PAGE = 5
OWNER = 1085


class VsbSite(Site):
    key, prefix, name, style = "vsb", "/vsb/", "青石县人民政府", "vsb"
    column = "/vsb/xxgk/zfxxgknb/"
    download = "/vsb/system/_content/download.jsp"
    specials = {"qs-wlj-2024": "broken"}

    def start_urls(self) -> list[str]:
        return [self.column + "list.htm"]

    def list_urls(self, state: int) -> list[str]:
        pages = self.pages(state)
        return [self.list_path(page, pages) for page in range(1, pages + 1)]

    def article_path(self, entry: Entry) -> str:
        return f"/vsb/info/{OWNER}/{entry.number(5)}.htm"

    def file_id(self, entry: Entry) -> int:
        return entry.number(7)

    def attachments(self, entry: Entry) -> list[tuple[str, str, str]]:
        if entry.report and entry.report.format != "html":
            query = f"urltype=news.DownloadAttachUrl&owner={OWNER}{entry.number(5)}&wbfileid={self.file_id(entry)}"
            return [(f"{self.download}?{query}", entry.report.format, "all")]
        return []

    def printed_date(self, entry: Entry) -> str:
        return f"{entry.published:%Y年%m月%d日 %H:%M}"

    def pages(self, state: int) -> int:
        return max(1, -(-len(self.entries(state)) // PER_PAGE))

    def list_path(self, page: int, pages: int) -> str:
        """Page 1 is list.htm; page p after it is list/{pages - p + 1}.htm (numbers count down)."""
        return self.column + ("list.htm" if page == 1 else f"list/{pages - page + 1}.htm")

    def respond(self, request: Request) -> Response:
        path, state = request.path, request.state
        pages = self.pages(state)
        for page in range(1, pages + 1):
            if path == self.list_path(page, pages):
                return self.list_page(page, pages, state)
        if path == self.download:
            wanted = request.param("wbfileid", "")
            for entry in self.entries(state):
                if entry.report and entry.report.format != "html" and str(self.file_id(entry)) == wanted:
                    return self.download_file(entry, state)
            return not_found()
        entry = self.by_path.get(path)
        if entry and state in entry.states:
            return self.article(entry, state)
        return not_found()

    def list_page(self, page: int, pages: int, state: int) -> Response:
        here = self.list_path(page, pages)
        entries = self.entries(state)[(page - 1) * PER_PAGE : page * PER_PAGE]
        rows = "\n".join(
            f'<li id="line_u8_{i}"><a href="{_link(here, e.path)}" target="_blank" title="{html.escape(e.title)}">'
            f"{html.escape(e.title)}</a><span>{e.published:%Y-%m-%d}</span></li>"
            for i, e in enumerate(entries)
        )
        link = lambda p, text: f'<a href="{_link(here, self.list_path(p, pages))}">{text}</a>'
        nav = [f'<span class="p_t">共{len(self.entries(state))}条</span> <span class="p_t">{page}/{pages}</span>']
        nav.append(link(1, "首页") if page > 1 else '<span class="p_first_d">首页</span>')
        nav.append(link(page - 1, "上页") if page > 1 else '<span class="p_prev_d">上页</span>')
        nav.append(link(page + 1, "下页") if page < pages else '<span class="p_next_d">下页</span>')
        nav.append(link(pages, "尾页") if page < pages else '<span class="p_last_d">尾页</span>')
        text = VSB_LIST.format(site=self.name, rows=rows, nav=" ".join(nav))
        return html_page(text, encoding="gbk")

    def article(self, entry: Entry, state: int) -> Response:
        attachments = "".join(
            f'<li>附件【<a href="{path}" target="_blank">{html.escape(entry.title)}.{"pdf" if fmt != "docx" else "docx"}</a>】'
            f'已下载<span id="nattach{self.file_id(entry)}"><script>getClickTimes({self.file_id(entry)},{OWNER},"wbnewsfile","attach")</script></span>次</li>'
            for path, fmt, _ in self.attachments(entry)
        )
        source = entry.report.agency.name if entry.report else self.name
        body = self.body_of(entry, state)
        text = VSB_ARTICLE.format(
            site=self.name,
            title=html.escape(entry.title),
            date=self.printed_date(entry),
            source=source,
            body=body,
            attachments=f'<ul style="list-style-type:none;">{attachments}</ul>' if attachments else "",
        )
        if entry.special == "broken":
            text = break_html(text)
        return html_page(text, encoding="gbk", modified=modified_at(entry, state))

    def download_file(self, entry: Entry, state: int) -> Response:
        """No extension in the URL: the type is in Content-Disposition, a GBK file name percent-encoded."""
        extension = "docx" if entry.report.format == "docx" else "pdf"
        name = quote(f"{entry.title}.{extension}".encode("gbk"))
        response = self.serve_file(entry, entry.report.format, "all", state)
        response.content_type = "application/octet-stream"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def break_html(text: str) -> str:
    """The markup of an old editor: closing tags of spans, cells and rows left out (HTML 4 lets a page
    omit </td> and </tr>), the body and html never closed."""
    text = re.sub(r"</(span|td|tr)>", "", text)
    return text.replace("</body>", "").replace("</html>", "")


def _link(here: str, target: str) -> str:
    """A relative link as VSB writes it: list/4.htm, 3.htm, ../list.htm, ../../info/1085/19513.htm."""
    return relative_link(here, target).removeprefix("./")


VSB_LIST = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML><HEAD><TITLE>政府信息公开年报-{site}</TITLE>
<META http-equiv="Content-Type" content="text/html; charset=gbk">
<META Name="keywords" Content="{site}">
</HEAD>
<BODY>
<div class="top">{site}</div>
<div class="dqwz">当前位置: <a href="/vsb/">首页</a> &gt;&gt; 政府信息公开 &gt;&gt; 政府信息公开年报</div>
<ul class="list">
{rows}
</ul>
<div class="pb_sys_common pb_sys_normal pb_sys_style1">{nav}</div>
<div class="foot">版权所有：{site}</div>
</BODY></HTML>
"""
VSB_ARTICLE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML><HEAD><TITLE>{title}-{site}</TITLE>
<META http-equiv="Content-Type" content="text/html; charset=gbk">
<script language="javascript" src="/vsb/system/resource/js/counter.js"></script>
</HEAD>
<BODY>
<div class="top">{site}</div>
<form name="_newscontent_fromname">
<div class="content-title"><h1>{title}</h1></div>
<div class="content-info">时间：{date}　作者：　来源：{source}　点击数：<script>_showDynClicks("wbnews", 1085, 19513)</script></div>
<div id="vsb_content"><div class="v_news_content">
{body}
</div></div>
{attachments}
</form>
<div class="foot">版权所有：{site}</div>
</BODY></HTML>
"""
