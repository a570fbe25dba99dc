"""Inviting staff by e-mail: the link in the real mail, setting the password, logging in; expiry, re-sending,
withdrawing, an address that has an account already; German errors that keep what was typed."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role, StaffInvitation, User
from stadtdialog.accounts.tokens import hash_token
from stadtdialog.core.models import AuditEntry
from tests.factories import PASSWORD, OrgUnitFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Stadtgruen-Linden-2026"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _link_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/konto/einladung/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def _invite(client, admin, **fields):
    client.force_login(admin)
    data = {"email": "neu@hannover-stadt.example", "full_name": "Nina Neumann", "roles": ["department"], **fields}
    return client.post(reverse("accounts:staff_invite"), data)


def test_invited_person_sets_a_password_from_the_mailed_link_and_logs_in(client, settings):
    settings.STAFF_INVITATION_DAYS = 7
    unit = OrgUnitFactory(short_name="FB 61")
    admin = staff_user(Role.Kind.ADMIN)
    response = _invite(client, admin, org_unit=unit.pk, office_phone="0511 168-46100", roles=["department"])
    user = User.objects.get(email="neu@hannover-stadt.example")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:staff_detail", args=[user.pk])
    assert not user.is_active and not user.has_usable_password()
    assert [(r.kind, r.org_unit) for r in user.role_set.all()] == [("department", unit)]

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@hannover-stadt.example"]
    assert "Mitarbeitendenkonto" in message.subject
    assert "Passwort" in message.body and "FB 61" in message.body
    path = _link_path(message)
    token = path.rstrip("/").rsplit("/", 1)[1]
    invitation = StaffInvitation.objects.get(user=user)
    assert token not in invitation.token_hash and invitation.token_hash == hash_token(token)
    assert invitation.created_by == admin
    assert abs(invitation.expires_at - timezone.now() - datetime.timedelta(days=7)) < datetime.timedelta(minutes=1)

    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "neu@hannover-stadt.example" in page.content.decode()
    done = client.post(
        path, {"display_name": "Nina Neumann", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302 and done["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.is_active and user.email_verified and user.check_password(NEW_PASSWORD)

    login = client.post(reverse("accounts:login"), {"username": user.email, "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert client.get(reverse("plans:staff_list")).status_code == 200  # department staff of FB 61

    # The link worked once.
    client.logout()
    again = client.get(path)
    assert again.status_code == 410
    assert "bereits angenommen" in again.content.decode()
    actions = set(AuditEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert {"accounts.invitation.create", "accounts.role.grant", "accounts.invitation.accept"} <= actions


def test_weak_password_gets_german_errors_and_keeps_the_display_name(client):
    admin = staff_user(Role.Kind.ADMIN)
    _invite(client, admin, org_unit=OrgUnitFactory().pk)
    client.logout()
    path = _link_path(mail.outbox[0])
    response = client.post(path, {"display_name": "Nina N.", "new_password1": "12345678", "new_password2": "123"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Die beiden Passwörter sind nicht identisch" in html
    assert 'value="Nina N."' in html
    assert 'value="12345678"' not in html
    response = client.post(path, {"display_name": "Nina N.", "new_password1": "12345678", "new_password2": "12345678"})
    html = response.content.decode()
    assert "Dieses Passwort ist zu kurz" in html or "zu gängig" in html
    assert not User.objects.get(email="neu@hannover-stadt.example").is_active


def test_expired_link_shows_a_clear_german_page(client, settings):
    settings.STAFF_INVITATION_DAYS = 1
    admin = staff_user(Role.Kind.ADMIN)
    _invite(client, admin, org_unit=OrgUnitFactory().pk)
    client.logout()
    path = _link_path(mail.outbox[0])
    assert "1" in mail.outbox[0].body
    StaffInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    for response in (
        client.get(path),
        client.post(path, {"display_name": "Nina", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}),
    ):
        assert response.status_code == 410
        assert "abgelaufen" in response.content.decode()
    assert not User.objects.get(email="neu@hannover-stadt.example").is_active


def test_resending_gives_a_new_link_and_voids_the_old_one(client, settings):
    admin = staff_user(Role.Kind.ADMIN)
    _invite(client, admin, org_unit=OrgUnitFactory().pk)
    old_path = _link_path(mail.outbox[0])
    invitation = StaffInvitation.objects.get()
    StaffInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))  # it had expired
    url = reverse("accounts:staff_invitation_resend", args=[invitation.pk])
    assert "neuen Link" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert len(mail.outbox) == 2
    new_path = _link_path(mail.outbox[1])
    assert new_path != old_path
    client.logout()
    assert client.get(old_path).status_code == 410
    assert "nicht gültig" in client.get(old_path).content.decode()
    assert client.get(new_path).status_code == 200
    assert AuditEntry.objects.filter(action="accounts.invitation.resend").count() == 1


def test_withdrawn_invitation_link_no_longer_works(client):
    admin = staff_user(Role.Kind.ADMIN)
    _invite(client, admin, org_unit=OrgUnitFactory().pk)
    path = _link_path(mail.outbox[0])
    invitation = StaffInvitation.objects.get()
    assert client.post(reverse("accounts:staff_invitation_withdraw", args=[invitation.pk])).status_code == 302
    client.logout()
    assert client.get(path).status_code == 410
    assert AuditEntry.objects.filter(action="accounts.invitation.withdraw").count() == 1
    # The withdrawn person can be invited again: the same account gets a new invitation.
    _invite(client, admin, org_unit=OrgUnitFactory().pk, roles=["moderator"])
    assert User.objects.filter(email="neu@hannover-stadt.example").count() == 1
    assert client.get(_link_path(mail.outbox[-1])).status_code == 200


def test_an_address_with_an_account_gets_the_roles_and_a_mail_not_a_second_account(client):
    resident = UserFactory(email="anna@example.org", display_name="Anna")
    admin = staff_user(Role.Kind.ADMIN)
    unit = OrgUnitFactory(short_name="FB 67")
    response = _invite(client, admin, email="Anna@Example.org", org_unit=unit.pk, roles=["department", "moderator"])
    assert response.status_code == 302
    assert User.objects.filter(email="anna@example.org").count() == 1
    assert not StaffInvitation.objects.exists()
    assert sorted(resident.role_set.values_list("kind", flat=True)) == ["department", "moderator"]
    resident.refresh_from_db()
    assert resident.check_password(PASSWORD) and resident.is_active
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.org"]
    assert "neue Rollen" in mail.outbox[0].subject
    assert "FB 67" in mail.outbox[0].body
    page = client.get(response["Location"])
    assert "hat bereits ein Konto" in page.content.decode()


def test_invite_form_errors_are_german_and_keep_the_input(client):
    admin = staff_user(Role.Kind.ADMIN)
    response = _invite(client, admin, email="kein-at", full_name="Nina Neumann", roles=[])
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte wählen Sie mindestens eine Rolle." in html
    assert "gültige E-Mail-Adresse" in html
    assert 'value="Nina Neumann"' in html and 'value="kein-at"' in html
    # A district manager without a district: the service's error lands at the district field.
    response = _invite(client, admin, roles=["district_manager"])
    html = response.content.decode()
    assert "Bitte wählen Sie den Stadtbezirk" in html
    assert not User.objects.filter(email="neu@hannover-stadt.example").exists()
    assert not mail.outbox
