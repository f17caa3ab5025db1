"""The common shape every extractor produces, so one record builder serves all file formats."""

from __future__ import annotations

from dataclasses import dataclass, field


class UnreadableDocument(Exception):
    """The bytes cannot be read as a report; the message says why in one line (shown to the user)."""

    outcome = "unreadable"


class TooLarge(UnreadableDocument):
    """A file past a size limit once decompressed (parsing/limits.py): refused before it is unpacked."""

    outcome = "too_large"


class TooComplex(UnreadableDocument):
    """A file past a count limit (pages, objects on a page, paragraphs): refused before it is read."""

    outcome = "too_complex"


@dataclass
class Block:
    """One unit of the document in reading order.

    A line or paragraph of text is a one-cell block with ``table=False``; a table row is a block with
    one string per cell as printed (merged cells appear once, a blank cell is ``""``), ``table=True``.

    Where the file draws the table as a grid (HTML spans, DOCX grid spans) and the grid is consistent,
    ``columns`` gives each cell's grid columns as (first, past the last), and ``spanned`` the column
    ranges of this row that a cell of a row above covers (rowspan, vertical merge): which header
    column a value sits under is then known, not counted. Where the file draws no grid but its words
    stand in columns (a PDF table without rules), ``in_columns`` says the row's value cells were placed
    one per column, a blank cell being a column printed blank. ``merged`` lists the cells that are one
    value cell merged vertically over several rows (DOCX), printed in each row it spans. These are not
    part of a block's equality (the same row as printed).
    """

    cells: list[str]
    table: bool = False
    columns: tuple[tuple[int, int], ...] | None = field(default=None, compare=False)
    spanned: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    in_columns: bool = field(default=False, compare=False)
    merged: tuple[int, ...] = field(default=(), compare=False)


@dataclass
class Document:
    """What an extractor read from a file: blocks in reading order, page metadata, and whether the
    document is only pictures (a scan with no text layer)."""

    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    image_only: bool = False

    def text(self) -> str:
        """The visible text, one block a line (table cells joined by tabs)."""
        return "\n".join("\t".join(b.cells) for b in self.blocks)

    def paragraphs(self) -> list[str]:
        """Text blocks only: the narrative, title, headings and dates."""
        return [b.cells[0] for b in self.blocks if not b.table]
