"""Every common way a portal's list continues on further pages (shared/spec/portals.md): pure functions
over a page's text or selector and its URL, returning the URLs (or request parameters) of the other pages.

- TRS: ``createPageHTML(N, cur, "index", "html")`` or ``var countPage = N`` → index.html, index_1.html …
- "下一页" / "下页" links and numbered pager links (?page=N, pageNo …)
- Hanweb jcms: ``<datastore>`` XML in the column page, the rest from dataproxy.jsp in ranges
- gkmlpt: JSON ``/gkmlpt/api/all/{category}?page=N&sid=…`` with ``classify.post_count``
- VSB: ``list.htm`` then ``list/N.htm`` … ``list/1.htm``, numbers counting down

Past the end portals answer a stub or the same page again: the declared total is trusted, and a page
that brings no new links ends a "下一页" chain (the spider's side).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

TRS_SCRIPT = re.compile(
    r"createPageHTML\s*\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"](\w+)['\"]\s*,\s*['\"](\w+)['\"]"
)
COUNT_PAGE = re.compile(r"(?:var\s+)?countPage\s*=\s*['\"]?(\d+)")
PAGE_PREFIX = re.compile(r"(?:var\s+)?(?:pagePrefix|prefix)\s*=\s*['\"](\w+)['\"]")
NEXT_TEXT = re.compile(r"^\s*(下一页|下页|后一页|下一頁|next\s*page|next|>|›|»)\s*$", re.I)
PAGER_CLASS = re.compile(r"page|pag|fenye|pager", re.I)
PAGE_PARAM = re.compile(r"(?:^|&)(page|pageNo|pageno|cur_page|curPage|pageIndex|pagenum|p)=\d+", re.I)
MAX_PAGES = 500  # a declared count beyond this is a broken script, not a column


def trs_pages(text: str, url: str) -> list[str]:
    """The pages a TRS list declares in its paging script, first page (index.html) included."""
    match = TRS_SCRIPT.search(text)
    if match:
        count, prefix, suffix = int(match.group(1)), match.group(3), match.group(4)
    else:
        count_match = COUNT_PAGE.search(text)
        if not count_match:
            return []
        count = int(count_match.group(1))
        prefix_match = PAGE_PREFIX.search(text)
        prefix = prefix_match.group(1) if prefix_match else "index"
        suffix = url.rsplit(".", 1)[-1] if url.rsplit("/", 1)[-1].count(".") else "html"
    count = min(count, MAX_PAGES)
    return [urljoin(url, f"{prefix}.{suffix}" if n == 0 else f"{prefix}_{n}.{suffix}") for n in range(count)]


def next_links(page: Selector, url: str) -> list[str]:
    """ "下一页"-style links and the numbered links of a pager (an element whose class or id says page)."""
    found = []
    for anchor in page.css("a[href]"):
        href = anchor.attrib["href"].strip()
        if not href or href.startswith(("javascript:", "#")):
            continue
        text = " ".join(anchor.css("::text").getall()).strip()
        target = urljoin(url, href)
        if NEXT_TEXT.match(text) or (text.isdigit() and _in_pager(anchor)) or _numbered_sibling(target, url):
            if target != url and target not in found:
                found.append(target)
    return found


def _in_pager(anchor: Selector) -> bool:
    for el in anchor.xpath("ancestor::*[@class or @id][position() <= 3]"):
        if PAGER_CLASS.search((el.attrib.get("class") or "") + " " + (el.attrib.get("id") or "")):
            return True
    return False


def _numbered_sibling(target: str, url: str) -> bool:
    """A link to the same path with another ?page=N (pageNo, cur_page …)."""
    a, b = urlsplit(target), urlsplit(url)
    if a.path != b.path or a.netloc != b.netloc or not PAGE_PARAM.search(a.query):
        return False
    strip = lambda q: [(k, v) for k, v in parse_qsl(q) if not PAGE_PARAM.search(f"{k}=0")]
    return strip(a.query) == strip(b.query)


VSB_PAGE = re.compile(r"/(\w+)/(\d+)\.htm$")


def vsb_pages(page: Selector, url: str) -> list[str]:
    """VSB (博达) lists: ``list.htm`` links ``list/N.htm`` for its older pages, N counting down to 1;
    every number from the highest linked down to 1 is a page."""
    parts = urlsplit(url)
    stem = parts.path.rsplit("/", 1)[-1]
    if not stem.endswith(".htm"):
        return []
    name = stem[: -len(".htm")]
    top = 0
    for href in page.css("a::attr(href)").getall():
        match = VSB_PAGE.search(urlsplit(urljoin(url, href.strip())).path)
        if match and match.group(1) == name:
            top = max(top, int(match.group(2)))
    top = min(top, MAX_PAGES)
    return [urljoin(url, f"{name}/{n}.htm") for n in range(top, 0, -1)]


# --- Hanweb jcms ------------------------------------------------------------------------------

DATASTORE = re.compile(r"<datastore>(.*?)</datastore>", re.S)
RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
TOTAL_RECORD = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>")
NEXT_GROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.S)
PROXY_HREF = re.compile(r"""(?:href|url)\s*[=:]\s*['"]([^'"]*dataproxy\.jsp[^'"]*)['"]""", re.I)
PER_PAGE = re.compile(r"perpage\s*[:=]\s*['\"]?(\d+)", re.I)
TOTAL_IN_SCRIPT = re.compile(r"totalrecord\s*[:=]\s*['\"]?(\d+)", re.I)
AJAX_PARAM = re.compile(r"ajaxParam\s*[:=]\s*\{([^}]*)\}", re.I)
PARAM_PAIR = re.compile(r"""(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([\w./-]+))""")
PROXY_FIELDS = ("col", "appid", "webid", "path", "columnid", "sourceContentType", "unitid", "webname", "permissiontype")


@dataclass
class Datastore:
    """What a Hanweb column page (or a dataproxy answer) holds: its records' HTML and where the rest is."""

    records: list[str]
    total: int | None = None
    proxy_url: str | None = None
    form: dict = field(default_factory=dict)
    per_page: int = 15


def hanweb_datastore(text: str, url: str) -> Datastore | None:
    """The embedded ``<datastore>`` of a jcms column page, or a dataproxy.jsp answer; None without one."""
    block = DATASTORE.search(text)
    if not block:
        return None
    body = block.group(1)
    total = TOTAL_RECORD.search(body) or TOTAL_IN_SCRIPT.search(text)
    store = Datastore(records=RECORD.findall(body), total=int(total.group(1)) if total else None)
    proxy = _proxy_href(NEXT_GROUP.search(body), text)
    if proxy:
        proxy_url = urljoin(url, proxy)
        parts = urlsplit(proxy_url)
        store.proxy_url = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        store.form = {k: v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k in PROXY_FIELDS}
    elif "/col/col" in url:
        store.proxy_url = urljoin(url, "/module/web/jpage/dataproxy.jsp")
    ajax = AJAX_PARAM.search(text)  # jpage's own parameters: {col: 1, appid: 1, webid: 4, columnid: 1234 …}
    if ajax:
        for key, *values in PARAM_PAIR.findall(ajax.group(1)):
            store.form.setdefault(key, next(v for v in values if v) if any(values) else "")
    column = re.search(r"/col/col(\d+)/", url)
    if column:
        store.form.setdefault("col", "1")
        store.form.setdefault("columnid", column.group(1))
    per_page = PER_PAGE.search(text)
    if per_page:
        store.per_page = int(per_page.group(1)) or 15
    return store


def _proxy_href(next_group, text: str) -> str | None:
    for source in (next_group.group(1) if next_group else "", text):
        match = PROXY_HREF.search(source)
        if match:
            return match.group(1).replace("&amp;", "&")
    return None


def hanweb_ranges(store: Datastore, batch_pages: int = 3) -> list[dict]:
    """The dataproxy requests for the records the column page does not embed: query parameters
    startrecord/endrecord/perpage in ranges of ``batch_pages`` pages (what jcms's own pager asks)."""
    if not store.proxy_url or not store.total:
        return []
    step = store.per_page * batch_pages
    return [
        {"startrecord": start, "endrecord": min(start + step - 1, store.total), "perpage": store.per_page}
        for start in range(len(store.records) + 1, store.total + 1, step)
    ]


def hanweb_proxy_url(store: Datastore, params: dict) -> str:
    return f"{store.proxy_url}?{urlencode(params)}"


# --- gkmlpt (Guangdong platform) ----------------------------------------------------------------

GKMLPT_API = re.compile(r"""(/gkmlpt/api/all/(\d+))(?:\?[^'"\s<>]*)?""")
GKMLPT_SID = re.compile(r"""\bsid\b['"]?\s*[:=]\s*['"]?(\w+)""", re.I)


GKMLPT_TREE = re.compile(r"\bTREE\s*=\s*(?=[\[{])")


def gkmlpt_api_urls(text: str, url: str) -> list[str]:
    """The first page of every JSON list a gkmlpt page names: ``/gkmlpt/api/all/{category}`` URLs in
    its text, or one per department sub-column of its ``window.TREE``, each with the page's SID."""
    sid = GKMLPT_SID.search(text)
    query = {"page": 1, **({"sid": sid.group(1)} if sid else {})}
    categories = [match.group(2) for match in GKMLPT_API.finditer(text)] + gkmlpt_tree_ids(text)
    if not categories:
        return []
    base = urljoin(url, "/gkmlpt/api/all/") if "/gkmlpt/" not in url else url.split("/gkmlpt/")[0] + "/gkmlpt/api/all/"
    urls = [f"{base}{category}?{urlencode(query)}" for category in categories]
    return list(dict.fromkeys(urls))


def gkmlpt_tree_ids(text: str) -> list[str]:
    """The category ids of a ``window.TREE = [...]`` column tree (children included)."""
    match = GKMLPT_TREE.search(text)
    if not match:
        return []
    try:
        tree, _ = json.JSONDecoder().raw_decode(text, match.end())
    except ValueError:
        return []
    ids, stack = [], [tree]
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "id" in node:
                ids.append(str(node["id"]))
            stack.extend(v for v in node.values() if isinstance(v, list | dict))
    return ids


@dataclass
class GkmlptPage:
    articles: list[dict]
    total: int | None
    page_urls: list[str]  # the other pages of the same list


def gkmlpt_page(body: str, url: str) -> GkmlptPage:
    """A gkmlpt JSON answer: its articles and, from ``classify.post_count``, every page of the list."""
    data = json.loads(body)
    articles = data.get("articles") or []
    total = (data.get("classify") or {}).get("post_count")
    if total is None:
        total = data.get("total")
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    current = int(query.get("page") or 1)
    page_urls = []
    if total and articles and current == 1:
        per_page = len(articles)
        pages = min(math.ceil(int(total) / per_page), MAX_PAGES)
        for n in range(2, pages + 1):
            page_urls.append(urlunsplit((*parts[:3], urlencode({**query, "page": n}), "")))
    return GkmlptPage(articles=articles, total=total, page_urls=page_urls)
