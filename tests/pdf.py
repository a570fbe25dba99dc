"""Read generated PDFs in tests: pages and their text, in pure Python (pypdf)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_pages(content: bytes) -> list[str]:
    """The extracted text of every page; fails the test if the file is no readable PDF."""
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content), strict=True)
    return [page.extract_text() for page in reader.pages]


def pdf_text(content: bytes) -> str:
    return "\n".join(pdf_pages(content))


def one_page_pdf(title: str = "") -> bytes:
    """A real PDF of one blank page (what the upload check accepts), with a title in its metadata if given."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if title:
        writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
