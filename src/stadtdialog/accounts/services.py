"""Writes of the accounts app: residents register, verify their address, change their name, leave;
the staff area invites staff, grants and revokes their roles, deactivates accounts.

The values come as the accounts forms checked and normalised them (the address in lower case, the
display name stripped and 3 to 60 characters long, the password through Django's validators); the
services check what needs the database (an address that is taken, the password of the account).
"""

import datetime
import secrets
from dataclasses import dataclass
from typing import NotRequired, TypedDict, Unpack

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version
from stadtdialog.organisation.models import District, OrgUnit
from stadtdialog.organisation.queries import current_city

from . import throttle
from .models import Role, StaffInvitation, User
from .rules import is_admin, lead_unit_ids_of
from .tokens import email_verification_token, hash_token


def register_resident(*, email: str, display_name: str, password: str, base_url: str) -> None:
    """Create a resident account; it can log in once the address is confirmed by the link we send.

    A known address (a resident's or a staff member's) gets the same answer as a new one, so that nobody
    can find out with the form who has an account: no second account is made and the owner is told by
    e-mail instead. Two registrations of one new address at the same moment end the same way: the
    database's unique address lets one of them win, the other mails the owner of the account just made.
    """
    known = User.objects.filter(email__iexact=email).values_list("email", flat=True).first()  # staff: any case
    if known:
        make_password(password)  # about as slow as a new account, so that the time does not tell either
        _send_registration_attempt_mail(known, base_url)
        return
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, display_name=display_name)
            audit.record(user, "account.register", user, {"display_name": [None, user.display_name]})
    except IntegrityError:  # the same address registered at the same moment: the other request made it
        if not User.objects.filter(email=email).exists():
            raise
        _send_registration_attempt_mail(email, base_url)
        return
    send_verification_mail(user, base_url)


def _send_registration_attempt_mail(email: str, base_url: str) -> None:
    """Tell the owner of an address that someone tried to register with it (they can log in or reset)."""
    site_name = current_city().site_name
    base = base_url.rstrip("/")
    context = {
        "site_name": site_name,
        "login_link": base + reverse("accounts:login"),
        "reset_link": base + reverse("accounts:password_reset"),
    }
    send_mail(
        subject=_("Registration with your e-mail address at %(site)s") % {"site": site_name},
        message=render_to_string("accounts/registration_attempt_email.txt", context),
        from_email=None,
        recipient_list=[email],
    )


def send_verification_mail(user: User, base_url: str) -> None:
    """Send the link that confirms the account's e-mail address (base_url: the site's address)."""
    path = reverse(
        "accounts:verify",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_verification_token.make_token(user),
        },
    )
    site_name = current_city().site_name
    context = {"user": user, "link": base_url.rstrip("/") + path, "site_name": site_name}
    send_mail(
        subject=_("Please confirm your e-mail address for %(site)s") % {"site": site_name},
        message=render_to_string("accounts/verification_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def verify_email(user: User, token: str) -> bool:
    """Mark the address as verified if the token fits; a used link no longer fits."""
    if not email_verification_token.check_token(user, token):
        return False
    with transaction.atomic():
        user.email_verified = True
        user.save(update_fields=["email_verified"])
        audit.record(user, "account.verify_email", user, {"email_verified": [False, True]})
    return True


# -- residents' own accounts -----------------------------------------------------------------


def update_display_name(user: User, *, display_name: str) -> None:
    """Change the resident's display name; the same name again changes nothing."""
    if display_name == user.display_name:
        return
    with transaction.atomic():
        before = user.display_name
        user.display_name = display_name
        user.save(update_fields=["display_name"])
        audit.record(user, "account.display_name", user, {"display_name": [before, display_name]})


def reset_password(user: User, password: str) -> None:
    """Set a new password after the e-mail link was opened; the link proves the address, too."""
    with transaction.atomic():
        user.set_password(password)
        fields = ["password"]
        if not user.email_verified:
            user.email_verified = True
            fields.append("email_verified")
        user.save(update_fields=fields)
        audit.record(user, "account.password_reset", user, {})
    throttle.reset(user.email)  # the e-mail link proves the address: wrong guesses by others no longer lock it


def export_data(user: User) -> dict:
    """All data stored about the account, gathered from every app that registered an exporter."""
    from .personal_data import exporters

    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "full_name": user.full_name,
            "office_phone": user.office_phone,
            "office_email": user.office_email,
            "office_address": user.office_address,
            "email_verified": user.email_verified,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": [str(role) for role in user.roles],
        },
    }
    for name, exporter in exporters().items():
        data[name] = exporter(user)
    return data


