"""Consultation requests (issue 15, item 6): a department asks the coordination office for support, the office
assigns an advisor, keeps internal notes and a status and links the process; the person who asked is mailed every
change of the status; the department sees only its unit's requests; the office's workload overview; bad input
gets German errors with what was typed kept; a stale handling form is refused."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.office.models_advice import ConsultationNote, ConsultationRequest
from stadtdialog.office.services import advice as services
from tests.factories import OrgUnitFactory, PlanFactory, published_process, staff_user
from tests.formdata import form_values

pytestmark = pytest.mark.django_db
Status = ConsultationRequest.Status


@pytest.fixture
def department():
    return OrgUnitFactory(name="Fachbereich Planen und Stadtentwicklung", short_name="FB 61")


@pytest.fixture
def requester(department):
    return staff_user(org_unit=department, full_name="Jana Schulze", email="jana.schulze@example.org")


@pytest.fixture
def advisor():
    return staff_user(Role.Kind.COORDINATION, full_name="Murat Yilmaz", office_email="murat.yilmaz@example.org")


@pytest.fixture
def process(department):
    return published_process(plan=PlanFactory(lead_unit=department), title="Bürgerwerkstatt Wasserstadt Limmer")


def _ask(requester, department, **kwargs):
    data = {
        "topic": ConsultationRequest.Topic.MODERATION,
        "title": "Moderation der Bürgerwerkstatt Wasserstadt Limmer",
        "description": "Wir brauchen eine Moderation für die Werkstatt am Samstag mit etwa 80 Personen.",
        "org_unit": department,
        "wished_date": timezone.localdate() + datetime.timedelta(days=30),
    }
    return services.request_consultation(requester, **{**data, **kwargs})


def test_a_request_goes_from_the_department_to_an_advisor_and_back_to_done(client, requester, advisor, process):
    """The whole way through the pages, with a mail to the person who asked at each change of the status."""
    client.force_login(requester)
    page = client.get(reverse("office:advice_new"))
    assert page.status_code == 200
    data = {
        **form_values(page),
        "topic": "moderation",
        "title": "Moderation der Bürgerwerkstatt",
        "description": "Werkstatt am Samstag, etwa 80 Personen, zwei Räume.",
        "process": str(process.pk),
        "wished_date": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
    }
    response = client.post(reverse("office:advice_new"), data)
    consultation = ConsultationRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "office:advice_detail", args=[consultation.pk]
    )
    assert (consultation.status, consultation.requester, consultation.org_unit_id) == (
        Status.NEW,
        requester,
        requester.org_unit_id,
    )
    assert "Neu" in client.get(reverse("office:advice_list")).content.decode()

    office = client.__class__()
    office.force_login(advisor)
    url = reverse("office:advice_handle", args=[consultation.pk])
    form = form_values(office.get(url))
    response = office.post(url, {**form, "action": "handle", "advisor": str(advisor.pk)})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.status, consultation.advisor) == (Status.ASSIGNED, advisor)  # new + advisor = assigned
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jana.schulze@example.org"]
    assert "Berater*in zugewiesen" in mail.outbox[0].subject
    assert "Murat Yilmaz" in mail.outbox[0].body

    response = office.post(url, {"action": "note", "text": "Vorgespräch am Dienstag, Raumplan folgt."})
    assert response.status_code == 302
    form = form_values(office.get(url))
    office.post(url, {**form, "action": "handle", "status": "in_progress"})
    form = form_values(office.get(url))
    office.post(url, {**form, "action": "handle", "status": "done"})
    consultation.refresh_from_db()
    assert consultation.status == Status.DONE
    assert [m.subject.rsplit(": ", 1)[1] for m in mail.outbox] == ["Berater*in zugewiesen", "In Arbeit", "Erledigt"]

    # The department sees the state and the advisor, never the office's internal notes.
    page = client.get(reverse("office:advice_detail", args=[consultation.pk])).content.decode()
    assert "Erledigt" in page and "Murat Yilmaz" in page
    assert "Vorgespräch am Dienstag" not in page
    assert "Vorgespräch am Dienstag" in office.get(url).content.decode()


def test_the_department_sees_only_its_units_requests(client, requester, department):
    own = _ask(requester, department)
    other_unit = OrgUnitFactory(name="Fachbereich Umwelt und Stadtgrün")
    other = _ask(staff_user(org_unit=other_unit), other_unit, title="Barrierefreie Begehung im Stadtpark")
    client.force_login(requester)
    listing = client.get(reverse("office:advice_list")).content.decode()
    assert own.title in listing and other.title not in listing
    assert client.get(reverse("office:advice_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("office:advice_handle", args=[own.pk])).status_code == 403


def test_a_department_asks_only_for_its_own_unit_and_process(requester, department):
    other_unit = OrgUnitFactory()
    with pytest.raises(Exception, match="eigene"):
        _ask(requester, department, org_unit=other_unit)
    foreign = published_process(plan=PlanFactory(lead_unit=other_unit))
    with pytest.raises(Exception, match="Beteiligungsverfahren Ihres Fachbereichs"):
        _ask(requester, department, process=foreign)


def test_bad_input_gets_german_errors_and_keeps_what_was_typed(client, requester):
    client.force_login(requester)
    response = client.post(
        reverse("office:advice_new"),
        {
            "topic": "",
            "title": "Konzept für die Beteiligung zum Radverkehr",
            "description": "",
            "org_unit": str(requester.org_unit_id),
            "wished_date": "2020-01-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte wählen Sie, wobei Sie Unterstützung brauchen." in page
    assert "Bitte beschreiben Sie, was Sie brauchen." in page
    assert 'value="Konzept für die Beteiligung zum Radverkehr"' in page
    assert not ConsultationRequest.objects.exists()
    # a date in the past is refused by the service, the text stays
    response = client.post(
        reverse("office:advice_new"),
        {
            "topic": "concept",
            "title": "Konzept für die Beteiligung zum Radverkehr",
            "description": "Ein Konzept für drei Stadtbezirke.",
            "org_unit": str(requester.org_unit_id),
            "wished_date": "2020-01-01",
        },
    )
    page = response.content.decode()
    assert "Der Wunschtermin liegt in der Vergangenheit." in page
    assert "Ein Konzept für drei Stadtbezirke." in page


def test_declining_needs_a_reason_and_the_department_reads_it(client, requester, department, advisor):
    consultation = _ask(requester, department)
    office = client
    office.force_login(advisor)
    url = reverse("office:advice_handle", args=[consultation.pk])
    form = form_values(office.get(url))
    page = office.post(url, {**form, "action": "handle", "status": "declined"}).content.decode()
    assert "Bitte geben Sie den Grund für die Ablehnung an." in page
    consultation.refresh_from_db()
    assert consultation.status == Status.NEW and not mail.outbox
    reason = "Das Verfahren liegt beim Jugendamt; bitte wenden Sie sich an die Jugendbeteiligung."
    office.post(url, {**form, "action": "handle", "status": "declined", "decline_reason": reason})
    consultation.refresh_from_db()
    assert (consultation.status, consultation.decline_reason) == (Status.DECLINED, reason)
    assert reason in mail.outbox[0].body
    client.force_login(requester)
    assert reason in client.get(reverse("office:advice_detail", args=[consultation.pk])).content.decode()


def test_only_coordination_office_members_are_advisors(requester, department, advisor):
    consultation = _ask(requester, department)
    with pytest.raises(Exception, match="Mitglied der Koordinierungsstelle"):
        services.handle_consultation(advisor, consultation, advisor=requester, status=Status.ASSIGNED)
    with pytest.raises(Exception, match="Berater"):
        services.handle_consultation(advisor, consultation, advisor=None, status=Status.IN_PROGRESS)
    with pytest.raises(Exception):  # noqa: B017, PT011 - the department may not handle
        services.handle_consultation(requester, consultation, advisor=advisor, status=Status.ASSIGNED)


def test_a_stale_handling_form_is_refused_and_keeps_what_was_typed(client, requester, department, advisor):
    consultation = _ask(requester, department)
    colleague = staff_user(Role.Kind.COORDINATION, full_name="Lea Brandt")
    url = reverse("office:advice_handle", args=[consultation.pk])
    client.force_login(advisor)
    stale = form_values(client.get(url))
    services.handle_consultation(colleague, consultation, advisor=colleague, status=Status.ASSIGNED)
    page = client.post(
        url, {**stale, "action": "handle", "advisor": str(advisor.pk), "status": "in_progress"}
    ).content.decode()
    assert "inzwischen" in page or "geändert" in page
    consultation.refresh_from_db()
    assert consultation.advisor == colleague


def test_the_workload_shows_open_requests_per_advisor_oldest_first(
    client, requester, department, advisor, django_assert_max_num_queries
):
    colleague = staff_user(Role.Kind.COORDINATION, full_name="Lea Brandt")
    first = _ask(requester, department, title="Erste Anfrage")
    second = _ask(requester, department, title="Zweite Anfrage")
    third = _ask(requester, department, title="Dritte Anfrage")
    done = _ask(requester, department, title="Erledigte Anfrage")
    ConsultationRequest.objects.filter(pk=first.pk).update(created_at=timezone.now() - datetime.timedelta(days=9))
    services.handle_consultation(advisor, second, advisor=advisor, status=Status.IN_PROGRESS)
    services.handle_consultation(advisor, third, advisor=colleague, status=Status.ASSIGNED)
    services.handle_consultation(advisor, done, advisor=advisor, status=Status.DONE)
    rows = {row["name"] or None: row for row in services_workload()}
    assert rows[None]["new"] == 1
    assert (rows["Murat Yilmaz"]["in_progress"], rows["Murat Yilmaz"]["total"]) == (1, 1)
    assert rows["Lea Brandt"]["assigned"] == 1
    client.force_login(advisor)
    client.get(reverse("office:advice_overview"))
    with django_assert_max_num_queries(14) as few:
        page = client.get(reverse("office:advice_overview")).content.decode()
        count = len(few.captured_queries)
    assert page.index("Erste Anfrage") < page.index("Zweite Anfrage") < page.index("Dritte Anfrage")
    assert "Erledigte Anfrage" not in page
    filtered = client.get(reverse("office:advice_overview"), {"berater": colleague.pk}).content.decode()
    assert "Dritte Anfrage" in filtered and "Zweite Anfrage" not in filtered
    for number in range(5):
        _ask(requester, department, title=f"Weitere Anfrage {number}")
    with django_assert_max_num_queries(count):
        client.get(reverse("office:advice_overview"))


def services_workload():
    from stadtdialog.office import queries_advice

    return queries_advice.workload()


def test_notes_are_for_the_office_and_logged_without_their_text(requester, department, advisor):
    from django.contrib.contenttypes.models import ContentType

    from stadtdialog.core.models import AuditEntry

    consultation = _ask(requester, department)
    services.add_consultation_note(advisor, consultation, "Telefonat mit Frau Schulze: Raum ist gebucht.")
    assert ConsultationNote.objects.get().text.startswith("Telefonat")
    with pytest.raises(Exception):  # noqa: B017, PT011
        services.add_consultation_note(requester, consultation, "Darf ich nicht")
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(consultation), object_id=str(consultation.pk)
    )
    assert "Telefonat" not in str(list(entries.values_list("changes", flat=True)))


def test_a_new_request_is_mailed_to_the_coordination_office(client, requester, department):
    """The office's shared address hears of a new request with the link to its handling page; the office's
    members do not have to look into the list to find it."""
    office = OrgUnitFactory(
        name="Koordinierungsstelle Bürgerbeteiligung", short_name="KSB", is_coordination_office=True
    )
    office.email = "beteiligung@hannover-stadt.example"
    office.save()
    client.force_login(requester)
    page = client.get(reverse("office:advice_new"))
    data = {
        **form_values(page),
        "topic": "moderation",
        "title": "Moderation der Bürgerwerkstatt Limmer",
        "description": "Werkstatt am Samstag, etwa 80 Personen, zwei Räume.",
        "wished_date": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
    }
    assert client.post(reverse("office:advice_new"), data).status_code == 302
    consultation = ConsultationRequest.objects.get()
    assert [m.to for m in mail.outbox] == [["beteiligung@hannover-stadt.example"]]
    message = mail.outbox[0]
    assert message.subject == f"Neue Beratungsanfrage {consultation.pk}: Moderation der Bürgerwerkstatt Limmer"
    assert "Fachbereich Planen und Stadtentwicklung" in message.body and "Jana Schulze" in message.body
    assert reverse("office:advice_handle", args=[consultation.pk]) in message.body


def test_no_office_address_means_no_mail_and_the_request_still_lands(requester, department):
    """Without a coordination office with an address the request is kept all the same."""
    consultation = _ask(requester, department)
    assert consultation.status == Status.NEW and not mail.outbox
