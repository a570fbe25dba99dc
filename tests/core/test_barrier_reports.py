"""The accessibility statement's feedback form: a barrier report becomes a case with a due date that the
coordination office answers (mailed to the reporter); the reporter's name and address stay with the staff."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.core.antibot import HONEYPOT_FIELD, valid_antibot_data
from stadtdialog.core.models import AuditEntry, BarrierReport, Page
from stadtdialog.core.services import submit_barrier_report
from tests.factories import staff_user

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Renate Blindow", "renate.blindow@example.org"
ARBITRATION = "<p>Schlichtungsstelle beim Landesbeauftragten für Menschen mit Behinderungen</p>"


def _report_data(**extra):
    return {
        "text": "Die Karte lässt sich nicht mit der Tastatur bedienen.",
        "page_url": "/vorhaben/karte/",
        "name": NAME,
        "email": EMAIL,
        **valid_antibot_data(),
        **extra,
    }


@pytest.fixture
def statement():
    page = Page.objects.get(slug="barrierefreiheit")
    Page.objects.filter(pk=page.pk).update(
        arbitration_body=ARBITRATION, compliance="partial", known_barriers="<p>Die Karte ist nicht barrierefrei.</p>"
    )
    return page


def test_the_statement_shows_compliance_barriers_form_and_arbitration_body(client, statement):
    html = client.get(reverse("core:page", args=["barrierefreiheit"])).content.decode()
    assert "teilweise vereinbar" in html
    assert "Die Karte ist nicht barrierefrei." in html
    assert f'action="{reverse("core:barrier_report")}"' in html
    assert 'name="homepage"' in html  # the anti-bot fields of the other public forms
    assert "Schlichtungsstelle beim Landesbeauftragten" in html


def test_a_report_from_the_public_form_creates_a_case_due_in_a_month(client, statement, settings):
    settings.ACCESSIBILITY_ANSWER_DAYS = 30
    response = client.post(reverse("core:barrier_report"), _report_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("core:barrier_report_done")
    report = BarrierReport.objects.get()
    assert report.status == BarrierReport.Status.OPEN
    assert report.due_at == timezone.localdate() + datetime.timedelta(days=30)
    assert (report.name, report.email, report.page_url) == (NAME, EMAIL, "/vorhaben/karte/")
    entry = AuditEntry.objects.get(action="core.barrier_report.create")
    assert entry.actor is None
    assert EMAIL not in str(entry.changes) and NAME not in entry.object_repr
    done = client.get(response["Location"]).content.decode()
    assert (report.due_at.strftime("%-d.")) in done
    assert "Schlichtungsstelle beim Landesbeauftragten" in done


def test_the_footer_link_fills_in_where(client):
    html = client.get(reverse("core:barrier_report") + "?seite=/vorhaben/").content.decode()
    assert 'value="/vorhaben/"' in html


def test_a_bot_filling_the_honeypot_is_refused_and_nothing_is_saved(client):
    response = client.post(reverse("core:barrier_report"), _report_data(**{HONEYPOT_FIELD: "http://spam.example"}))
    assert response.status_code == 200
    assert "ein Feld ausgefüllt" in response.content.decode()
    assert not BarrierReport.objects.exists()


def test_a_report_without_text_keeps_the_input(client):
    response = client.post(reverse("core:barrier_report"), _report_data(text=""))
    html = response.content.decode()
    assert "Bitte beschreiben Sie die Barriere." in html
    assert 'value="/vorhaben/karte/"' in html
    assert not BarrierReport.objects.exists()


def test_the_coordination_office_answers_and_the_reporter_gets_a_mail(
    client, statement, django_capture_on_commit_callbacks
):
    report = submit_barrier_report(text="Kontrast zu gering", page_url="/vorhaben/", name=NAME, email=EMAIL)
    office = staff_user(Role.Kind.COORDINATION)
    client.force_login(office)
    page = client.get(reverse("core:barrier_report", args=[report.pk])).content.decode()
    assert NAME in page and EMAIL in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:barrier_report", args=[report.pk]),
            {"answer": "Wir haben den Kontrast der Schaltflächen erhöht."},
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == BarrierReport.Status.ANSWERED
    assert report.answered_by == office and report.answered_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert "Barriere" in message.subject
    assert f"Hallo {NAME}," in message.body
    assert "Wir haben den Kontrast der Schaltflächen erhöht." in message.body
    assert "Schlichtungsstelle beim Landesbeauftragten" in message.body
    assert "<p>" not in message.body
    entry = AuditEntry.objects.get(action="core.barrier_report.answer")
    assert entry.actor == office and entry.changes["mailed"] == [None, True]


def test_an_answer_without_an_address_is_saved_but_not_mailed(client, django_capture_on_commit_callbacks):
    report = submit_barrier_report(text="Kontrast zu gering", page_url="/vorhaben/")
    client.force_login(staff_user(Role.Kind.COORDINATION))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:barrier_report", args=[report.pk]), {"answer": "Behoben."})
    assert BarrierReport.objects.get().status == BarrierReport.Status.ANSWERED
    assert mail.outbox == []


def test_a_case_is_closed_through_the_confirm_page(client):
    report = submit_barrier_report(text="Doppelt gemeldet", page_url="/")
    client.force_login(staff_user(Role.Kind.ADMIN))
    url = reverse("core:barrier_report_close", args=[report.pk])
    assert "Fall schließen" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert BarrierReport.objects.get().status == BarrierReport.Status.CLOSED
    assert AuditEntry.objects.filter(action="core.barrier_report.close").count() == 1


def test_the_list_shows_open_cases_by_due_date_with_overdue_ones_marked(client, django_assert_max_num_queries):
    for number in range(8):
        submit_barrier_report(text=f"Barriere {number}", page_url="/")
    late = submit_barrier_report(text="Alte Meldung", page_url="/")
    BarrierReport.objects.filter(pk=late.pk).update(due_at=timezone.localdate() - datetime.timedelta(days=2))
    client.force_login(staff_user(Role.Kind.COORDINATION))
    client.get(reverse("core:barrier_reports"))
    with django_assert_max_num_queries(8):
        html = client.get(reverse("core:barrier_reports")).content.decode()
    assert html.index("Alte Meldung") < html.index("Barriere 0")
    assert "is-overdue" in html and "Überfällig" in html


def test_the_staff_home_counts_open_cases_for_the_coordination_office_only(client):
    submit_barrier_report(text="Kontrast zu gering", page_url="/")
    client.force_login(staff_user(Role.Kind.COORDINATION))
    html = client.get(reverse("core:staff_home")).content.decode()
    assert "1 offene Barriere-Meldung" in html
    assert reverse("core:barrier_reports") in html
    client.force_login(staff_user(Role.Kind.DEPARTMENT))
    html = client.get(reverse("core:staff_home")).content.decode()
    assert reverse("core:barrier_reports") not in html
    assert client.get(reverse("core:barrier_reports")).status_code == 403


def test_reporter_data_is_on_no_public_page(client, statement):
    client.post(reverse("core:barrier_report"), _report_data())
    report = BarrierReport.objects.get()
    for url in [
        reverse("core:page", args=["barrierefreiheit"]),
        reverse("core:barrier_report"),
        reverse("core:barrier_report_done"),
        reverse("core:page", args=["impressum"]),
        reverse("plans:list"),
    ]:
        html = client.get(url).content.decode()
        assert NAME not in html and EMAIL not in html, url
    assert client.get(reverse("core:barrier_report", args=[report.pk])).status_code == 302  # to the login