DELETED_ACCOUNT = "[gelöschtes Konto]"  # stored in the audit log in place of the person


def delete_account(user: User, *, password: str) -> None:
    """Delete a resident's account. Contributions and comments stay, shown as from a deleted account.

    The audit log keeps every entry, so that the history of each object stays readable, but not the
    person: entries about the account lose their changes; entries the person made, and entries about
    what they wrote (each app names it with register_owned_objects), get DELETED_ACCOUNT in place of
    their display name and e-mail address; any other entry that holds the e-mail address loses it too.
    The names are replaced only in the person's own entries, so that a display name that is also a
    common word ("Linden") cannot change the history of unrelated objects. The deletion itself is
    logged without personal data. All in one transaction; the database finds the entries.
    """
    from stadtdialog.core.models import AuditEntry

    from .personal_data import deletion_hooks

    if not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
    if user.is_superuser or user.is_staff_member:
        raise ValidationError(_("Staff accounts are closed by the administrators. Please contact them."))
    user_type = ContentType.objects.get_for_model(User)
    names, emails = [user.display_name, user.full_name], [user.email, user.office_email]
    with transaction.atomic():
        about_user = models.Q(content_type=user_type, object_id=str(user.pk))
        own = AuditEntry.objects.filter(models.Q(actor=user) | _about_owned_objects(user)).exclude(about_user)
        audit.scrub(own, DELETED_ACCOUNT, names=names, emails=emails)
        if user.email_verified:  # only a confirmed address is surely the person's own
            audit.scrub(audit.mentioning([user.email]).exclude(about_user), DELETED_ACCOUNT, emails=[user.email])
        for hook in deletion_hooks().values():
            hook(user)
        AuditEntry.objects.filter(about_user).update(object_repr=DELETED_ACCOUNT, changes={})
        AuditEntry.objects.filter(actor=user).update(actor=None, actor_deleted=True)
        AuditEntry.objects.create(
            actor=None,
            action="account.delete",
            content_type=user_type,
            object_id=str(user.pk),
            object_repr=DELETED_ACCOUNT,
            changes={},
        )
        user.delete()


def _about_owned_objects(user: User) -> models.Q:
    """Audit entries about the objects the user wrote or holds, as subqueries (nothing read into Python)."""
    from .personal_data import owned_objects

    condition = models.Q(pk__in=[])
    for objects in owned_objects().values():
        queryset = objects(user)
        ids = queryset.order_by().annotate(audit_id=Cast("pk", models.CharField())).values("audit_id")
        condition |= models.Q(content_type=ContentType.objects.get_for_model(queryset.model), object_id__in=ids)
    return condition


# -- staff accounts and roles (the staff area's "Staff and roles") ----------------------------------


class RoleScope(TypedDict):
    kind: str
    org_unit: NotRequired[OrgUnit | None]
    district: NotRequired[District | None]


class Invitation(TypedDict):
    email: str
    full_name: str
    org_unit: OrgUnit | None
    office_phone: NotRequired[str]
    office_email: NotRequired[str]
    roles: list[RoleScope]
    base_url: str


@dataclass(frozen=True)
class InviteResult:
    user: User
    invitation: StaffInvitation | None  # None: the address had an account; it got the roles and a mail
    roles_added: list[Role]


