"""Personalised invitation letters (stage one) as one PDF: address window, response code, QR code."""

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse

from stadtdialog.core.pdf import render_pdf
from stadtdialog.organisation.queries import current_city

from .models import Sortition


def signup_url(sortition: Sortition, code: str, base_url: str) -> str:
    """The public sign-up page with the personal code filled in."""
    path = reverse("sortition:signup", args=[sortition.pk])
    return f"{base_url.rstrip('/')}{path}?{urlencode({'code': code})}"


def qr_data_uri(text: str) -> str:
    """A QR code as an SVG data URI (vector, sharp in print)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def invitation_letters(sortition: Sortition, base_url: str) -> tuple[bytes, int]:
    """One PDF with a page per invited person, in the order of the register extract, and the
    number of letters. Takes minutes for thousands of letters: only the task worker calls it."""
    base_url = getattr(settings, "SITE_URL", "") or base_url
    entries = sortition.register_entries.filter(invited_at__isnull=False, purged_at__isnull=True).order_by("line")
    letters = []
    for entry in entries:
        url = signup_url(sortition, entry.printed_code, base_url)
        letters.append({"entry": entry, "url": url, "qr": qr_data_uri(url)})
    city = current_city()
    context = {
        "sortition": sortition,
        "letters": letters,
        "signup_page": base_url.rstrip("/") + reverse("sortition:signup", args=[sortition.pk]),
        "CITY_NAME": city.name,
        "SITE_NAME": city.site_name,
    }
    return render_pdf("sortition/letters.html", context), len(letters)
