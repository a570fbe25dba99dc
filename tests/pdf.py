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
