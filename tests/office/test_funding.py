"""Funding rounds decided by a committee (issue 15, items 1–5): rounds, applications with their budget plan and the
"more information" loop, the committee session with conflicts of interest and quorum, decisions within the
budget, minutes as PDF, mails, the public list without personal data, payments and the use-of-funds report."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.office import queries_funding
from stadtdialog.office.models import (
    AgendaItem,
    FundingApplication,
    FundingRound,
    UseOfFundsReport,
)
from stadtdialog.office.services import funding as services
from tests.factories import UserFactory, staff_user
from tests.pdf import one_page_pdf, pdf_text

from .funding_factories import (
    application,
    application_data,
    committee_with_members,
    council_member,
    funding_round,
    on_agenda,
    open_session,
    world,
)

pytestmark = pytest.mark.django_db
State = FundingApplication.State


def _vote_all(members, item, choice="yes"):
    for member in members:
        if not item.conflicts.filter(member=member).exists():
            services.cast_vote(member.user, item, choice)


# --- rounds -----------------------------------------------------------------------------------------------


def test_only_the_office_opens_rounds_and_the_public_page_shows_the_remaining_budget(client):
    office, committee, _members, rnd = world()
    with pytest.raises(PermissionDenied):
        funding_round(staff_user(Role.Kind.DEPARTMENT), committee, slug="nicht-erlaubt")
    page = client.get(reverse("office:funding_round", args=[rnd.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Stadtteilfonds Beteiligung 2027 – 1. Runde" in text
    assert "60.000,00 €" in text and "verbleibend" in text.lower()


def test_a_round_form_refuses_a_negative_budget_in_german_and_keeps_the_input(client):
    office, committee, _members, _rnd = world()
    client.force_login(office)
    data = {
        "title": "Zweite Runde",
        "slug": "zweite-runde",
        "description": "Alles rund um Beteiligung.",
        "budget": "-5,00",
        "submission_deadline": "2027-03-01T12:00",
        "committee_date": "2027-03-20",
        "committee": committee.pk,
        "is_published": "on",
    }
    response = client.post(reverse("office:staff_funding_round_create"), data)
    assert response.status_code == 400
    assert "Das Budget muss größer als 0 € sein." in response.content.decode()
    assert 'value="Zweite Runde"' in response.content.decode()
    assert not FundingRound.objects.filter(slug="zweite-runde").exists()


# --- applications -----------------------------------------------------------------------------------------


def test_a_district_council_member_applies_for_their_council_and_a_resident_only_where_allowed():
    office, committee, _members, rnd = world()
    member = council_member()
    app = application(member, rnd)
    assert app.kind == FundingApplication.Kind.DISTRICT_COUNCIL
    assert app.district_council.district.number == 10
    assert app.state == State.SUBMITTED
    resident = UserFactory()
    with pytest.raises(PermissionDenied):
        application(resident, rnd)
    open_round = funding_round(office, committee, open_to_initiatives=True)
    initiative = application(resident, open_round, organisation="Initiative Grüne Mitte Linden")
    assert initiative.kind == FundingApplication.Kind.INITIATIVE


def test_the_budget_plan_must_add_up_and_the_error_names_the_difference():
    _office, _committee, _members, rnd = world()
    member = council_member()
    with pytest.raises(ValidationError) as error:
        application(member, rnd, requested_amount=Decimal("8000.00"))
    text = " ".join(error.value.messages)
    assert "geht nicht auf" in text and "500,00 €" in text
    assert not FundingApplication.objects.exists()  # a refused submission saves nothing
    draft = application(member, rnd, submit=False, requested_amount=Decimal("8000.00"))
    assert draft.state == State.DRAFT  # a draft may be incomplete


def test_a_request_above_the_budget_and_a_submission_after_the_deadline_are_refused():
    office, committee, _members, rnd = world()
    member = council_member()
    with pytest.raises(ValidationError) as error:
        application(member, rnd, requested_amount=Decimal("70000.00"), items=[("Bau", Decimal("71500.00"))])
    assert "über dem gesamten Budget der Runde von 60.000,00 €" in " ".join(error.value.messages)
    late = funding_round(office, committee, submission_deadline=timezone.now() - datetime.timedelta(hours=1))
    draft = application(member, late, submit=False)
    with pytest.raises(ValidationError) as error:
        services.save_application(member, late, application=draft, kind="", submit=True, **application_data())
    assert "Einreichungsfrist" in " ".join(error.value.messages)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def _form_data(**overrides):
    data = {
        "applicant": None,
        "title": "Sommerwerkstatt Lindener Marktplatz",
        "organisation": "Stadtbezirksrat Linden-Limmer",
        "district": "",
        "purpose": "Eine offene Werkstatt auf dem Marktplatz.",
        "participation": "Drei Werkstatt-Abende.",
        "timeline": "Mai bis August 2027",
        "contact_name": "Karl Linden",
        "contact_email": "karl.linden@example.org",
        "own_funds": "500,00",
        "other_funding": "1.000,00",
        "requested_amount": "8.500,00",
        "item_1_text": "Moderation",
        "item_1_amount": "6.000,00",
        "item_2_text": "Material und Druck",
        "item_2_amount": "4.000,00",
        "action": "submit",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"own_funds": "-10,00"}, "Der Betrag darf nicht negativ sein."),
        ({"requested_amount": "9.000,00"}, "Der Finanzierungsplan geht nicht auf"),
        ({"requested_amount": "65.000,00", "item_1_amount": "61.500,00"}, "über dem gesamten Budget"),
    ],
)
def test_the_application_form_gives_a_german_error_and_keeps_what_was_typed(client, overrides, message):
    _office, _committee, _members, rnd = world()
    member = council_member()
    client.force_login(member)
    url = reverse("office:funding_apply", args=[rnd.slug])
    choice = client.get(url).context["form"].fields["applicant"].choices[0][0]
    response = client.post(url, _form_data(applicant=choice, **overrides))
    text = response.content.decode()
    assert response.status_code == 400
    assert message in text
    assert 'value="Sommerwerkstatt Lindener Marktplatz"' in text and "Drei Werkstatt-Abende." in text
    assert not FundingApplication.objects.exists()


def test_the_application_form_after_the_deadline_keeps_what_was_typed(client):
    office, committee, _members, _rnd = world()
    late = funding_round(office, committee, submission_deadline=timezone.now() - datetime.timedelta(minutes=5))
    member = council_member()
    client.force_login(member)
    url = reverse("office:funding_apply", args=[late.slug])
    choice = client.get(url).context["form"].fields["applicant"].choices[0][0]
    response = client.post(url, _form_data(applicant=choice))
    assert response.status_code == 400
    assert "Die Einreichungsfrist dieser Runde ist am" in response.content.decode()
    assert 'value="Karl Linden"' in response.content.decode()
    # saved as a draft it goes through
    response = client.post(url, _form_data(applicant=choice, action="save"))
    assert response.status_code == 302
    assert FundingApplication.objects.get().state == State.DRAFT


def test_more_information_loop_with_applicant_facing_and_internal_labels(client):
    office, _committee, _members, rnd = world()
    member = council_member()
    app = application(member, rnd)
    services.request_more_information(office, app, "Bitte ergänzen Sie, wie Kinder beteiligt werden.")
    app.refresh_from_db()
    assert app.state == State.MORE_INFO
    assert app.get_state_display() == "Weitere Angaben angefordert"
    assert app.applicant_label == "Bitte Angaben ergänzen"
    assert "Bitte ergänzen Sie, wie Kinder beteiligt werden." in mail.outbox[-1].body
    client.force_login(member)
    page = client.get(reverse("office:funding_application", args=[app.pk])).content.decode()
    assert "Bitte ergänzen Sie, wie Kinder beteiligt werden." in page and "Bitte Angaben ergänzen" in page
    # resubmitted after the deadline is still fine: the office asked
    FundingRound.objects.filter(pk=rnd.pk).update(submission_deadline=timezone.now() - datetime.timedelta(days=1))
    services.save_application(
        member,
        rnd,
        application=app,
        kind="",
        submit=True,
        **application_data(participation="Eine Kinderwerkstatt mit dem Spielpark Linden."),
    )
    app.refresh_from_db()
    assert app.state == State.SUBMITTED and "Kinderwerkstatt" in app.participation
    # another council's member does not see it
    client.force_login(council_member(district_number=1))
    assert client.get(reverse("office:funding_application", args=[app.pk])).status_code == 403


# --- the session --------------------------------------------------------------------------------------------


def test_a_conflict_excludes_the_member_from_the_vote_and_the_documents(client):
    office, _committee, members, rnd = world()
    app, session, item = on_agenda(office, council_member(), rnd)
    open_session(office, session, members)
    conflicted = members[1]
    services.cast_vote(conflicted.user, item, "yes")
    services.declare_conflict(conflicted.user, item, "Ich bin Mitglied im Vorstand des Vereins.")
    assert not item.votes.filter(member=conflicted).exists()  # the earlier vote is gone
    with pytest.raises(ValidationError) as error:
        services.cast_vote(conflicted.user, item, "yes")
    assert "Befangenheit" in " ".join(error.value.messages)
    client.force_login(conflicted.user)
    response = client.get(reverse("office:committee_item", args=[item.pk]))
    assert response.status_code == 403
    assert app.contact_email not in response.content.decode()
    session_page = client.get(reverse("office:committee_session", args=[session.pk])).content.decode()
    assert "Befangenheit erklärt" in session_page
    assert reverse("office:committee_item", args=[item.pk]) not in session_page
    client.force_login(members[2].user)
    assert client.get(reverse("office:committee_item", args=[item.pk])).status_code == 200
    # by HTTP the conflicted member's vote is refused too
    client.force_login(conflicted.user)
    response = client.post(
        reverse("office:committee_session", args=[session.pk]),
        {"item": item.pk, "action": "vote", f"v{item.pk}-choice": "no"},
    )
    assert response.status_code == 400 and "Befangenheit" in response.content.decode()


def test_no_decision_without_quorum():
    office, _committee, members, rnd = world()
    _app, session, item = on_agenda(office, council_member(), rnd)
    open_session(office, session, members[:3])
    services.declare_conflict(members[0].user, item, "Verwandt mit der Antragstellerin")
    with pytest.raises(ValidationError) as error:
        services.decide(office, item, outcome="approved", amount=Decimal("5000.00"))
    assert "nicht beschlussfähig" in " ".join(error.value.messages)


def test_the_committee_approves_a_lower_amount_and_the_applicant_gets_the_mail(client):
    office, _committee, members, rnd = world()
    applicant = council_member()
    app, session, item = on_agenda(office, applicant, rnd)
    open_session(office, session, members)
    _vote_all(members, item)
    with pytest.raises(ValidationError) as error:
        services.decide(office, item, outcome="approved", amount=Decimal("9000.00"))
    assert "nicht über dem beantragten Betrag" in " ".join(error.value.messages)
    mail.outbox.clear()
    services.decide(
        office, item, outcome="approved_conditions", amount=Decimal("6000.00"), conditions="Barrierefreier Ort"
    )
    app.refresh_from_db()
    rnd.refresh_from_db()
    assert app.state == State.APPROVED and app.approved_amount == Decimal("6000.00")
    assert rnd.committed == Decimal("6000.00") and rnd.remaining == Decimal("54000.00")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"karl.linden@example.org", applicant.email}
    assert "6.000,00 €" in message.body and "Barrierefreier Ort" in message.body
    item.refresh_from_db()
    assert (item.votes_yes, item.votes_no) == (5, 0)


def test_an_approval_needs_more_yes_than_no_votes():
    office, _committee, members, rnd = world()
    _app, session, item = on_agenda(office, council_member(), rnd)
    open_session(office, session, members)
    _vote_all(members[:3], item, "no")
    with pytest.raises(ValidationError):
        services.decide(office, item, outcome="approved", amount=Decimal("1000.00"))
    services.decide(office, item, outcome="declined", reason="Die Beteiligung ist nicht offen für alle.")
    assert FundingApplication.objects.get().state == State.DECLINED


def test_deferral_moves_the_application_to_the_next_round():
    office, committee, members, rnd = world()
    later = funding_round(office, committee, committee_date=rnd.committee_date + datetime.timedelta(days=120))
    app, session, item = on_agenda(office, council_member(), rnd)
    open_session(office, session, members)
    services.decide(office, item, outcome="deferred", reason="Mehr Zeit für die Abstimmung mit dem Fachbereich")
    app.refresh_from_db()
    assert (app.round_id, app.state) == (later.pk, State.ELIGIBLE)


def test_approvals_beyond_the_budget_are_refused_and_the_database_refuses_an_overcommitment():
    office, _committee, members, rnd = world()
    FundingRound.objects.filter(pk=rnd.pk).update(budget=Decimal("10000.00"))
    rnd.refresh_from_db()
    first, session, item_one = on_agenda(office, council_member(), rnd)
    _second, _session, item_two = on_agenda(office, council_member(district_number=1), rnd, session=session)
    open_session(office, session, members)
    _vote_all(members, item_one)
    _vote_all(members, item_two)
    services.decide(office, item_one, outcome="approved", amount=Decimal("8000.00"))
    with pytest.raises(ValidationError) as error:
        services.decide(office, item_two, outcome="approved", amount=Decimal("2000.01"))
    assert "verbleiben 2.000,00 €" in " ".join(error.value.messages)
    services.decide(office, item_two, outcome="approved", amount=Decimal("2000.00"))
    rnd.refresh_from_db()
    assert rnd.remaining == Decimal("0.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingRound.objects.filter(pk=rnd.pk).update(committed=Decimal("10000.01"))


def test_the_minutes_are_a_readable_pdf(client):
    office, _committee, members, rnd = world()
    _app, session, item = on_agenda(office, council_member(), rnd)
    open_session(office, session, members)
    services.declare_conflict(members[4].user, item, "Vorstand im antragstellenden Verein")
    _vote_all(members, item)
    services.decide(office, item, outcome="approved", amount=Decimal("7000.00"))
    client.force_login(members[0].user)
    response = client.get(reverse("office:committee_minutes", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Protokoll der Gremiumssitzung" in text
    assert "Sommerwerkstatt Lindener Marktplatz" in text
    assert "Gremiumsmitglied 5" in text and "Befangenheit" in text
    assert "7.000,00 €" in text and "Abstimmung: 4 Ja" in text
    client.force_login(UserFactory())
    assert client.get(reverse("office:committee_minutes", args=[session.pk])).status_code == 403


def test_published_projects_show_no_personal_data(client, django_assert_max_num_queries):
    office, _committee, members, rnd = world()
    applicant = council_member(full_name="Bezirksratsherr Karl Linden")
    app, session, item = on_agenda(office, applicant, rnd)
    open_session(office, session, members)
    _vote_all(members, item)
    services.decide(office, item, outcome="approved", amount=Decimal("6000.00"))
    for url in (reverse("office:funding_home"), reverse("office:funding_round", args=[rnd.slug])):
        with django_assert_max_num_queries(12):
            text = client.get(url).content.decode()
        assert "Sommerwerkstatt Lindener Marktplatz" in text and "6.000,00 €" in text and "Linden-Limmer" in text
        for personal in ("Karl Linden", "karl.linden@example.org", "0511 123456", applicant.email):
            assert personal not in text


# --- after the approval -------------------------------------------------------------------------------------


def _approved(amount="6000.00"):
    office, _committee, members, rnd = world()
    applicant = council_member()
    app, session, item = on_agenda(office, applicant, rnd)
    open_session(office, session, members)
    _vote_all(members, item)
    services.decide(office, item, outcome="approved", amount=Decimal(amount))
    app.refresh_from_db()
    return office, applicant, app


def test_payment_dates_cannot_exceed_the_approved_amount():
    office, _applicant, app = _approved()
    services.add_instalment(office, app, due_date=datetime.date(2027, 5, 1), amount=Decimal("4000.00"))
    with pytest.raises(ValidationError) as error:
        services.add_instalment(office, app, due_date=datetime.date(2027, 8, 1), amount=Decimal("2500.00"))
    assert "6.000,00 €" in " ".join(error.value.messages)
    instalment = services.add_instalment(office, app, due_date=datetime.date(2027, 8, 1), amount=Decimal("2000.00"))
    services.mark_paid(office, instalment, datetime.date(2027, 8, 2))
    assert app.instalments.filter(paid_at__isnull=False).count() == 1


def test_the_report_upload_is_checked_and_the_office_accepts_the_report(client):
    office, applicant, app = _approved()
    client.force_login(applicant)
    url = reverse("office:funding_report", args=[app.pk])
    bad = SimpleUploadedFile("belege.pdf", b"<html>kein pdf</html>", content_type="application/pdf")
    response = client.post(url, {"summary": "Drei Abende mit 60 Menschen.", "spent_amount": "5.980,00", "file": bad})
    assert response.status_code == 400
    assert (
        "Nur PDF-, PNG-, JPEG- oder WebP-Dateien" in response.content.decode()
        or "kein lesbares PDF" in response.content.decode()
    )
    assert "Drei Abende mit 60 Menschen." in response.content.decode()
    good = SimpleUploadedFile("Belege Sommer.pdf", one_page_pdf(), content_type="application/pdf")
    response = client.post(
        url,
        {
            "summary": "Drei Abende mit 60 Menschen.",
            "spent_amount": "5.980,00",
            "document_title": "Belege",
            "file": good,
        },
    )
    assert response.status_code == 302
    report = UseOfFundsReport.objects.get(application=app)
    assert report.documents.count() == 1 and report.spent_amount == Decimal("5980.00")
    document = report.documents.get()
    assert client.get(reverse("office:funding_document", args=[app.pk, document.pk])).status_code == 200
    services.review_report(office, report, accept=True)
    app.refresh_from_db()
    assert app.state == State.COMPLETED and app.applicant_label == "Abgeschlossen"
    assert "angenommen" in mail.outbox[-1].subject


def test_reminders_when_the_report_is_due_once_a_week():
    _office, _applicant, app = _approved()
    FundingApplication.objects.filter(pk=app.pk).update(report_due=timezone.localdate() + datetime.timedelta(days=10))
    mail.outbox.clear()
    assert services.remind_reports() == 1
    assert services.remind_reports() == 0
    assert "Verwendungsnachweis" in mail.outbox[0].subject


def test_the_office_daily_command_sends_the_report_reminders():
    from django.core.management import call_command

    _office, _applicant, app = _approved()
    FundingApplication.objects.filter(pk=app.pk).update(report_due=timezone.localdate() - datetime.timedelta(days=1))
    mail.outbox.clear()
    call_command("office_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert any("Verwendungsnachweis" in m.subject for m in mail.outbox)


def test_statistics_per_round_district_and_field_of_action():
    office, _applicant, app = _approved("6000.00")
    stats = queries_funding.statistics()
    assert stats["totals"]["approved"] == Decimal("6000.00")
    assert stats["totals"]["budget"] == Decimal("60000.00")
    row = stats["rounds"][0]
    assert (row["applications"], row["funded"], row["remaining"]) == (1, 1, Decimal("54000.00"))
    assert stats["districts"] == [
        {"district": "Linden-Limmer", "applications": 1, "funded": 1, "approved": Decimal("6000.00")}
    ]
    assert stats["fields_of_action"][0]["approved"] == Decimal("6000.00")
    assert queries_funding.statistics(year=1999)["rounds"] == []


def test_staff_pages_of_the_office_open(client):
    office, committee, members, rnd = world()
    app, session, item = on_agenda(office, council_member(), rnd)
    client.force_login(office)
    for url in (
        reverse("office:staff_funding"),
        reverse("office:staff_funding_round", args=[rnd.pk]),
        reverse("office:staff_funding_round_edit", args=[rnd.pk]),
        reverse("office:staff_funding_committee", args=[committee.pk]),
        reverse("office:staff_funding_application", args=[app.pk]),
        reverse("office:staff_funding_session", args=[session.pk]),
    ):
        assert client.get(url).status_code == 200, url
    assert AgendaItem.objects.count() == 1
    client.force_login(members[0].user)
    assert client.get(reverse("office:staff_funding")).status_code == 403


def test_two_members_cannot_join_a_committee_twice():
    office = staff_user(Role.Kind.COORDINATION)
    committee, members = committee_with_members(office, count=2, quorum=1)
    with pytest.raises(ValidationError):
        services.add_committee_member(office, committee, members[0].user)


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_session_pages_cost_the_same_queries_for_one_item_or_four(client):
    office, _committee, members, rnd = world()
    _app, session, item = on_agenda(office, council_member(), rnd)
    open_session(office, session, members)
    services.declare_conflict(members[1].user, item, "Vorstand im Verein")
    staff_url = reverse("office:staff_funding_session", args=[session.pk])
    member_url = reverse("office:committee_session", args=[session.pk])
    client.force_login(office)
    staff_one = _queries(client, staff_url)
    client.force_login(members[0].user)
    member_one = _queries(client, member_url)
    for number in (1, 2, 3):
        _other, _session, other = on_agenda(office, council_member(district_number=number), rnd, session=session)
        services.declare_conflict(members[2].user, other, "Nachbarin der Antragstellerin")
        services.cast_vote(members[0].user, other, "yes")
    client.force_login(office)
    assert _queries(client, staff_url) == staff_one
    client.force_login(members[0].user)
    assert _queries(client, member_url) == member_one


def test_a_report_document_over_the_size_limit_is_refused_in_german(client, settings):
    settings.MAX_ATTACHMENT_BYTES = 1000
    _office, applicant, app = _approved()
    client.force_login(applicant)
    big = SimpleUploadedFile("belege.pdf", one_page_pdf(title="Belege " * 400), content_type="application/pdf")
    response = client.post(
        reverse("office:funding_report", args=[app.pk]),
        {"summary": "Drei Abende.", "spent_amount": "100,00", "file": big},
    )
    assert response.status_code == 400
    assert "höchstens" in response.content.decode() and "MB" in response.content.decode()
    assert not UseOfFundsReport.objects.exists()
