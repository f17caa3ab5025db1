"""Which links of a portal page lead to reports, to report columns or to attachments: pure functions
over parsel selectors (no Scrapy engine), tested on frozen HTML.

Reports are picked by their title, not by the column they sit in (shared/spec/portals.md): a column
holds look-alikes (政府网站工作年度报表, 法治政府建设年度报告 …) and pinned items beside the reports.
Example::

    entries = report_entries(Selector(text=html), "http://127.0.0.1/xxgk/xxgknb/index.html")
    [(e.title, e.kind) for e in entries]
    [('西夏区信访局2024年政府信息公开工作年度报告', 'report'), ('2024年政府网站工作年度报表', 'lookalike')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlsplit

from parsel import Selector

REPORT_WORDS = re.compile(r"(政府信息公开|政务公开|信息公开).{0,8}(年度报告|年报|工作报告)|公开年报|年度报告|年报")
LOOKALIKE = re.compile(
    r"网站.{0,6}年度报表|网站工作年度报告|法治政府|依法行政|住房公积金|决算|预算|工作要点|统计公报|国民经济|社会信用|"
    r"新闻发布|工作总结|述职|履职"
)
YEAR = re.compile(r"(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}")
CUT = re.compile(r"(\.{2,}|…+|。。+)$")  # list titles cut short: 西夏区信访局2024年政府信息公...
COLUMN_NAME = re.compile(
    r"^(政府)?信息公开(工作)?(年度报告|年报)$|^(政府信息|政务)?公开年报$|^年度报告$|^年报$|^政府信息公开工作年度报告$"
)
COLUMN_SLUG = re.compile(r"/(xxgknb|zfxxgknb|gknb|nb|xxgkndbg|ndbg)(?:\d{4})?(?:/|$|\.s?html?$|_)", re.I)
DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
SPACE = re.compile(r"\s+")
ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".wps", ".ofd", ".xls", ".xlsx", ".et", ".zip", ".rar")
REPORT_FILE_SUFFIXES = (".pdf", ".doc", ".docx", ".wps", ".ofd")
DOWNLOAD_PATH = re.compile(r"downfile\.jsp|download|/attach(ment)?/|fileDown|getfile|DownLoad", re.I)
NOT_CONTENT = re.compile(r"^(javascript:|mailto:|tel:|#)", re.I)
MAX_ATTACHMENTS = 6


@dataclass(frozen=True)
class Entry:
    """A link a list page shows: where it leads, its full title, the date printed beside it."""

    url: str
    title: str
    listed_date: str | None = None
    kind: str = "report"  # report (worth opening), lookalike (kept in listings only)


@dataclass(frozen=True)
class Attachment:
    url: str
    name: str  # the anchor's text or the file name: the name the bytes are parsed under


def clean(text: str | None) -> str:
    return SPACE.sub(" ", (text or "").replace("\u3000", " ")).strip()


def title_kind(title: str) -> str | None:
    """ "report" for a title that may name an annual report of a year, "lookalike" for the reports that
    sit beside them and are not (网站年度报表, 法治政府建设年度报告 …), None for anything else."""
    title = clean(title)
    if not title:
        return None
    cut = bool(CUT.search(title))
    if LOOKALIKE.search(title):
        return "lookalike"
    if REPORT_WORDS.search(title) and (YEAR.search(title) or cut):
        return "report"
    if cut and YEAR.search(title) and re.search(r"信息公|政务公|年度|年报", title):
        return "report"  # the cut took the words away; the page will tell
    return None


def listed_date(text: str) -> str | None:
    """The first date printed in ``text`` as YYYY-MM-DD."""
    match = DATE.search(text or "")
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def link_title(anchor: Selector) -> str:
    """The full title of a link: its title= attribute (list text is cut with ...), else its text."""
    attribute = clean(anchor.attrib.get("title"))
    text = clean(" ".join(anchor.css("::text").getall()))
    if attribute and (len(attribute) >= len(text) or CUT.search(text)):
        return attribute
    return text or attribute


def report_entries(page: Selector, base_url: str) -> list[Entry]:
    """Links whose title names an annual report (or a look-alike of one), each with the date printed in
    its list row; one entry per URL, the longest title kept."""
    found: dict[str, Entry] = {}
    for anchor in page.css("a[href]"):
        href = anchor.attrib["href"].strip()
        if NOT_CONTENT.match(href):
            continue
        title = link_title(anchor)
        kind = title_kind(title)
        if not kind:
            continue
        url = urljoin(base_url, href)
        entry = Entry(url=url, title=title, listed_date=row_date(anchor), kind=kind)
        known = found.get(url)
        if not known or len(title) > len(known.title):
            found[url] = entry
    return list(found.values())


def row_date(anchor: Selector) -> str | None:
    """The date printed in the link's list row (li, tr, dd or its parent), not in its title."""
    for row in anchor.xpath("ancestor::*[self::li or self::tr or self::dd or self::dl][1]") or anchor.xpath(".."):
        texts = [clean(t) for t in row.xpath(".//text()").getall()]
        title_texts = set(clean(t) for t in anchor.xpath(".//text()").getall())
        others = " ".join(t for t in texts if t and t not in title_texts)
        date = listed_date(others)
        if date:
            return date
    return None


