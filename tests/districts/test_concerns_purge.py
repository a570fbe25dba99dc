"""The purge deletes a closed concern's personal data after CONCERN_PURGE_MONTHS; afterwards the resident's address
is in no table of the database (every text, char, e-mail and JSON column of every model is scanned)."""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone

from stadtdialog.districts import services_concerns as services
from stadtdialog.districts.models.concerns import Concern, ConcernNote, ConcernUpdate
from tests.districts.test_concerns import RESIDENT, bring, concern_world, immediately
from tests.images import phone_photo

pytestmark = pytest.mark.django_db

HOME = "Fössestraße 7"


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch):
    immediately(monkeypatch)


def tables_mentioning(text: str) -> list[str]:
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        condition = models.Q()
        annotations = {}
        for field in model._meta.concrete_fields:
            if isinstance(field, models.JSONField):
                annotations[f"_{field.attname}_text"] = Cast(field.attname, models.TextField())
                condition |= models.Q(**{f"_{field.attname}_text__icontains": text})
            elif isinstance(field, (models.CharField, models.TextField, models.EmailField)):
                condition |= models.Q(**{f"{field.attname}__icontains": text})
        if condition and model._default_manager.annotate(**annotations).filter(condition).exists():
            found.append(model._meta.label)
    return found


def full_concern(w, settings):
    from stadtdialog.dialog.images import checked_image

    submitted = bring(
        w,
        f"Vor unserem Haus {HOME} ist der Gehweg kaputt. Antwort bitte an {RESIDENT}.",
        photo=checked_image(phone_photo()),
        photo_alt="Gehweg",
        latitude=None,
        longitude=None,
        consent_publish=True,
    )
    concern = submitted.concern
    services.take_care(w["manager"], concern, text=f"Wir melden uns bei {RESIDENT}.")
    step = services.add_step(w["manager"], concern, what="Gehweg prüfen", unit=w["roads"], due_on=timezone.localdate())
    services.add_update(w["manager"], concern, text=f"Der Gehweg vor {HOME} wird geprüft.", step=step)
    services.add_note(w["manager"], concern, text=f"Anwohnerin {RESIDENT} hat angerufen.")
    services.publish_summary(w["manager"], concern, summary="Ein Gehweg in Linden-Mitte war beschädigt.")
    services.close(w["manager"], concern, outcome="solved", reason=f"Der Gehweg vor {HOME} ist repariert.")
    return Concern.objects.get(pk=concern.pk)


def test_purge_after_the_configured_months_leaves_no_trace(settings, tmp_path):
    settings.CONCERN_PURGE_MONTHS = 3
    w = concern_world()
    concern = full_concern(w, settings)
    photo_name, storage = concern.photo.name, concern.photo.storage
    assert storage.exists(photo_name)
    assert "districts.Concern" in tables_mentioning(RESIDENT)
    assert "core.AuditEntry" not in tables_mentioning(RESIDENT)  # the log never holds the address or the text

    call_command("purge_concerns")  # closed today: kept
    assert Concern.objects.get(pk=concern.pk).email == RESIDENT

    Concern.objects.filter(pk=concern.pk).update(closed_at=timezone.now() - datetime.timedelta(days=95))
    call_command("purge_concerns")
    concern.refresh_from_db()
    assert concern.personal_data_deleted_at and concern.email == "" and concern.text == "" and not concern.photo
    assert concern.token_hash is None
    assert not ConcernUpdate.objects.exists() and not ConcernNote.objects.exists()
    assert tables_mentioning(RESIDENT) == []
    assert tables_mentioning(HOME) == []
    assert not storage.exists(photo_name)
    # what stays: the statistics and the published anonymised summary
    assert concern.public_summary and concern.published_at and concern.status == "solved"


def test_unconfirmed_open311_concerns_are_deleted_after_a_week(settings):
    w = concern_world()
    submitted = bring(w, confirmed=False)
    Concern.objects.filter(pk=submitted.concern.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    call_command("purge_concerns")
    assert tables_mentioning(RESIDENT) == []
