"""Render a Django template to PDF bytes with WeasyPrint, without any network access.

Stylesheets and images are referenced as usual (``{% static %}``, media URLs). The URL fetcher
serves only files of the static and media folders and ``data:`` URIs; anything else (http,
file paths outside those folders) is refused, so a document can never make WeasyPrint fetch
from the network or read arbitrary files.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

BASE_URL = "https://pdf.invalid/"


def _local_file(path: str) -> Path | None:
    """The file behind a static or media URL path, or None."""
    static_url, media_url = settings.STATIC_URL, settings.MEDIA_URL
    if path.startswith(static_url):
        relative = path[len(static_url) :]
        found = finders.find(relative)
        if found:
            return Path(found)
        root = Path(settings.STATIC_ROOT).resolve()
    elif path.startswith(media_url):
        relative = path[len(media_url) :]
        root = Path(settings.MEDIA_ROOT).resolve()
    else:
        return None
    candidate = (root / relative).resolve()
    if candidate.is_relative_to(root) and candidate.is_file():
        return candidate
    return None


def _fetcher_class():
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}/" == BASE_URL:
                found = _local_file(unquote(parts.path))
                if found is not None:
                    content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": content_type})
            raise ValueError(f"refused to fetch {url}")

    return LocalOnlyFetcher


def render_pdf(template_name: str, context: dict | None = None, request=None) -> bytes:
    """The template rendered to HTML and laid out as PDF."""
    from weasyprint import HTML  # imported late: it loads Pango, which takes a moment

    html = render_to_string(template_name, context or {}, request=request)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()()).write_pdf()
