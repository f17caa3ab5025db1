"""HTML report pages to a :class:`Document`: text blocks and table rows in reading order.

Report tables are the innermost ``<table>`` elements; each ``<tr>`` becomes one row block listing
its ``<td>``/``<th>`` cells once each, as printed (no rowspan/colspan expansion, blanks kept as "").
Everything else outside them becomes text blocks, one per block-level element or ``<br>`` line.

Portals wrap the report in navigation, related-links lists (full of other reports' titles) and
footers; crawlers add their own headers. When a known body container is present only its content is
kept, preceded by the article title and the visible publication-date line.

Speed: the tree walk is Python, so everything that can be is left to lxml's C code (XPath queries
for containers, tables, styles and title candidates; serialised text for plain table cells), and
the walk keeps its per-element work small.
"""

from __future__ import annotations

import re
from functools import cached_property
from itertools import chain

from lxml import etree

from .decode import decode_html_as
from .document import Block, Document, TooComplex, UnreadableDocument

__all__ = ["extract"]

DROPPED_TAGS = {
    "script",
    "style",
    "noscript",
    "head",
    "title",
    "template",
    "select",
    "option",
    "textarea",
    "button",
    "iframe",
    "object",
    "embed",
    "svg",
    "nav",
    "aside",
}
BLOCK_TAGS = {
    "html",
    "body",
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "blockquote",
    "pre",
    "address",
    "form",
    "fieldset",
    "legend",
    "center",
    "hr",
    "figure",
    "figcaption",
    "details",
    "summary",
}
CELL_TAGS = {"td", "th"}
# Body containers of the CMS families in shared/spec/portals.md (class or id, lower-cased).
# "zoom" only as an id: as a class it also names font-size widgets.
CONTAINER_NAMES = {"trs_editor", "trs_editor_view", "article-content", "ucap-content", "pages_content", "vsb_content"}
CONTAINER_IDS = {"zoom"}
CONTAINER_TAGS = {"ucapcontent"}
VSB_CONTAINER = "vsb_content"  # VSB numbers its containers: vsb_content, vsb_content_2, vsb_content_4 …
VSB_CLASS = re.compile(rf"(?<!\S){VSB_CONTAINER}")  # a class name starting so (\S: what str.split keeps)
# Every element that may be a container (class or id set, or a container tag), in document order.
# (//*/@class, not //@class: libxml2 then lists the elements only, not every node, to look for it on)
CONTAINER_CANDIDATES = etree.XPath("//*/@class/.. | //*/@id/.. | //" + " | //".join(CONTAINER_TAGS))
HANWEB_BEGIN, HANWEB_END = "ZJEG_RSS.content.begin", "ZJEG_RSS.content.end"
HANWEB_BEGINS = etree.XPath(f"//comment()[contains(., '{HANWEB_BEGIN}')]")
TITLE_TAGS = {"h1", "ucaptitle"}
TITLE_CLASSES = {"title", "article-title"}
# Elements before a node in document order (its ancestors and every element ending before it): the title
# tags, and those with a class, found by libxml2 instead of a Python walk from the top of the page. (As
# paths for the node's own xpath(): a compiled XPath takes no comment, a Hanweb body's start.)
HEADINGS_BEFORE = " | ".join(f"ancestor::{tag} | preceding::{tag}" for tag in sorted(TITLE_TAGS))
CLASSED_BEFORE = "ancestor::*[@class] | preceding::*[@class]"
STYLES = etree.XPath("//@style")
# All style attributes as one string, concatenated by libexslt's str:concat in C.
ALL_STYLES = etree.XPath("str:concat(//@style)", namespaces={"str": "http://exslt.org/strings"}, smart_strings=False)
PLACEHOLDER_CELLS = etree.XPath(
    "//td[contains(@style, 'mso-cell-special')] | //th[contains(@style, 'mso-cell-special')]"
)
PUBLISHED_META = ("pubdate", "maketime", "firstpublishedtime", "publishdate", "publishtime", "article:published_time")
TITLE_META = ("articletitle", "og:title")
SOURCE_META = "contentsource"
META_NAMES = {*TITLE_META, *PUBLISHED_META, SOURCE_META}
PUBLISHED_LINE = re.compile(
    r"(发\s*布\s*(?:时\s*间|日\s*期)|公\s*开\s*日\s*期)\s*[:：]?\s*"
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)"
)
INVISIBLE_MARKS = "\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE = re.compile(f"[{INVISIBLE_MARKS}]")
WHITESPACE = re.compile(r"\s+")  # str patterns match U+00A0 and U+3000 too, as str.split() does
UNCLEAN = re.compile(f"{WHITESPACE.pattern}|{INVISIBLE.pattern}")  # what _clean collapses or drops
HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)
CHARACTER_REFERENCE = re.compile(rb"&#")  # a regex finds two bytes faster than bytes.find
# Separates lines within collected text. Parsed text never holds NUL: extract removes it first.
LINE_BREAK = "\0"
SHORT_PAGE = 300  # visible characters: challenge and error pages are tiny, reports are not
SHORT_ERROR_PAGE = 2000  # a not-found page keeps the site's navigation around its message
SOFT_404_PHRASES = ("您访问的页面不存在", "页面不存在", "页面未找到", "非法请求", "404 Not Found")


