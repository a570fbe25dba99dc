"""After the draw: replacements keep the quotas; personal data is deleted after the set date."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stadtdialog.core.models import AuditEntry
from stadtdialog.sortition.algorithm.model import panel_violations
from stadtdialog.sortition.models import Replacement, Respondent, Sortition
from stadtdialog.sortition.services.register import import_register
from stadtdialog.sortition.services.selection import build_instance, draw_panel, end_sortition, replace_member

from .factories import coordinator, drawn_sortition, panel

pytestmark = pytest.mark.django_db


def violations(sortition):
    members = {r.pseudonym for r in panel(sortition)}
    instance = build_instance(sortition)
    return panel_violations(instance, [i for i, r in enumerate(instance.respondents) if r.id in members])


def test_replacement_keeps_every_quota_and_is_recorded(client):
    actor = coordinator()
    sortition = drawn_sortition(actor)
    assert violations(sortition) == []
    client.force_login(actor)
    for _ in range(3):
        leaving = panel(sortition)[0]
        response = client.post(
            reverse("sortition:replace", args=[sortition.pk]), {"member": leaving.pk, "reason": "Umzug"}
        )
        assert response.status_code == 302
        leaving.refresh_from_db()
        assert leaving.status == Respondent.Status.DROPPED
        assert len(panel(sortition)) == sortition.panel_size
        assert violations(sortition) == []
    assert Replacement.objects.filter(sortition=sortition).count() == 3
    entries = AuditEntry.objects.filter(action="sortition.replace")
    assert entries.count() == 3
    assert entries.first().changes["reason"] == "Umzug"
    public = client.get(reverse("sortition:public_detail", args=[sortition.pk])).content.decode()
    replacement = Replacement.objects.first()
    assert f"{replacement.replacement.pseudonym} rückt für {replacement.dropped.pseudonym} nach" in public


def test_no_replacement_when_no_one_fits():
    actor = coordinator()
    sortition = drawn_sortition(actor)
    members = panel(sortition)
    # Everyone outside the panel drops out first: nobody is left to replace a member.
    sortition.respondents.exclude(pk__in=[m.pk for m in members]).update(status=Respondent.Status.DROPPED)
    with pytest.raises(ValidationError) as caught:
        replace_member(actor, sortition, members[0], "krank")
    assert "ohne eine Quote zu verletzen" in str(caught.value)


def test_purge_deletes_personal_data_after_the_date_and_keeps_the_lottery(monkeypatch):
    actor = coordinator()
    sortition = drawn_sortition(actor)
    sortition.purge_after = datetime.date(2030, 6, 30)
    sortition.save()
    lottery = sortition.lottery.document

    out = StringIO()
    call_command("purge_sortition_data", stdout=out)  # today is before the date: nothing happens
    assert "Nichts zu löschen." in out.getvalue()
    assert sortition.register_entries.exclude(last_name="").count() == 60

    # Move the clock past the deletion date.
    later = timezone.make_aware(datetime.datetime(2030, 7, 1, 9, 0))
    monkeypatch.setattr(timezone, "now", lambda: later)
    out = StringIO()
    call_command("purge_sortition_data", stdout=out)
    assert "Personenbezogene Daten gelöscht: Bürgerrat Klima" in out.getvalue()

    sortition.refresh_from_db()
    assert sortition.purged_at == later
    assert not sortition.register_entries.exclude(first_name="", last_name="", street="", postcode="", city="").exists()
    assert not sortition.register_entries.exclude(household_key="").exists()
    outside = sortition.respondents.exclude(status=Respondent.Status.SELECTED)
    assert not outside.exclude(email="", phone="").exists()
    assert sortition.respondents.filter(status=Respondent.Status.SELECTED).exclude(email="").count() == 6
    assert sortition.lottery.document == lottery
    assert AuditEntry.objects.filter(action="sortition.purge").exists()
    # A second run finds nothing more to do.
    out = StringIO()
    call_command("purge_sortition_data", stdout=out)
    assert "Nichts zu löschen." in out.getvalue()


def test_state_machine_refuses_steps_out_of_order():
    actor = coordinator()
    sortition = drawn_sortition(actor)
    with pytest.raises(ValidationError):
        draw_panel(actor, sortition, "1")
    with pytest.raises(ValidationError):
        import_register(actor, sortition, b"")
    end_sortition(actor, sortition)
    sortition.refresh_from_db()
    assert sortition.state == Sortition.State.ENDED
    assert AuditEntry.objects.filter(action="sortition.state", changes__state=["drawn", "ended"]).exists()


def test_verification_with_a_wrong_number_or_tampered_document_says_so(client):
    actor = coordinator()
    sortition = drawn_sortition(actor, number="12345")
    url = reverse("sortition:verify", args=[sortition.pk])
    page = client.get(url, {"public_number": "12345"}).content.decode()
    assert "dasselbe Panel wie bei der Ziehung" in page
    tampered = sortition.lottery.document.replace('"m":100', '"m":100,"x":1')
    page = client.get(url, {"public_number": "12345", "document": tampered}).content.decode()
    assert "Das Dokument wurde verändert" in page
    page = client.get(url, {"public_number": "keine Zahl"}).content.decode()
    assert "Geben Sie die öffentliche Zufallszahl als Ziffern ein" in page
