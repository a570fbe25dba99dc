"""Writes of the accounts app: residents register, verify their address, change their name, leave.

The values come as the accounts forms checked and normalised them (the address in lower case, the
display name stripped and 3 to 60 characters long, the password through Django's validators); the
services check what needs the database (an address that is taken, the password of the account).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.organisation.queries import current_city

from . import throttle
from .models import User
from .tokens import email_verification_token


def register_resident(*, email: str, display_name: str, password: str, base_url: str) -> User:
    """Create a resident account; it can log in once the address is confirmed by the link we send."""
    if User.objects.filter(email=email).exists():
        raise ValidationError(
            {"email": _("An account with this e-mail address exists already. Did you forget your password?")}
        )
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password, display_name=display_name)
        audit.record(user, "account.register", user, {"display_name": [None, user.display_name]})
    send_verification_mail(user, base_url)
    return user


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
    from django.utils import timezone

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