def extract(data: bytes, content_type: str | None = None) -> Document:
    """The blocks and page metadata of an HTML page; UnreadableDocument for pages that hold no
    report (anti-bot challenge, soft 404, no text)."""
    html, encoding = decode_html_as(data, content_type)
    source = _utf8_source(data, html, encoding)
    page = _Page(_parse(source), source)
    blocks = _page_blocks(page)
    _reject_non_reports(html, page, blocks)
    return Document(blocks=blocks, meta=_meta(page))


def _utf8_source(data: bytes, html: str, encoding: str | None) -> bytes:
    """The page as UTF-8 for libxml2, its ends stripped and NULs removed as parsel does. A page that is
    UTF-8 already, between a "<" and a ">" (so no BOM, nothing cut off at its end, and no end that
    str.strip would strip differently), is its own bytes: encoding a large page again costs more than
    decoding it did."""
    stripped = data.strip()
    if encoding == "utf-8" and stripped[:1] == b"<" and stripped[-1:] == b">" and b"\0" not in stripped:
        return stripped
    return html.strip().replace("\0", "").encode("utf-8") or b"<html/>"


def _parse(source: bytes):
    """The root element of the page's UTF-8 ``source``, parsed as parsel's ``Selector(text=html,
    type="html")`` does (NULs removed, ends stripped) but with lxml's plain element classes:
    lxml.html looks up the class of every element in Python."""
    # collect_ids: the table of ids libxml2 keeps for XPath's id(), which nothing here calls
    parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True, collect_ids=False)
    root = etree.fromstring(source, parser)
    if any("Excessive depth" in error.message for error in parser.error_log):
        # libxml2 stops building the tree there (even with huge_tree): what is deeper would be lost
        raise TooComplex("HTML nested deeper than libxml2's limit of 2048 levels; the rest cannot be read")
    return etree.fromstring(b"<html/>", parser) if root is None else root


