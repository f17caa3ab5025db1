"""Plain text and Markdown as portals' pages are copied out: tab-separated table rows, Markdown pipe
tables, or one cell per line (the record builder joins those)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block, Document
from .sections import NUMERALS, SECTION_HEADINGS
from .template import OTHER_HANDLING, REQUEST_COLUMNS, SUB_ROW_NUMBER_ALONE, active_row, request_row_key
from .values import is_run, is_value, normalize

PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
MARKDOWN_DECORATION = re.compile(r"^#{1,6}\s+|\*\*|__")
# "行政许可 97", "2.重复申请 0 0 0 0 0 0 0": a label and numbers separated by spaces (PDF conversions).
# The label may start with its numbering; a sentence (。；) is not a label. One number only after a
# short label: a wrapped sentence can end in a number, a table row rarely has one cell this long.
# A number may be a run of numbers printed without separators, signs included (35-15).
# A cell: a number, a blank mark (— or /), or numbers and marks run together (35-15, 821——21859).
# Possessive (++): the parts of a cell can be told apart by their first character, so the longest run
# is the only reading; trying every split of a long run of digits after a failed match took time
# exponential in its length (a 28-digit line took seconds).
CELL = r"(?:[—/／－]{1,2}|[-+]?[\d.,]+)++"
MAX_LABEL_ONE_NUMBER = 12
MAX_LABEL_NUMBERS = 80
# The label is bounded (a longer one is no row's): each place it may end is tried against the rest of
# the line, which on a long line of numbers ending in words would take time quadratic in its length.
LABEL_AND_NUMBERS = re.compile(
    rf"^(?P<label>(?:\d{{1,2}}[.．、])?[^\d\s。；;—/／－-][^。；;]{{0,{MAX_LABEL_NUMBERS}}}?)"
    rf"\s+(?P<numbers>{CELL}(?:\s+{CELL})*+)$"
)
# "行政事业性收费35-15", "行政许可396442278": a label with its numbers run together and glued on, as text dumps
# print them. The label ends in a character no number starts or continues with, so where it ends is where the
# digits start. One run only: before spaced numbers (（六）其他处理1 3 0 0 0 0 0 3) the digit may be the label's
# own, a sub-row's number cut from its words.
GLUED_LABEL_AND_NUMBERS = re.compile(
    rf"^(?P<label>(?:\d{{1,2}}[.．、])?(?:[^\d\s。；;—/／－-][^。；;]{{0,{MAX_LABEL_NUMBERS}}}?)?[^\d\s.,．。；;—/／－+-])"
    rf"(?P<numbers>{CELL})$"
)
# A row's numbering alone (一、, （二）): the first piece of a label cut over two lines. Digits glued to it are a
# row's, however few (a cell the copy lost): no sentence glues a number to a bare numbering.
ROW_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])$")
# A label's numbering (二、, （三）, 3.): where a label starts, so never the rest of the line before.
LABEL_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.．、])")
# A page's number, where a PDF copied out as text broke its page: "- 3 -", "—3—", "第 3 页", "第3页 共6页". It
# carries nothing of the report, and inside a table copied one cell per line it would end the row it cuts.
# (A bare "3" is left alone: it cannot be told from a value.)
PAGE_MARK = re.compile(
    r"^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页)$"
)
# "0 0 0 1 1": a row whose label was lost or printed on the line before (PDF conversions).
NUMBERS_ONLY = re.compile(rf"^{CELL}(?:\s+{CELL})++$")


def extract(text: str) -> Document:
    """Blocks from text: a line with tabs or pipes is a table row, any other line a text block."""
    blocks = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for at, raw in enumerate(lines):
        if is_run_together(raw):
            blocks.extend(run_together_blocks(raw))
            continue
        block = line_block(raw, Neighbours(lines, at))
        if block is not None:
            blocks.append(block)
    return Document(blocks=blocks)


@dataclass
class Neighbours:
    """The lines around one, for a label cut over two lines: 一、本年新 | 收政府信息公开申请数量 0 0 0 0 0 0."""

    lines: list[str]
    at: int

    def whole_label(self, label: str) -> str | None:
        """The label where it names a template row, or joined to the rest of it where that stands alone on the
        line before or after (words that end in no number and name no other row): 3.其 | 他0000000. A label
        that starts with a numbering (二、0000000) takes only the line after: the line before is another row's."""
        if names_a_row(label):
            return label
        before = self.lines[self.at - 1].strip() if self.at > 0 else ""
        after = self.lines[self.at + 1].strip() if self.at + 1 < len(self.lines) else ""
        pieces = (
            [(after, label + after)] if LABEL_START.match(label) else [(before, before + label), (after, label + after)]
        )
        for piece, joined in pieces:
            if piece and not piece[-1].isdigit() and names_a_row(joined) and names_the_same_row(piece, joined):
                return joined
        return None


