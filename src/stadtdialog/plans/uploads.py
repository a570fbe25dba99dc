"""Checks for uploaded attachments: type by content (magic bytes), not by name, and size; images are
stored re-encoded without metadata (`core.images`), PDFs as they came."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from pypdf import PdfReader

from stadtdialog.core.images import readable_format, without_metadata
from stadtdialog.core.text import german_slug

from .models import Attachment

if TYPE_CHECKING:
    from django.core.files import File
    from django.core.files.uploadedfile import UploadedFile

MEGABYTE = 1024 * 1024

# (kind, extension, test on the first bytes of the file)
_SIGNATURES = [
    (Attachment.Kind.PDF, "pdf", lambda head: head.startswith(b"%PDF-")),
    (Attachment.Kind.IMAGE, "png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    (Attachment.Kind.IMAGE, "jpg", lambda head: head.startswith(b"\xff\xd8\xff")),
    (Attachment.Kind.IMAGE, "webp", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
]
_EXTENSIONS = {"pdf", "png", "jpg", "jpeg", "webp"}


def megabytes(size: int, digits: int = 1) -> str:
    """A size in MB in the current locale's format, e.g. "12,3"."""
    value = size / MEGABYTE
    if value == int(value):
        digits = 0
    return number_format(round(value, digits), digits)


def file_type(uploaded_file: UploadedFile) -> tuple[str, str] | None:
    """(kind, canonical extension) by the file's first bytes and its name's extension; None for any other file."""
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    extension = PurePath(uploaded_file.name or "").suffix.lower().lstrip(".")
    for kind, canonical, matches in _SIGNATURES:
        if matches(head) and extension in _EXTENSIONS:
            return kind, canonical
    return None


def check_upload(uploaded_file: UploadedFile | None) -> tuple[str, str]:
    """Return (kind, extension) of an allowed file; raise ValidationError with a German message otherwise."""
    if uploaded_file is None:
        raise ValidationError(_("Please choose a file."), code="required")
    limit = settings.MAX_ATTACHMENT_BYTES
    if uploaded_file.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(limit)s MB are allowed.")
            % {"size": megabytes(uploaded_file.size), "limit": megabytes(limit)},
            code="too_large",
        )
    if uploaded_file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    found = file_type(uploaded_file)
    if found is None:
        raise ValidationError(_("Only PDF, PNG, JPEG or WebP files are allowed."), code="wrong_type")
    if found[0] == Attachment.Kind.IMAGE:
        readable_format(uploaded_file)  # sound, and not a decompression bomb
    else:
        check_pdf(uploaded_file)
    return found


def check_pdf(uploaded_file: UploadedFile) -> None:
    """Raise ValidationError unless pypdf opens the file and finds at least one page: "%PDF-" at the start
    is not enough (an HTML page behind those five bytes would pass)."""
    uploaded_file.seek(0)
    try:
        pages = len(PdfReader(uploaded_file).pages)
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of errors on a broken file; each means "not a PDF"
        pages = 0
    finally:
        uploaded_file.seek(0)
    if pages < 1:
        raise ValidationError(
            _("The file is not a readable PDF document. Please save it again as PDF and upload it."),
            code="broken_pdf",
        )


def stored_upload(uploaded_file: UploadedFile) -> tuple[str, File]:
    """(kind, the file to store) of a file that check_upload accepted (a form's clean_file): an image
    re-encoded upright without EXIF, XMP or text chunks (no GPS position is published), a PDF as it
    came; both under safe_name."""
    found = file_type(uploaded_file)
    if found is None:
        raise ValueError("stored_upload takes only a file that check_upload accepted")
    kind, extension = found
    name = safe_name(uploaded_file.name, extension)
    if kind == Attachment.Kind.IMAGE:
        return kind, without_metadata(uploaded_file, name)
    uploaded_file.name = name
    return kind, uploaded_file


def checked_upload(uploaded_file: UploadedFile) -> tuple[str, File]:
    """check_upload, then stored_upload: for a service whose form does not check the file."""
    check_upload(uploaded_file)
    return stored_upload(uploaded_file)


def safe_name(original: str, extension: str) -> str:
    """A storage name from the upload's name: lower-case slug plus the extension that fits the content."""
    stem = german_slug(PurePath(original or "").stem)[:80] or "anhang"
    return f"{stem}.{extension}"
