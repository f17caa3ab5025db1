"""Legacy Word 97–2003 (.doc, OLE) reports, read with antiword.

antiword's DocBook output (``-x db``) is read rather than its text output. The text output draws a
table row as ``|cell|cell|`` lines wrapped to the column widths, so a long label, or a label typed on two
lines, spills onto further lines that cannot be told apart from the next row; the DocBook output has one
``<row>`` per row and one ``<entry>`` per cell, in order.

What antiword 0.37 gives, measured on the fixtures (tests/fixtures/docx):

* the continuation cells of a vertical merge come out as blank entries, so a row under a merged group
  label starts with ``""`` cells (antiword keeps no merge flags; a horizontally merged cell is one entry);
* rows whose table properties are too long for a paragraph-property page are stored through
  ``sprmPHugePapx``, which antiword does not read; it then does not see those rows as table rows and
  prints their cells run together as ``a |b |c | |`` paragraphs (LibreOffice writes rows of seven or more
  cells this way, so tables 3 and 4 of a LibreOffice-saved report arrive as such text, not rows). When a
  row antiword can read follows such rows, it also loses everything in between (table 3 of the fixture
  and the heading after it come out as one blank two-cell row);
* a line break inside a paragraph is dropped (the two lines are joined), nested tables are flattened into
  their outer cell, and text boxes, headers and footers are not printed.

When antiword leaves such unplaced cells and LibreOffice is installed (``soffice`` or ``libreoffice`` on
the PATH), the file is converted to .docx by LibreOffice and read by the .docx extractor instead, which
keeps every row. A conversion costs a second or two, so files antiword reads whole are not converted;
without LibreOffice, or when the conversion fails, antiword's reading stands.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from lxml import etree

from . import from_docx
from .document import Block, Document, UnreadableDocument

ANTIWORD_TIMEOUT_S = 60
SOFFICE_TIMEOUT_S = 120
# What antiword prints for the end of a cell (and of a row) it could not place in a table row. The
# paragraph after such a table is glued to its last cell, so paragraphs are split here: each cell, and
# the paragraph after, becomes a text block of its own. Which cells formed a row is unknown, so they
# are not given as rows; blank cells among them are lost.
UNPLACED_CELL_END = " |"
# Elements whose text is not part of the paragraph that holds them (footnotes become blocks of their own).
NOT_INLINE = {"informaltable", "footnote"}
# The document properties antiword prints before the body (title, author, date, mis-decoded for
# Chinese documents); they are not content.
SKIPPED = {"bookinfo"}


def extract(data: bytes) -> Document:
    """Read a .doc file's text and table rows; raise UnreadableDocument if antiword cannot. Rows antiword
    cannot place are read through LibreOffice where it is installed."""
    book = _parse_docbook(_run_antiword(data))
    if _has_unplaced_cells(book):
        converted = _docx_by_libreoffice(data)
        if converted is not None:
            return converted
    return Document(blocks=list(_blocks(book)))


def _has_unplaced_cells(book: etree._Element) -> bool:
    """Whether antiword printed table cells it could not place in a row."""
    return any(UNPLACED_CELL_END in _inline_text(paragraph) for paragraph in book.iter("para", "title"))


def _docx_by_libreoffice(data: bytes) -> Document | None:
    """The document converted to .docx by LibreOffice and read as such; None without LibreOffice or when
    it fails. Each conversion has its own profile directory: LibreOffice locks its profile, so parallel
    conversions sharing one would fail."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="nianbao-soffice-") as work:
        source, outdir = Path(work, "report.doc"), Path(work, "out")
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={Path(work, 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(outdir),
            str(source),
        ]
        if not _run_in_own_group(command, SOFFICE_TIMEOUT_S):
            return None
        converted = outdir / "report.docx"
        if not converted.is_file():
            return None
        try:
            return from_docx.extract(converted.read_bytes())
        except UnreadableDocument:
            return None


def _run_in_own_group(command: list[str], timeout: float) -> bool:
    """Run a command quietly; on timeout kill it with the processes it started (soffice starts
    soffice.bin). Whether it finished with status 0."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True
    )
    try:
        return process.wait(timeout=timeout) == 0
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return False


def _run_antiword(data: bytes) -> bytes:
    """antiword's DocBook rendering of the document (read from stdin, so no temporary file)."""
    antiword = shutil.which("antiword")
    if antiword is None:
        raise UnreadableDocument("legacy .doc needs antiword (apt-get install antiword)")
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}  # antiword picks its output encoding from the locale
    try:
        done = subprocess.run(
            [antiword, "-x", "db", "-"], input=data, capture_output=True, env=env, timeout=ANTIWORD_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        raise UnreadableDocument(f"antiword gave no result within {ANTIWORD_TIMEOUT_S} s") from None
    if done.returncode != 0:
        raise UnreadableDocument(f"antiword cannot read this .doc: {_antiword_reason(done)}")
    return done.stdout


def _antiword_reason(done: subprocess.CompletedProcess) -> str:
    """antiword's own complaint on one line, naming "the file" where it names its stdin "-"."""
    if done.returncode < 0:
        return f"antiword crashed (signal {-done.returncode})"
    lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    if not lines:
        return f"antiword exit status {done.returncode}"
    reason = lines[0]
    return "the file " + reason[2:] if reason.startswith("- ") else reason


def _parse_docbook(xml: bytes) -> etree._Element:
    # recover: antiword writes the document properties in the wrong encoding, which may not be valid XML;
    # no DTD loading: the DOCTYPE names a DTD on the web.
    parser = etree.XMLParser(recover=True, load_dtd=False, no_network=True, resolve_entities=False, huge_tree=True)
    book = etree.fromstring(xml, parser)
    if book is None:
        raise UnreadableDocument("antiword cannot read this .doc: its output is empty")
    return book


def _blocks(element: etree._Element):
    """Blocks in document order: paragraphs and headings as text, table rows as rows."""
    for child in element:
        if child.tag in SKIPPED or (child.tag == "title" and element.tag == "book"):
            continue
        if child.tag == "row":
            yield Block([_squeeze(_inline_text(entry)) for entry in child.iterchildren("entry")], table=True)
        elif child.tag in ("para", "title"):
            for piece in _inline_text(child).split(UNPLACED_CELL_END):
                if text := _squeeze(piece):
                    yield Block([text])
            yield from _blocks(child)  # a table, or footnote paragraphs, antiword placed inside the paragraph
        else:
            yield from _blocks(child)


def _inline_text(element: etree._Element) -> str:
    """The element's own text with its emphasis, sub- and superscripts; not tables or footnotes in it."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in NOT_INLINE and isinstance(child.tag, str):
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _squeeze(text: str) -> str:
    """Runs of whitespace (a cell's paragraph breaks included) as one space, ends trimmed."""
    return " ".join(text.split())
