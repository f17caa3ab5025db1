"""Recognise what a file is from its bytes first (portals mislabel files), then from its name."""

from __future__ import annotations

from .document import UnreadableDocument

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
UNSUPPORTED = {
    ".wps": "a Kingsoft WPS document, which nianbao cannot read",
    ".ofd": "an OFD document, which nianbao cannot read",
    ".et": "a Kingsoft spreadsheet, not a report",
    ".xls": "a spreadsheet, not a report",
    ".xlsx": "a spreadsheet, not a report",
    ".jpg": "an image; a person must read it",
    ".jpeg": "an image; a person must read it",
    ".png": "an image; a person must read it",
    ".zip": "a zip archive, not a report",
    ".rar": "a rar archive, not a report",
}


def detect_kind(data: bytes, name: str = "", content_type: str | None = None) -> str:
    """One of "pdf", "docx", "doc", "html", "text"; raise UnreadableDocument for anything else."""
    suffix = _suffix(name)
    if not data.strip():
        raise UnreadableDocument("empty file")
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or suffix == ".docx":
            return "docx"
        if suffix == ".ofd" or b"OFD.xml" in data[:65536]:
            raise UnreadableDocument(UNSUPPORTED[".ofd"])
        raise UnreadableDocument("a zip archive that is not a Word document")
    if data.startswith(OLE_MAGIC):
        if suffix in (".wps", ".et", ".xls"):
            raise UnreadableDocument(UNSUPPORTED[suffix])
        return "doc"
    if suffix in UNSUPPORTED:
        raise UnreadableDocument(UNSUPPORTED[suffix])
    if _looks_binary(data):
        raise UnreadableDocument("binary data of an unknown kind, not a report")
    lowered = head[:512].lower()
    if suffix in HTML_SUFFIXES or (content_type or "").startswith(("text/html", "application/xhtml")):
        return "html"
    if suffix not in TEXT_SUFFIXES and lowered.startswith((b"<!doctype", b"<html", b"<?xml", b"<meta", b"<head")):
        return "html"
    return "text"


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample
