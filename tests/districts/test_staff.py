"""The work area of a district (issue 12, item 6) and what the district managers keep there: the profile, networks,
monitoring notes, directory entries. Permissions: the manager and deputy of THIS district and the admins; the
coordination office for city-wide directory entries; council members of the district see the public part."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry
from stadtdialog.districts import services
from stadtdialog.districts.models import ContactPoint, DistrictProfile, MonitoringNote, Network
from stadtdialog.organisation.models import District
from tests.factories import PlanFactory, staff_user
from tests.images import assert_clean, phone_photo, read_stored

from .factories import contact_point, linden, manager_of, network, note

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return linden()


@pytest.fixture
def manager(district):
    return manager_of(district)


def test_the_work_area_shows_what_the_district_keeps(client, district, manager):
    PlanFactory(title="Idee Stadtteilgarten Limmer", districts=[district], published_at=None)
    network(district, name="AK Ihme-Ufer", is_published=False)
    note(district, title="Leerstand Limmerstraße", is_public=False, kind=MonitoringNote.Kind.DEFICIT)
    contact_point(district)
    client.force_login(manager)
    html = client.get(reverse("districts:staff_district", args=[district.slug])).content.decode()
    for text in ["Idee Stadtteilgarten Limmer", "AK Ihme-Ufer", "Leerstand Limmerstraße", "Seniorenberatung Linden"]:
        assert text in html, text
    assert reverse("districts:staff_profile", args=[district.slug]) in html


def test_council_members_of_the_district_see_the_public_part_only(client, district):
    PlanFactory(title="Idee Stadtteilgarten Limmer", districts=[district], published_at=None)
    PlanFactory(title="Vorplanung Fössestraße", districts=[district])
    network(district, name="AK Ihme-Ufer", is_published=False)
    network(district, name="Forum Linden-Nord")
    note(district, title="Leerstand Limmerstraße", is_public=False)
    member = staff_user(kind=Role.Kind.COUNCIL_MEMBER, district=district)
    client.force_login(member)
    response = client.get(reverse("districts:staff_district", args=[district.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Forum Linden-Nord" in html and "Vorplanung Fössestraße" in html
    assert "Idee Stadtteilgarten Limmer" not in html
    assert "AK Ihme-Ufer" not in html and "Leerstand Limmerstraße" not in html
    assert reverse("districts:staff_profile", args=[district.slug]) not in html
    assert client.get(reverse("districts:staff_profile", args=[district.slug])).status_code == 403
    other = District.objects.get(number=1)
    assert client.get(reverse("districts:staff_district", args=[other.slug])).status_code == 403


def test_the_manager_of_another_district_is_refused(client, district):
    other = manager_of(District.objects.get(number=1), full_name="Mia Mitte")
    client.force_login(other)
    for name in ["staff_district", "staff_profile", "staff_network_create", "staff_note_create"]:
        assert client.get(reverse(f"districts:{name}", args=[district.slug])).status_code == 403, name
    with pytest.raises(PermissionDenied):
        services.create_network(other, district, {"name": "X", "topics": "Y", "contact": "Z"})
    point = contact_point(district)
    with pytest.raises(PermissionDenied):
        services.update_contact_point(other, point, {"name": "Übernommen"})


def test_the_profile_with_photo_shows_on_the_district_page(client, district, manager):
    client.force_login(manager)
    url = reverse("districts:staff_profile", args=[district.slug])
    data = {
        "introduction": "Linden-Limmer liegt westlich der Innenstadt an Ihme und Leine.",
        "office_address": "Lindener Marktplatz 1, 30449 Hannover",
        "office_hours": "dienstags 10–12 Uhr",
        "concern_how": "Rufen Sie an oder kommen Sie vorbei.",
        "photo": phone_photo(),
        "photo_alt": "",
    }
    response = client.post(url, data)
    assert "Bitte beschreiben Sie das Foto" in response.content.decode()
    assert "dienstags 10–12 Uhr" in response.content.decode()  # what was typed is kept
    data["photo"] = phone_photo()
    data["photo_alt"] = "Sabine Lindemann vor dem Freizeitheim Linden"
    assert client.post(url, data).status_code == 302
    profile = DistrictProfile.objects.get(district=district)
    assert profile.photo.name.startswith(f"districts/{district.pk}/")
    assert_clean(read_stored(profile.photo))  # re-encoded: no GPS position, no camera data
    html = client.get(reverse("districts:detail", args=[district.slug])).content.decode()
    assert "dienstags 10–12 Uhr" in html and "Sabine Lindemann vor dem Freizeitheim Linden" in html
    assert "Rufen Sie an oder kommen Sie vorbei." in html
    assert AuditEntry.objects.filter(action="district_profile.create").count() == 1
    html = client.get(url).content.decode()
    assert "Change history" in html or "Verlauf" in html


def test_networks_are_added_changed_and_removed(client, district, manager):
    client.force_login(manager)
    quarter = district.quarters.get(name="Limmer")
    response = client.post(
        reverse("districts:staff_network_create", args=[district.slug]),
        {
            "kind": Network.Kind.ROUND_TABLE,
            "name": "Runder Tisch Limmer",
            "topics": "Wasserstadt, Verkehr",
            "contact": "Stadtteiltreff Limmer, 0511 123456",
            "meeting_rhythm": "monatlich",
            "quarter": quarter.pk,
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    item = Network.objects.get(name="Runder Tisch Limmer")
    assert item.quarter == quarter
    other_quarter = District.objects.get(number=1).quarters.first()
    response = client.post(
        reverse("districts:staff_network_edit", args=[district.slug, item.pk]),
        {
            "kind": Network.Kind.FORUM,
            "name": "Forum Limmer",
            "topics": "x",
            "contact": "y",
            "quarter": other_quarter.pk,
        },
    )
    assert response.status_code == 200  # a quarter of another district is not a choice
    response = client.post(
        reverse("districts:staff_network_edit", args=[district.slug, item.pk]),
        {"kind": Network.Kind.FORUM, "name": "Forum Limmer", "topics": "x", "contact": "y"},
    )
    assert response.status_code == 302
    assert client.post(reverse("districts:staff_network_delete", args=[district.slug, item.pk])).status_code == 302
    assert not Network.objects.exists()
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        "network.create",
        "network.update",
        "network.delete",
    }


def test_a_line_break_in_a_name_is_refused_in_german_and_the_input_kept(client, district, manager):
    client.force_login(manager)
    response = client.post(
        reverse("districts:staff_network_create", args=[district.slug]),
        {"kind": "forum", "name": "Forum\nLimmer", "topics": "Verkehr", "contact": "Treff"},
    )
    html = response.content.decode()
    assert "ohne Zeilenumbr" in html and "Verkehr" in html
    assert not Network.objects.exists()


def test_monitoring_notes_public_or_internal(client, district, manager):
    client.force_login(manager)
    for title, public in [("Wenig Grünflächen", True), ("Konflikt am Küchengarten", False)]:
        data = {"kind": "deficit", "title": title, "text": "Beobachtung.", **({"is_public": "on"} if public else {})}
        assert client.post(reverse("districts:staff_note_create", args=[district.slug]), data).status_code == 302
    html = client.get(reverse("districts:detail", args=[district.slug])).content.decode()
    assert "Wenig Grünflächen" in html and "Konflikt am Küchengarten" not in html


def test_the_coordination_office_keeps_city_wide_entries_managers_only_their_districts(client, district, manager):
    coordination = staff_user(kind=Role.Kind.COORDINATION)
    data = {
        "kind": ContactPoint.Kind.REFERRAL,
        "name": "Bürgertelefon",
        "topics": "Alles",
        "description": "Sagt, wer zuständig ist.",
        "is_published": "on",
    }
    client.force_login(manager)
    response = client.post(reverse("districts:staff_contact_point_create"), data)
    assert response.status_code == 200  # the whole city is not the manager's choice
    assert not ContactPoint.objects.exists()
    assert (
        client.post(reverse("districts:staff_contact_point_create"), {**data, "district": district.pk}).status_code
        == 302
    )
    client.force_login(coordination)
    assert client.post(reverse("districts:staff_contact_point_create"), data).status_code == 302
    city_wide = ContactPoint.objects.get(district__isnull=True)
    client.force_login(manager)
    assert client.get(reverse("districts:staff_contact_point_edit", args=[city_wide.pk])).status_code == 403
    own = ContactPoint.objects.get(district=district)
    response = client.post(
        reverse("districts:staff_contact_point_edit", args=[own.pk]),
        {**data, "district": district.pk, "person_name": "Frau Ohne Zustimmung"},
    )
    assert "zugestimmt" in response.content.decode()
    own.refresh_from_db()
    assert own.person_name == ""