def line_block(raw: str, neighbours: Neighbours) -> Block | None:
    line = raw.strip()
    if not line or PAGE_MARK.match(line):
        return None
    if line.startswith("|") and line.count("|") >= 2:
        if PIPE_SEPARATOR.match(line):
            return None
        return Block(cells=pipe_cells(line), table=True)
    if "\t" in raw:  # split the raw line: leading tabs are empty cells of the row
        return Block(cells=[c.strip() for c in raw.split("\t")], table=True)
    if NUMBERS_ONLY.match(line) and any(c.isdigit() for c in line):
        return Block(cells=["", *line.split()], table=True)
    if SUB_ROW_NUMBER_ALONE.match(line):  # 7. | 属于行政执法案卷: a sub-row's label cut after its number
        return Block(cells=[line])
    if is_run(line) and not is_value(line):  # 35-15 or 10001——————: a row's numbers run together
        return Block(cells=["", line], table=True)
    glued = GLUED_LABEL_AND_NUMBERS.match(line)
    if glued and any(c.isdigit() for c in glued.group("numbers")):
        # only a template row's label (alone, or joined to the line before or after it where a label is cut over
        # two lines: 一、本 | 年新收…000000), its numbering alone, or a row's seven digits or more: sentences glue
        # numbers to words too (全年共受理申请162)
        label, numbers = glued.group("label"), [glued.group("numbers")]
        whole = neighbours.whole_label(label)
        if whole or holds_a_row_of_digits(numbers) or ROW_NUMBERING.match(label):
            return Block(cells=[whole or label, *numbers], table=True)
    match = LABEL_AND_NUMBERS.match(line)
    if match and any(c.isdigit() for c in match.group("numbers")):
        label, numbers = match.group("label").strip(), match.group("numbers").split()
        whole = neighbours.whole_label(label)
        if (
            len(label) <= (MAX_LABEL_ONE_NUMBER if len(numbers) == 1 else MAX_LABEL_NUMBERS)
            or whole
            or holds_a_row_of_digits(numbers)
        ):
            return Block(cells=[whole or label, *numbers], table=True)
    return Block(cells=[MARKDOWN_DECORATION.sub("", line).strip()])


def names_a_row(label: str) -> bool:
    """A label that names a template row: a number after it is the row's, however long the label."""
    flat = normalize(label)
    return len(label) <= MAX_LABEL_NUMBERS and (
        request_row_key(flat, "") is not None
        or request_row_key(flat, OTHER_HANDLING) is not None  # 3.其他, a row of its own under （六）其他处理
        or any(active_row(flat, fmt) for fmt in ("2021", "2019"))
    )


def names_the_same_row(piece: str, joined: str) -> bool:
    """Whether a piece of a label names no table-3 row, or the one the whole label names."""
    return request_row_key(normalize(piece), OTHER_HANDLING) in (
        None,
        request_row_key(normalize(joined), OTHER_HANDLING),
    )


def holds_a_row_of_digits(numbers: list[str]) -> bool:
    """One run of at least a table-3 row's seven digits: a row's numbers run together, whatever its label (a
    piece of one cut over two lines, 年新收政府信息公开申请数量 0000000, names no row and may be long)."""
    return len(numbers) == 1 and sum(c.isdigit() for c in numbers[0]) >= len(REQUEST_COLUMNS)


def pipe_cells(line: str) -> list[str]:
    """| a | b | c | → ["a", "b", "c"] (the outer pipes frame the row, they are not cells)."""
    inner = line.strip()[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [cell.strip() for cell in inner.split("|")]


# Archivers' text dumps can hold a whole report on one line, table cells run together without
# separators ("一、本年新收政府信息公开申请数量 713000074二、上年结转…"). Such a line is cut at the
# section headings, and inside the table sections into label + digit-run rows; the record builder
# then splits a digit run only where the template's sums leave a single reading.
RUN_TOGETHER_MIN_CHARS = 400
STANDARD_PHRASES = "|".join(re.escape(heading[2:]) for heading in SECTION_HEADINGS.values())
HEADING = rf"[{NUMERALS}]、\s*(?:{STANDARD_PHRASES}|政府信息公开行政法复议、行政诉讼情况)"  # and a misprint seen
SECTION_START = re.compile(rf"(?={HEADING})")
SECTION_HEADING = re.compile(HEADING)
TABLE_SECTIONS = ("主动公开", "收到和处理", "行政诉讼")
# A sign between digits belongs to the run (行政事业性收费35-15: previous 35, change −15), never to the label.
LABEL_OR_DIGITS = re.compile(r"(?P<digits>\d+(?:\.\d+)?(?:(?:[ \u00a0]+|[-+])\d+(?:\.\d+)?)*)|(?P<text>\D+)")
NUMBERING_AFTER = re.compile(r"^[.．、]")


def is_run_together(raw: str) -> bool:
    return len(raw) >= RUN_TOGETHER_MIN_CHARS and "本年新收" in raw and "上年结转" in raw


def run_together_blocks(line: str) -> list[Block]:
    """Headings as text blocks; table sections as label + digit-run rows; the rest as text."""
    blocks = []
    for part in SECTION_START.split(line):
        heading = SECTION_HEADING.match(part)
        if heading:
            blocks.append(Block(cells=[heading.group(0)]))
            part = part[heading.end() :]
        if not part.strip():
            continue
        if heading and any(word in heading.group(0) for word in TABLE_SECTIONS):
            blocks.extend(label_digit_rows(part))
        else:
            blocks.append(Block(cells=[part.strip()]))
    return blocks


def label_digit_rows(part: str) -> list[Block]:
    """Alternate text and digit runs into rows; a digit right before "." or "、" numbers the next
    label (…00000002.其他法律… is 0000000 then "2.其他法律…")."""
    tokens = [(m.group("digits"), m.group("text")) for m in LABEL_OR_DIGITS.finditer(part)]
    rows: list[Block] = []
    label = ""
    for i, (digits, text) in enumerate(tokens):
        if text is not None:
            label += text
            continue
        following = tokens[i + 1][1] if i + 1 < len(tokens) else None
        carry = ""
        if following is not None and NUMBERING_AFTER.match(following):
            digits, carry = digits[:-1], digits[-1]
        if digits.strip():
            rows.append(Block(cells=[label.strip(), *digits.split()], table=True))
            label = ""
        label += carry
    if label.strip():
        rows.append(Block(cells=[label.strip()]))
    return rows
