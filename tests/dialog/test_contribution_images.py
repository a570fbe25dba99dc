"""A contribution's photo is published without its GPS position and other metadata, upright, through the
real forms (residents online, staff on site), and refused in German when it is a decompression bomb."""

import pytest
from django.urls import reverse

from stadtdialog.core.antibot import valid_antibot_data
from stadtdialog.dialog.models import Contribution
from tests.dialog.dialog_factories import contribution_data, open_process
from tests.factories import UserFactory
from tests.images import (
    BLUE,
    TOO_MANY_PIXELS,
    assert_clean,
    assert_upright,
    huge_png,
    phone_photo,
    png_with_text,
    read_stored,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return open_process(title="Ideen für den Küchengarten")


def contribute(client, process, image, **changes):
    client.force_login(UserFactory(display_name="Kastanie"))
    data = {
        **contribution_data(),
        **valid_antibot_data(),
        "image": image,
        "image_alt": "Der Platz im Sommer",
        **changes,
    }
    return client.post(reverse("dialog:contribute", args=[process.pk]), data)


def test_a_phone_photo_is_published_upright_without_its_gps_position(client, process):
    response = contribute(client, process, phone_photo())
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert contribution.image.name.endswith(".jpg")
    assert "IMG_2041" not in contribution.image.name
    image = assert_clean(read_stored(contribution.image))
    assert image.format == "JPEG"
    assert_upright(image)
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert f'<img src="{contribution.image.url}" alt="Der Platz im Sommer"' in page


def test_a_png_keeps_its_transparency_and_loses_its_text_chunks(client, process):
    contribute(client, process, png_with_text())
    contribution = Contribution.objects.get()
    image = assert_clean(read_stored(contribution.image))
    assert image.format == "PNG"
    assert image.mode == "RGBA"
    assert image.size == (30, 20)
    assert image.getpixel((2, 2))[3] == 0
    assert image.getpixel((27, 2)) == (*BLUE, 255)
    assert contribution.image.url in client.get(contribution.get_absolute_url()).content.decode()


def test_staff_entering_a_postcard_with_a_photo_store_it_without_metadata(client, process):
    client.force_login(process.lead_contact)
    response = client.post(
        reverse("dialog:enter_onsite", args=[process.pk]),
        {
            **contribution_data(),
            "source": "postcard",
            "source_note": "",
            "image": phone_photo(),
            "image_alt": "Postkarte",
        },
    )
    assert response.status_code == 302
    assert_upright(assert_clean(read_stored(Contribution.objects.get().image)))


def test_a_decompression_bomb_is_refused_in_german_and_the_form_keeps_the_text(client, process):
    response = contribute(client, process, huge_png(), title="Mein Titel")
    assert response.status_code == 200
    assert not Contribution.objects.exists()
    assert TOO_MANY_PIXELS in response.content.decode()
    assert 'value="Mein Titel"' in response.content.decode()
