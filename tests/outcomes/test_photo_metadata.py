"""Implementation photos and result documents: images are stored upright and without their metadata."""

import pytest
from django.urls import reverse

from stadtdialog.outcomes.models import ResultDocument, UpdatePhoto
from tests.factories import published_process
from tests.images import assert_clean, assert_upright, huge_png, phone_photo, png_with_text, read_stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(client):
    process = published_process()
    client.force_login(process.lead_contact)
    return process


def test_implementation_photos_are_published_upright_without_metadata(client, process):
    response = client.post(
        reverse("outcomes:staff_updates", args=[process.pk]),
        {
            "text": "Die Bäume stehen.",
            "milestone": "",
            "photo_1": phone_photo(),
            "alt_1": "Drei junge Linden",
            "photo_2": png_with_text(),
            "alt_2": "Skizze der Pflanzung",
        },
    )
    assert response.status_code == 302
    jpeg, png = UpdatePhoto.objects.order_by("id")
    assert_upright(assert_clean(read_stored(jpeg.file)))
    assert assert_clean(read_stored(png.file)).mode == "RGBA"
    assert jpeg.size == len(read_stored(jpeg.file))
    page = client.get(reverse("outcomes:implementation", args=[process.pk])).content.decode()
    assert f'src="{jpeg.file.url}" alt="Drei junge Linden"' in page


def test_a_decompression_bomb_is_refused_with_the_photo_number(client, process):
    response = client.post(
        reverse("outcomes:staff_updates", args=[process.pk]),
        {"text": "Luftbild", "milestone": "", "photo_1": huge_png(), "alt_1": "Luftbild"},
    )
    assert response.status_code == 200
    assert not UpdatePhoto.objects.exists()
    assert "Foto 1: Das Bild hat zu viele Pixel" in response.content.decode()


def test_an_image_document_of_the_results_is_stored_without_metadata(client, process):
    response = client.post(
        reverse("outcomes:staff_documents", args=[process.pk]),
        {"title": "Foto der Werkstatt", "file": phone_photo(), "alt_text": "Pläne auf dem Tisch"},
    )
    assert response.status_code == 302
    document = ResultDocument.objects.get()
    assert document.kind == "image"
    assert document.size == len(read_stored(document.file))
    assert_upright(assert_clean(read_stored(document.file)))
    assert document.file.url in client.get(reverse("outcomes:staff_documents", args=[process.pk])).content.decode()