class _Page:
    """A parsed page, and what several steps look up in it, found once."""

    def __init__(self, root, source: bytes):
        self.root = root
        self.source = source
        self._spelled = CHARACTER_REFERENCE.search(source) is not None
        self.hidden = _hidden_elements(root) if self.may_say(b"none") else set()
        # Word's placeholder cells (w:gridBefore, w:gridAfter): part of the grid, not of the report
        self.placeholders = set(PLACEHOLDER_CELLS(root)) if self.may_say(b"mso-cell-special") else set()

    def may_say(self, word: bytes) -> bool:
        """Whether the page's markup may hold the (lower-case ASCII) ``word``. Most pages style nothing
        away and have no Word placeholders: their bytes say so faster than a search of the tree, unless
        a character reference could spell a word out."""
        return self._spelled or word in self._lowered

    @cached_property
    def _lowered(self) -> bytes:
        return self.source.lower()  # not needed where a character reference already says "may"

    @cached_property
    def _partly_shown(self) -> set:
        """Elements with something left out inside them: not all their text is shown."""
        left_out = chain(self.hidden, self.root.iter(*DROPPED_TAGS))
        return {ancestor for el in left_out for ancestor in el.iterancestors()}

    def all_shown(self, el) -> bool:
        """Whether nothing inside the element is left out (hidden, a script …): most tables."""
        if self.hidden:
            return el not in self._partly_shown
        return next(el.iter(*DROPPED_TAGS), None) is None

    def cell_text(self, el, shown: bool = False) -> str:
        """An element's text as printed: descendant text joined without separators (Word splits
        numbers over <span>s and headers over <p>/<br>), whitespace collapsed, ends stripped.
        ``shown``: the caller knows that all of it is shown."""
        if shown or self.all_shown(el):
            # All its text is shown, and lxml serialises it much faster than a walk. Line breaks
            # only decide where whitespace is stripped: with none inside they change nothing.
            text = etree.tostring(el, method="text", encoding=str, with_tail=False).strip()  # str: no name to look up
            # Of what UNCLEAN matches, only the space is printable: most cells pass without a regex.
            if (text.isprintable() and " " not in text) or not UNCLEAN.search(text):
                return text
        walker = _Walker(self)
        walker.walk_content(el)
        return walker.text()

    def first_text(self, tag: str) -> str | None:
        """The first non-empty text of the elements named ``tag``."""
        for el in self.root.iter(tag):
            text = self.cell_text(el)
            if text:
                return text
        return None

    @cached_property
    def title(self) -> str | None:
        """The text of the page's <title>."""
        return self.first_text("title")

    @cached_property
    def metas(self) -> dict[str, str]:
        """The first non-empty content of each <meta name|property=…> read (META_NAMES), by lower-cased
        name. Others (keywords, long descriptions) are not worth cleaning."""
        by_name = {}
        for el in self.root.iter("meta"):
            key = (el.get("name") or el.get("property") or "").strip().lower()
            if key in META_NAMES and key not in by_name:
                value = _clean(el.get("content") or "")
                if value:
                    by_name[key] = value
        return by_name

    def meta_content(self, *names: str) -> str | None:
        """The first non-empty <meta name|property=…> content among ``names`` (case-insensitive)."""
        return next((self.metas[name] for name in names if name in self.metas), None)


def _hidden_elements(root) -> set:
    """Elements styled display:none, left out with everything in them. Where "none" is in the page
    but in none of its styles (a stylesheet, a script), looking for it in all their styles at once
    (as bytes: ASCII case-folding is fastest) rules them out faster than a regex search per style."""
    if b"none" not in ALL_STYLES(root).encode().lower():
        return set()
    return {style.getparent() for style in STYLES(root) if HIDDEN_STYLE.search(style)}


# --- which part of the page is the report ----------------------------------------------------


def _page_blocks(page: _Page) -> list[Block]:
    """The report's blocks: the container's content behind the title and date line, or the
    whole page when no container is found (or the one found is empty)."""
    containers = _containers(page.root)
    hanweb_begins = HANWEB_BEGINS(page.root) if HANWEB_BEGIN.encode() in page.source else []
    tables = _report_tables(page.root, containers + hanweb_begins)
    walker = _Walker(page, set(containers), set(tables), regions=bool(containers or hanweb_begins))
    walker.walk_content(page.root)
    walker.flush()
    inside = [block for region, block in walker.blocks if region == "inside"]
    if not (containers or hanweb_begins) or not _has_text(inside):
        return [block for _, block in walker.blocks]
    before = [block for region, block in walker.blocks if region == "before"]
    start = containers[0] if containers else hanweb_begins[0]
    return _title_blocks(page, start, inside) + _published_line(before) + inside


def _containers(root) -> list:
    """Known body containers, outermost only, in document order."""
    found = [el for el in CONTAINER_CANDIDATES(root) if _is_container(el)]
    found_set = set(found)
    return [el for el in found if not any(a in found_set for a in el.iterancestors())]


def _is_container(el) -> bool:
    """A body container of a known CMS, by tag, id or class."""
    element_id = (el.get("id") or "").lower()
    if el.tag in CONTAINER_TAGS or element_id in CONTAINER_IDS or element_id in CONTAINER_NAMES:
        return True
    classes = (el.get("class") or "").lower()
    return (
        not CONTAINER_NAMES.isdisjoint(classes.split())
        or element_id.startswith(VSB_CONTAINER)
        or VSB_CLASS.search(classes) is not None
    )


def _report_tables(root, body_marks: list) -> list:
    """The innermost tables (report tables never hold another table; layout tables do), except a
    layout table that wraps a body container or marker."""
    wrapping = {table for mark in body_marks for table in mark.iterancestors("table")}
    return [table for table in root.iter("table") if table not in wrapping and _innermost(table)]


