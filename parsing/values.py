"""Reading one printed cell: numbers (full-width, thousands separators, units), blanks, money in 元."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BLANK_MARKS = {"", "—", "-", "/", "／", "无", "－", "——", "--", "─", "―", "\\", "空", "/-"}
MARK_CHARS = "—-/／－─―\\"
MAX_MARKS_RUN = 4
SIGNED_DECIMAL = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
UNIT_SUFFIX = re.compile(r"(万元|万|元|件|个|次|项|条|人)$")
# 本年增/减 of the 2019 template, printed in words: 增加2, 减少2, 增2, 减2, —2.
CHANGE_PREFIX = re.compile(r"^(增加|新增|增长|增|减少|减|下降|—|–)(?=\d)")
DECREASE = ("减少", "减", "下降", "—", "–")
NUMBER_STARTS = "+-,增新减下—–"  # what a number may start with besides a digit: a sign, a comma, a change word
# What a row's cell holds (cell_kind)
TEXT, BLANK, NUMBER, RUN_TOGETHER = "text", "blank", "number", "run"


MAX_VALUE_CHARS = 40
# Full-width ASCII forms (ＡＢＣ１２３（）：) and the ideographic space, mapped straight to ASCII: the
# bulk of what NFKC would do to a report's text, at a fraction of its cost.
FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
FULL_WIDTH_CHAR = re.compile(f"[{''.join(FULL_WIDTH)}]")


@lru_cache(maxsize=1 << 16)  # cells repeat ("0", labels): the same strings are normalised again and again
def normalize(text: str) -> str:
    """NFKC (full-width digits and brackets become ASCII) and no whitespace at all."""
    text = text or ""
    if not text.isascii():
        text = ascii_forms(text)
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


def ascii_forms(text: str) -> str:
    """The text with its full-width forms in ASCII (FULL_WIDTH). Each one found is replaced all through the
    text at once: a report's text holds few of them (，（）：), and str.translate would look up every
    character, several times slower."""
    found = FULL_WIDTH_CHAR.search(text)
    while found:
        text = text.replace(found.group(), FULL_WIDTH[found.group()])
        found = FULL_WIDTH_CHAR.search(text, found.start())  # one character for one: positions stay
    return text


@lru_cache(maxsize=1 << 16)
def is_blank(cell: str) -> bool:
    """A cell printed empty or with a blank mark ("—", "/", "无"): null, never 0."""
    return len(cell) <= MAX_VALUE_CHARS and _is_blank_text(normalize(cell))


def _is_blank_text(text: str) -> bool:
    # marks of two blank cells run together (// or ——/) are blanks too, never a label
    return text in BLANK_MARKS or (len(text) <= MAX_MARKS_RUN and not text.strip(MARK_CHARS))


@lru_cache(maxsize=1 << 16)
def parse_number(cell: str) -> tuple[float | int, str] | None:
    """The number a cell holds and the unit printed after it ("" if none), or None for text."""
    return _number_of_text(normalize(cell))


def _number_of_text(text: str) -> tuple[float | int, str] | None:
    if text.isascii() and text.isdigit():  # most cells: a plain count
        return int(text), ""
    if not text or not (text[0].isdigit() or text[0] in NUMBER_STARTS):  # a label: most other cells
        return None
    text = text.replace(",", "")
    change = CHANGE_PREFIX.match(text)
    if change:
        text = ("-" if change.group(1) in DECREASE else "") + text[change.end() :]
    unit = ""
    match = UNIT_SUFFIX.search(text)
    if match and match.start() > 0:
        unit, text = match.group(1), text[: match.start()]
    if not SIGNED_DECIMAL.match(text):
        return None
    value = float(text) if "." in text else int(text)
    return value, unit


@lru_cache(maxsize=1 << 16)
def is_value(cell: str) -> bool:
    """A cell that can stand in a value column: a number or a blank mark (short, whatever its
    spacing: a paragraph is not worth normalising to tell)."""
    return cell_kind(cell) in (BLANK, NUMBER)


# Numbers printed without separators, signs, decimal points and blank marks kept: 713000074, 35-15,
# 9116.3612, 10001——————————.
RUN = re.compile(r"^(?:[—/]|[-+]?\d[\d.]*+)++$")
MAX_RUN_CHARS = MAX_VALUE_CHARS


@lru_cache(maxsize=1 << 16)
def is_run(cell: str) -> bool:
    """A cell that holds numbers run together (a sign between them), to be split, never dropped."""
    return len(cell) <= MAX_RUN_CHARS and _is_run_text(normalize(cell))


def _is_run_text(text: str) -> bool:
    return RUN.match(text) is not None and any(c.isdigit() for c in text)


@lru_cache(maxsize=1 << 16)
def cell_kind(cell: str) -> str:
    """What a row's cell holds, in one look (a reader asks of each cell whether it is a value, a run
    or text; asked one by one, each question normalises it again): BLANK (is_blank), NUMBER (a value
    cell holding a number), RUN_TOGETHER (numbers run together: is_run, no value) or TEXT (anything
    else, a paragraph too long for a value cell included)."""
    if len(cell) > MAX_VALUE_CHARS:
        return TEXT
    text = normalize(cell)
    if _is_blank_text(text):
        return BLANK
    if _number_of_text(text) is not None:
        return NUMBER
    return RUN_TOGETHER if _is_run_text(text) else TEXT


def cell_value(cell: str, money: bool = False, header_in_yuan: bool = False) -> float | int | None:
    """The value to store: None for blanks; money in 万元, converted when printed in 元
    (the cell says 元, or its header does and the cell names no unit)."""
    if is_blank(cell):
        return None
    parsed = parse_number(cell)
    if parsed is None:
        return None
    value, unit = parsed
    if money and (unit == "元" or (header_in_yuan and unit not in ("万元", "万"))):
        return round(value / 10000, 6)
    return value
