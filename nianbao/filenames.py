"""File names as they come: bytes that are UTF-8, or GBK/GB18030 from a folder unzipped out of a Chinese
Windows archive (and from a ``Content-Disposition`` header sent by a server that never heard of RFC 5987).
Pure functions: the crawler decodes its attachment names with :func:`decode_file_name` too.

>>> decode_file_name("1_信访局年报.txt".encode("gbk"))
'1_信访局年报.txt'
>>> decode_file_name("年报.pdf".encode())
'年报.pdf'
>>> shown_name("a\\nb.txt")
"'a\\\\nb.txt'"
"""

from __future__ import annotations

import os
from pathlib import Path


def decode_file_name(raw: bytes) -> str:
    """The name ``raw`` is: UTF-8 when it is valid UTF-8 (ASCII included), else GB18030 (a superset of GBK
    and GB2312) when it decodes as that, else UTF-8 with the undecodable bytes shown as ``\\xNN``."""
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="backslashreplace")


def name_bytes(path: str | Path) -> bytes | None:
    """The raw bytes of a file name the file system gave that are not UTF-8 (None when they are), kept
    beside the decoded name so nothing of it is lost."""
    raw = os.fsencode(Path(path).name)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw
    return None


def path_text(path: str | Path) -> str:
    """A path as text that can be stored and printed (Python gives undecodable names as surrogates)."""
    return decode_file_name(os.fsencode(path))


def shown_name(path: str | Path) -> str:
    """A name for a one-line message: as is when it is plain printable text, else quoted with its control
    characters escaped (a newline in a name must not split the message)."""
    text = path_text(path)
    return text if text.isprintable() else repr(text)
