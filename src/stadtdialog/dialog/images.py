"""A contribution's image: PNG, JPEG or WebP by content (magic bytes and Pillow), at most 5 MB; stored
re-encoded without metadata (no GPS position) under a random name."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from stadtdialog.core.images import readable_format, without_metadata

MAX_IMAGE_BYTES = 5 * 1024 * 1024

# extension, test on the first bytes, Pillow's name for the format
_SIGNATURES = [
    ("png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"), "PNG"),
    ("jpg", lambda head: head.startswith(b"\xff\xd8\xff"), "JPEG"),
    ("webp", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP", "WEBP"),
]


def check_image(uploaded_file) -> str:
    """The extension that fits the image's content; ValidationError with a German message otherwise."""
    if uploaded_file.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is too large: at most 5 MB are allowed."), code="too_large")
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    match = next(((ext, fmt) for ext, test, fmt in _SIGNATURES if test(head)), None)
    if match is None:
        raise ValidationError(
            _("The file is not an image. Please choose a PNG, JPEG or WebP image."), code="not_an_image"
        )
    if readable_format(uploaded_file) != match[1]:
        raise ValidationError(
            _("The file is not an image. Please choose a PNG, JPEG or WebP image."), code="not_an_image"
        )
    return match[0]


@dataclass(frozen=True)
class CheckedImage:
    """An upload that check_image found to be a PNG, JPEG or WebP image, with the extension that fits it."""

    file: UploadedFile
    extension: str


def checked_image(uploaded_file) -> CheckedImage:
    """The upload with its extension once check_image accepts it; ValidationError otherwise."""
    return CheckedImage(uploaded_file, check_image(uploaded_file))


def stored_image(uploaded_file, extension: str):
    """The checked image as it is stored: re-encoded without EXIF (no GPS position), upright, under a
    random name (the resident's file name is never published). ValidationError if it cannot be decoded."""
    return without_metadata(uploaded_file, f"{uuid.uuid4().hex}.{extension}")
