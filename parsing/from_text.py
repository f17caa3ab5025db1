"""Plain text and Markdown as portals' pages are copied out: tab-separated table rows, Markdown pipe
tables, or one cell per line (the record builder joins those)."""
from __future__ import annotations

import re

from parsing.document import Block, Document

PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
MARKDOWN_DECORATION = re.compile(r"^#{1,6}\s+|\*\*|__")


def extract(text: str) -> Document:
    """Blocks from text: a line with tabs or pipes is a table row, any other line a text block."""
    blocks = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        block = line_block(raw)
        if block is not None:
            blocks.append(block)
    return Document(blocks=blocks)


def line_block(raw: str) -> Block | None:
    line = raw.strip()
    if not line:
        return None
    if line.startswith("|") and line.count("|") >= 2:
        if PIPE_SEPARATOR.match(line):
            return None
        return Block(cells=pipe_cells(line), table=True)
    if "\t" in raw.strip("\n") and raw.strip(" \n") != "":
        return Block(cells=[c.strip() for c in raw.rstrip("\n").split("\t")], table=True)
    return Block(cells=[MARKDOWN_DECORATION.sub("", line).strip()])


def pipe_cells(line: str) -> list[str]:
    """| a | b | c | → ["a", "b", "c"] (the outer pipes frame the row, they are not cells)."""
    inner = line.strip()[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [cell.strip() for cell in inner.split("|")]
