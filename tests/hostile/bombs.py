"""Small files that would eat the machine, made the way the hostile probe made them (issue 10)."""

import io
import zipfile
import zlib


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


def pdf_with_bad_checksum() -> bytes:
    """A one-page PDF whose content stream's zlib checksum is wrong: pdfminer reads it anyway and logs
    "Data-loss while decompressing corrupted data", which reached stderr before the chatter was routed."""
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Annual report 2021) Tj ET")
    content = content[:-1] + bytes([content[-1] ^ 0xFF])  # the Adler-32 check no longer matches
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def html_nested(depth: int, body: str) -> bytes:
    """``body`` inside ``depth`` nested <div>s: 1,000 levels made the page unreadable (RecursionError)."""
    return f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>".encode()
