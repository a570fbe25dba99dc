"""The annual report PDF: requested by the coordination office, made in the background with its progress, kept
per year in the storage, made again on request; its text read back with pypdf."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry
from stadtdialog.reporting import services
from stadtdialog.reporting.models import AnnualReport, JobStatus
from tests.factories import staff_user

from .fixtures import YEAR, build

pytestmark = pytest.mark.django_db
STAFF_URL = reverse("reporting:staff_annual")


@pytest.fixture
def office():
    return staff_user(kind=Role.Kind.COORDINATION, full_name="Koordinierungsstelle")


def pdf_text(data: bytes) -> str:
    """The text of every page, with white space (line breaks in table cells) made single spaces."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_office_makes_the_annual_report_and_everyone_can_read_it(
    client, office, django_capture_on_commit_callbacks
):
    build()
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(STAFF_URL, {"year": YEAR})
    assert response.status_code == 302
    report = AnnualReport.objects.get(year=YEAR)
    assert (report.status, report.progress, report.step) == (JobStatus.DONE, 100, "")
    assert default_storage.exists(report.file_name)
    assert report.seconds is not None and report.seconds < 30, report.seconds
    print("annual report made in", report.seconds, "s")
    assert list(
        AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True).order_by("id")
    ) == [
        "reporting.annual_report_request",
        "reporting.annual_report_made",
    ]

    client.logout()
    page = client.get(reverse("reporting:report"), {"jahr": YEAR})
    assert reverse("reporting:annual_report_pdf", args=[YEAR]) in page.content.decode()
    download = client.get(reverse("reporting:annual_report_pdf", args=[YEAR]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(download.streaming_content))
    for expected in [
        f"Bericht zur Beteiligung {YEAR}",
        "Inhalt",
        "Zusammenfassung",
        str(YEAR - 1),  # the year before, for comparison
        "Antworten auf die Beiträge des Jahres",
        "Die Fläche reicht für eine Platte nicht aus.",  # a reason for not taking a contribution into account
        "Nach Fachbereich",
        "FB T1 Testbereich Grün",
        "Nach Stadtbezirk",
        "Linden-Limmer",
    ]:
        assert expected in text, expected
    assert "informationsdrucksache" in text.lower()


def test_the_page_shows_the_progress_and_refuses_a_second_request_while_it_runs(client, office):
    client.force_login(office)
    report = services.request_annual_report(office, YEAR)  # queued: the task runs only after the commit
    AnnualReport.objects.filter(pk=report.pk).update(status=JobStatus.RUNNING, progress=40, step="Zahlen des Vorjahrs")
    page = client.get(STAFF_URL)
    html = page.content.decode()
    assert 'http-equiv="refresh"' in html
    assert f'<progress id="progress-{YEAR}" max="100" value="40">' in html
    assert "Zahlen des Vorjahrs" in html
    response = client.post(STAFF_URL, {"year": YEAR}, follow=True)
    assert "wird bereits erstellt" in response.content.decode()


def test_making_it_again_replaces_the_file(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_annual_report(office, YEAR)
    first = AnnualReport.objects.get(year=YEAR).file_name
    with django_capture_on_commit_callbacks(execute=True):
        services.request_annual_report(office, YEAR)
    second = AnnualReport.objects.get(year=YEAR).file_name
    assert default_storage.exists(second)
    assert first == second or not default_storage.exists(first)


def test_a_year_without_a_report_is_not_found(client):
    assert client.get(reverse("reporting:annual_report_pdf", args=[1999])).status_code == 404


def test_a_bad_year_is_refused_at_the_field(client, office):
    client.force_login(office)
    assert client.post(STAFF_URL, {"year": "²"}).status_code == 200
    assert not AnnualReport.objects.exists()
