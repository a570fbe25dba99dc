"""Checks for a contribution's image: PNG, JPEG or WebP by content (magic bytes and Pillow), at most 5 MB."""

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

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
        raise ValidationError(_("The file is not an image. Please choose a PNG, JPEG or WebP image."), code="not_an_image")
    try:
        with Image.open(uploaded_file) as image:
            actual = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("The image could not be read. Please choose another file."), code="broken_image") from None
    finally:
        uploaded_file.seek(0)
    if actual != match[1]:
        raise ValidationError(_("The file is not an image. Please choose a PNG, JPEG or WebP image."), code="not_an_image")
    return match[0]


def storage_name(extension: str) -> str:
    """A random name: the resident's file name is never published."""
    return f"{uuid.uuid4().hex}.{extension}"
