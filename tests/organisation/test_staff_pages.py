"""The organisation's staff pages: the tree with counts, the unit form keeping what was typed, German errors, move
and dissolve through the pages, the districts with their councils, the public unit page, the staff home link."""

import pytest
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.organisation.models import DistrictCouncil, OrgUnit
from tests.factories import OrgUnitFactory, PlanFactory, districts, staff_user

from .helpers import admin, tree, unit_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    return tree()


@pytest.fixture
def admin_client(client):
    client.force_login(admin())
    return client


def test_the_tree_is_a_nested_list_with_counts(admin_client, units):
    PlanFactory.create_batch(2, lead_unit=units["fb61"])
    html = admin_client.get(reverse("organisation:units")).content.decode()
    dez6 = html.index("<strong>Dez. VI</strong>")
    fb61 = html.index("<strong>FB 61</strong>")
    s611 = html.index("<strong>61.1</strong>")
    assert dez6 < fb61 < s611
    # FB 61 sits in a list inside Dez. VI's item
    assert html[dez6:fb61].count('<ul class="unit-tree">') == 1
    assert "2 Vorhaben" in html[fb61:s611]
    assert "Neue Einheit" in html


def test_the_staff_home_links_to_the_organisation(admin_client):
    html = admin_client.get(reverse("accounts:home")).content.decode()
    assert reverse("organisation:units") in html
    assert reverse("organisation:districts") in html


def test_create_a_unit_through_the_form(admin_client, units):
    response = admin_client.post(
        reverse("organisation:unit_create"),
        {
            "short_name": "61.3",
            "name": "Bauleitplanung",
            "kind": "section",
            "parent": units["fb61"].pk,
            "email": "bauleitplanung@hannover-stadt.example",
            "phone": "0511 168-46130",
            "address": "Rudolf-Hillebrecht-Platz 1, 30159 Hannover",
            "website": "www.hannover.de/bauleitplanung",
            "opening_hours": "Mo–Do 9–15 Uhr",
        },
    )
    unit = OrgUnit.objects.get(short_name="61.3")
    assert response.status_code == 302 and response["Location"] == reverse("organisation:unit", args=[unit.pk])
    assert unit.parent == units["fb61"]
    assert unit.website == "https://www.hannover.de/bauleitplanung"
    page = admin_client.get(response["Location"]).content.decode()
    assert "Die Einheit wurde angelegt." in page
    assert "Mo–Do 9–15 Uhr" in page