def checked_scope(
    kind: str, org_unit: OrgUnit | None = None, district: District | None = None
) -> tuple[str, OrgUnit | None, District | None]:
    """The (kind, unit, district) of a role as stored: a unit for department staff and unit leads, a district
    for district managers and deputies, a district or none for a council member (district council or city
    council); the other kinds have no scope, so a unit or district given with them is dropped."""
    if kind not in Role.Kind.values:
        raise ValidationError({"kind": _("Please choose a role.")})
    if kind in Role.UNIT_KINDS:
        if org_unit is None:
            raise ValidationError({"org_unit": _("Please choose the unit this role acts for.")})
        if org_unit.dissolved_at is not None:
            raise ValidationError({"org_unit": _("This unit has been dissolved. Please choose its successor.")})
        return kind, org_unit, None
    if kind in Role.DISTRICT_KINDS:
        if district is None:
            raise ValidationError({"district": _("Please choose the district this role acts for.")})
        return kind, None, district
    if kind == Role.Kind.COUNCIL_MEMBER:
        return kind, None, district
    return kind, None, None


def _role_label(kind: str, org_unit: OrgUnit | None, district: District | None) -> str:
    return str(Role(kind=kind, org_unit=org_unit, district=district))


def _add_role(actor: User, user: User, kind: str, org_unit: OrgUnit | None, district: District | None) -> Role | None:
    """Add a role to the (locked) user unless they hold it already with the same scope; audited."""
    if Role.objects.filter(user=user, kind=kind, org_unit=org_unit, district=district).exists():
        return None
    role = Role.objects.create(user=user, kind=kind, org_unit=org_unit, district=district)
    audit.record(actor, "accounts.role.grant", user, {"roles": [None, str(role)]})
    return role


def _checked_roles(actor: User, roles: list[RoleScope]) -> list[tuple]:
    checked = []
    for scope in roles:
        kind, org_unit, district = checked_scope(scope["kind"], scope.get("org_unit"), scope.get("district"))
        require(actor, "accounts.grant_role", Role(kind=kind, org_unit=org_unit, district=district))
        checked.append((kind, org_unit, district))
    if not checked:
        raise ValidationError({"roles": _("Please choose at least one role.")})
    return checked


def grant_role(
    actor: User, user: User, *, kind: str, org_unit: OrgUnit | None = None, district: District | None = None
) -> Role:
    """Give the user a role with its scope; the same role with the same scope twice is refused."""
    kind, org_unit, district = checked_scope(kind, org_unit, district)
    require(actor, "accounts.grant_role", Role(kind=kind, org_unit=org_unit, district=district))
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        role = _add_role(actor, locked, kind, org_unit, district)
        if role is None:
            raise ValidationError(
                _("%(name)s has the role “%(role)s” already.")
                % {"name": locked, "role": _role_label(kind, org_unit, district)}
            )
    return role


def change_role(
    actor: User,
    role: Role,
    *,
    kind: str,
    org_unit: OrgUnit | None = None,
    district: District | None = None,
    version: str = "",
) -> Role:
    """Change a role's kind or scope (the actor must be allowed to grant both the old and the new one).
    `version` is the form's token: a change from a stale form raises StaleEdit (core.versioning)."""
    require(actor, "accounts.grant_role", role)
    kind, org_unit, district = checked_scope(kind, org_unit, district)
    require(actor, "accounts.grant_role", Role(kind=kind, org_unit=org_unit, district=district))
    with transaction.atomic():
        if role.kind == Role.Kind.ADMIN and kind != Role.Kind.ADMIN:
            _lock_admin_roles()
            _refuse_last_admin(exclude_role=role)
        locked = User.objects.select_for_update().get(pk=role.user_id)
        role = Role.objects.select_related("org_unit", "district").get(pk=role.pk)
        check_version(role, version)
        same = Role.objects.filter(user=locked, kind=kind, org_unit=org_unit, district=district).exclude(pk=role.pk)
        if same.exists():
            raise ValidationError(
                _("%(name)s has the role “%(role)s” already.")
                % {"name": locked, "role": _role_label(kind, org_unit, district)}
            )
        before = str(role)
        role.kind, role.org_unit, role.district = kind, org_unit, district
        role.save(update_fields=["kind", "org_unit", "district"])
        audit.record(actor, "accounts.role.change", locked, {"roles": [before, str(role)]})
    return role