def _innermost(table) -> bool:
    tables = table.iter("table")  # the table itself first
    next(tables)
    return next(tables, None) is None


def _title_blocks(page: _Page, start, inside: list[Block]) -> list[Block]:
    """The article title as one text block, unless the body already opens with it."""
    title = page.meta_content(*TITLE_META) or _heading_before(page, start)
    if not title:
        return []
    opening = [_squeezed(block.cells[0]) for block in inside[:3] if not block.table]
    return [] if _squeezed(title) in opening else [Block([title])]


def _heading_before(page: _Page, start) -> str | None:
    """The text of the last h1 (else .title) before the body ``start`` in document order (its
    ancestors and every element ending before it): the article title sits just above the body; site
    logos and column names are further up."""
    return _last_text(page, start.xpath(HEADINGS_BEFORE)) or _last_text(page, _titled(start.xpath(CLASSED_BEFORE)))


def _titled(elements: list) -> list:
    """The elements with a title class (TITLE_CLASSES) among ``elements``, all with a class."""
    return [el for el in elements if TITLE_CLASSES & set(el.get("class").lower().split())]


def _last_text(page: _Page, elements: list) -> str | None:
    """The text of the last element that has some."""
    for el in reversed(elements):
        text = page.cell_text(el)
        if text:
            return text
    return None


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
    "before", "inside" or "after" the body container(s) (all "inside" without ``regions``).

    Text is collected as a run of strings with LINE_BREAK between lines, and only cut into text
    blocks (:meth:`flush`) when a table row or a region change must come next: one join and two
    regex passes per run instead of per line."""

    def __init__(self, page: _Page, containers: set = frozenset(), tables: set = frozenset(), regions: bool = False):
        self.blocks: list[tuple[str, Block]] = []
        self._page = page
        self._hidden = page.hidden  # looked up for every element
        self._containers = containers
        self._tables = tables
        self._regions = regions
        self._region = "before" if regions else "inside"
        self._run: list[str] = []
        self._in_pre = 0

    def walk_content(self, top) -> None:
        """Visit ``top``'s text and descendants, each child followed by its tail text.

        The hottest loop of HTML parsing, hence the inlining: preformatted text keeps its line
        breaks (each line is a block of its own), hidden and non-content elements are skipped. The walk
        keeps its own stack instead of recursing, so a page nested thousands of levels deep (hostile or
        broken) is read like any other instead of exhausting Python's recursion limit."""
        run = self._run  # flush() empties it in place
        hidden, tables, containers = self._hidden, self._tables, self._containers
        self._open(top)
        stack = [(top, iter(top))]
        while stack:
            el, children = stack[-1]
            for child in children:
                child_tag = child.tag
                if not isinstance(child_tag, str):
                    self._visit_special(child)
                elif child_tag in DROPPED_TAGS or (hidden and child in hidden):
                    pass
                elif child_tag == "br":
                    run.append(LINE_BREAK)
                elif child in tables:
                    self._emit_table(child)
                elif len(child) or child_tag == "pre" or child in containers:
                    self._open(child)
                    stack.append((child, iter(child)))
                    break  # its tail follows once it is closed
                elif child_tag in BLOCK_TAGS:  # a leaf, most of Word's markup: opened and closed at once
                    text = child.text
                    if self._in_pre and text:
                        text = text.replace("\n", LINE_BREAK)
                    run += (LINE_BREAK, text, LINE_BREAK) if text else (LINE_BREAK, LINE_BREAK)
                else:
                    text = child.text
                    if text:
                        run.append(text.replace("\n", LINE_BREAK) if self._in_pre else text)
                tail = child.tail
                if tail:
                    run.append(tail.replace("\n", LINE_BREAK) if self._in_pre else tail)
            else:
                stack.pop()
                self._close(el)
                if stack:
                    self._append_tail(el)

    def _open(self, el) -> None:
        tag = el.tag
        if el in self._containers:
            self._enter()
        elif tag in BLOCK_TAGS:
            self._run.append(LINE_BREAK)
        self._in_pre += tag == "pre"
        text = el.text
        if text:
            self._run.append(text.replace("\n", LINE_BREAK) if self._in_pre else text)

    def _close(self, el) -> None:
        tag = el.tag
        self._in_pre -= tag == "pre"
        if el in self._containers:
            self._leave()
        elif tag in BLOCK_TAGS:
            self._run.append(LINE_BREAK)

    def _append_tail(self, el) -> None:
        tail = el.tail
        if tail:
            self._run.append(tail.replace("\n", LINE_BREAK) if self._in_pre else tail)

    def _visit_special(self, node) -> None:
        """Comments mark Hanweb bodies; processing instructions and entities carry no text."""
        if isinstance(node, etree._Comment) and isinstance(node.text, str):
            if HANWEB_BEGIN in node.text:
                self._enter()
            elif HANWEB_END in node.text:
                self._leave()

    def _enter(self) -> None:
        self._change_region("inside")

    def _leave(self) -> None:
        self._change_region("after")

    def _change_region(self, region: str) -> None:
        """Blocks so far stay in the old region; without regions this only ends the line."""
        if self._regions:
            self.flush()
            self._region = region
        else:
            self._run.append(LINE_BREAK)

    def flush(self) -> None:
        """Cut the text collected so far into text blocks, one per non-blank line."""
        if self._run:
            self.blocks += [(self._region, Block([line])) for line in _lines(self._run) if line]
            self._run.clear()

    def text(self) -> str:
        """All the text collected (by a walker without regions or tables) as one line: its lines
        joined without separators."""
        return "".join(_lines(self._run))

    def _emit_table(self, table) -> None:
        """A report table: each visible row a table block, its caption a text block."""
        self.flush()
        page, hidden, placeholders = self._page, self._hidden, self._page.placeholders
        cell_text, shown = page.cell_text, page.all_shown(table)
        grid = _Grid()
        for el in table.iter("caption", "tr"):
            if hidden and el in hidden:
                continue
            if el.tag == "caption":
                caption = cell_text(el)
                if caption:
                    self.blocks.append((self._region, Block([caption])))
                continue
            tds = list(el.iterchildren(*CELL_TAGS))
            if hidden:
                tds = [cell for cell in tds if cell not in hidden]
            columns, spanned = grid.place(tds)
            if placeholders:
                columns, tds = _printed(tds, columns, placeholders)
            cells = [cell_text(cell, shown) for cell in tds]
            # A row of nothing but empty cells (Word's zero-height spacer rows) places nothing.
            if any(cells):
                self.blocks.append((self._region, Block(cells, table=True, columns=columns, spanned=spanned)))


