"""Documentation photos of an event are stored upright and without their GPS position, and shown publicly."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import staff_user
from tests.images import assert_clean, assert_upright, huge_png, phone_photo, png_with_text, read_stored

from .factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(client):
    past = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory(start=past, end=past + datetime.timedelta(hours=2))
    client.force_login(staff_user(org_unit=event.org_unit))
    return event


def add_photo(client, event, image):
    return client.post(
        reverse("events:staff_documentation", args=[event.pk]),
        {"action": "photo", "alt_text": "Gruppe am Tisch", "caption": "", "image": image},
    )


def test_a_phone_photo_is_published_upright_without_its_gps_position(client, event):
    add_photo(client, event, phone_photo())
    photo = event.photos.get()
    data = read_stored(photo.image)
    assert photo.size == len(data)
    assert_upright(assert_clean(data))
    page = client.get(event.get_absolute_url()).content.decode()
    assert f'<img src="{photo.image.url}" alt="Gruppe am Tisch"' in page


def test_a_png_loses_its_text_chunks(client, event):
    add_photo(client, event, png_with_text())
    assert assert_clean(read_stored(event.photos.get().image)).mode == "RGBA"


def test_a_decompression_bomb_is_refused_in_german(client, event):
    response = add_photo(client, event, huge_png())
    assert response.status_code == 400
    assert not event.photos.exists()
    assert "Das Bild hat zu viele Pixel" in response.content.decode()
