"""Dates as reports print them: 2025-01-31, 2025年1月31日, 二〇二五年一月三十一日, 2025/1/31."""

from __future__ import annotations

import re
from datetime import date

CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_NUMBER = "[〇零○Ｏ一二三四五六七八九十]"
DATE = re.compile(
    r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?"
    rf"|({CN_NUMBER}{{4}})\s*年\s*({CN_NUMBER}{{1,3}})\s*月\s*({CN_NUMBER}{{1,3}})\s*日"
)


def cn_to_int(text: str) -> int:
    """二〇二四 → 2024 (digit by digit); 三十一 → 31, 十二 → 12 (with 十)."""
    if "十" not in text:
        return int("".join(str(CN_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)


def to_iso(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD, or None for an impossible date (a misprint is not a date)."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[str]:
    """Every valid date printed in the text, in order, as YYYY-MM-DD."""
    found = []
    for m in DATE.finditer(text):
        if m.group(1):
            iso = to_iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        else:
            iso = to_iso(cn_to_int(m.group(4)), cn_to_int(m.group(5)), cn_to_int(m.group(6)))
        if iso:
            found.append(iso)
    return found


def first_date(text: str) -> str | None:
    dates = find_dates(text)
    return dates[0] if dates else None
