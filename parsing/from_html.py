"""HTML report pages to a :class:`Document`: text blocks and table rows in reading order.

Report tables are the innermost ``<table>`` elements; each ``<tr>`` becomes one row block listing
its ``<td>``/``<th>`` cells once each, as printed (no rowspan/colspan expansion, blanks kept as "").
Everything else outside them becomes text blocks, one per block-level element or ``<br>`` line.

Portals wrap the report in navigation, related-links lists (full of other reports' titles) and
footers; crawlers add their own headers. When a known body container is present only its content is
kept, preceded by the article title and the visible publication-date line.
"""
from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from parsing.decode import decode_html
from parsing.document import Block, Document, UnreadableDocument

__all__ = ["extract"]

DROPPED_TAGS = {"script", "style", "noscript", "head", "title", "template", "select", "option",
                "textarea", "button", "iframe", "object", "embed", "svg", "nav", "aside"}
BLOCK_TAGS = {"html", "body", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
              "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
              "section", "article", "header", "footer", "main", "blockquote", "pre", "address",
              "form", "fieldset", "legend", "center", "hr", "figure", "figcaption", "details",
              "summary"}
CELL_TAGS = {"td", "th"}
# Body containers of the CMS families in shared/spec/portals.md (class or id, lower-cased).
# "zoom" only as an id: as a class it also names font-size widgets.
CONTAINER_NAMES = {"trs_editor", "trs_editor_view", "article-content", "ucap-content",
                   "pages_content", "vsb_content"}
CONTAINER_IDS = {"zoom"}
CONTAINER_TAGS = {"ucapcontent"}
HANWEB_BEGIN, HANWEB_END = "ZJEG_RSS.content.begin", "ZJEG_RSS.content.end"
TITLE_TAGS = {"h1", "ucaptitle"}
TITLE_CLASSES = {"title", "article-title"}
PUBLISHED_META = ("pubdate", "maketime", "firstpublishedtime", "publishdate", "publishtime",
                  "article:published_time")
PUBLISHED_LINE = re.compile(
    r"(发\s*布\s*(?:时\s*间|日\s*期)|公\s*开\s*日\s*期)\s*[:：]?\s*"
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)"
)
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
WHITESPACE = re.compile(r"\s+")  # str patterns match U+00A0 and U+3000 too
HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)
SHORT_PAGE = 300  # visible characters: challenge and error pages are tiny, reports are not
SHORT_ERROR_PAGE = 2000  # a not-found page keeps the site's navigation around its message
SOFT_404_PHRASES = ("您访问的页面不存在", "页面不存在", "页面未找到", "非法请求", "404 Not Found")


def extract(data: bytes, content_type: str | None = None) -> Document:
    """The blocks and page metadata of an HTML page; UnreadableDocument for pages that hold no
    report (anti-bot challenge, soft 404, no text)."""
    html = decode_html(data, content_type)
    root = Selector(text=html, type="html").root
    blocks = _page_blocks(root)
    _reject_non_reports(html, root, blocks)
    return Document(blocks=blocks, meta=_meta(root))


# --- which part of the page is the report ----------------------------------------------------

def _page_blocks(root) -> list[Block]:
    """The report's blocks: the container's content behind the title and date line, or the
    whole page when no container is found (or the one found is empty)."""
    containers = _containers(root)
    hanweb = bool(_hanweb_begins(root))
    walker = _Walker(containers, _report_tables(root, containers), hanweb)
    walker.walk_content(root)
    inside = [block for region, block in walker.blocks if region == "inside"]
    if not (containers or hanweb) or not _has_text(inside):
        return [block for _, block in walker.blocks]
    before = [block for region, block in walker.blocks if region == "before"]
    return _title_blocks(root, containers, inside) + _published_line(before) + inside


def _containers(root) -> list:
    """Known body containers, outermost only, in document order."""
    found = [el for el in root.iter(etree.Element) if _is_container(el)]
    found_set = set(found)
    return [el for el in found if not any(a in found_set for a in el.iterancestors())]