def revoke_role(actor: User, role: Role) -> None:
    """Take a role away; the last administrator's role stays."""
    require(actor, "accounts.grant_role", role)
    with transaction.atomic():
        if role.kind == Role.Kind.ADMIN:
            _lock_admin_roles()
            _refuse_last_admin(exclude_role=role)
        user = User.objects.select_for_update().get(pk=role.user_id)
        label = str(role)
        deleted, _rows = Role.objects.filter(pk=role.pk).delete()
        if deleted:
            audit.record(actor, "accounts.role.revoke", user, {"roles": [label, None]})


def _lock_admin_roles() -> None:
    """Lock every administrator role, in the order of their ids, so that two changes of administrators wait
    for each other (two admins revoking each other at the same time leave one). The count that follows is a
    new statement and sees what the other transaction committed."""
    list(Role.objects.select_for_update().filter(kind=Role.Kind.ADMIN).order_by("pk").values_list("pk", flat=True))


def _refuse_last_admin(*, exclude_role: Role | None = None, exclude_user: User | None = None) -> None:
    admins = Role.objects.filter(kind=Role.Kind.ADMIN, user__is_active=True)
    if exclude_role is not None:
        admins = admins.exclude(pk=exclude_role.pk)
    if exclude_user is not None:
        admins = admins.exclude(user=exclude_user)
    if not admins.exists():
        raise ValidationError(
            _("This is the last active administrator. Please make another person administrator first.")
        )


def deactivate_user(actor: User, user: User) -> None:
    """Deactivate an account: it can no longer log in, and its open sessions end at their next request
    (Django drops an inactive user, and User.get_session_auth_hash no longer matches)."""
    require(actor, "accounts.deactivate_staff", user)
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    with transaction.atomic():
        _lock_admin_roles()
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not locked.is_active:
            raise ValidationError(_("This account is deactivated already."))
        if locked.role_set.filter(kind=Role.Kind.ADMIN).exists():
            _refuse_last_admin(exclude_user=locked)
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        audit.record(actor, "accounts.user.deactivate", locked, {"is_active": [True, False]})


def reactivate_user(actor: User, user: User) -> None:
    require(actor, "accounts.deactivate_staff", user)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.is_active:
            raise ValidationError(_("This account is active already."))
        if not locked.has_usable_password():
            raise ValidationError(
                _("This person has not accepted the invitation yet. Please send the invitation again instead.")
            )
        locked.is_active = True
        locked.save(update_fields=["is_active"])
        audit.record(actor, "accounts.user.reactivate", locked, {"is_active": [False, True]})


# -- invitations ---------------------------------------------------------------------------------------


