"""A plan's image attachment is stored upright and without EXIF, XMP, IPTC or text chunks, through the staff
form, and shown on the public page; a PDF is stored as it came; a decompression bomb is refused in German."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stadtdialog.plans.models import Attachment
from tests.factories import PlanFactory, staff_user
from tests.images import (
    TOO_MANY_PIXELS,
    assert_clean,
    assert_upright,
    huge_png,
    phone_photo,
    png_with_text,
    read_stored,
)
from tests.pdf import one_page_pdf

pytestmark = pytest.mark.django_db

PDF = one_page_pdf(title="Erika Mustermann")


@pytest.fixture
def plan(client):
    staff = staff_user()
    client.force_login(staff)
    return PlanFactory(lead_unit=staff.org_unit)


def upload(client, plan, upload_file, title="Foto des Platzes", alt_text="Der Platz heute"):
    return client.post(
        reverse("plans:staff_attachments", args=[plan.pk]), {"file": upload_file, "title": title, "alt_text": alt_text}
    )


def test_a_photo_is_stored_upright_without_metadata_and_shown_on_the_public_page(client, plan):
    assert upload(client, plan, phone_photo()).status_code == 302
    attachment = Attachment.objects.get()
    data = read_stored(attachment.file)
    assert attachment.kind == Attachment.Kind.IMAGE
    assert attachment.file.name.endswith("img_2041.jpg")
    assert attachment.size == len(data)  # the size of what is published
    assert_upright(assert_clean(data))
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert f'<img src="{attachment.file.url}" alt="Der Platz heute"' in page


def test_a_png_loses_its_text_chunks_and_keeps_its_transparency(client, plan):
    upload(client, plan, png_with_text())
    image = assert_clean(read_stored(Attachment.objects.get().file))
    assert image.mode == "RGBA"
    assert image.getpixel((2, 2))[3] == 0


def test_a_pdf_is_stored_as_it_came(client, plan):
    upload(client, plan, SimpleUploadedFile("Lageplan.pdf", PDF), title="Lageplan", alt_text="")
    attachment = Attachment.objects.get()
    assert attachment.kind == Attachment.Kind.PDF
    assert read_stored(attachment.file) == PDF


def test_a_decompression_bomb_is_refused_in_german_and_the_title_is_kept(client, plan):
    response = upload(client, plan, huge_png(), title="Luftbild")
    assert response.status_code == 200
    assert not Attachment.objects.exists()
    assert TOO_MANY_PIXELS in response.content.decode()
    assert 'value="Luftbild"' in response.content.decode()
