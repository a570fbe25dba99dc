"""The staff list: filters by unit (with the units below), role kind and state; who sees whom; the CSV export;
a number of queries that does not grow with the staff."""

import csv
import io

import pytest
from django.urls import reverse

from stadtdialog.accounts import services
from stadtdialog.accounts.models import Role
from stadtdialog.organisation.models import District
from tests.factories import OrgUnitFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff():
    directorate = OrgUnitFactory(short_name="Dez. VI", kind="directorate")
    fb61 = OrgUnitFactory(short_name="FB 61", name="Planen und Stadtentwicklung", parent=directorate)
    section = OrgUnitFactory(short_name="61.1", parent=fb61, kind="section")
    fb67 = OrgUnitFactory(short_name="FB 67")
    admin = staff_user(Role.Kind.ADMIN, full_name="Alexandra Brückner", office_email="admin@hannover-stadt.example")
    people = {
        "admin": admin,
        "lead": staff_user(Role.Kind.UNIT_LEAD, org_unit=fb61, full_name="Leitung Einundsechzig"),
        "section": staff_user(Role.Kind.DEPARTMENT, org_unit=section, full_name="Lena Fischer"),
        "green": staff_user(Role.Kind.DEPARTMENT, org_unit=fb67, full_name="Murat Yılmaz"),
        "deputy": staff_user(
            Role.Kind.DISTRICT_DEPUTY, district=District.objects.get(number=10), full_name="Sabine Stellvertretung"
        ),
        "gone": staff_user(Role.Kind.MODERATOR, full_name="Paul Ehemalig"),
    }
    services.deactivate_user(admin, people["gone"])
    result = services.invite_staff(
        admin,
        email="neu@hannover-stadt.example",
        full_name="Nina Eingeladen",
        org_unit=section,
        roles=[{"kind": "department", "org_unit": section}],
        base_url="http://testserver/",
    )
    people["invited"] = result.user
    return {"people": people, "fb61": fb61, "section": section, "fb67": fb67}


def _names(response):
    return {member.full_name for member in response.context["page"].object_list}


def test_filters_by_unit_with_units_below_role_kind_and_state(client, staff):
    client.force_login(staff["people"]["admin"])
    url = reverse("accounts:staff_list")
    assert len(_names(client.get(url))) == 7
    assert _names(client.get(url, {"einheit": staff["fb61"].pk})) == {
        "Leitung Einundsechzig",
        "Lena Fischer",
        "Nina Eingeladen",
    }
    assert _names(client.get(url, {"rolle": "district_deputy"})) == {"Sabine Stellvertretung"}
    assert _names(client.get(url, {"stand": "inaktiv"})) == {"Paul Ehemalig"}
    assert _names(client.get(url, {"stand": "eingeladen"})) == {"Nina Eingeladen"}
    assert "Paul Ehemalig" not in _names(client.get(url, {"stand": "aktiv"}))
    assert _names(client.get(url, {"einheit": staff["fb61"].pk, "rolle": "department", "stand": "aktiv"})) == {
        "Lena Fischer"
    }
    # A filter value that does not exist shows the whole list instead of an error.
    assert client.get(url, {"einheit": "999999", "rolle": "nix"}).status_code == 200


def test_a_unit_lead_sees_their_units_and_the_coordination_office_everyone(client, staff):
    client.force_login(staff["people"]["lead"])
    url = reverse("accounts:staff_list")
    assert _names(client.get(url)) == {"Leitung Einundsechzig", "Lena Fischer", "Nina Eingeladen"}
    assert client.get(reverse("accounts:staff_detail", args=[staff["people"]["green"].pk])).status_code == 403
    client.force_login(staff_user(Role.Kind.COORDINATION, full_name="Fatma Aydın"))
    assert len(_names(client.get(url))) == 8
    assert client.get(reverse("accounts:staff_invite")).status_code == 403  # sees, does not invite
    client.force_login(staff["people"]["section"])
    assert client.get(url).status_code == 403


def test_csv_export_of_the_filtered_list(client, staff):
    client.force_login(staff["people"]["admin"])
    response = client.get(reverse("accounts:staff_csv"), {"einheit": staff["fb61"].pk})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "mitarbeitende-" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[0] == ["Name", "Dienstliche E-Mail", "Organisationseinheit", "Rollen", "Aktiv", "Letzte Anmeldung"]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Leitung Einundsechzig", "Lena Fischer", "Nina Eingeladen"}
    assert by_name["Lena Fischer"][2].startswith("61.1")
    assert by_name["Lena Fischer"][3] == "Fachbereich (61.1 " + staff["section"].name + ")"
    assert by_name["Lena Fischer"][4] == "ja"
    assert by_name["Nina Eingeladen"][4] == "eingeladen"
    assert by_name["Leitung Einundsechzig"][3].startswith("Leitung der Einheit (FB 61")


def test_queries_do_not_grow_with_the_staff(client, staff, django_assert_max_num_queries):
    client.force_login(staff["people"]["admin"])
    url = reverse("accounts:staff_list")
    with django_assert_max_num_queries(20) as few:
        client.get(url, {"einheit": staff["fb61"].pk})
    for number in range(40):
        staff_user(Role.Kind.DEPARTMENT, org_unit=staff["section"], full_name=f"Person {number}")
        staff_user(Role.Kind.UNIT_LEAD, org_unit=staff["fb61"], full_name=f"Leitung {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"einheit": staff["fb61"].pk})
    assert response.context["page"].paginator.count == 83
    with django_assert_max_num_queries(len(few.captured_queries)):
        b"".join(client.get(reverse("accounts:staff_csv")).streaming_content)


def test_district_staff_section_names_the_active_managers_and_deputies(staff):
    from django.template.loader import render_to_string

    from stadtdialog.core.extensions import sections_for

    linden = District.objects.get(number=10)
    manager = staff_user(Role.Kind.DISTRICT_MANAGER, district=linden, full_name="Sabine Kowalski")
    services.deactivate_user(staff["people"]["admin"], staff_user(Role.Kind.DISTRICT_MANAGER, district=linden))
    [(template, variables)] = sections_for("district_staff", None, linden, only="accounts")
    assert variables["district_managers"] == [manager]
    assert [u.full_name for u in variables["district_deputies"]] == ["Sabine Stellvertretung"]
    html = render_to_string(template, variables)
    assert "Sabine Kowalski" in html and "Stellvertretung" in html
    assert sections_for("district_staff", None, District.objects.get(number=2), only="accounts") == []