def _fresh_token(invitation: StaffInvitation) -> str:
    """Give the invitation a new token and validity; returns the token (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = hash_token(token)
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(days=settings.STAFF_INVITATION_DAYS)
    return token


def _mail_invitation(invitation: StaffInvitation, token: str, base_url: str) -> None:
    link = base_url.rstrip("/") + reverse("accounts:invitation", kwargs={"token": token})
    context = {
        "user": invitation.user,
        "link": link,
        "expires_at": invitation.expires_at,
        "invited_by": invitation.created_by,
        "site_name": settings.SITE_NAME,
        "roles": invitation.user.role_set.select_related("org_unit", "district"),
    }
    send_mail(
        subject=_("Your staff account at %(site)s") % {"site": settings.SITE_NAME},
        message=render_to_string("accounts/staff_invitation_email.txt", context),
        from_email=None,
        recipient_list=[invitation.user.email],
    )


def _mail_roles_added(user: User, roles: list[Role], actor: User, base_url: str) -> None:
    context = {
        "user": user,
        "roles": roles,
        "actor": actor,
        "site_name": settings.SITE_NAME,
        "link": base_url.rstrip("/") + reverse("accounts:login"),
    }
    send_mail(
        subject=_("New roles for your account at %(site)s") % {"site": settings.SITE_NAME},
        message=render_to_string("accounts/staff_roles_added_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def invite_staff(actor: User, **data: Unpack[Invitation]) -> InviteResult:
    """Invite a person to a staff account with their first roles, by a one-time link in an e-mail.

    An address that has an account already gets the roles added and a mail saying so (no second account).
    An account that never set its password (an earlier invitation) gets a new invitation.
    """
    require(actor, "accounts.invite_staff")
    org_unit = data["org_unit"]
    if org_unit is not None and org_unit.dissolved_at is not None:
        raise ValidationError({"org_unit": _("This unit has been dissolved. Please choose its successor.")})
    if not is_admin(actor) and (org_unit is None or org_unit.pk not in lead_unit_ids_of(actor)):
        raise ValidationError({"org_unit": _("You can invite staff only to the units you lead.")})
    roles = _checked_roles(actor, data["roles"])
    email = data["email"].strip().lower()
    token = None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email).first()
        invitation = None
        if user is None or (not user.is_active and not user.has_usable_password()):
            if user is None:
                user = User(email=email, is_active=False)
                user.set_unusable_password()
            user.full_name = data["full_name"]
            user.display_name = user.display_name or data["full_name"][:60]
            user.org_unit = org_unit
            user.office_phone = data.get("office_phone", "")
            user.office_email = data.get("office_email", "")
            try:
                with transaction.atomic():
                    user.save()
            except IntegrityError:  # the same address invited at the same moment by someone else
                raise ValidationError(
                    {"email": _("This address was invited at the same moment. Please look at the staff list.")}
                ) from None
            StaffInvitation.objects.filter(user=user, used_at__isnull=True, withdrawn_at__isnull=True).update(
                withdrawn_at=timezone.now()
            )
            invitation = StaffInvitation(user=user, created_by=actor)
            token = _fresh_token(invitation)
            invitation.save()
            audit.record(
                actor,
                "accounts.invitation.create",
                user,
                {"email": [None, email], "expires_at": [None, invitation.expires_at.isoformat()]},
            )
        added = [role for scope in roles if (role := _add_role(actor, user, *scope)) is not None]
    if invitation is not None:
        _mail_invitation(invitation, token, data["base_url"])
    elif added:
        _mail_roles_added(user, added, actor, data["base_url"])
    return InviteResult(user=user, invitation=invitation, roles_added=added)


def resend_invitation(actor: User, invitation: StaffInvitation, *, base_url: str) -> None:
    """Send the invitation again with a new link, valid for the configured days; the old link stops working."""
    require(actor, "accounts.manage_invitation", invitation)
    with transaction.atomic():
        invitation = StaffInvitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
        if not invitation.is_open:
            raise ValidationError(_("This invitation has been accepted or withdrawn; it cannot be sent again."))
        token = _fresh_token(invitation)
        invitation.created_by = invitation.created_by or actor
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at", "created_by"])
        audit.record(
            actor,
            "accounts.invitation.resend",
            invitation.user,
            {"expires_at": [None, invitation.expires_at.isoformat()]},
        )
    _mail_invitation(invitation, token, base_url)


def withdraw_invitation(actor: User, invitation: StaffInvitation) -> None:
    """Withdraw an open invitation: its link stops working; the account stays inactive."""
    require(actor, "accounts.manage_invitation", invitation)
    with transaction.atomic():
        invitation = StaffInvitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
        if not invitation.is_open:
            raise ValidationError(_("This invitation has been accepted or withdrawn already."))
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
        audit.record(actor, "accounts.invitation.withdraw", invitation.user, {"invitation": ["open", "withdrawn"]})


def accept_invitation(token: str, *, display_name: str, password: str) -> User:
    """Set the password from the invitation link: the account becomes active with a verified address.

    The link works once (the invitation row is locked), not after it expired or was withdrawn."""
    with transaction.atomic():
        invitation = (
            StaffInvitation.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=hash_token(token))
            .first()
        )
        if invitation is None or invitation.withdrawn_at is not None:
            raise ValidationError(_("This invitation link is not valid."), code="invalid")
        if invitation.used_at is not None:
            raise ValidationError(_("This invitation link has been used already."), code="used")
        if invitation.is_expired:
            raise ValidationError(_("This invitation link has expired."), code="expired")
        user = User.objects.select_for_update().get(pk=invitation.user_id)
        user.set_password(password)
        user.display_name = display_name
        user.is_active = True
        user.email_verified = True
        user.save(update_fields=["password", "display_name", "is_active", "email_verified"])
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        audit.record(user, "accounts.invitation.accept", user, {"is_active": [False, True]})
    throttle.reset(user.email)
    return user
