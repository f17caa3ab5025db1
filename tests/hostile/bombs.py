"""Small files that would eat the machine, made the way the hostile probe made them (issue 10)."""

import io
import zipfile


def pdf_of_drawn_lines(lines: int = 200_000) -> bytes:
    """A one-page PDF of short drawn lines: 200,000 took 70 s and 5.9 GB to read before the limits."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=1)
    for i in range(lines):
        x, y = (i * 7) % 500 + 20, (i * 13) % 760 + 20
        page.line(x, y, x + 3, y + 2)
    page.showPage()
    page.save()
    return buffer.getvalue()


def docx_with_body(extra: bytes, member: str = "word/document.xml") -> bytes:
    """A real DOCX (python-docx's default) with ``extra`` XML put into its body."""
    from docx import Document

    plain = io.BytesIO()
    Document().save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == member:
                start = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:start] + extra + data[start:]
            target.writestr(item, data)
    return out.getvalue()


def docx_of_empty_paragraphs(count: int = 5_000_000) -> bytes:
    """533 KB that took 34 s and 3.5 GB before the limits."""
    return docx_with_body(b"<w:p/>" * count)


def docx_unzipping_to(megabytes: int) -> bytes:
    """A DOCX whose XML unzips to ``megabytes`` of one comment (1.6 MB took 16 s and 3.2 GB)."""
    return docx_with_body(b"<!--" + b"x" * (megabytes * 2**20) + b"-->")
