"""Initiatives: residents and council members submit; the responsible department reviews through public states."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.core.antibot import valid_antibot_data
from stadtdialog.core.models import AuditEntry
from stadtdialog.initiatives import services
from stadtdialog.initiatives.forms import InitiativeForm
from stadtdialog.initiatives.models import Initiative, IntakeDefault
from tests.factories import OrgUnitFactory, UserFactory, districts, published_process, staff_user
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

State = Initiative.State


def request_data(**changes) -> dict:
    data = {
        "kind": "process_request",
        "title": "Beteiligung zum Küchengarten-Platz",
        "description": "Wir wünschen uns eine Beteiligung, bevor der Platz umgebaut wird.",
        "district": None,
    }
    data.update(changes)
    return data


def council_member(district=None):
    user = staff_user(kind=Role.Kind.COUNCIL_MEMBER)
    if district is not None:
        user.role_set.update(district=district)
        user = type(user).objects.get(pk=user.pk)
    return user


# --- Submitting -----------------------------------------------------------------------------------


def test_a_resident_asks_for_a_process_and_the_district_default_department_takes_it():
    linden = districts(10)[0]
    unit = OrgUnitFactory()
    IntakeDefault.objects.create(district=linden, department=unit)
    resident = UserFactory()
    initiative = services.submit_initiative(resident, **request_data(district=linden))
    assert initiative.state == State.RECEIVED
    assert initiative.department == unit
    assert [step.state for step in initiative.steps.all()] == [State.RECEIVED]
    assert AuditEntry.objects.filter(action="initiative.submit", object_id=str(initiative.pk)).exists()


def test_a_citywide_plan_idea_waits_for_the_coordination_office():
    initiative = services.submit_initiative(UserFactory(), **request_data(kind="plan_idea"))
    assert initiative.is_citywide
    assert initiative.department is None


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": "  "}, "title"),
        ({"description": ""}, "description"),
        ({"description": "x" * 5001}, "description"),
        ({"kind": "petition"}, "kind"),
    ],
)
def test_bad_input_is_refused_by_the_form(changes, field):
    data = {**valid_antibot_data(), **request_data(**changes), "district": ""}
    form = InitiativeForm(data)
    assert not form.is_valid()
    assert field in form.errors


def test_unverified_accounts_cannot_submit():
    with pytest.raises(PermissionDenied):
        services.submit_initiative(UserFactory(email_verified=False), **request_data())


def test_only_council_members_file_council_motions():
    linden = districts(10)[0]
    motion = request_data(
        kind="council_motion",
        district=linden,
        council_decision_date=datetime.date(2026, 9, 3),
        motion_number="15-1178/2026",
    )
    with pytest.raises(PermissionDenied):
        services.submit_initiative(UserFactory(), **motion)
    with pytest.raises(PermissionDenied):
        services.submit_initiative(staff_user(), **motion)
    initiative = services.submit_initiative(council_member(), **motion)
    assert initiative.kind == Initiative.Kind.COUNCIL_MOTION
    assert initiative.motion_number == "15-1178/2026"


def motion_form(**changes):
    data = {**valid_antibot_data(), **request_data(**{"kind": "council_motion", "district": "", **changes})}
    return InitiativeForm(data, may_file_motion=True)


def test_a_council_motion_needs_district_and_decision_date_in_the_form():
    form = motion_form()
    assert not form.is_valid()
    assert form.errors["district"] == ["Ein Antrag des Stadtbezirksrats gehört zum Stadtbezirk des Rats."]
    assert form.errors["council_decision_date"] == ["Bitte geben Sie das Datum des Beschlusses an."]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = motion_form(district=districts(10)[0].pk, council_decision_date=tomorrow.isoformat())
    assert not form.is_valid()
    assert form.errors["council_decision_date"] == ["Das Datum des Beschlusses kann nicht in der Zukunft liegen."]


def test_a_council_member_files_motions_only_for_their_own_district():
    member = council_member(district=districts(10)[0])
    with pytest.raises(ValidationError) as caught:
        services.submit_initiative(
            member,
            **request_data(kind="council_motion", district=districts(1)[0], council_decision_date=timezone.localdate()),
        )
    assert caught.value.message_dict["district"] == [
        "Sie können nur Anträge Ihres eigenen Stadtbezirksrats einreichen."
    ]
    assert not Initiative.objects.exists()


# --- Reviewing ------------------------------------------------------------------------------------


def test_the_department_reviews_through_public_states_and_links_the_process():
    unit = OrgUnitFactory()
    reviewer = staff_user(org_unit=unit)
    initiative = InitiativeFactory(department=unit)
    services.change_state(reviewer, initiative, State.IN_REVIEW, "Wir prüfen Fläche und Budget.")
    services.change_state(reviewer, initiative, State.REFERRED, "Vorlage an den Stadtbezirksrat am 3. Dezember.")
    process = published_process(plan=None)
    process.plan.lead_unit = unit
    process.plan.save()
    services.change_state(reviewer, initiative, State.ACCEPTED, "Der Stadtbezirksrat hat zugestimmt.", process=process)
    initiative.refresh_from_db()
    assert initiative.process == process
    assert [s.state for s in initiative.steps.order_by("created_at", "id")] == [
        State.RECEIVED,
        State.IN_REVIEW,
        State.REFERRED,
        State.ACCEPTED,
    ]
    actions = AuditEntry.objects.filter(object_id=str(initiative.pk), action="initiative.state").count()
    assert actions == 3


def test_a_decline_needs_a_reason_and_nothing_changes_without_it():
    unit = OrgUnitFactory()
    initiative = InitiativeFactory(department=unit)
    with pytest.raises(ValidationError) as caught:
        services.change_state(staff_user(org_unit=unit), initiative, State.DECLINED, "")
    assert caught.value.message_dict["reason"] == [
        "Bitte begründen Sie die Ablehnung. Die Begründung wird mit der Initiative veröffentlicht."
    ]
    initiative.refresh_from_db()
    assert initiative.state == State.RECEIVED
    assert initiative.steps.count() == 1


def test_final_states_stay_final_and_only_accepted_ones_link_a_process():
    unit = OrgUnitFactory()
    reviewer = staff_user(org_unit=unit)
    initiative = InitiativeFactory(department=unit)
    services.change_state(reviewer, initiative, State.DECLINED, "Kein Gestaltungsspielraum mehr.")
    with pytest.raises(ValidationError) as caught:
        services.change_state(reviewer, initiative, State.IN_REVIEW)
    assert "state" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.link_process(reviewer, initiative, published_process())


def test_other_departments_cannot_review_and_only_city_wide_staff_assign():
    initiative = InitiativeFactory(department=OrgUnitFactory())
    other = staff_user(org_unit=OrgUnitFactory())
    with pytest.raises(PermissionDenied):
        services.change_state(other, initiative, State.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        services.assign_department(other, initiative, other.org_unit)
    coordination = staff_user(kind=Role.Kind.COORDINATION)
    services.assign_department(coordination, initiative, other.org_unit)
    services.change_state(other, initiative, State.IN_REVIEW)  # now it is theirs
    assert AuditEntry.objects.filter(action="initiative.assign").count() == 1


# --- Pages ----------------------------------------------------------------------------------------


def test_submission_form_with_bot_protection(client):
    resident = UserFactory()
    client.force_login(resident)
    url = reverse("initiatives:create")
    page = client.get(url).content.decode()
    assert 'name="homepage"' in page
    assert "Antrag eines Stadtbezirksrats" not in page
    response = client.post(
        url,
        {
            **valid_antibot_data(),
            "kind": "plan_idea",
            "title": "Trinkbrunnen",
            "description": "Am Lindener Marktplatz fehlt ein Trinkbrunnen.",
            "district": "",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()


def test_a_bot_filled_honeypot_is_refused_and_the_input_kept(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("initiatives:create"),
        {
            **valid_antibot_data(),
            "homepage": "http://spam.example",
            "kind": "plan_idea",
            "title": "Billig kaufen",
            "description": "Spam",
            "district": "",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Das Formular wurde nicht gesendet, weil ein Feld ausgefüllt wurde, das leer bleiben muss." in body
    assert 'value="Billig kaufen"' in body
    assert not Initiative.objects.exists()


def test_the_form_asks_to_log_in_or_to_verify(client):
    response = client.get(reverse("initiatives:create"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    client.force_login(UserFactory(email_verified=False))
    assert client.get(reverse("initiatives:create")).status_code == 403


def test_council_members_see_the_motion_fields(client):
    client.force_login(council_member())
    page = client.get(reverse("initiatives:create")).content.decode()
    assert "Antrag eines Stadtbezirksrats" in page
    assert 'name="council_decision_date"' in page


def test_public_page_shows_state_history_reason_and_process_but_no_email(client):
    unit = OrgUnitFactory(short_name="FB 67")
    resident = UserFactory(display_name="Platzfreundin")
    initiative = InitiativeFactory(department=unit, author=resident)
    reviewer = staff_user(org_unit=unit)
    services.change_state(reviewer, initiative, State.DECLINED, "Der Platz ist bereits fertig geplant.")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Abgelehnt" in page
    assert "Der Platz ist bereits fertig geplant." in page
    assert "Eingegangen" in page
    assert "Platzfreundin" in page
    assert "FB 67" in page
    assert resident.email not in page
    assert reviewer.full_name not in page


def test_accepted_initiative_links_to_its_process(client):
    unit = OrgUnitFactory()
    process = published_process()
    initiative = InitiativeFactory(department=unit)
    services.change_state(staff_user(kind=Role.Kind.ADMIN), initiative, State.ACCEPTED, "", process=process)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert process.get_absolute_url() in page
    listing = client.get(reverse("initiatives:list") + "?stand=accepted").content.decode()
    assert initiative.title in listing


def test_staff_change_the_state_through_the_form(client):
    unit = OrgUnitFactory()
    initiative = InitiativeFactory(department=unit)
    client.force_login(staff_user(org_unit=unit))
    url = reverse("initiatives:staff_review", args=[initiative.pk])
    response = client.post(url, {"action": "state", "state": "declined", "reason": ""})
    assert response.status_code == 400
    assert "Bitte begründen Sie die Ablehnung." in response.content.decode()
    response = client.post(url, {"action": "state", "state": "in_review", "reason": "Wir prüfen."})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.state == State.IN_REVIEW


def test_staff_list_shows_only_the_own_units_initiatives(client):
    unit = OrgUnitFactory()
    mine = InitiativeFactory(department=unit)
    theirs = InitiativeFactory(department=OrgUnitFactory())
    client.force_login(staff_user(org_unit=unit))
    page = client.get(reverse("initiatives:staff_list")).content.decode()
    assert mine.title in page
    assert theirs.title not in page
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    page = client.get(reverse("initiatives:staff_list")).content.decode()
    assert mine.title in page
    assert theirs.title in page


def _list_queries(client, django_assert_max_num_queries, n):
    Initiative.objects.all().delete()
    unit = OrgUnitFactory()
    process = published_process()
    for i in range(n):
        InitiativeFactory(department=unit, district=districts(1 + i % 13)[0], process=process if i % 2 else None)
    with django_assert_max_num_queries(6) as captured:
        response = client.get(reverse("initiatives:list"))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_public_list_queries_do_not_grow(client, django_assert_max_num_queries):
    assert _list_queries(client, django_assert_max_num_queries, 5) == _list_queries(
        client, django_assert_max_num_queries, 50
    )


def test_public_list_filters_by_district_and_citywide(client):
    linden = InitiativeFactory(district=districts(10)[0], title="Lindener Idee")
    city = InitiativeFactory(title="Gesamtstädtische Idee")
    page = client.get(reverse("initiatives:list") + "?bezirk=10").content.decode()
    assert linden.title in page
    assert city.title not in page
    page = client.get(reverse("initiatives:list") + "?bezirk=gesamtstaedtisch").content.decode()
    assert linden.title not in page
    assert city.title in page
