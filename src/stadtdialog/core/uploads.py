"""Checks for the files of the pages staff write: the sign-language video (MP4 or WebM) and its captions
(WebVTT). Same pattern as `plans.uploads` (which sits above core): the type by the file's content (magic
bytes), not by its name, and the size against a setting; a German message when a file is refused."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .text import german_slug

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

MEGABYTE = 1024 * 1024
CAPTIONS_MAX_BYTES = MEGABYTE

# ISO base media brands of MP4 video (not QuickTime "qt  ", not HEIF images "heic"/"mif1").
_MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso3",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4V ",
    b"dash",
    b"mmp4",
}
_VIDEO_EXTENSIONS = {"mp4": {"mp4", "m4v"}, "webm": {"webm"}}


def megabytes(size: int, digits: int = 1) -> str:
    """A size in MB in the current locale's format, e.g. "12,3"."""
    value = size / MEGABYTE
    if value == int(value):
        digits = 0
    return number_format(round(value, digits), digits)


def _head(uploaded_file: UploadedFile, size: int = 64) -> bytes:
    uploaded_file.seek(0)
    head = uploaded_file.read(size)
    uploaded_file.seek(0)
    return head


def video_type(head: bytes) -> str | None:
    """ "mp4" or "webm" by the first bytes of a file; None for anything else (Matroska, QuickTime, images …)."""
    if head[4:8] == b"ftyp" and head[8:12] in _MP4_BRANDS:
        return "mp4"
    # EBML header with the document type "webm" (Matroska files say "matroska")
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"\x42\x82" in head[:40] and b"webm" in head[:40]:
        return "webm"
    return None


def _check_size(uploaded_file: UploadedFile, limit: int) -> None:
    if uploaded_file.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(limit)s MB are allowed.")
            % {"size": megabytes(uploaded_file.size), "limit": megabytes(limit)},
            code="too_large",
        )
    if uploaded_file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")


def check_video(uploaded_file: UploadedFile) -> str:
    """Return the canonical extension ("mp4" or "webm") of an allowed video; raise ValidationError otherwise.
    The size limit is PAGE_VIDEO_MAX_BYTES."""
    _check_size(uploaded_file, settings.PAGE_VIDEO_MAX_BYTES)
    found = video_type(_head(uploaded_file))
    extension = PurePath(uploaded_file.name or "").suffix.lower().lstrip(".")
    if found is None or extension not in _VIDEO_EXTENSIONS[found]:
        raise ValidationError(_("Only MP4 or WebM videos are allowed."), code="wrong_type")
    return found


def check_captions(uploaded_file: UploadedFile) -> None:
    """Raise ValidationError unless the file is WebVTT captions in UTF-8 of at most 1 MB."""
    _check_size(uploaded_file, CAPTIONS_MAX_BYTES)
    uploaded_file.seek(0)
    content = uploaded_file.read()
    uploaded_file.seek(0)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    if not (text.startswith("WEBVTT") and (len(text) == 6 or text[6] in " \t\r\n")):
        raise ValidationError(_("Only captions in the WebVTT format (.vtt) are allowed."), code="wrong_type")


def safe_name(original: str, extension: str, fallback: str) -> str:
    """A storage name from the upload's name: lower-case slug plus the extension that fits the content."""
    stem = german_slug(PurePath(original or "").stem)[:80] or fallback
    return f"{stem}.{extension}"


def checked_video(uploaded_file: UploadedFile) -> UploadedFile:
    """check_video, then the file under a safe name: for a service."""
    extension = check_video(uploaded_file)
    uploaded_file.name = safe_name(uploaded_file.name, extension, "video")
    return uploaded_file


def checked_captions(uploaded_file: UploadedFile) -> UploadedFile:
    """check_captions, then the file under a safe name: for a service."""
    check_captions(uploaded_file)
    uploaded_file.name = safe_name(uploaded_file.name, "vtt", "untertitel")
    return uploaded_file
