"""Real images for upload tests, made with Pillow: a phone photo with GPS position and orientation tag,
a PNG with text chunks and transparency; and the check that a stored image carries none of it."""

import io
import struct

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

# What the uploads carry and the stored files must not.
SECRETS = [
    b"Exif",
    b"GPS-Kamera",
    b"Linden-Nord",
    b"http://ns.adobe.com/xap/1.0/",
    b"Photoshop 3.0",
    b"tEXt",
    b"iTXt",
    b"zTXt",
    b"eXIf",
]
RED, BLUE = (220, 0, 0), (0, 0, 220)
TOO_MANY_PIXELS = "Das Bild hat zu viele Pixel: Erlaubt sind höchstens 50 Megapixel. Bitte verkleinern Sie es."


def _exif() -> Image.Exif:
    """Orientation 6 (turn 90° clockwise to show), a camera and a GPS position in Hannover-Linden."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "GPS-Kamera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (9.0, 42.0, 30.0)
    return exif


def _iptc_segment() -> bytes:
    """An APP13 segment as Photoshop writes IPTC data: the city field says where the photo was taken."""
    record = b"\x1c\x02\x5a" + struct.pack(">H", 11) + b"Linden-Nord"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    body = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def phone_photo(name="IMG_2041.jpg", size=(60, 40)) -> SimpleUploadedFile:
    """A JPEG as a phone takes it held upright: stored landscape (left half red, right half blue) with
    orientation 6, GPS position, camera make, an XMP packet, a comment and IPTC data."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    image.save(
        buffer,
        format="JPEG",
        quality=95,
        exif=_exif(),
        comment=b"Linden-Nord",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Linden-Nord</x:xmpmeta>',
    )
    data = buffer.getvalue()
    data = data[:2] + _iptc_segment() + data[2:]  # right after the start-of-image marker
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def png_with_text(name="Skizze.png", size=(30, 20)) -> SimpleUploadedFile:
    """A PNG with transparency (left half see-through), text chunks (tEXt, zTXt, iTXt with XMP) and an eXIf chunk."""
    image = Image.new("RGBA", size, (*BLUE, 255))
    image.paste((0, 0, 0, 0), (0, 0, size[0] // 2, size[1]))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Linden-Nord")
    info.add_text("Author", "Linden-Nord", zip=True)
    info.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/">Linden-Nord</x:xmpmeta>')
    exif = _exif()
    del exif[ExifTags.Base.Orientation]
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info, exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def huge_png(name="riesig.png", side=8000) -> SimpleUploadedFile:
    """A few kilobytes that unpack to side × side pixels (64 megapixels by default): a decompression bomb."""
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def assert_clean(data: bytes) -> Image.Image:
    """The stored image, read back: no EXIF (no GPS directory), no XMP, IPTC, comment or text chunk."""
    for secret in SECRETS:
        assert secret not in data, secret
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert len(exif) == 0
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert not {"exif", "comment", "xmp", "XML:com.adobe.xmp", "Comment", "Author"} & set(image.info)
    return image


def assert_upright(image: Image.Image, size=(60, 40)) -> None:
    """The phone photo turned as its orientation tag said: portrait, red on top, blue below."""
    assert image.size == (size[1], size[0])
    width, height = image.size
    top, bottom = (
        image.convert("RGB").getpixel((width // 2, 3)),
        image.convert("RGB").getpixel((width // 2, height - 4)),
    )
    assert top[0] > 150, top
    assert top[2] < 80, top
    assert bottom[2] > 150, bottom
    assert bottom[0] < 80, bottom


def read_stored(field_file) -> bytes:
    """The bytes of a stored file, as the web server would send them."""
    with field_file.storage.open(field_file.name, "rb") as stored:
        return stored.read()
