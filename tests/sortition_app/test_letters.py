"""The invitation letters leave the request: made by the task into the private storage (never under
MEDIA_URL), downloaded only by the coordination office and administrators, made again to replace the
file, deleted with the personal data and with the sortition; every step is in the audit log."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry
from stadtdialog.sortition.models import InvitationLetters
from stadtdialog.sortition.services.register import import_register
from stadtdialog.sortition.storage import private_storage
from tests.factories import UserFactory, staff_user
from tests.pdf import pdf_pages

from .factories import new_sortition, register_csv, sortition_with_invitations

pytestmark = pytest.mark.django_db


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def make_letters(client, sortition, capture):
    with capture(execute=True):
        response = client.post(reverse("sortition:letters", args=[sortition.pk]))
    assert response.status_code == 302
    return InvitationLetters.objects.get(sortition=sortition)


def test_letters_are_made_by_the_task_and_downloaded_by_staff(
    client, staff, private_files, django_capture_on_commit_callbacks
):
    sortition = sortition_with_invitations(staff, invitations=12)
    detail = reverse("sortition:staff_detail", args=[sortition.pk])
    url = reverse("sortition:letters", args=[sortition.pk])
    # Nothing made yet: the download says so instead of rendering in the request.
    response = client.get(url, follow=True)
    assert "Es gibt noch keine Briefe" in response.content.decode()
    assert "Briefe erstellen" in client.get(detail).content.decode()

    # Requested: the page says the letters are being made and offers a plain refresh link.
    with django_capture_on_commit_callbacks() as queued:
        client.post(url)
    text = client.get(detail).content.decode()
    assert "Die Briefe werden erstellt" in text
    assert f'href="{detail}#letters">Aktualisieren</a>' in text
    assert len(queued) == 1
    queued[0]()  # the worker makes them

    letters = InvitationLetters.objects.get(sortition=sortition)
    assert (letters.status, letters.letter_count) == ("done", 12)
    assert letters.made_at is not None
    stored = private_files / letters.file_name
    assert files_in(private_files) == [stored]
    assert not stored.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    text = client.get(detail).content.decode()
    assert "Einladungsbriefe herunterladen (PDF, 12 Briefe, erstellt am" in text
    assert "Briefe erneut erstellen" in text

    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="einladungen-{sortition.pk}.pdf"'
    cache = response["Cache-Control"]
    assert "no-store" in cache
    assert "private" in cache
    assert "public" not in cache
    pages = pdf_pages(b"".join(response.streaming_content))
    assert len(pages) == 12
    for entry in sortition.register_entries.exclude(response_code=None):
        assert entry.printed_code in "\n".join(pages)

    # Not under MEDIA_URL, and no one but the coordination office and administrators gets it.
    assert client.get(settings.MEDIA_URL + letters.file_name).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    for user in (
        UserFactory(),
        staff_user(kind=Role.Kind.DEPARTMENT),
        staff_user(kind=Role.Kind.DISTRICT_MANAGER, office_email="dm@hannover-stadt.example"),
    ):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    admin = staff_user(kind=Role.Kind.ADMIN, office_email="admin@hannover-stadt.example")
    client.force_login(admin)
    assert client.get(url).status_code == 200

    actions = list(AuditEntry.objects.filter(action__contains="letters").values_list("action", "actor"))
    assert actions.count(("sortition.request_letters", staff.pk)) == 1
    assert actions.count(("sortition.make_letters", staff.pk)) == 1
    assert ("sortition.download_letters", staff.pk) in actions
    assert ("sortition.download_letters", admin.pk) in actions


def test_making_the_letters_again_replaces_the_file(client, staff, private_files, django_capture_on_commit_callbacks):
    sortition = sortition_with_invitations(staff, invitations=3)
    first = make_letters(client, sortition, django_capture_on_commit_callbacks)
    second = make_letters(client, sortition, django_capture_on_commit_callbacks)
    assert second.file_name != first.file_name
    assert second.made_at > first.made_at
    assert files_in(private_files) == [private_files / second.file_name]
    assert AuditEntry.objects.filter(action="sortition.make_letters", changes__replaced=first.file_name).exists()


def test_letters_cannot_be_made_before_the_invitations(client, staff):
    sortition = new_sortition(staff)
    import_register(staff, sortition, register_csv())
    assert client.post(reverse("sortition:letters", args=[sortition.pk])).status_code == 404
    assert not InvitationLetters.objects.exists()


def test_the_purge_of_personal_data_deletes_the_letters(
    client, staff, private_files, django_capture_on_commit_callbacks
):
    sortition = sortition_with_invitations(staff, invitations=3, purge_after=datetime.date(2026, 1, 31))
    make_letters(client, sortition, django_capture_on_commit_callbacks)
    assert files_in(private_files)
    call_command("purge_sortition_data", "--today", "2026-02-01")
    assert files_in(private_files) == []
    assert not InvitationLetters.objects.exists()
    entry = AuditEntry.objects.get(action="sortition.purge")
    assert entry.changes["letters_file"].startswith(f"sortition/{sortition.pk}/")
    # No download any more, and no new letters from the deleted data.
    response = client.get(reverse("sortition:letters", args=[sortition.pk]), follow=True)
    assert "Es gibt noch keine Briefe" in response.content.decode()
    response = client.post(reverse("sortition:letters", args=[sortition.pk]), follow=True)
    assert "Briefe können nicht mehr erstellt werden" in response.content.decode()
    assert files_in(private_files) == []
    assert not InvitationLetters.objects.exists()


def test_letters_of_a_deleted_sortition_are_deleted(client, staff, private_files, django_capture_on_commit_callbacks):
    sortition = sortition_with_invitations(staff, invitations=3)
    make_letters(client, sortition, django_capture_on_commit_callbacks)
    sortition.delete()
    assert files_in(private_files) == []


def test_a_private_folder_inside_the_media_folder_is_refused(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": Path(settings.MEDIA_ROOT) / "private"},
        },
    }
    with pytest.raises(ImproperlyConfigured):
        private_storage()