class _Grid:
    """Where each cell of a table's rows sits in the table's grid, placed around the rowspans of the
    rows above as a browser places them: what lets a value be read by the header column it sits under
    (Word's HTML pads merged label columns with empty cells, differently row by row). From the first
    overlap of two cells on, or a grid wider than any report table, the rows get no columns and are
    read by counting their cells."""

    def __init__(self):
        self._until: list[int] = []  # per column: the first row no cell from above covers any more
        self._row = 0
        self._covered_until = 0  # the first row no rowspan reaches into
        self._broken = False

    def place(self, tds: list) -> tuple[tuple[tuple[int, int], ...] | None, tuple[tuple[int, int], ...]]:
        """The columns of each cell of the next row (first, past the last), and the column ranges a
        cell from a row above covers in it."""
        row, until = self._row, self._until
        self._row += 1
        if self._broken:
            return None, ()
        covered = row < self._covered_until
        spanned = _ranges([column for column, last in enumerate(until) if last > row]) if covered else ()
        columns, column = [], 0
        for td in tds:
            if covered:
                while column < len(until) and until[column] > row:
                    column += 1
            colspan, rowspan = td.get(b"colspan"), td.get(b"rowspan")  # bytes: lxml encodes a str key each call
            if colspan is None and rowspan is None:
                # most cells: one column of this row only, which nothing from above covers (the
                # loop above passed what does), so no later row needs to hear of it
                if column >= MAX_GRID_COLUMNS:
                    return self._break()
                columns.append(ONE_COLUMN[column])
                column += 1
                continue
            end = column + 1 if colspan is None else column + _span(colspan, MAX_GRID_COLUMNS)
            if end > MAX_GRID_COLUMNS:
                return self._break()
            if end > len(until):
                until.extend([0] * (end - len(until)))
            if covered and end > column + 1 and any(last > row for last in until[column + 1 : end]):
                return self._break()  # two cells overlap: the grid is not one a browser draws as printed
            last = row + 1 if rowspan is None else row + _span(rowspan, MAX_ROWSPAN)
            self._covered_until = max(self._covered_until, last)
            until[column:end] = [last] * (end - column)
            columns.append((column, end))
            column = end
        return tuple(columns), spanned

    def _break(self) -> tuple[None, tuple]:
        self._broken = True
        return None, ()


