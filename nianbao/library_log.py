"""What the document libraries say on their own (pdfminer's "Data-loss while decompressing corrupted data",
pypdfium2's and openpyxl's warnings) goes to the log, not to stderr, where each bad file gets one line of
ours: a damaged PDF would otherwise print a dozen lines nobody can act on. The log is the file
$NIANBAO_LOG when set (appended to); without it the chatter is dropped.

Set once by the CLI before any parse; the parse worker, forked from it, inherits it."""

from __future__ import annotations

import logging
import os

LIBRARY_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2", "PIL", "fontTools", "docx", "openpyxl", "py.warnings")


def route_library_chatter(log_path: str | None = None) -> None:
    """Send the libraries' log records and Python warnings to ``log_path`` (default $NIANBAO_LOG), or
    nowhere; never to stderr."""
    log_path = log_path or os.environ.get("NIANBAO_LOG")
    handler = logging.FileHandler(log_path, encoding="utf-8") if log_path else logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s %(message)s"))
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False
    logging.captureWarnings(True)  # warnings.warn(...) of the libraries become py.warnings records
