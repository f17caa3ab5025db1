"""Parse stage: pure functions, bytes in, report record out. No Scrapy import here.

``parse_bytes(data, name)`` recognises the file by its bytes (then its name), lets the matching
extractor turn it into a :class:`~parsing.document.Document`, and builds the report record
(shared/spec/report-record.md) from that. Anything that is not a readable report raises
:class:`~parsing.document.UnreadableDocument` with a one-line reason.
"""

from __future__ import annotations

from pathlib import Path

from .detect import detect_kind
from .document import Document, UnreadableDocument

__all__ = ["parse_bytes", "parse_file", "extract", "UnreadableDocument"]


def extract(data: bytes, name: str = "", content_type: str | None = None) -> Document:
    """Turn raw bytes into a Document with the extractor their kind calls for."""
    kind = detect_kind(data, name, content_type)
    if kind == "html":
        from . import from_html

        return from_html.extract(data, content_type)
    if kind == "pdf":
        from . import from_pdf

        return from_pdf.extract(data)
    if kind == "docx":
        from . import from_docx

        return from_docx.extract(data)
    if kind == "doc":
        from . import from_doc

        return from_doc.extract(data)
    from . import decode, from_text

    return from_text.extract(decode.decode_text(data))


def parse_bytes(data: bytes, name: str = "", content_type: str | None = None) -> dict:
    """The report record of one file's bytes."""
    from .record import build_record

    return build_record(extract(data, name, content_type))


def parse_file(path: str | Path) -> dict:
    """The report record of a file on disk."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableDocument(f"cannot read: {err.strerror or err}") from None
    return parse_bytes(data, path.name)
