"""Comments on the participation concept: residents comment; staff adopt (in a new version) or decline with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry
from stadtdialog.processes import services as process_services
from stadtdialog.reports import services as reports
from stadtdialog.reports import signals
from stadtdialog.reports.forms import ConceptCommentForm
from stadtdialog.reports.models import ConceptComment
from tests.factories import OrgUnitFactory, UserFactory, published_process, staff_user
from tests.reports.report_factories import ConceptCommentFactory

pytestmark = pytest.mark.django_db

Status = ConceptComment.Status


@pytest.fixture
def process():
    return published_process()


def revise(process, note="Kinder in der Projektbegleitgruppe"):
    """Staff save a revision of the published concept, which records the next version."""
    process_services.update_concept(
        process.lead_contact, process, advisory_group="Kinderbeirat, Kitas", change_note=note
    )
    process.concept.refresh_from_db()
    return process.concept.current_version


def test_a_resident_comments_on_the_current_version(process):
    comment = reports.add_concept_comment(UserFactory(), process.concept, "Bitte auch Jugendliche beteiligen.")
    assert comment.status == Status.OPEN
    assert comment.concept_version == process.concept.current_version
    assert AuditEntry.objects.filter(action="concept_comment.create", object_id=str(comment.pk)).exists()


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Dieses Feld ist zwingend erforderlich."),
        ("x" * 3001, "Höchstens 3000 Zeichen, Sie haben 3001 eingegeben."),
    ],
)
def test_empty_or_overlong_comments_are_refused(text, message):
    form = ConceptCommentForm({"text": text})
    assert not form.is_valid()
    assert form.errors["text"] == [message]


def test_unpublished_concepts_and_unverified_accounts_take_no_comments(process):
    with pytest.raises(PermissionDenied):
        reports.add_concept_comment(UserFactory(email_verified=False), process.concept, "Hallo")
    process.published_at = None
    process.save()
    with pytest.raises(PermissionDenied):
        reports.add_concept_comment(UserFactory(), process.concept, "Hallo")


def test_adopting_requires_a_saved_revision_then_records_its_version(process, django_capture_on_commit_callbacks):
    comment = ConceptCommentFactory(concept=process.concept)
    with pytest.raises(ValidationError) as caught:
        reports.adopt_concept_comment(process.lead_contact, comment, 1)
    assert "Bitte überarbeiten und speichern Sie zuerst das Konzept" in caught.value.message_dict["version"][0]
    version = revise(process)
    assert version == 2
    handled = []
    signals.concept_comment_handled.connect(
        lambda sender, comment, **kw: handled.append(comment), weak=False, dispatch_uid="test-concept-comment"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            reports.adopt_concept_comment(process.lead_contact, comment, version)
    finally:
        signals.concept_comment_handled.disconnect(dispatch_uid="test-concept-comment")
    comment.refresh_from_db()
    assert comment.status == Status.ADOPTED
    assert comment.adopted_in_version == 2
    assert handled == [comment]
    assert AuditEntry.objects.filter(action="concept_comment.adopted", object_id=str(comment.pk)).exists()


def test_declining_requires_a_published_reason(process):
    comment = ConceptCommentFactory(concept=process.concept)
    with pytest.raises(ValidationError) as caught:
        reports.decline_concept_comment(process.lead_contact, comment, "   ")
    assert caught.value.message_dict["reason"] == [
        "Bitte begründen Sie, warum der Kommentar nicht übernommen wird. Die Begründung wird veröffentlicht."
    ]
    comment.refresh_from_db()
    assert comment.status == Status.OPEN
    reports.decline_concept_comment(process.lead_contact, comment, "Die Gruppe ist schon vollständig besetzt.")
    comment.refresh_from_db()
    assert comment.status == Status.DECLINED
    assert comment.handled_by == process.lead_contact


@pytest.mark.parametrize("who", ["resident", "other_department", "moderator"])
def test_only_the_process_staff_handle_comments(process, who):
    user = {
        "resident": UserFactory,
        "other_department": lambda: staff_user(org_unit=OrgUnitFactory()),
        "moderator": lambda: staff_user(kind=Role.Kind.MODERATOR),
    }[who]()
    comment = ConceptCommentFactory(concept=process.concept)
    with pytest.raises(PermissionDenied):
        reports.decline_concept_comment(user, comment, "Nein")


def test_the_public_sees_status_and_reason(client, process):
    adopted = ConceptCommentFactory(concept=process.concept, text="Jugendliche einbeziehen")
    declined = ConceptCommentFactory(concept=process.concept, text="Alles absagen")
    open_one = ConceptCommentFactory(concept=process.concept, text="Mehr Termine am Abend")
    reports.adopt_concept_comment(process.lead_contact, adopted, revise(process))
    reports.decline_concept_comment(
        process.lead_contact, declined, "Der Stadtbezirksrat hat die Beteiligung beschlossen."
    )
    page = client.get(reverse("reports:concept_comments", args=[process.pk])).content.decode()
    assert "Übernommen in Version 2 des Konzepts" in page
    assert "Nicht übernommen" in page
    assert "Der Stadtbezirksrat hat die Beteiligung beschlossen." in page
    assert open_one.text in page
    assert "Noch nicht entschieden" in page
    assert adopted.author.email not in page


def test_a_resident_comments_through_the_page_and_errors_keep_the_text(client, process):
    client.force_login(UserFactory())
    url = reverse("reports:concept_comments", args=[process.pk])
    response = client.post(url, {"text": "x" * 3001})
    assert response.status_code == 400
    assert not ConceptComment.objects.exists()
    response = client.post(url, {"text": "Bitte auch samstags Termine anbieten."})
    assert response.status_code == 302
    assert ConceptComment.objects.get().text == "Bitte auch samstags Termine anbieten."


def test_anonymous_visitors_are_asked_to_log_in(client, process):
    url = reverse("reports:concept_comments", args=[process.pk])
    page = client.get(url).content.decode()
    assert 'name="text"' not in page
    assert reverse("accounts:login") in page
    response = client.post(url, {"text": "Hallo"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_staff_adopt_through_the_form_after_revising(client, process):
    comment = ConceptCommentFactory(concept=process.concept)
    client.force_login(process.lead_contact)
    url = reverse("reports:staff_concept_comment", args=[process.pk, comment.pk])
    page = client.get(url).content.decode()
    assert reverse("processes:staff_concept", args=[process.pk]) in page
    response = client.post(url, {"decision": "adopted", "version": ""})
    assert response.status_code == 200
    assert "Bitte überarbeiten und speichern Sie zuerst das Konzept" in response.content.decode()
    version = revise(process)
    response = client.post(url, {"decision": "adopted", "version": str(version), "reason": ""})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.adopted_in_version == version
    listing = client.get(reverse("reports:staff_concept_comments", args=[process.pk])).content.decode()
    assert "Übernommen" in listing


def test_staff_decline_through_the_form_needs_a_reason(client, process):
    comment = ConceptCommentFactory(concept=process.concept)
    client.force_login(process.deputy)
    url = reverse("reports:staff_concept_comment", args=[process.pk, comment.pk])
    response = client.post(url, {"decision": "declined", "reason": ""})
    assert "Bitte begründen Sie, warum der Kommentar nicht übernommen wird." in response.content.decode()
    response = client.post(url, {"decision": "declined", "reason": "Außerhalb des Spielraums."})
    assert response.status_code == 302


def test_concept_partial_renders_comments_in_constant_queries(process):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    template = Template('{% include "reports/_concept_comments.html" %}')
    counts = []
    for n in (3, 30):
        ConceptComment.objects.all().delete()
        ConceptCommentFactory.create_batch(n, concept=process.concept)
        with CaptureQueriesContext(connection) as captured:
            html = template.render(Context({"process": process, "concept": process.concept}))
        counts.append(len(captured.captured_queries))
        assert html.count('<li id="concept-comment-') == n
    assert counts[0] == counts[1] <= 1
