"""Residents' concerns: the form, triage as referral and as caretaking, status updates by a department, the private
status link, moving, initiatives, the public summary, permissions, reminders and constant queries."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.core.antibot import valid_antibot_data
from stadtdialog.core.models import AuditEntry
from stadtdialog.districts import queries_concerns as queries
from stadtdialog.districts import services_concerns as services
from stadtdialog.districts.models import ContactPoint
from stadtdialog.districts.models.concerns import (
    CITYSDK_DETAILED_STATUS,
    OPEN311_STATUS,
    Concern,
    ConcernCategory,
    ConcernStatus,
)
from stadtdialog.organisation.models import District, Quarter
from tests.factories import OrgUnitFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db

RESIDENT = "anwohnerin.mueller@example.org"


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch):
    """The tests run inside one transaction: run what waits for the commit (the mails) at once."""
    immediately(monkeypatch)


def immediately(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def concern_world() -> dict:
    """Two districts with a manager each (and a deputy for Linden-Limmer), a department with a member, another
    department, categories and a directory entry."""
    linden = District.objects.get(slug="linden-limmer")
    mitte = District.objects.get(number=1)
    parks = OrgUnitFactory(
        short_name="FB 67", name="Fachbereich Umwelt und Stadtgrün", email="67@hannover-stadt.example"
    )
    roads = OrgUnitFactory(short_name="FB 66", name="Fachbereich Tiefbau", email="66@hannover-stadt.example")
    other = OrgUnitFactory(short_name="FB 43", name="Fachbereich Bibliothek und Schule")
    green = ConcernCategory.objects.create(
        code="gruenflaechen", name="Grünflächen und Spielplätze", due_days=14, department=parks
    )
    road = ConcernCategory.objects.create(
        code="strassen",
        name="Straßen und Wege",
        due_days=21,
        department=roads,
        question="Wo genau (Hausnummer, Kreuzung)?",
    )
    easter = ContactPoint.objects.create(
        district=linden,
        kind=ContactPoint.Kind.REFERRAL,
        name="Bürgeramt Linden",
        topics="Genehmigungen, Osterfeuer",
        description="Genehmigungen für Feuer und Feste",
        email="buergeramt.linden@hannover-stadt.example",
        phone="0511 168-44444",
    )
    return {
        "linden": linden,
        "mitte": mitte,
        "parks": parks,
        "roads": roads,
        "other_unit": other,
        "green": green,
        "road": road,
        "easter": easter,
        "manager": staff_user(Role.Kind.DISTRICT_MANAGER, district=linden, full_name="Lena Linden"),
        "deputy": staff_user(Role.Kind.DISTRICT_DEPUTY, district=linden, full_name="David Vertreter"),
        "other_manager": staff_user(Role.Kind.DISTRICT_MANAGER, district=mitte, full_name="Mia Mitte"),
        "parks_member": staff_user(org_unit=parks, full_name="Paul Grün"),
        "other_member": staff_user(org_unit=other, full_name="Olga Andere"),
        "admin": staff_user(Role.Kind.ADMIN),
    }


def bring(w, text="Der Spielplatz an der Fössestraße hat ein kaputtes Klettergerüst.", category="green", **extra):
    data = {
        "category": w[category],
        "text": text,
        "email": RESIDENT,
        "quarter": Quarter.objects.get(name="Linden-Mitte"),
    }
    data.update(extra)
    return services.submit_concern(None, **data)


def token_from_mail(message) -> str:
    return re.search(r"/anliegen/status/([^/\s]+)/", message.body).group(1)


def form_data(w, **extra):
    data = {
        "category": w["green"].pk,
        "text": "Die Bank im Von-Alten-Garten ist seit Wochen umgekippt.",
        "quarter": Quarter.objects.get(name="Linden-Mitte").pk,
        "email": RESIDENT,
        "consent": "on",
        **valid_antibot_data(),
    }
    data.update(extra)
    return data


# -- the form ------------------------------------------------------------------------------------------------


def test_form_without_account_sends_the_status_link(client):
    w = concern_world()
    response = client.get(reverse("districts:concern_create") + "?bezirk=linden-limmer")
    assert response.status_code == 200
    assert f'value="{w["linden"].pk}" selected' in response.content.decode()
    response = client.post(reverse("districts:concern_create"), form_data(w))
    assert response.status_code == 302, response.content.decode()[:2000]
    concern = Concern.objects.get()
    assert concern.district == w["linden"] and concern.status == ConcernStatus.RECEIVED
    assert concern.due_on == timezone.localdate() + datetime.timedelta(days=14)
    assert concern.confirmed_at is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [RESIDENT]
    token = token_from_mail(mail.outbox[0])
    assert concern.token_hash == services.hash_token(token) and token not in concern.token_hash
    page = client.get(reverse("districts:concern_status", args=[token]))
    assert page.status_code == 200 and "Eingegangen" in page.content.decode()
    assert client.get(reverse("districts:concern_status", args=["falsch"])).status_code == 404


def test_form_keeps_input_and_names_errors(client):
    w = concern_world()
    data = form_data(w, email="", consent="", text="x" * 3001)
    response = client.post(reverse("districts:concern_create"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "E-Mail-Adresse" in body and "Einwilligung" in body
    assert "x" * 3001 in body
    assert not Concern.objects.exists()


def test_form_needs_a_place_and_the_required_answer(client):
    w = concern_world()
    response = client.post(
        reverse("districts:concern_create"), form_data(w, category=w["road"].pk, quarter="", district="")
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie den Stadtbezirk" in response.content.decode()
    ConcernCategory.objects.filter(pk=w["road"].pk).update(question_required=True)
    response = client.post(reverse("districts:concern_create"), form_data(w, category=w["road"].pk))
    assert response.status_code == 400 and "Wo genau" in response.content.decode()


def test_form_refuses_a_bot(client):
    w = concern_world()
    response = client.post(reverse("districts:concern_create"), {**form_data(w), "homepage": "http://spam"})
    assert response.status_code == 400 and not Concern.objects.exists()


def test_photo_is_reencoded_into_the_private_storage(client):

    from tests.images import phone_photo

    w = concern_world()
    photo = phone_photo("IMG_0001.jpg")
    response = client.post(
        reverse("districts:concern_create"), {**form_data(w, photo_alt="Umgekippte Bank"), "photo": photo}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    concern = Concern.objects.get()
    assert concern.photo.name.startswith("concerns/") and "IMG_0001" not in concern.photo.name
    with concern.photo.open("rb") as handle:
        assert b"GPS" not in handle.read()
    token = token_from_mail(mail.outbox[0])
    assert client.get(reverse("districts:concern_status_photo", args=[token])).status_code == 200
    assert client.get(reverse("districts:staff_concern_photo", args=[concern.pk])).status_code == 302  # login
    client.force_login(w["other_manager"])
    assert client.get(reverse("districts:staff_concern_photo", args=[concern.pk])).status_code == 403
    client.force_login(w["manager"])
    assert client.get(reverse("districts:staff_concern_photo", args=[concern.pk])).status_code == 200


# -- triage ------------------------------------------------------------------------------------------------------


def test_referral_mails_the_contact_and_closes():
    w = concern_world()
    concern = bring(w, "Wir möchten ein Osterfeuer auf der Wiese am Lindener Berg machen.").concern
    with pytest.raises(ValidationError):
        services.refer(w["manager"], concern, note="Bitte dort melden.")  # neither unit nor contact point
    with pytest.raises(PermissionDenied):
        services.refer(w["other_manager"], concern, contact_point=w["easter"], note="x")
    services.refer(w["manager"], concern, contact_point=w["easter"], note="Das Bürgeramt genehmigt Osterfeuer.")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.REFERRED and concern.closed_at and concern.first_answer_at
    assert concern.open311_status == "closed"
    body = mail.outbox[-1].body
    assert "Bürgeramt Linden" in body and "buergeramt.linden@hannover-stadt.example" in body
    with pytest.raises(PermissionDenied):  # closed: no more triage
        services.take_care(w["manager"], concern)


def test_caretaking_with_steps_updates_by_the_department_and_closing(client):
    w = concern_world()
    submitted = bring(w)
    concern, token = submitted.concern, submitted.token
    services.take_care(w["deputy"], concern, text="Wir kümmern uns.")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    step = services.add_step(w["manager"], concern, what="Klettergerüst prüfen", unit=w["parks"], due_on=yesterday)
    services.add_step(
        w["manager"], concern, what="Spendenaktion besprechen", network="Runder Tisch Linden-Süd", due_on=yesterday
    )
    with pytest.raises(PermissionDenied):
        services.add_step(w["parks_member"], concern, what="x", unit=w["parks"], due_on=yesterday)
    with pytest.raises(PermissionDenied):
        services.add_update(w["other_member"], concern, text="Nicht meins")
    concern = Concern.objects.get(pk=concern.pk)
    services.add_update(w["parks_member"], concern, text="Das Gerüst ist gesperrt, Ersatz ist bestellt.", step=step)
    services.finish_step(w["parks_member"], step)
    services.add_note(w["manager"], concern, text="Intern: Kosten 4.000 Euro")
    status = client.get(reverse("districts:concern_status", args=[token])).content.decode()
    assert "Ersatz ist bestellt" in status and "Überfällig" in status  # the network's step is overdue
    assert "Intern" not in status
    texts = [message.body for message in mail.outbox]
    assert any("Ersatz ist bestellt" in text for text in texts)
    with pytest.raises(ValidationError):
        services.close(w["manager"], concern, outcome=ConcernStatus.SOLVED, reason=" ")
    services.close(w["manager"], concern, outcome=ConcernStatus.PARTLY_SOLVED, reason="Gerüst ersetzt, Bank folgt.")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.PARTLY_SOLVED and concern.is_closed
    assert "Bank folgt" in mail.outbox[-1].body


def test_move_to_another_district_hands_it_over():
    w = concern_world()
    concern = bring(w).concern
    services.move(w["manager"], concern, district=w["mitte"])
    concern.refresh_from_db()
    assert concern.district == w["mitte"] and concern.status == ConcernStatus.MOVED and concern.quarter is None
    assert not w["manager"].has_perm("districts.view_concern", concern)
    services.start_review(w["other_manager"], concern)
    assert Concern.objects.get(pk=concern.pk).status == ConcernStatus.IN_REVIEW


def test_turned_into_an_initiative_links_it():
    from stadtdialog.initiatives.models import Initiative

    w = concern_world()
    concern = bring(w, "Der Platz vor dem Freizeitheim sollte neu gestaltet werden.").concern
    services.turn_into_initiative(
        w["manager"],
        concern,
        kind=Initiative.Kind.PLAN_IDEA,
        title="Neugestaltung des Platzes am Freizeitheim",
        description="Aus einem Anliegen: der Platz soll neu gestaltet werden.",
    )
    concern.refresh_from_db()
    assert concern.initiative.kind == Initiative.Kind.PLAN_IDEA and concern.initiative.district == w["linden"]
    assert concern.status == ConcernStatus.REFERRED
    assert concern.initiative.get_absolute_url() in mail.outbox[-1].body


def test_public_summary_only_with_consent_and_publication(client):
    w = concern_world()
    without = bring(w).concern
    with pytest.raises(ValidationError):
        services.publish_summary(w["manager"], without, summary="Spielgerät defekt")
    agreed = bring(w, consent_publish=True).concern
    assert not queries.published().exists()
    services.publish_summary(w["manager"], agreed, summary="Ein Spielgerät war defekt und wurde gesperrt.")
    assert list(queries.published()) == [agreed]
    page = client.get(reverse("districts:concerns_published")).content.decode()
    assert "wurde gesperrt" in page and RESIDENT not in page and "Fössestraße" not in page
    services.withdraw_summary(w["manager"], agreed)
    assert not queries.published().exists()


def test_vocabulary_is_defined_once_with_its_mappings():
    assert set(OPEN311_STATUS) == set(ConcernStatus) == set(CITYSDK_DETAILED_STATUS)
    assert {status for status, value in OPEN311_STATUS.items() if value == "closed"} == {
        ConcernStatus.REFERRED,
        ConcernStatus.SOLVED,
        ConcernStatus.PARTLY_SOLVED,
        ConcernStatus.NOT_SOLVABLE,
    }


# -- permissions ----------------------------------------------------------------------------------------------


def test_only_the_district_and_the_step_department_see_a_concern(client):
    w = concern_world()
    referred = bring(w, "Osterfeuer am Lindener Berg").concern
    cared = bring(w).concern
    services.refer(w["manager"], referred, unit=w["roads"], note="Das Tiefbauamt hilft.")
    services.take_care(w["manager"], cared)
    services.add_step(w["manager"], cared, what="Prüfen", unit=w["parks"], due_on=timezone.localdate())
    for concern in (referred, cared):
        url = reverse("districts:staff_concern", args=[concern.pk])
        for who in ("other_manager", "other_member", "admin"):
            client.force_login(w[who])
            assert client.get(url).status_code == 403, who
            assert RESIDENT not in client.get(reverse("districts:staff_concerns")).content.decode()
        client.logout()
        assert client.get(url).status_code == 302
        for who in ("manager", "deputy"):
            client.force_login(w[who])
            page = client.get(url)
            assert page.status_code == 200 and RESIDENT in page.content.decode()
    client.force_login(w["parks_member"])
    assert client.get(reverse("districts:staff_concern", args=[cared.pk])).status_code == 200
    assert client.get(reverse("districts:staff_concern", args=[referred.pk])).status_code == 403
    listing = client.get(reverse("districts:staff_concerns") + "?stand=alle").content.decode()
    assert f"Nr. {cared.pk}<" in listing and f"Nr. {referred.pk}<" not in listing


def test_staff_detail_actions_through_the_page(client):
    w = concern_world()
    concern = bring(w).concern
    client.force_login(w["manager"])
    url = reverse("districts:staff_concern", args=[concern.pk])
    assert client.post(url, {"action": "review"}).status_code == 302
    response = client.post(url, {"action": "refer", "refer-note": "Bitte dort melden."})
    assert response.status_code == 400 and "Fachbereich oder einen Eintrag" in response.content.decode()
    assert client.post(url, {"action": "take_care", "care-text": ""}).status_code == 302
    due = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    response = client.post(
        url, {"action": "step", "step-what": "Gerüst prüfen", "step-unit": w["parks"].pk, "step-due_on": due}
    )
    assert response.status_code == 302
    assert client.post(url, {"action": "note", "note-text": "Intern"}).status_code == 302
    assert client.post(url, {"action": "nonsense"}).status_code == 404
    assert client.post(url, {"action": "finish_step", "step": "²"}).status_code == 404
    response = client.post(url, {"action": "close", "close-outcome": "solved", "close-reason": "Erledigt."})
    assert response.status_code == 302
    assert Concern.objects.get(pk=concern.pk).status == ConcernStatus.SOLVED


# -- resident's deletion, reminders, statistics, queries --------------------------------------------------------


def test_resident_deletes_their_data_from_the_link(client):
    w = concern_world()
    submitted = bring(w)
    url = reverse("districts:concern_delete", args=[submitted.token])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    concern = Concern.objects.get()
    assert concern.email == "" and concern.text == "" and concern.personal_data_deleted_at
    assert client.get(reverse("districts:concern_status", args=[submitted.token])).status_code == 404


def test_reminders_of_overdue_concerns_and_steps():
    w = concern_world()
    concern = bring(w).concern
    Concern.objects.filter(pk=concern.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=2))
    bring(w, "Mitte", quarter=None, district=w["mitte"])  # not overdue
    mail.outbox.clear()
    call_command("remind_concerns")
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {w["manager"].office_email, w["deputy"].office_email}
    assert RESIDENT not in mail.outbox[0].body and f"/verwaltung/anliegen/{concern.pk}/" in mail.outbox[0].body
    call_command("remind_concerns")
    assert len(mail.outbox) == 1  # once a day


def test_statistics_for_the_reporting():
    w = concern_world()
    first = bring(w).concern
    bring(w)
    bring(w, category="road", quarter=None, district=w["mitte"])
    services.refer(w["manager"], first, unit=w["roads"], note="Bitte dort melden.")
    rows = {(row["district_number"], row["category_code"]): row for row in queries.statistics()}
    linden_green = rows[(w["linden"].number, "gruenflaechen")]
    assert linden_green["count"] == 2 and linden_green["closed"] == 1
    assert linden_green["days_to_first_answer"] is not None and linden_green["days_to_close"] is not None
    assert rows[(1, "strassen")]["count"] == 1 and rows[(1, "strassen")]["days_to_close"] is None


def test_staff_list_and_status_page_queries_do_not_grow(client, django_assert_max_num_queries):
    w = concern_world()

    def add(n):
        for _ in range(n):
            concern = bring(w).concern
            services.take_care(w["manager"], concern)
            services.add_step(w["manager"], concern, what="Prüfen", unit=w["parks"], due_on=timezone.localdate())

    client.force_login(w["manager"])
    add(2)
    url = reverse("districts:staff_concerns")
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    detail = reverse("districts:staff_concern", args=[Concern.objects.first().pk])
    with django_assert_max_num_queries(40) as one:
        client.get(detail)
    concern = Concern.objects.first()
    for _ in range(5):
        services.add_update(w["manager"], concern, text="Neuigkeit")
        services.add_note(w["manager"], concern, text="Notiz")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(detail)


def test_sections_on_the_district_page_and_the_work_area(rf):
    from stadtdialog.core.extensions import sections_for

    w = concern_world()
    concern = bring(w, consent_publish=True).concern
    services.publish_summary(w["manager"], concern, summary="Spielgerät gesperrt.")
    request = rf.get("/")
    request.user = w["manager"]
    public = dict(sections_for("district_public", request, w["linden"], only="concerns"))
    assert public["districts/concerns/_district_public.html"]["published_concerns"] == [concern]
    work = dict(sections_for("district_work", request, w["linden"], only="concerns"))
    assert [c.pk for c in work["districts/concerns/_district_work.html"]["open_concerns"]] == [concern.pk]
    request.user = w["other_manager"]
    assert sections_for("district_work", request, w["linden"], only="concerns") == []


def test_audit_log_never_holds_the_address_or_the_text():
    w = concern_world()
    concern = bring(w).concern
    services.take_care(w["manager"], concern)
    for entry in AuditEntry.objects.all():
        assert RESIDENT not in str(entry.changes) and "Fössestraße" not in str(entry.changes)


def test_public_lists_queries_do_not_grow(client, django_assert_max_num_queries):
    w = concern_world()

    def add(n):
        for _ in range(n):
            concern = bring(w, consent_publish=True).concern
            services.publish_summary(w["manager"], concern, summary="Spielgerät gesperrt.")

    add(2)
    for url in (reverse("districts:concerns_published"), "/open311/v2/requests.json?extensions=true"):
        client.get(url)
        with django_assert_max_num_queries(10) as few:
            client.get(url)
        add(6)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert client.get(url).status_code == 200


def test_form_with_an_account_needs_no_bot_check(client):
    w = concern_world()
    resident = UserFactory(email=RESIDENT)
    client.force_login(resident)
    page = client.get(reverse("districts:concern_create")).content.decode()
    assert f'value="{RESIDENT}"' in page and "altcha-widget" not in page
    data = {key: value for key, value in form_data(w).items() if key not in ("homepage", "antibot_token")}
    assert client.post(reverse("districts:concern_create"), data).status_code == 302
    assert Concern.objects.get().email == RESIDENT
    assert AuditEntry.objects.get(action="concern.submit").actor == resident
