"""Roles with their scope: validation per kind, no duplicates, what a unit lead may grant, the last admin,
deactivation that ends the session at once, revocation that takes effect at the next request."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from stadtdialog.accounts import rules, services
from stadtdialog.accounts.models import Role, User
from stadtdialog.core.models import AuditEntry
from stadtdialog.organisation.models import District
from tests.factories import OrgUnitFactory, PlanFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tree():
    """Dez. VI with FB 61 and its section 61.1, and FB 67 elsewhere."""
    directorate = OrgUnitFactory(short_name="Dez. VI", kind="directorate")
    fb61 = OrgUnitFactory(short_name="FB 61", parent=directorate)
    section = OrgUnitFactory(short_name="61.1", parent=fb61, kind="section")
    other = OrgUnitFactory(short_name="FB 67")
    return {"directorate": directorate, "fb61": fb61, "section": section, "other": other}


def _district(number=10):
    return District.objects.get(number=number)


def test_scope_is_checked_per_kind_with_german_errors():
    admin = staff_user(Role.Kind.ADMIN)
    person = UserFactory()
    with pytest.raises(ValidationError) as error:
        services.grant_role(admin, person, kind=Role.Kind.DEPARTMENT)
    assert error.value.message_dict == {
        "org_unit": ["Bitte wählen Sie die Organisationseinheit, für die diese Rolle handelt."]
    }
    with pytest.raises(ValidationError) as error:
        services.grant_role(admin, person, kind=Role.Kind.UNIT_LEAD)
    assert "org_unit" in error.value.message_dict
    for kind in Role.DISTRICT_KINDS:
        with pytest.raises(ValidationError) as error:
            services.grant_role(admin, person, kind=kind)
        assert error.value.message_dict == {
            "district": ["Bitte wählen Sie den Stadtbezirk, für den diese Rolle handelt."]
        }
    # A unit or district that a kind does not take is dropped; a council member may have a district or none.
    moderator = services.grant_role(admin, person, kind=Role.Kind.MODERATOR, org_unit=OrgUnitFactory())
    assert moderator.org_unit is None and moderator.district is None
    city_council = services.grant_role(admin, person, kind=Role.Kind.COUNCIL_MEMBER)
    district_council = services.grant_role(admin, person, kind=Role.Kind.COUNCIL_MEMBER, district=_district())
    assert city_council.district is None and district_council.district == _district()
    deputy = services.grant_role(admin, person, kind=Role.Kind.DISTRICT_DEPUTY, district=_district())
    assert str(deputy) == "Stellvertretendes Stadtbezirksmanagement (10 Linden-Limmer)"


def test_the_same_role_with_the_same_scope_is_refused(tree):
    admin = staff_user(Role.Kind.ADMIN)
    person = UserFactory(full_name="Jana Petersen")
    services.grant_role(admin, person, kind=Role.Kind.DEPARTMENT, org_unit=tree["fb61"])
    with pytest.raises(ValidationError) as error:
        services.grant_role(admin, person, kind=Role.Kind.DEPARTMENT, org_unit=tree["fb61"])
    assert "Jana Petersen hat die Rolle „Fachbereich (FB 61" in error.value.messages[0]
    services.grant_role(admin, person, kind=Role.Kind.DEPARTMENT, org_unit=tree["other"])  # another scope is fine
    assert person.role_set.count() == 2


def test_a_unit_lead_grants_unit_roles_in_their_subtree_only(tree):
    lead = staff_user(Role.Kind.UNIT_LEAD, org_unit=tree["fb61"])
    person = UserFactory()
    role = services.grant_role(lead, person, kind=Role.Kind.DEPARTMENT, org_unit=tree["section"])
    services.grant_role(lead, person, kind=Role.Kind.UNIT_LEAD, org_unit=tree["fb61"])
    for kind, scope in [
        (Role.Kind.DEPARTMENT, {"org_unit": tree["other"]}),
        (Role.Kind.DEPARTMENT, {"org_unit": tree["directorate"]}),
        (Role.Kind.ADMIN, {}),
        (Role.Kind.COORDINATION, {}),
        (Role.Kind.DISTRICT_MANAGER, {"district": _district()}),
    ]:
        with pytest.raises(PermissionDenied):
            services.grant_role(lead, person, kind=kind, **scope)
    with pytest.raises(PermissionDenied):
        services.change_role(lead, role, kind=Role.Kind.DEPARTMENT, org_unit=tree["other"])
    foreign = services.grant_role(
        staff_user(Role.Kind.ADMIN), person, kind=Role.Kind.DEPARTMENT, org_unit=tree["other"]
    )
    with pytest.raises(PermissionDenied):
        services.revoke_role(lead, foreign)
    services.revoke_role(lead, role)
    assert sorted(person.role_set.values_list("kind", flat=True)) == ["department", "unit_lead"]


def test_unit_lead_pages_offer_only_what_they_may_grant(client, tree):
    lead = staff_user(Role.Kind.UNIT_LEAD, org_unit=tree["fb61"])
    member = staff_user(Role.Kind.DEPARTMENT, org_unit=tree["section"])
    outsider = staff_user(Role.Kind.DEPARTMENT, org_unit=tree["other"])
    client.force_login(lead)
    html = client.get(reverse("accounts:staff_role_add", args=[member.pk])).content.decode()
    assert 'value="department"' in html and 'value="unit_lead"' in html
    assert 'value="admin"' not in html and "FB 67" not in html
    assert client.get(reverse("accounts:staff_detail", args=[outsider.pk])).status_code == 403
    # A crafted post for another unit is refused.
    response = client.post(
        reverse("accounts:staff_role_add", args=[member.pk]), {"kind": "department", "org_unit": tree["other"].pk}
    )
    assert response.status_code == 200 and "Auswahl" in response.content.decode()
    invite = client.post(
        reverse("accounts:staff_invite"),
        {"email": "neu@hannover-stadt.example", "full_name": "Neu", "org_unit": tree["other"].pk, "roles": ["admin"]},
    )
    assert invite.status_code == 200
    assert not User.objects.filter(email="neu@hannover-stadt.example").exists()


def test_role_form_keeps_input_and_shows_german_scope_errors(client, tree):
    admin = staff_user(Role.Kind.ADMIN)
    member = UserFactory()
    client.force_login(admin)
    response = client.post(
        reverse("accounts:staff_role_add", args=[member.pk]), {"kind": "district_deputy", "org_unit": tree["fb61"].pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte wählen Sie den Stadtbezirk, für den diese Rolle handelt." in html
    assert '<option value="district_deputy" selected>' in html
    assert f'<option value="{tree["fb61"].pk}" selected>' in html
    assert not member.role_set.exists()


def test_helpers_count_unit_leads_and_deputies(tree):
    lead = staff_user(Role.Kind.UNIT_LEAD, org_unit=tree["fb61"])
    deputy = staff_user(Role.Kind.DISTRICT_DEPUTY, district=_district(3))
    assert rules.unit_ids_of(lead) == {tree["fb61"].pk, tree["section"].pk}
    assert rules.lead_unit_ids_of(lead) == {tree["fb61"].pk, tree["section"].pk}
    assert rules.is_department_staff(lead) and rules.is_unit_lead(lead)
    assert rules.district_ids_of(deputy) == {_district(3).pk}
    assert rules.is_district_manager(deputy)
    department = staff_user(Role.Kind.DEPARTMENT, org_unit=tree["fb61"])
    assert not rules.is_unit_lead(department) and rules.lead_unit_ids_of(department) == set()


def test_revoked_role_is_refused_at_the_next_request(client, tree):
    admin = staff_user(Role.Kind.ADMIN)
    member = staff_user(Role.Kind.DEPARTMENT, org_unit=tree["fb61"])
    plan = PlanFactory(lead_unit=tree["fb61"])
    client.force_login(member)
    assert client.get(reverse("plans:staff_detail", args=[plan.pk])).status_code == 200
    admin_client = client.__class__()
    admin_client.force_login(admin)
    role = member.role_set.get()
    assert admin_client.post(reverse("accounts:staff_role_revoke", args=[member.pk, role.pk])).status_code == 302
    assert client.get(reverse("plans:staff_detail", args=[plan.pk])).status_code == 403
    entry = AuditEntry.objects.get(action="accounts.role.revoke")
    assert entry.actor == admin and entry.changes["roles"][1] is None


def test_granted_role_takes_effect_at_the_next_request(client, tree):
    admin = staff_user(Role.Kind.ADMIN)
    member = staff_user(Role.Kind.DEPARTMENT, org_unit=tree["other"])
    plan = PlanFactory(lead_unit=tree["section"])
    client.force_login(member)
    assert client.get(reverse("plans:staff_detail", args=[plan.pk])).status_code == 403
    services.grant_role(admin, member, kind=Role.Kind.UNIT_LEAD, org_unit=tree["fb61"])
    assert client.get(reverse("plans:staff_detail", args=[plan.pk])).status_code == 200


@pytest.mark.parametrize("backend", ["django.contrib.auth.backends.ModelBackend", "allow_inactive"])
def test_deactivation_ends_the_session_at_the_next_request(client, settings, backend):
    """Also with a backend that would let an inactive user in (as some sign-on backends do)."""
    if backend == "allow_inactive":
        backend = "django.contrib.auth.backends.AllowAllUsersModelBackend"
        settings.AUTHENTICATION_BACKENDS = ["rules.permissions.ObjectPermissionBackend", backend]
    admin = staff_user(Role.Kind.ADMIN)
    member = staff_user(Role.Kind.MODERATOR)
    client.force_login(member, backend=backend)
    assert client.get(reverse("moderation:queue")).status_code == 200
    services.deactivate_user(admin, member)
    response = client.get(reverse("moderation:queue"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    if "AllowAll" in backend:  # the session hash no longer matches: Django flushed the session
        assert "_auth_user_id" not in client.session
    member.refresh_from_db()
    assert not member.is_active and member.role_set.exists()  # roles stay for a reactivation
    services.reactivate_user(admin, member)
    member.refresh_from_db()
    assert member.is_active
    assert [e.action for e in AuditEntry.objects.filter(object_id=str(member.pk)).order_by("pk")][-2:] == [
        "accounts.user.deactivate",
        "accounts.user.reactivate",
    ]


def test_deactivate_page_and_own_account(client):
    admin = staff_user(Role.Kind.ADMIN)
    other_admin = staff_user(Role.Kind.ADMIN)
    client.force_login(admin)
    url = reverse("accounts:staff_deactivate", args=[other_admin.pk])
    assert "kann sich nicht mehr anmelden" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    response = client.post(reverse("accounts:staff_deactivate", args=[admin.pk]))
    assert "Ihr eigenes Konto können Sie nicht deaktivieren." in response.content.decode()


def test_the_last_admin_role_cannot_be_revoked_nor_the_last_admin_deactivated():
    first = staff_user(Role.Kind.ADMIN)
    second = staff_user(Role.Kind.ADMIN)
    services.revoke_role(first, second.role_set.get(kind=Role.Kind.ADMIN))
    with pytest.raises(ValidationError) as error:
        services.revoke_role(first, first.role_set.get(kind=Role.Kind.ADMIN))
    assert "letzte aktive Administration" in error.value.messages[0]
    with pytest.raises(ValidationError):
        services.change_role(first, first.role_set.get(), kind=Role.Kind.COORDINATION)
    # An admin whose account is deactivated does not count.
    third = staff_user(Role.Kind.ADMIN)
    services.deactivate_user(first, third)
    with pytest.raises(ValidationError):
        services.revoke_role(first, first.role_set.get(kind=Role.Kind.ADMIN))
    fourth = staff_user(Role.Kind.ADMIN)
    services.deactivate_user(fourth, first)
    with pytest.raises(ValidationError):
        services.deactivate_user(staff_user(Role.Kind.ADMIN, is_active=False), fourth)
    assert Role.objects.filter(kind=Role.Kind.ADMIN, user__is_active=True).count() == 1
