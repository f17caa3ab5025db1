"""Bytes to text for HTML pages and plain-text files served by Chinese government portals.

Portals declare gb2312 and use GBK characters, send UTF-8 under a wrong header, or declare nothing.
Statistical detectors mistake short Chinese pages for Cyrillic, so they come last: declarations
first, then strict UTF-8, then GB18030, and only then charset-normalizer.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .document import UnreadableDocument

__all__ = ["decode_html", "decode_html_as", "decode_text"]

# GB2312 and GBK are subsets of GB18030; portals that declare them still use characters beyond them.
GB_FAMILY = {
    "gb2312",
    "gbk",
    "gb_2312-80",
    "gb_2312",
    "x-gbk",
    "cp936",
    "ms936",
    "windows-936",
    "csgb2312",
    "euc-cn",
    "euccn",
}
# A server's default charset, never true of a Chinese page: decoding with it always "succeeds"
# and gives mojibake, so it is not worth trying.
SERVER_DEFAULTS = {"iso-8859-1", "latin1", "latin-1", "l1", "iso8859-1", "windows-1252", "cp1252", "us-ascii", "ascii"}
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
HEAD_BYTES = 8192  # "the first few KB": long <head>s of scripts push the <meta> past 1 KB
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)"""  # <meta charset> and http-equiv content
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.I,
)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """The text of an HTML page: BOM, HTTP charset, <meta> charset, UTF-8, GB18030, detector."""
    return decode_html_as(data, content_type)[0]


def decode_html_as(data: bytes, content_type: str | None = None) -> tuple[str, str | None]:
    """The text of an HTML page (decode_html) and the codec that decoded the bytes as they are ("utf-8",
    "gb18030" …; None after a BOM, or where the detector chose)."""
    declared = [_header_charset(content_type), _meta_charset(data)]
    return _decode(data, [name for name in declared if name])


def decode_text(data: bytes) -> str:
    """The text of a .txt/.md file: BOM, UTF-8, GB18030, detector."""
    return _decode(data, [])[0]


def _decode(data: bytes, declared: list[str]) -> tuple[str, str | None]:
    """Try the BOM, then each declared charset, UTF-8 and GB18030 strictly; then the detector."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is not None:
                return text, None
    for encoding in [*map(_canonical, declared), "utf-8", "gb18030"]:
        if encoding:
            text = _strict(data, encoding)
            if text is not None:
                return text.removeprefix("\ufeff"), encoding
    return _detected(data), None


def _strict(data: bytes, encoding: str) -> str | None:
    """``data`` decoded without replacement, or None. A character cut off at the very end (a
    truncated download) is dropped rather than failing the whole page."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        if err.reason.startswith(("unexpected end", "incomplete")) and err.end >= len(data) - 1:
            return _strict(data[: err.start], encoding)
        return None
    except LookupError:
        return None


def _detected(data: bytes) -> str:
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument("cannot decode the text: not UTF-8, GB18030 or any known encoding")
    return str(best).removeprefix("\ufeff")


def _canonical(name: str) -> str | None:
    """The codec to use for a declared charset name; None for names not worth trying."""
    name = name.strip().lower()
    if name in GB_FAMILY:
        return "gb18030"
    if name in SERVER_DEFAULTS:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _header_charset(content_type: str | None) -> str | None:
    match = HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def _meta_charset(data: bytes) -> str | None:
    match = META_CHARSET.search(data[:HEAD_BYTES])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", "replace")