def column_links(page: Selector, base_url: str) -> list[str]:
    """Links to annual-report columns: named 政府信息公开年报 and the like without a year, or with a
    column slug (xxgknb, zfxxgknb, gknb …) in their URL."""
    urls = []
    for anchor in page.css("a[href]"):
        href = anchor.attrib["href"].strip()
        if NOT_CONTENT.match(href):
            continue
        title = link_title(anchor)
        url = urljoin(base_url, href)
        by_name = bool(COLUMN_NAME.match(title.replace(" ", ""))) or (
            bool(REPORT_WORDS.search(title)) and not YEAR.search(title) and len(title) <= 16
        )
        by_slug = bool(COLUMN_SLUG.search(urlsplit(url).path)) and not title_kind(title) and not is_article_url(url)
        if (by_name or by_slug) and not is_attachment_url(url) and url not in urls:
            urls.append(url)
    return urls


ARTICLE_URL = re.compile(
    r"/t\d{8}_\d+\.s?html?$|/art_\d+_\d+\.html$|/art_[0-9a-f]{32}\.html$|/post_\d+\.html$|/info/\d+/\d+\.htm$"
    r"|/content/.+\.s?html?$|/c\d+/content\.s?html$|/\d{6,}/[\w-]+\.s?html?$"
)


def is_article_url(url: str) -> bool:
    """An article URL of a known CMS family (TRS t2025…, Hanweb art_, gkmlpt post_, VSB info/…)."""
    return bool(ARTICLE_URL.search(urlsplit(url).path))


def is_attachment_url(url: str) -> bool:
    parts = urlsplit(url)
    path = parts.path.lower()
    if path.endswith(ATTACHMENT_SUFFIXES) or DOWNLOAD_PATH.search(parts.path):
        return True
    # pdf.js viewers and download scripts carry the file in the query (viewer.html?file=…pdf)
    return any(v.lower().endswith(ATTACHMENT_SUFFIXES) for values in parse_qs(parts.query).values() for v in values)


def attachment_links(page: Selector, base_url: str) -> list[Attachment]:
    """The files an article page links to or embeds that may hold the report (pdf, doc, docx, wps, ofd,
    download URLs with no extension); spreadsheets and archives are left out, as are look-alikes."""
    found: dict[str, Attachment] = {}
    sources = [(a.attrib.get("href", ""), link_title(a)) for a in page.css("a[href]")]
    sources += [(el.attrib.get("src", ""), "") for el in page.css("iframe[src], embed[src]")]
    sources += [(el.attrib.get("data", ""), "") for el in page.css("object[data]")]
    for href, text in sources:
        href = href.strip()
        if not href or NOT_CONTENT.match(href):
            continue
        url = viewer_file(urljoin(base_url, href))
        if not is_attachment_url(url) or LOOKALIKE.search(text):
            continue
        name = attachment_name(url, text)
        if name.lower().endswith(ATTACHMENT_SUFFIXES) and not name.lower().endswith(REPORT_FILE_SUFFIXES):
            continue
        found.setdefault(url, Attachment(url=url, name=name))
    return list(found.values())[:MAX_ATTACHMENTS]


def viewer_file(url: str) -> str:
    """The file a pdf.js viewer shows (viewer.html?file=/a/b.pdf), else the URL itself."""
    parts = urlsplit(url)
    if "viewer" in parts.path.lower():
        files = parse_qs(parts.query).get("file")
        if files:
            return urljoin(url, files[0])
    return url


def attachment_name(url: str, text: str) -> str:
    """A name for the file's bytes: the anchor text when it names a file, else the URL's last segment
    (Hanweb's downfile.jsp?filename=abc.pdf included)."""
    text = clean(text)
    if text.lower().endswith(ATTACHMENT_SUFFIXES):
        return text
    parts = urlsplit(url)
    for values in parse_qs(parts.query).values():
        for value in values:
            if value.lower().endswith(ATTACHMENT_SUFFIXES):
                return value.rsplit("/", 1)[-1]
    segment = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return segment or text or "attachment"