def _is_container(el) -> bool:
    element_id = (el.get("id") or "").lower()
    if el.tag in CONTAINER_TAGS or element_id in CONTAINER_IDS:
        return True
    names = (el.get("class") or "").lower().split() + [element_id]
    # VSB numbers its containers: vsb_content, vsb_content_2, vsb_content_4 …
    return any(name in CONTAINER_NAMES or name.startswith("vsb_content") for name in names)


def _hanweb_begins(root) -> list:
    """Hanweb jcms marks the body with comments instead of a container element."""
    return root.xpath(f"//comment()[contains(., '{HANWEB_BEGIN}')]")


def _title_blocks(root, containers: list, inside: list[Block]) -> list[Block]:
    """The article title as one text block, unless the body already opens with it."""
    title = _meta_content(root, "articletitle", "og:title") or _heading_before(root, containers)
    if not title:
        return []
    opening = [_squeezed(block.cells[0]) for block in inside[:3] if not block.table]
    return [] if _squeezed(title) in opening else [Block([title])]


def _heading_before(root, containers: list) -> str | None:
    """The text of the last h1 (else .title) before the body: the article title sits just above
    the body; site logos and column names are further up."""
    start = _body_start(root, containers)
    headings, titled = [], []
    for node in root.iter():
        if node is start:
            break
        if not isinstance(node.tag, str):
            continue
        if node.tag in TITLE_TAGS:
            headings.append(node)
        elif TITLE_CLASSES & set((node.get("class") or "").lower().split()):
            titled.append(node)
    for candidates in (headings, titled):
        for el in reversed(candidates):
            text = cell_text(el)
            if text:
                return text
    return None


def _body_start(root, containers: list):
    """The first container element, else the Hanweb begin comment."""
    if containers:
        return containers[0]
    return next(iter(_hanweb_begins(root)), None)


def _published_line(before: list[Block]) -> list[Block]:
    """The first visible 发布时间/发布日期/公开日期 line above the body, as "label：date"."""
    for block in before:
        match = PUBLISHED_LINE.search(" ".join(block.cells))
        if match:
            label = WHITESPACE.sub("", match.group(1))
            return [Block([f"{label}：{match.group(2)}"])]
    return []


def _squeezed(text: str) -> str:
    return WHITESPACE.sub("", text)


def _has_text(blocks: list[Block]) -> bool:
    return any(cell for block in blocks for cell in block.cells)


# --- walking the tree in reading order -------------------------------------------------------

class _Walker:
    """Turns an element tree into blocks in document order, each tagged with its region:
    "before", "inside" or "after" the body container(s) (all "inside" when there are none)."""

    def __init__(self, containers: list = (), tables: list = (), hanweb: bool = False):
        self.blocks: list[tuple[str, Block]] = []
        self._containers = set(containers)
        self._tables = set(tables)
        self._region = "before" if containers or hanweb else "inside"
        self._line: list[str] = []
        self._in_pre = 0

    def walk(self, el) -> None:
        """Visit ``el``, its descendants and the text that follows it."""
        if not isinstance(el.tag, str):
            self._visit_special(el)
        elif el.tag in DROPPED_TAGS or _hidden(el):
            pass
        elif el in self._tables:
            self.flush()
            self._emit_table(el)
        elif el.tag == "br":
            self.flush()
        else:
            self.walk_content(el)
        self._add_text(el.tail)

    def walk_content(self, el) -> None:
        """Visit ``el`` and its descendants (not the text after it)."""
        is_container = el in self._containers
        is_block = el.tag in BLOCK_TAGS or is_container
        if is_block:
            self.flush()
        if is_container:
            self._enter()
        self._in_pre += el.tag == "pre"
        self._add_text(el.text)
        for child in el:
            self.walk(child)
        self._in_pre -= el.tag == "pre"
        if is_block:
            self.flush()
        if is_container:
            self._leave()

    def _visit_special(self, node) -> None:
        """Comments mark Hanweb bodies; processing instructions and entities carry no text."""
        if isinstance(node, etree._Comment) and isinstance(node.text, str):
            if HANWEB_BEGIN in node.text:
                self._enter()
            elif HANWEB_END in node.text:
                self._leave()

    def _enter(self) -> None:
        self.flush()
        self._region = "inside"

    def _leave(self) -> None:
        self.flush()
        self._region = "after"

    def _add_text(self, text: str | None) -> None:
        if not text:
            return
        if not self._in_pre:
            self._line.append(text)
            return
        # Preformatted text keeps its line breaks: each line is a block of its own.
        first, *rest = text.split("\n")
        self._line.append(first)
        for line in rest:
            self.flush()
            self._line.append(line)

    def flush(self) -> None:
        """End the current line: it becomes a text block unless blank."""
        text = clean("".join(self._line))
        self._line = []
        if text:
            self.blocks.append((self._region, Block([text])))

    def _emit_table(self, table) -> None:
        for el in table.iter("caption", "tr"):
            if _hidden(el):
                continue
            if el.tag == "caption":
                self._line.append(cell_text(el))
                self.flush()
                continue
            cells = [cell_text(cell) for cell in el if cell.tag in CELL_TAGS and not _hidden(cell)]
            # A row of nothing but empty cells (Word's zero-height spacer rows) places nothing.
            if any(cells):
                self.blocks.append((self._region, Block(cells, table=True)))


