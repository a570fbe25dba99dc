"""Letters (Anschreiben) to a process's target groups: an uploaded CSV of addresses (every bad row named, nothing
made until all are good) merged into one PDF in the background; the addresses are not kept beyond the run."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from stadtdialog.core.models import AuditEntry
from stadtdialog.reporting.models import JobStatus, LetterRun
from stadtdialog.sortition.storage import private_storage
from tests.factories import published_process, staff_user

pytestmark = pytest.mark.django_db

GOOD = (
    "Name;Straße;Zusatz;PLZ;Ort\n"
    "Familie Yilmaz;Limmerstraße 12;Hinterhaus;30451;Hannover\n"
    "Herr Jonas Weber;Fössestraße 3;;30451;Hannover\n"
    "Hausgemeinschaft Kötnerholzweg 5;Kötnerholzweg 5;;30451;Hannover\n"
)


def upload(text, name="adressen.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def process():
    return published_process()


def test_letters_are_made_and_the_addresses_forgotten(client, process, django_capture_on_commit_callbacks):
    client.force_login(process.lead_contact)
    url = reverse("reporting:staff_letters", args=[process.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"addresses": upload(GOOD), "greeting": "Wir laden Sie herzlich ein."})
    assert response.status_code == 302
    run = LetterRun.objects.get()
    assert (run.status, run.letter_count, run.addresses_file) == (JobStatus.DONE, 3, "")
    storage = private_storage()
    assert not storage.exists(f"reporting/letters/{run.pk}-adressen.json")
    download = client.get(reverse("reporting:staff_letters_pdf", args=[process.pk, run.pk]))
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert len(reader.pages) == 3
    first = " ".join(reader.pages[0].extract_text().split())
    for expected in [
        "Familie Yilmaz",
        "Limmerstraße 12",
        "Hinterhaus",
        "30451 Hannover",
        "Wir laden Sie herzlich ein.",
        process.concept.subject,
        process.plan.title[:20],
    ]:
        assert expected in first, expected
    # the audit log keeps counts, never addresses
    entries = AuditEntry.objects.filter(action__startswith="reporting.letters")
    assert entries.count() == 2 and "Yilmaz" not in str(list(entries.values_list("changes", flat=True)))


def test_every_bad_row_is_named_and_nothing_is_made(client, process):
    client.force_login(process.lead_contact)
    bad = GOOD + "Frau Schulz;;;30159;Hannover\nHerr Ali;Am Lindener Berge 1;;3045;Hannover\n"
    response = client.post(reverse("reporting:staff_letters", args=[process.pk]), {"addresses": upload(bad)})
    errors = " ".join(response.context["form"].errors["addresses"])
    assert "Zeile 5" in errors and "Zeile 6" in errors and "3045" in errors
    assert not LetterRun.objects.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe\x00N", "UTF-8"),
        (b"Vorname;Nachname\nA;B\n", "Name, Straße, PLZ und Ort"),
        (b"", "leer"),
    ],
)
def test_files_that_are_no_address_list(client, process, content, expected):
    client.force_login(process.lead_contact)
    response = client.post(
        reverse("reporting:staff_letters", args=[process.pk]),
        {"addresses": SimpleUploadedFile("a.csv", content or b" ", content_type="text/csv")},
    )
    assert expected in " ".join(response.context["form"].errors["addresses"])


def test_only_the_process_staff_make_letters(client, process):
    client.force_login(staff_user())
    assert client.get(reverse("reporting:staff_letters", args=[process.pk])).status_code == 403
