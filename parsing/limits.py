"""Limits on what one file may make the parser do, checked cheaply before the expensive reading: no real
annual report comes near them, a hostile or broken file does (a DOCX whose XML unzips to gigabytes, a PDF
page of a million drawn lines). Each can be set in the environment. The worker process (nianbao.isolation)
bounds time and memory whatever slips past these."""

from __future__ import annotations

import os


def _setting(name: str, default: int) -> int:
    return int(os.environ.get(f"NIANBAO_{name}", default))


MAX_UNZIPPED_BYTES = _setting("MAX_UNZIPPED_BYTES", 200 * 1024 * 1024)  # a DOCX's parts, as declared
MAX_PARAGRAPHS = _setting("MAX_PARAGRAPHS", 100_000)  # a DOCX body (a long report has a few thousand)
MAX_PDF_PAGES = _setting("MAX_PDF_PAGES", 500)
MAX_OBJECTS_PER_PAGE = _setting("MAX_OBJECTS_PER_PAGE", 50_000)  # characters, lines, curves, images