def _report_tables(root, containers: list) -> list:
    """The innermost tables, except a layout table that wraps the body container or markers."""
    wrapping = set()
    for marker in containers + _hanweb_begins(root):
        wrapping.update(a for a in marker.iterancestors("table"))
    return [t for t in root.iter("table") if t not in wrapping and not _contains_table(t)]


def _contains_table(table) -> bool:
    return next(table.iterdescendants("table"), None) is not None


def cell_text(el) -> str:
    """An element's text as printed: descendant text joined without separators (Word splits
    numbers over <span>s and headers over <p>/<br>), whitespace collapsed, ends stripped."""
    walker = _Walker()
    walker.walk_content(el)
    walker.flush()
    return "".join(block.cells[0] for _, block in walker.blocks)


def clean(text: str) -> str:
    """Whitespace runs (nbsp and ideographic space included) to one space; zero-width marks out."""
    return WHITESPACE.sub(" ", INVISIBLE.sub("", text)).strip()


def _hidden(el) -> bool:
    return bool(HIDDEN_STYLE.search(el.get("style") or ""))


# --- metadata and pages that are not reports --------------------------------------------------

def _meta(root) -> dict[str, str]:
    """Page metadata: title, raw publication date, and the content source (the agency) if given."""
    meta = {}
    title = _meta_content(root, "articletitle", "og:title") or _first_text(root, "//title")
    if title:
        meta["title"] = title
    published = _meta_content(root, *PUBLISHED_META) or _first_text(root, "//publishtime")
    if published:
        meta["published_at"] = published
    source = _meta_content(root, "contentsource")
    if source:
        meta["source"] = source
    return meta


def _meta_content(root, *names: str) -> str | None:
    """The first non-empty <meta name|property=…> content among ``names`` (case-insensitive)."""
    by_name = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or "").strip().lower()
        value = clean(el.get("content") or "")
        if key and value:
            by_name.setdefault(key, value)
    return next((by_name[name] for name in names if name in by_name), None)


def _first_text(root, xpath: str) -> str | None:
    for el in root.xpath(xpath):
        text = cell_text(el)
        if text:
            return text
    return None


def _reject_non_reports(html: str, root, blocks: list[Block]) -> None:
    """Raise UnreadableDocument for challenge pages, soft 404s and pages without text."""
    visible = "\n".join(cell for block in blocks for cell in block.cells)
    short = len(visible) < SHORT_PAGE
    if short and "$_ts" in html:
        raise UnreadableDocument("an anti-bot challenge page (瑞数 $_ts), not the report")
    scripts = " ".join(root.xpath("//script/text()"))
    if short and "document.cookie" in scripts and "location" in scripts:
        raise UnreadableDocument("an anti-bot challenge page (加速乐 cookie script), not the report")
    title = _first_text(root, "//title") or ""
    phrase = next((p for p in SOFT_404_PHRASES if p in title or p in visible), None)
    if phrase and (phrase in title or len(visible) < SHORT_ERROR_PAGE):
        raise UnreadableDocument(f"a page-not-found page (it says {phrase}), not the report")
    if not visible:
        raise UnreadableDocument("an HTML page with no visible text")
