"""What an article page says about itself, read from its meta tags and its visible info table: pure
functions over a parsel selector.

Meta tags (ArticleTitle, PubDate, ContentSource, Maketime …) come first; then the visible lines
(发布时间：, 来源：) and the info table with its padded labels (索　引　号, 发布机构, 发布日期).
Example::

    page_metadata(Selector(text=html))
    {'title': '临江区财政局2024年政府信息公开工作年度报告', 'published_at': '2025-01-20', 'source': '临江区财政局',
     'index_no': '11330000002482870U/2025-00012'}
"""

from __future__ import annotations

import re

from parsel import Selector

from .links import clean, listed_date, title_kind

TITLE_META = ("articletitle", "og:title", "title")
DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "maketime", "publishtime", "article:published_time")
SOURCE_META = ("contentsource", "source", "author")
LABELS = {
    "published_at": re.compile(r"^(发布时间|发布日期|公开日期|发文日期|时间|日期)$"),
    "source": re.compile(r"^(来源|信息来源|发布机构|发文机关|公开机构|发布单位)$"),
    "index_no": re.compile(r"^(索引号|索取号|信息索引号)$"),
}
INLINE = {
    "published_at": re.compile(
        r"(?:发布时间|发布日期|公开日期|发文日期|(?<![成更修印生统截采集])时间)\s*[:：]\s*([0-9年月日/.\- :]{8,25})"
    ),
    "source": re.compile(r"(?:来源|信息来源|发布机构)\s*[:：]\s*([^\s|｜:：]{2,40})"),
    "index_no": re.compile(r"索\s*引\s*号\s*[:：]\s*([\w/\-—.]+)"),
}
LABEL_SPACE = re.compile(r"[\s\u3000:：]+")
LONGEST_LABEL = 5  # 信息索引号
# Texts that may be part of a label: every label above has one of these characters, so libxml2 can skip
# the thousands of number cells of a report's tables without a Python object made for each. (Asking for
# the cells themselves made libxml2 join the whole text under every layout cell, once per character.)
LABEL_TEXTS = "//text()[" + " or ".join(f"contains(., '{char}')" for char in "时期源构关位索") + "]"
CELL_TAGS = frozenset(("td", "th", "dt", "span", "label", "b", "strong"))


def page_metadata(page: Selector) -> dict[str, str]:
    """title, published_at (YYYY-MM-DD), source and index_no, as far as the page gives them."""
    metas = {}
    for el in page.css("meta"):
        key = (el.attrib.get("name") or el.attrib.get("property") or "").strip().lower()
        value = clean(el.attrib.get("content"))
        if key and value:
            metas.setdefault(key, value)
    found = {}
    title = next((metas[k] for k in TITLE_META if k in metas), None) or heading_title(page)
    if title:
        found["title"] = title
    date = next((listed_date(metas[k]) for k in DATE_META if k in metas and listed_date(metas[k])), None)
    if date:
        found["published_at"] = date
    source = next((metas[k] for k in SOURCE_META if k in metas), None)
    if source:
        found["source"] = source
    for key, value in visible_fields(page).items():
        found.setdefault(key, value)
    return found


def heading_title(page: Selector) -> str | None:
    """The heading naming a report (h1, .title), else the page's <title>."""
    for text in page.css("h1 ::text, .title ::text, .article-title ::text").getall():
        if title_kind(clean(text)) == "report":
            return clean(text)
    return clean(page.css("title::text").get()) or None


def visible_fields(page: Selector) -> dict[str, str]:
    """The info table (label cell, value cell) and the inline 发布时间：… / 来源：… lines. Walks lxml's
    elements, not parsel selectors: a selector per cell and per text node made this the crawl's costliest
    step."""
    found = {}
    for cell in label_cells(page.root):
        label = short_label(cell)
        if label is None:
            continue
        for key, pattern in LABELS.items():
            if key in found or not pattern.match(label):
                continue
            value_cell = cell.xpath("following-sibling::*[1]")
            value = clean(" ".join(value_cell[0].xpath(".//text()"))) if value_cell else ""
            if key == "published_at":
                value = listed_date(value) or ""
            if value:
                found[key] = value
    missing = [key for key in INLINE if key not in found]
    if not missing:  # the info table gave all: no need for the page's whole text
        return found
    text = clean(" ".join(page.root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")))
    for key in missing:
        pattern = INLINE[key]
        match = pattern.search(text)
        if match:
            value = listed_date(match.group(1)) if key == "published_at" else match.group(1).strip()
            if value:
                found[key] = value
    return found


def label_cells(root) -> list:
    """The cells (td, th, dt, span, label, b, strong) holding a text with one of the labels' characters,
    in document order: the ancestors of each such text, outermost first (an element holding a later text
    but none before it starts after the elements already listed)."""
    cells, seen = [], set()
    for text in root.xpath(LABEL_TEXTS):
        holder = text.getparent()
        if holder is not None and text.is_tail:
            holder = holder.getparent()
        chain = []
        while holder is not None and holder not in seen:
            seen.add(holder)
            if holder.tag in CELL_TAGS:
                chain.append(holder)
            holder = holder.getparent()
        cells.extend(reversed(chain))
    return cells


def short_label(cell) -> str | None:
    """The cell's text without spaces and colons, or None once it is longer than any label (a layout
    cell holding the whole article is not joined)."""
    label = ""
    for piece in cell.itertext():
        label += LABEL_SPACE.sub("", piece)
        if len(label) > LONGEST_LABEL:
            return None
    return label
