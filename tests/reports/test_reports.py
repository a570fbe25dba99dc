"""Reports of a process: staff write and publish them; residents comment on an interim report until its deadline."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry
from stadtdialog.reports import services as reports
from stadtdialog.reports import signals
from stadtdialog.reports.forms import CommentForm, ReportAttachmentForm, ReportForm
from stadtdialog.reports.models import Report, ReportAttachment, ReportComment
from tests.factories import OrgUnitFactory, UserFactory, published_process, staff_user
from tests.pdf import one_page_pdf
from tests.reports.report_factories import (
    ReportCommentFactory,
    ReportFactory,
    clock_at,
    day_after,
    late_on,
    report_data,
    report_form_data,
)

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2027, 3, 12)


@pytest.fixture
def process():
    return published_process()


# --- Writing and publishing -----------------------------------------------------------------------


def test_lead_contact_writes_and_publishes_an_interim_report(process, django_capture_on_commit_callbacks):
    received = []
    signals.report_published.connect(
        lambda sender, report, **kw: received.append(report), weak=False, dispatch_uid="test-report-published"
    )
    try:
        report = reports.create_report(process.lead_contact, process, **report_data())
        assert report.published_at is None
        assert Report.objects.get(pk=report.pk).comments_until == report_data()["comments_until"]
        with django_capture_on_commit_callbacks(execute=True):
            reports.publish_report(process.lead_contact, report)
    finally:
        signals.report_published.disconnect(dispatch_uid="test-report-published")
    assert received == [report]
    actions = list(AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True))
    assert set(actions) == {"report.create", "report.publish"}


def test_deputy_and_city_wide_staff_may_publish_reports(process):
    reports.create_report(process.deputy, process, **report_data(kind="before", comments_until=None))
    reports.create_report(
        staff_user(kind=Role.Kind.COORDINATION),
        process,
        **report_data(kind="final", comments_until=None),
    )
    assert Report.objects.filter(process=process).count() == 2


@pytest.mark.parametrize("who", ["resident", "other_department", "moderator", "council_member"])
def test_only_the_process_staff_publish_reports(process, who):
    user = {
        "resident": lambda: UserFactory(),
        "other_department": lambda: staff_user(org_unit=OrgUnitFactory()),
        "moderator": lambda: staff_user(kind=Role.Kind.MODERATOR),
        "council_member": lambda: staff_user(kind=Role.Kind.COUNCIL_MEMBER),
    }[who]()
    with pytest.raises(PermissionDenied):
        reports.create_report(user, process, **report_data())
    report = ReportFactory(process=process, published_at=None)
    with pytest.raises(PermissionDenied):
        reports.publish_report(user, report)
    assert Report.objects.filter(process=process, published_at__isnull=False).count() == 0


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"decision_where_when": ""},
            "decision_where_when",
            "Ein Zwischenbericht nennt, wo und wann entschieden wird.",
        ),
        (
            {"comments_until": None},
            "comments_until",
            "Bitte geben Sie das Datum an, bis zu dem Kommentare möglich sind.",
        ),
        ({"text": "  <p> </p> "}, "text", "Bitte schreiben Sie den Text des Berichts."),
        ({"title": ""}, "title", "Dieses Feld ist zwingend erforderlich."),
        ({"title": "x" * 201}, "title", "höchstens 200 Zeichen"),
        ({"kind": "final"}, "comments_until", "Nur ein Zwischenbericht kann kommentiert werden."),
        (
            {"comments_until": datetime.date(2020, 1, 1)},
            "comments_until",
            "Die Frist für Kommentare kann nicht in der Vergangenheit liegen.",
        ),
    ],
)
def test_the_report_form_refuses_bad_input(changes, field, message):
    form = ReportForm(report_form_data(**changes))
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_the_report_form_sanitises_the_text_and_drops_the_deadline_of_other_kinds():
    form = ReportForm(report_form_data(text='<p onclick="x()">Stand</p><script>alert(1)</script>'))
    assert form.is_valid(), form.errors
    assert form.service_data()["text"] == "<p>Stand</p>"
    form = ReportForm(report_form_data(kind="before", open_comments="", comments_until=""))
    assert form.is_valid(), form.errors
    assert form.service_data()["comments_until"] is None


def test_a_draft_of_an_unpublished_process_cannot_be_published():
    process = published_process()
    process.published_at = None
    process.save()
    report = ReportFactory(process=process, published_at=None)
    with pytest.raises(ValidationError):
        reports.publish_report(process.lead_contact, report)


# --- Attachments ------------------------------------------------------------------------------------


def test_attachments_are_checked_by_content(process):
    report = ReportFactory(process=process)
    pdf = SimpleUploadedFile("Protokoll Werkstatt.pdf", one_page_pdf())
    form = ReportAttachmentForm({"title": "Protokoll der Werkstatt"}, {"file": pdf})
    assert form.is_valid(), form.errors
    attachment = reports.add_report_attachment(process.lead_contact, report, **form.cleaned_data)
    assert attachment.file.name.endswith("protokoll-werkstatt.pdf")
    fake = SimpleUploadedFile("bild.png", b"MZ\x90\x00 not an image")
    form = ReportAttachmentForm({"title": ""}, {"file": fake})
    assert not form.is_valid()
    assert form.errors["file"] == ["Nur PDF-, PNG-, JPEG- oder WebP-Dateien sind erlaubt."]
    assert form.errors["title"] == ["Dieses Feld ist zwingend erforderlich."]
    assert ReportAttachment.objects.count() == 1
    reports.remove_report_attachment(process.lead_contact, attachment)
    assert ReportAttachment.objects.count() == 0


# --- Comments and the deadline --------------------------------------------------------------------


def test_residents_comment_until_the_end_of_the_deadline_day():
    report = ReportFactory(comments_until=DEADLINE)
    resident = UserFactory()
    with clock_at(late_on(DEADLINE)):
        reports.add_report_comment(resident, report, "Noch rechtzeitig.")
    with clock_at(day_after(DEADLINE)), pytest.raises(ValidationError) as caught:
        reports.add_report_comment(resident, report, "Zu spät.")
    assert caught.value.messages == ["Die Frist für Kommentare ist am 12. März 2027 abgelaufen."]
    assert list(ReportComment.objects.values_list("text", flat=True)) == ["Noch rechtzeitig."]


def test_the_report_page_refuses_a_late_comment_with_a_clear_message(client):
    report = ReportFactory(comments_until=DEADLINE)
    url = reverse("reports:report", args=[report.pk])
    with clock_at(day_after(DEADLINE)):
        client.force_login(UserFactory())
        response = client.post(url, {"text": "Ich hätte noch eine Idee."})
        page = client.get(url).content.decode()
    assert response.status_code == 400
    body = response.content.decode()
    assert "Die Frist für Kommentare ist am 12. März 2027 abgelaufen." in body
    assert "Ich hätte noch eine Idee." in body  # the text is not lost
    assert not ReportComment.objects.exists()
    assert "Die Frist für Kommentare ist am 12. März 2027 abgelaufen." in page
    assert 'name="text"' not in page


def test_a_resident_comments_on_the_report_page(client):
    report = ReportFactory()
    resident = UserFactory(display_name="Lindener Nachbarin")
    client.force_login(resident)
    response = client.post(reverse("reports:report", args=[report.pk]), {"text": "Bitte mehr Schatten."})
    assert response.status_code == 302
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert "Bitte mehr Schatten." in page
    assert "Lindener Nachbarin" in page
    assert resident.email not in page
    assert AuditEntry.objects.filter(action="report.comment").count() == 1


@pytest.mark.parametrize(
    "text, message",
    [
        ("   ", "Dieses Feld ist zwingend erforderlich."),
        ("x" * 2001, "Höchstens 2000 Zeichen, Sie haben 2001 eingegeben."),
    ],
)
def test_empty_or_overlong_comments_are_refused(text, message):
    form = CommentForm({"text": text})
    assert not form.is_valid()
    assert form.errors["text"] == [message]


def test_the_form_shows_errors_for_an_empty_comment(client):
    report = ReportFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("reports:report", args=[report.pk]), {"text": ""})
    assert response.status_code == 400
    assert "Bitte prüfen Sie Ihre Eingaben" in response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not ReportComment.objects.exists()


def test_unverified_and_anonymous_users_cannot_comment(client):
    report = ReportFactory()
    with pytest.raises(PermissionDenied):
        reports.add_report_comment(UserFactory(email_verified=False), report, "Hallo")
    response = client.post(reverse("reports:report", args=[report.pk]), {"text": "Hallo"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not ReportComment.objects.exists()


def test_reports_without_deadline_take_no_comments():
    report = ReportFactory(kind=Report.Kind.FINAL, comments_until=None)
    with pytest.raises(ValidationError) as caught:
        reports.add_report_comment(UserFactory(), report, "Hallo")
    assert caught.value.messages == ["Dieser Bericht kann nicht kommentiert werden."]


# --- Public pages ---------------------------------------------------------------------------------


def test_a_draft_report_is_not_public(client):
    report = ReportFactory(published_at=None)
    assert client.get(reverse("reports:report", args=[report.pk])).status_code == 404
    client.force_login(report.process.lead_contact)
    assert client.get(reverse("reports:report", args=[report.pk])).status_code == 200


def test_report_page_shows_decision_attachments_and_hidden_placeholder(client):
    report = ReportFactory()
    reports.add_report_attachment(
        report.process.lead_contact,
        report,
        file=SimpleUploadedFile("plan.pdf", one_page_pdf()),
        title="Entwurfsplan",
    )
    ReportCommentFactory(report=report, text="Beleidigung", hidden_reason="Beleidigend", hidden_at=report.published_at)
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert "Stadtbezirksrat Linden-Limmer, Sitzung am 12. März 2027" in page
    assert "Entwurfsplan" in page
    assert "Beleidigung" not in page
    assert "Beleidigend" in page


def _report_page_queries(client, django_assert_max_num_queries, comments):
    report = ReportFactory()
    ReportCommentFactory.create_batch(comments, report=report)
    for _ in range(3):
        reports.add_report_attachment(
            report.process.lead_contact, report, file=SimpleUploadedFile("a.pdf", one_page_pdf()), title="Anhang"
        )
    client.force_login(UserFactory())
    with django_assert_max_num_queries(9) as captured:
        response = client.get(reverse("reports:report", args=[report.pk]))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_report_page_queries_do_not_grow_with_comments(client, django_assert_max_num_queries):
    few = _report_page_queries(client, django_assert_max_num_queries, 5)
    many = _report_page_queries(client, django_assert_max_num_queries, 50)
    assert few == many


def _render_partial(process):
    return Template('{% include "reports/_process_reports.html" %}').render(Context({"process": process}))


def test_process_partial_lists_published_reports_in_constant_queries(django_assert_num_queries):
    counts = []
    for n in (2, 20):
        process = published_process()
        for _ in range(n):
            report = ReportFactory(process=process)
            ReportCommentFactory.create_batch(2, report=report)
        ReportFactory(process=process, published_at=None, title="Entwurf bleibt intern")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            html = _render_partial(process)
        counts.append(len(captured.captured_queries))
        assert "Entwurf bleibt intern" not in html
        assert html.count("2 Kommentare") == n
    assert counts[0] == counts[1] <= 2


# --- Staff pages ----------------------------------------------------------------------------------


def test_staff_write_a_report_through_the_forms(client, process):
    client.force_login(process.lead_contact)
    response = client.post(reverse("reports:staff_report_create", args=[process.pk]), report_form_data())
    report = Report.objects.get()
    assert response.status_code == 302
    response = client.post(reverse("reports:staff_report_publish", args=[process.pk, report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.published_at is not None
    listing = client.get(reverse("reports:staff_reports", args=[process.pk])).content.decode()
    assert report.title in listing


def test_the_report_form_keeps_the_input_on_errors(client, process):
    client.force_login(process.lead_contact)
    response = client.post(
        reverse("reports:staff_report_create", args=[process.pk]),
        {
            "kind": "interim",
            "title": "Mein Zwischenstand",
            "text": "<p>Text</p>",
            "open_comments": "on",
            "comments_until": "",
            "decision_where_when": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Mein Zwischenstand"' in body
    assert "Ein Zwischenbericht nennt, wo und wann entschieden wird." in body
    assert "Bitte geben Sie das Datum an, bis zu dem Kommentare möglich sind." in body
    assert not Report.objects.exists()


def test_other_departments_cannot_open_the_report_forms(client, process):
    client.force_login(staff_user(org_unit=OrgUnitFactory()))
    assert client.get(reverse("reports:staff_report_create", args=[process.pk])).status_code == 403
    assert (
        client.post(
            reverse("reports:staff_report_create", args=[process.pk]),
            report_form_data(comments_until="", open_comments=""),
        ).status_code
        == 403
    )


def test_comments_are_rate_limited_per_account():
    report = ReportFactory()
    resident = UserFactory()
    for number in range(reports.COMMENT_LIMIT):
        reports.add_report_comment(resident, report, f"Kommentar {number}")
    with pytest.raises(ValidationError) as caught:
        reports.add_report_comment(resident, report, "Noch einer")
    assert caught.value.code == "rate_limited"
    assert "viele Kommentare" in caught.value.messages[0]
    assert ReportComment.objects.count() == reports.COMMENT_LIMIT
    reports.add_report_comment(UserFactory(), report, "Jemand anderes darf noch.")


def test_staff_move_the_deadline_but_cannot_remove_it_once_residents_commented(process):
    report = reports.create_report(process.lead_contact, process, **report_data())
    later = report.comments_until + datetime.timedelta(days=7)
    reports.update_report(process.lead_contact, report, **report_data(comments_until=later))
    report.refresh_from_db()
    assert report.comments_until == later
    ReportCommentFactory(report=report)
    with pytest.raises(ValidationError) as caught:
        reports.update_report(process.lead_contact, report, **report_data(comments_until=None))
    assert "comments_until" in caught.value.message_dict
    changes = AuditEntry.objects.get(action="report.update").changes
    assert changes["comments_until"] == [str(later - datetime.timedelta(days=7)), str(later)]
