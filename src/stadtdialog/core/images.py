"""Uploaded images as they are stored and published: re-encoded by Pillow, upright, without metadata.

A photo from a phone carries EXIF data: the GPS position where it was taken, the camera, the time.
Everything uploaded as PNG, JPEG or WebP is therefore decoded and written anew before it is stored:
the EXIF orientation is applied to the pixels first (a portrait photo stays upright), then only the
pixels are kept, with the colour profile and PNG transparency; EXIF, XMP, IPTC, comments and PNG
text chunks are left behind. Nothing is scaled. Animated images keep their first frame.

Images with more than MAX_PIXELS pixels are refused before they are decoded (a small file can
unpack into gigabytes: a decompression bomb). The type and size checks of each upload stay where
they are (`dialog.images`, `plans.uploads`); these functions come after them.
"""

import contextlib
import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# 50 megapixels hold any phone camera's photo (48 MP) and need up to 200 MB to decode with
# transparency; Pillow itself only warns from 89 MP and refuses from 179 MP.
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 85
WEBP_QUALITY = 85

_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


def _unreadable() -> ValidationError:
    return ValidationError(_("The image could not be read. Please choose another file."), code="broken_image")


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The image has too many pixels: at most %(megapixels)d megapixels are allowed. Please make it smaller.")
        % {"megapixels": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


@contextlib.contextmanager
def _opened(uploaded_file):
    """The image, opened lazily (only its header read) and refused when it has too many pixels; Pillow's
    errors, here and in the `with` block, become German ValidationErrors; the file is rewound after."""
    uploaded_file.seek(0)
    try:
        with Image.open(uploaded_file) as image:  # DecompressionBombError past twice Pillow's own limit
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _too_many_pixels()
            yield image
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except _UNREADABLE:
        raise _unreadable() from None
    finally:
        uploaded_file.seek(0)


def readable_format(uploaded_file) -> str:
    """Pillow's name of the image's format ("PNG", "JPEG", "WEBP") once its structure is found sound and
    it is not too large to decode; ValidationError with a German message otherwise. Decodes nothing."""
    with _opened(uploaded_file) as image:
        image.verify()
        return image.format


def without_metadata(uploaded_file, name: str) -> ContentFile:
    """The image re-encoded in its own format, upright and without metadata, as a file called `name`.

    Raises ValidationError (German message, field-free) when the image cannot be decoded or has too many pixels.
    """
    lossless = _lossless_webp(uploaded_file)
    buffer = io.BytesIO()
    with _opened(uploaded_file) as image:
        found = image.format
        ImageOps.exif_transpose(image, in_place=True)  # decodes the pixels, turns them, drops the tag
        kept = {key: image.info[key] for key in ("icc_profile", "transparency") if key in image.info}
        image.info = {}  # nothing else travels into the new file (JPEG comments are taken from here)
        _saveable(image, found).save(buffer, format=found, **_options(found, kept, lossless))
    return ContentFile(buffer.getvalue(), name=name)


def _lossless_webp(uploaded_file) -> bool:
    """Whether a WebP file holds a lossless ("VP8L") stream: its chunks are read up to the first image data."""
    uploaded_file.seek(0)
    head = uploaded_file.read(12)
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        return False
    for _chunk in range(16):
        header = uploaded_file.read(8)
        if len(header) < 8:
            break
        fourcc, size = header[:4], int.from_bytes(header[4:], "little")
        if fourcc in (b"VP8 ", b"VP8L"):
            return fourcc == b"VP8L"
        uploaded_file.seek(size + size % 2, io.SEEK_CUR)  # chunks are padded to an even length
    return False


def _saveable(image: Image.Image, found: str) -> Image.Image:
    """JPEG holds no transparency or palette: such an image (rare in a JPEG file) becomes RGB."""
    if found == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        return image.convert("RGB")
    return image


def _options(found: str, kept: dict, lossless: bool) -> dict:
    """How to write the image: the kept colour profile (and a PNG's transparency), a reasonable quality."""
    if found == "JPEG":
        return {"quality": JPEG_QUALITY, "optimize": True, **kept}
    if found == "WEBP":
        # a lossless WebP stays lossless: screenshots and drawings keep sharp edges
        return {"lossless": True, **kept} if lossless else {"quality": WEBP_QUALITY, **kept}
    return kept
