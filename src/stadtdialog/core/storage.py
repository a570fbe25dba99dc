"""How uploads are served: each with the type of its content and, for a PDF, as a download.

Every stored upload has a name whose extension the upload check gave it from the content (plans.uploads,
core.uploads), so the type follows from the name, never from what the browser sent along with the file. A PDF
from a resident or a member of staff is sent with `Content-Disposition: attachment`: the browser saves it
instead of opening it inside the portal's pages. On the file system (development; in production the web
server in front, see README.md) `serve_media` adds `X-Content-Type-Options: nosniff`; on object storage
`UploadStorage` stores the type and the disposition with each object, and the bucket sends them with it.
"""

from __future__ import annotations

from pathlib import PurePath

from storages.backends.s3 import S3Storage

# the types the upload checks let through, by their canonical extension
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "webm": "video/webm",
    "vtt": "text/vtt; charset=utf-8",
    # only the city's logo, which load_city stores from the city's data folder: no upload check lets SVG through
    "svg": "image/svg+xml",
}
# an SVG opened on its own runs no script and loads nothing (core.views.serve_media sends this with it)
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
DOWNLOADED = {"pdf"}  # sent as a file to save, not shown in the browser
FALLBACK_TYPE = "application/octet-stream"


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def content_type(name: str) -> str:
    """The type an upload is served with, from its (checked) extension; anything else as bytes to save."""
    return CONTENT_TYPES.get(_extension(name), FALLBACK_TYPE)


def disposition(name: str) -> str | None:
    """`attachment; filename=...` for a file the browser should save, None for one it may show."""
    if _extension(name) in DOWNLOADED or content_type(name) == FALLBACK_TYPE:
        return f'attachment; filename="{PurePath(name).name}"'
    return None


class UploadStorage(S3Storage):
    """S3Storage that stores each upload with the type of its checked extension (django-storages would take
    the type the browser sent) and a PDF with `Content-Disposition: attachment`."""

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        params["ContentType"] = content_type(name)
        attachment = disposition(name)
        if attachment:
            params["ContentDisposition"] = attachment
        return params
