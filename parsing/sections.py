"""The six standard headings, however they are numbered or spaced."""

from __future__ import annotations

import re
from functools import lru_cache

from .values import normalize

# Section number → the phrases that name it (after the numbering), most specific first.
SECTION_PHRASES = {
    1: ("总体情况", "基本情况", "概述", "总体概况"),
    2: ("主动公开政府信息情况", "主动公开政府信息", "主动公开情况"),
    3: (
        "收到和处理政府信息公开申请情况",
        "收到和处理政府信息公开申请",
        "依申请公开政府信息情况",
        "收到和处理政府信息公开申请的情况",
    ),
    4: (
        "政府信息公开行政复议、行政诉讼情况",
        "行政复议、行政诉讼情况",
        "行政法复议、行政诉讼情况",
        "被申请行政复议和提起行政诉讼情况",
        "被申请行政复议、提起行政诉讼的情况",
        "行政复议和行政诉讼情况",
        "行政复议行政诉讼情况",
        "行政复议、行政诉讼的情况",
    ),
    5: (
        "存在的主要问题及改进情况",
        "主要问题及改进情况",
        "存在的主要问题及整改措施",
        "存在的主要问题和改进情况",
        "存在的问题及改进情况",
        "主要问题和改进措施",
        "存在的主要问题",
    ),
    6: ("其他需要报告的事项", "其他需要报告事项", "其他事项"),
}
NUMERALS = "一二三四五六"
# Each section's heading as the 2021 template prints it: 一、总体情况 …
SECTION_HEADINGS = {n: f"{NUMERALS[n - 1]}、{phrases[0]}" for n, phrases in SECTION_PHRASES.items()}
NUMBERING = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．,，]|\d+[、.．])")
# （一）… numbers the parts inside a section (（一）主动公开情况 under 一、总体情况), never a section.
SUB_NUMBERING = re.compile(r"^[(（][一二三四五六七八九十\d]+[)）]")
MAX_EXTRA_CHARS = 10  # 因政府信息公开工作… before the phrase
FLAT_PHRASES = {n: tuple(normalize(p) for p in phrases) for n, phrases in SECTION_PHRASES.items()}
HEADING_WORDS = re.compile("情况|事项|问题|措施|概述|概况")  # every phrase has one: a cheap first test
# The first characters of those words, which no other character normalises to: a line without any of
# them is no heading, however it is spaced, and need not be normalised to tell.
HEADING_FIRST_CHARS = re.compile("[情事问措概]")
MAX_HEADING_CHARS = 60  # numbering, the longest phrase and a few characters, with spaces to spare


@lru_cache(maxsize=1 << 14)  # the record, the table reader and the checks each ask about the same lines
def heading_number(line: str) -> int | None:
    """Which standard section a line heads, or None. A heading is short: the phrase, its numbering
    and a few characters at most (an intro sentence listing all six parts is not a heading)."""
    if len(line) > MAX_HEADING_CHARS or not HEADING_FIRST_CHARS.search(line):
        return None
    flat = normalize(line).rstrip("。：:")
    if not HEADING_WORDS.search(flat) or SUB_NUMBERING.match(flat):
        return None
    numbered = NUMBERING.match(flat)
    body = flat[numbered.end() :] if numbered else flat
    for number, phrases in FLAT_PHRASES.items():
        for flat_phrase in phrases:
            if flat_phrase in body and len(body) - len(flat_phrase) <= MAX_EXTRA_CHARS:
                if number == 1 and not numbered and body != flat_phrase:
                    continue
                return number
    return None


def sections_found(lines: list[str]) -> list[int]:
    """The standard sections whose headings appear, in number order."""
    return sorted({n for n in map(heading_number, lines) if n is not None})
