"""An image attached to a report is stored upright and without its metadata, and linked from the report."""

import pytest
from django.urls import reverse

from stadtdialog.reports.models import ReportAttachment
from tests.images import assert_clean, assert_upright, phone_photo, png_with_text, read_stored
from tests.reports.report_factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("make", [phone_photo, png_with_text])
def test_a_report_image_is_stored_without_metadata_and_linked_from_the_report(client, make):
    report = ReportFactory()
    client.force_login(report.process.lead_contact)
    response = client.post(
        reverse("reports:staff_report_attachments", args=[report.process.pk, report.pk]),
        {"title": "Fotos der Werkstatt", "file": make()},
    )
    assert response.status_code == 302
    attachment = ReportAttachment.objects.get()
    data = read_stored(attachment.file)
    assert attachment.size == len(data)
    image = assert_clean(data)
    if make is phone_photo:
        assert_upright(image)
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert f'href="{attachment.file.url}"' in page