def test_the_form_keeps_the_input_and_says_what_is_wrong_in_german(admin_client, units):
    response = admin_client.post(
        reverse("organisation:unit_create"),
        {"short_name": "FB 61", "name": "Zweiter Fachbereich", "kind": "department", "email": "kein-mail", "phone": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="form-errors"' in html
    assert "E-Mail: Bitte gültige E-Mail-Adresse eingeben." in html
    assert 'value="Zweiter Fachbereich"' in html
    response = admin_client.post(
        reverse("organisation:unit_create"),
        {"short_name": "FB 61", "name": "Zweiter Fachbereich", "kind": "department"},
    )
    html = response.content.decode()
    assert "Eine andere Einheit (vielleicht eine aufgelöste) hat schon das Kürzel „FB 61“." in html
    assert 'value="Zweiter Fachbereich"' in html
    assert OrgUnit.objects.filter(short_name="FB 61").count() == 1


def test_rename_through_the_edit_form(admin_client, units):
    url = reverse("organisation:unit_edit", args=[units["fb67"].pk])
    assert 'value="Umwelt und Stadtgrün"' in admin_client.get(url).content.decode()
    data = {"short_name": "FB 67", "name": "Umwelt, Klima und Stadtgrün", "kind": "department"}
    assert admin_client.post(url, data).status_code == 302
    assert OrgUnit.objects.get(pk=units["fb67"].pk).name == "Umwelt, Klima und Stadtgrün"


def test_move_offers_no_unit_below_and_refuses_a_circle_in_german(admin_client, units):
    url = reverse("organisation:unit_move", args=[units["fb61"].pk])
    html = admin_client.get(url).content.decode()
    assert f'value="{units["dez5"].pk}"' in html
    assert f'value="{units["61.1"].pk}"' not in html
    html = admin_client.post(url, {"parent": units["61.1"].pk}).content.decode()
    assert "Bitte eine bestehende Einheit wählen, die weder diese Einheit noch eine darunter ist." in html
    assert admin_client.post(url, {"parent": units["dez5"].pk}).status_code == 302
    assert OrgUnit.objects.get(pk=units["fb61"].pk).parent == units["dez5"]


def test_dissolve_through_the_page(admin_client, units):
    PlanFactory(lead_unit=units["fb61"])
    url = reverse("organisation:unit_dissolve", args=[units["fb61"].pk])
    html = admin_client.get(url).content.decode()
    assert "1 Vorhaben" in html
    assert "2 Einheiten darunter" in html
    html = admin_client.post(url, {}).content.decode()
    assert "Bitte die Einheit wählen, die übernimmt." in html
    response = admin_client.post(url, {"successor": units["fb67"].pk})
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "Diese Einheit wurde am" in page
    assert "Einheit bearbeiten" not in page
    tree_page = admin_client.get(reverse("organisation:units")).content.decode()
    assert "Aufgelöste Einheiten" in tree_page
    assert "<strong>FB 61</strong>" not in tree_page
    # a dissolved unit is offered nowhere
    html = admin_client.get(reverse("organisation:unit_create")).content.decode()
    assert f'value="{units["fb61"].pk}"' not in html


def test_a_unit_lead_sees_the_tree_and_edits_only_the_contact_of_their_units(client, units):
    client.force_login(unit_lead(units["fb61"]))
    html = client.get(reverse("organisation:units")).content.decode()
    assert reverse("organisation:unit_edit", args=[units["61.1"].pk]) in html
    assert reverse("organisation:unit_edit", args=[units["fb67"].pk]) not in html
    assert "Neue Einheit" not in html
    url = reverse("organisation:unit_edit", args=[units["61.1"].pk])
    html = client.get(url).content.decode()
    assert 'name="opening_hours"' in html and 'name="short_name"' not in html
    assert client.post(url, {"phone": "0511 168-46111", "website": "kein link"}).status_code == 200
    assert client.post(url, {"phone": "0511 168-46111"}).status_code == 302
    assert OrgUnit.objects.get(pk=units["61.1"].pk).phone == "0511 168-46111"
    assert client.get(reverse("organisation:unit_edit", args=[units["fb67"].pk])).status_code == 403
    assert client.get(reverse("organisation:unit_move", args=[units["61.1"].pk])).status_code == 403
    assert client.get(reverse("organisation:unit_dissolve", args=[units["61.1"].pk])).status_code == 403
    assert client.get(reverse("organisation:districts")).status_code == 403


def test_districts_with_quarters_and_councils(admin_client):
    linden = districts(10)[0]
    DistrictCouncil.objects.filter(district=linden).update(chair="Petra Beispiel")  # load_city made it
    html = admin_client.get(reverse("organisation:districts")).content.decode()
    assert "13 Stadtbezirke" in html
    assert "Limmer, Linden-Mitte, Linden-Nord, Linden-Süd" in html
    assert "Stadtbezirksrat Linden-Limmer (Vorsitz: Petra Beispiel)" in html
    html = admin_client.get(reverse("organisation:district", args=[linden.pk])).content.decode()
    assert "Stadtbezirk 10 Linden-Limmer" in html


def test_edit_a_council_keeps_input_on_error(admin_client):
    mitte = districts(1)[0]
    url = reverse("organisation:council_edit", args=[mitte.pk])
    html = admin_client.post(url, {"name": "", "chair": "Jan Muster", "email": "falsch"}).content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert 'value="Jan Muster"' in html
    data = {"name": "Stadtbezirksrat Mitte", "chair": "Jan Muster", "meetings": "monatlich, donnerstags 18 Uhr"}
    assert admin_client.post(url, data).status_code == 302
    assert DistrictCouncil.objects.get(district=mitte).meetings == "monatlich, donnerstags 18 Uhr"


def test_the_public_unit_page_shows_the_office_contact_and_a_successor(client, units):
    units["fb67"].opening_hours = "Mo–Fr 8–12 Uhr"
    units["fb67"].save()
    html = client.get(reverse("organisation:public_unit", args=[units["fb67"].pk])).content.decode()
    assert "Mo–Fr 8–12 Uhr" in html and units["fb67"].email in html
    units["fb61"].successor, units["fb61"].dissolved_at = units["fb67"], units["fb67"].pk and "2026-01-01T00:00Z"
    units["fb61"].save()
    html = client.get(reverse("organisation:public_unit", args=[units["fb61"].pk])).content.decode()
    assert reverse("organisation:public_unit", args=[units["fb67"].pk]) in html


def test_the_tree_page_takes_the_same_queries_for_many_units(admin_client, django_assert_max_num_queries):
    parents = [OrgUnitFactory(kind="directorate") for _ in range(10)]
    for parent in parents:
        for _ in range(8):
            child = OrgUnitFactory(parent=parent)
            OrgUnitFactory(parent=child, kind="section")
            PlanFactory(lead_unit=child)
    staff_user(kind=Role.Kind.DEPARTMENT, org_unit=parents[0])
    with django_assert_max_num_queries(16):
        response = admin_client.get(reverse("organisation:units"))
    assert response.content.decode().count('<ul class="unit-tree">') == 1 + 10 + 80
