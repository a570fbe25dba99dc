"""Nothing lost under concurrency (issue 15, items 6 to 8), against PostgreSQL with threads:

- ten new versions of one work aid uploaded at the same moment get the numbers 1 to 10, none lost (the aid's row is
  locked, the unique constraint backs it);
- two advisors saving the same request from the same form at the same moment: one wins, the other gets the German
  stale-edit message (no silent overwrite);
- ten colleagues recording attendance at once do not double a person who came without registering."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from stadtdialog.accounts.models import Role
from stadtdialog.events import services as event_services
from stadtdialog.events.models import Event
from stadtdialog.office.forms_advice import HandlingForm
from stadtdialog.office.models_advice import ConsultationRequest, WorkAid
from stadtdialog.office.services import advice as services
from tests.events.factories import EventFactory, in_days
from tests.factories import OrgUnitFactory, staff_user
from tests.pdf import one_page_pdf

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a real race needs PostgreSQL (SQLite has one writer)"
    ),
]

THREADS = 10


def _at_once(send, count=THREADS):
    barrier = threading.Barrier(count)
    answers = [None] * count

    def run(index):
        from django.db import connections

        try:
            barrier.wait(timeout=20)
            answers[index] = send(index)
        except ValidationError as error:
            answers[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def test_versions_uploaded_at_once_all_keep_their_own_number():
    office = staff_user(Role.Kind.COORDINATION)
    aid = services.create_work_aid(
        office,
        title="Checkliste Beteiligungskonzept",
        description="Fragen für die Planung.",
        kind=WorkAid.Kind.CHECKLIST,
        for_staff=True,
        for_politics=False,
        for_residents=False,
        is_public=True,
        file=SimpleUploadedFile("v1.pdf", one_page_pdf("v1")),
    )
    answers = _at_once(
        lambda i: services.add_work_aid_version(
            office,
            WorkAid.objects.get(pk=aid.pk),
            file=SimpleUploadedFile(f"v{i}.pdf", one_page_pdf(f"neu {i}")),
            issued_on=aid.current_version.issued_on,
            changes=f"Fassung {i}",
        )
    )
    assert not [a for a in answers if isinstance(a, ValidationError)]
    numbers = sorted(aid.versions.values_list("number", flat=True))
    assert numbers == list(range(1, THREADS + 2))
    aid.refresh_from_db()
    assert aid.current_version.number == THREADS + 1


def test_two_advisors_saving_one_stale_form_at_once_one_wins():
    unit = OrgUnitFactory()
    asker = staff_user(org_unit=unit)
    consultation = services.request_consultation(
        asker, topic="moderation", title="Moderation", description="Werkstatt.", org_unit=unit
    )
    advisors = [staff_user(Role.Kind.COORDINATION, full_name=f"Berater {i}") for i in range(2)]
    loaded = ConsultationRequest.objects.get(pk=consultation.pk)
    token = HandlingForm(version_of=loaded)["version"].value()  # what both browsers loaded
    assert token
    answers = _at_once(
        lambda i: services.handle_consultation(
            advisors[i],
            ConsultationRequest.objects.get(pk=consultation.pk),
            advisor=advisors[i],
            status="assigned",
            version=token,
        ),
        count=2,
    )
    refused = [a for a in answers if isinstance(a, ValidationError)]
    assert len(refused) == 1 and "geändert" in " ".join(refused[0].messages)
    consultation.refresh_from_db()
    assert consultation.advisor_id in {a.pk for a in advisors}


def test_attendance_recorded_at_once_names_a_person_once():
    office = staff_user(Role.Kind.COORDINATION)
    event = EventFactory(format=Event.Format.TRAINING, for_staff=True, start=in_days(-1), end=in_days(-1, 21))
    _at_once(lambda i: event_services.record_attendance(office, event, registration_ids=[], walk_ins=["Aylin Demir"]))
    assert list(event.attendances.values_list("name", flat=True)) == ["Aylin Demir"]
