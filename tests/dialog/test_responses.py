"""Answers of the administration (Rückmeldung): statuses, the required reason, who answers, where it shows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry
from stadtdialog.dialog import services, signals
from stadtdialog.dialog.forms import ResponseForm
from stadtdialog.dialog.models import Contribution, Response
from tests.dialog.dialog_factories import ContributionFactory, ResponseFactory, open_process
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return open_process()


@pytest.fixture
def contribution(process):
    return ContributionFactory(process=process, title="Mehr Schatten")


@pytest.mark.parametrize("status", ["taken", "under_review"])
def test_two_statuses_need_no_reason(contribution, status):
    response = services.answer_contribution(contribution.process.lead_contact, contribution, status, "")
    assert response.status == status
    contribution.refresh_from_db()
    assert contribution.answer_status == status


@pytest.mark.parametrize(
    "status, label",
    [
        ("partly", "Teilweise berücksichtigt"),
        ("not_taken", "Nicht berücksichtigt"),
        ("out_of_scope", "Außerhalb des Spielraums"),
    ],
)
def test_every_other_status_needs_a_reason(contribution, status, label):
    with pytest.raises(ValidationError) as error:
        services.answer_contribution(contribution.process.lead_contact, contribution, status, "   ")
    message = " ".join(error.value.message_dict["text"])
    assert "Bitte begründen Sie" in message
    assert Response.objects.count() == 0
    assert AuditEntry.objects.filter(action="dialog.response.publish").count() == 0
    contribution.refresh_from_db()
    assert contribution.answer_status == ""


def test_an_answer_is_published_changed_and_audited(contribution, django_capture_on_commit_callbacks):
    lead = contribution.process.lead_contact
    received = []
    signals.response_published.connect(
        lambda sender, response, **kw: received.append(response), weak=False, dispatch_uid="test-response"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.answer_contribution(lead, contribution, "under_review", "")
            response = services.answer_contribution(lead, contribution, "not_taken", "Die Fläche ist Feuerwehrzufahrt.")
    finally:
        signals.response_published.disconnect(dispatch_uid="test-response")
    assert Response.objects.count() == 1
    assert response.org_unit == lead.org_unit
    assert response.author == lead
    assert [r.status for r in received] == ["under_review", "not_taken"]
    assert received[0].contribution == contribution
    entries = AuditEntry.objects.filter(action="dialog.response.publish").order_by("id")
    assert [e.changes["status"] for e in entries] == [[None, "under_review"], ["under_review", "not_taken"]]


def test_only_the_process_staff_answer(contribution):
    for user in (UserFactory(), staff_user(Role.Kind.DEPARTMENT), staff_user(Role.Kind.MODERATOR)):
        with pytest.raises(PermissionDenied):
            services.answer_contribution(user, contribution, "taken", "")
    services.answer_contribution(staff_user(Role.Kind.COORDINATION), contribution, "taken", "")


def test_a_bad_status_is_refused(contribution):
    form = ResponseForm({"status": "maybe", "text": "Text"})
    assert not form.is_valid()
    assert "status" in form.errors
    assert Response.objects.count() == 0


def test_the_database_backs_the_reason(contribution):
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(contribution=contribution, status="not_taken", text="")
    Response.objects.create(contribution=contribution, status="taken", text="")


# --- pages


def test_the_answer_form_stops_until_a_reason_is_given(client, contribution):
    client.force_login(contribution.process.lead_contact)
    url = reverse("dialog:answer", args=[contribution.pk])
    response = client.post(url, {"status": "not_taken", "text": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte begründen Sie „Nicht berücksichtigt“" in page
    assert 'name="status" value="not_taken" id="id_status_2" required checked' in page
    assert Response.objects.count() == 0
    response = client.post(url, {"status": "not_taken", "text": "Die Fläche ist Feuerwehrzufahrt."})
    assert response.status_code == 302
    assert response.url == contribution.get_absolute_url()
    assert Response.objects.get().status == "not_taken"


def test_residents_cannot_open_the_answer_form(client, contribution):
    client.force_login(UserFactory())
    assert client.get(reverse("dialog:answer", args=[contribution.pk])).status_code == 403


def test_the_answer_is_public_at_the_contribution(client, contribution):
    lead = contribution.process.lead_contact
    services.answer_contribution(lead, contribution, "partly", "Zwei Bänke kommen, Bäume nicht.")
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "Rückmeldung der Verwaltung" in page
    assert "Teilweise berücksichtigt" in page
    assert "Zwei Bänke kommen, Bäume nicht." in page
    assert f"Beantwortet am {timezone.localdate():%-d}." in page
    assert lead.org_unit.short_name in page
    assert "Rückmeldung ändern" not in page  # only staff see the link


def test_the_process_box_counts_contributions_by_status(process):
    ContributionFactory.create_batch(2, process=process)
    for status in ("taken", "taken", "not_taken"):
        ResponseFactory(contribution=ContributionFactory(process=process, answer_status=status), status=status)
    ContributionFactory(process=process, hidden_at=timezone.now())  # hidden ones are not counted
    request = RequestFactory().get("/")
    request.user = UserFactory()
    html = Template('{% load core_tags %}{% extension_sections "process_public" process only="dialog" %}').render(
        Context({"process": process, "request": request})
    )
    rows = [" ".join(row.split()) for row in html.split("<tr")[1:]]
    assert "5 Beiträge, nach Rückmeldung der Verwaltung" in " ".join(html.split())
    assert any("Berücksichtigt</a></th><td" in r and ">2</td>" in r for r in rows)
    assert any("Nicht berücksichtigt</a></th><td" in r and ">1</td>" in r for r in rows)
    assert any("Noch nicht beantwortet</a></th><td" in r and ">2</td>" in r for r in rows)


def test_staff_list_unanswered_contributions_of_their_processes_oldest_first(client, process):
    lead = process.lead_contact
    newer = ContributionFactory(process=process, title="Neuer Beitrag")
    older = ContributionFactory(process=process, title="Älterer Beitrag")
    Contribution.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=5))
    ResponseFactory(contribution=ContributionFactory(process=process, title="Beantwortet"))
    ContributionFactory(title="Anderes Verfahren")  # another department's process
    client.force_login(lead)
    response = client.get(reverse("dialog:unanswered"))
    assert response.status_code == 200
    assert [c.title for c in response.context["page"].object_list] == ["Älterer Beitrag", "Neuer Beitrag"]
    assert '<th scope="row"' in response.content.decode()
    assert newer.title in response.content.decode()
    client.force_login(UserFactory())
    assert client.get(reverse("dialog:unanswered")).status_code == 403


def test_unanswered_list_queries_do_not_grow(client, process, django_assert_max_num_queries):
    client.force_login(process.lead_contact)
    ContributionFactory.create_batch(3, process=process)
    with django_assert_max_num_queries(20) as captured:
        client.get(reverse("dialog:unanswered"))
    ContributionFactory.create_batch(30, process=process)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        client.get(reverse("dialog:unanswered"))