MAX_GRID_COLUMNS = 64  # report tables are at most 16 columns wide
MAX_ROWSPAN = 65534  # as browsers clamp it; rowspan="0" spans the rest of the table
ONE_COLUMN = tuple((column, column + 1) for column in range(MAX_GRID_COLUMNS))
SPAN = re.compile(r"\s*([0-9]+)")


def _span(value: str, most: int) -> int:
    """A colspan or rowspan as browsers read it: its leading digits, 1 when it has none, at most
    ``most``; rowspan 0 (to the table's end) is the most."""
    if not (value.isascii() and value.isdigit()):
        match = SPAN.match(value)
        if match is None:
            return 1
        value = match.group(1)
    number = int(value)
    return most if number == 0 and most == MAX_ROWSPAN else min(max(number, 1), most)


def _ranges(columns: list[int]) -> tuple[tuple[int, int], ...]:
    """Consecutive columns as (first, past the last) ranges."""
    ranges: list[list[int]] = []
    for column in columns:
        if ranges and ranges[-1][1] == column:
            ranges[-1][1] = column + 1
        else:
            ranges.append([column, column + 1])
    return tuple(map(tuple, ranges))


def _printed(tds: list, columns, placeholders: set) -> tuple:
    """The cells and their columns without Word's placeholders: a row that stops short of the grid's
    edge (w:gridBefore, w:gridAfter) ends in an empty borderless cell, which holds no value and is no
    cell of the report (a blank there would be read as the last column's)."""
    kept = [i for i, td in enumerate(tds) if td not in placeholders]
    return (None if columns is None else tuple(columns[i] for i in kept)), [tds[i] for i in kept]


def _lines(run: list[str]) -> list[str]:
    """The lines of a text run, each cleaned like :func:`_clean` (blank lines are "")."""
    return [" ".join(line.split()) for line in _visible("".join(run)).split(LINE_BREAK)]


def _clean(text: str) -> str:
    """Whitespace runs (nbsp and ideographic space included) to one space, ends stripped, zero-width
    marks out. str.split() splits where WHITESPACE matches, in one C pass instead of a regex's."""
    return " ".join(_visible(text).split())


def _visible(text: str) -> str:
    """The text without zero-width marks: rare, so looked for before a regex pass is made over it."""
    return INVISIBLE.sub("", text) if any(mark in text for mark in INVISIBLE_MARKS) else text


# --- metadata and pages that are not reports --------------------------------------------------


def _meta(page: _Page) -> dict[str, str]:
    """Page metadata: title, raw publication date, and the content source (the agency) if given."""
    meta = {}
    title = page.meta_content(*TITLE_META) or page.title
    if title:
        meta["title"] = title
    published = page.meta_content(*PUBLISHED_META) or page.first_text("publishtime")
    if published:
        meta["published_at"] = published
    source = page.meta_content(SOURCE_META)
    if source:
        meta["source"] = source
    return meta


def _reject_non_reports(html: str, page: _Page, blocks: list[Block]) -> None:
    """Raise UnreadableDocument for challenge pages, soft 404s and pages without text."""
    cells = [cell for block in blocks for cell in block.cells]
    size = sum(map(len, cells)) + len(cells) - 1  # of the visible text, its cells on lines of their own
    # a report's text is only searched for error phrases when it is as short as an error page
    visible = "\n".join(cells) if size < SHORT_ERROR_PAGE else ""
    short = size < SHORT_PAGE
    if short and "$_ts" in html:
        raise UnreadableDocument("an anti-bot challenge page (瑞数 $_ts), not the report")
    scripts = " ".join(page.root.xpath("//script/text()")) if short else ""
    if "document.cookie" in scripts and "location" in scripts:
        raise UnreadableDocument("an anti-bot challenge page (加速乐 cookie script), not the report")
    title = page.title or ""
    phrase = next((p for p in SOFT_404_PHRASES if p in title or p in visible), None)
    if phrase:
        raise UnreadableDocument(f"a page-not-found page (it says {phrase}), not the report")
    if size <= 0:
        raise UnreadableDocument("an HTML page with no visible text")
