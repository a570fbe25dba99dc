"""core.images: uploaded images are stored upright, re-encoded, without EXIF/XMP/IPTC or text chunks."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from stadtdialog.core.images import MAX_PIXELS, readable_format, without_metadata
from tests.images import BLUE, TOO_MANY_PIXELS, assert_clean, assert_upright, huge_png, phone_photo, png_with_text


def stored(upload, name="bild") -> tuple[Image.Image, bytes]:
    """The re-encoded image, checked to carry no metadata, and its bytes."""
    data = without_metadata(upload, name).read()
    return assert_clean(data), data


def test_a_phone_photo_loses_its_gps_position_and_stays_upright():
    upload = phone_photo()
    assert Image.open(upload).getexif().get_ifd(0x8825)  # the upload has a GPS directory
    image, _data = stored(upload, "foto.jpg")
    assert image.format == "JPEG"
    assert_upright(image)


def test_a_png_keeps_its_transparency_and_loses_its_text_chunks():
    image, _data = stored(png_with_text(), "skizze.png")
    assert image.format == "PNG"
    assert image.mode == "RGBA"
    assert image.size == (30, 20)
    assert image.getpixel((2, 2))[3] == 0
    assert image.getpixel((27, 2)) == (*BLUE, 255)


def test_a_palette_png_keeps_its_transparent_colour():
    image = Image.new("P", (10, 10), 1)
    image.putpalette([255, 255, 255, *BLUE] + [0] * 762)
    image.paste(0, (0, 0, 5, 10))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", transparency=0)
    result, _data = stored(SimpleUploadedFile("p.png", buffer.getvalue()), "p.png")
    assert result.mode == "P"
    assert result.info["transparency"] == 0
    assert result.convert("RGBA").getpixel((1, 1))[3] == 0
    assert result.convert("RGBA").getpixel((8, 1)) == (*BLUE, 255)


@pytest.mark.parametrize("lossless", [False, True])
def test_a_webp_is_re_encoded_without_exif(lossless):
    buffer = io.BytesIO()
    image = Image.new("RGB", (40, 30), BLUE)
    exif = Image.open(phone_photo()).getexif()
    image.save(buffer, format="WEBP", exif=exif, lossless=lossless)
    result, data = stored(SimpleUploadedFile("w.webp", buffer.getvalue()), "w.webp")
    assert result.format == "WEBP"  # turned as the tag said
    assert result.size == (30, 40)
    assert (b"VP8L" in data[12:64]) is lossless


def test_the_size_is_kept_and_the_quality_is_reasonable():
    """Nothing is scaled; a JPEG is written at quality 85 (a high-quality upload gets smaller, not larger)."""
    upload = phone_photo(size=(600, 400))
    image, data = stored(upload, "foto.jpg")
    assert image.size == (400, 600)
    assert len(data) < upload.size


def test_the_upload_can_be_read_again_afterwards():
    upload = png_with_text()
    without_metadata(upload, "a.png")
    assert upload.tell() == 0
    assert readable_format(upload) == "PNG"


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    bomb = huge_png()
    assert bomb.size < 100_000
    assert MAX_PIXELS < 8000 * 8000
    for check in (readable_format, lambda f: without_metadata(f, "x.png")):
        with pytest.raises(ValidationError) as error:
            check(bomb)
        assert error.value.code == "too_many_pixels"
        assert error.value.messages == [TOO_MANY_PIXELS]


def test_pillows_own_decompression_bomb_error_is_refused_the_same_way():
    """Past twice Pillow's MAX_IMAGE_PIXELS, Pillow refuses to open the file at all."""
    side = int((2 * Image.MAX_IMAGE_PIXELS) ** 0.5) + 16
    with pytest.raises(ValidationError) as error:
        readable_format(huge_png(side=side))
    assert error.value.code == "too_many_pixels"


def test_a_truncated_image_is_refused_with_a_german_message():
    data = phone_photo().read()
    with pytest.raises(ValidationError) as error:
        without_metadata(SimpleUploadedFile("kaputt.jpg", data[: len(data) // 2]), "x.jpg")
    assert error.value.messages == ["Das Bild konnte nicht gelesen werden. Bitte wählen Sie eine andere Datei."]
