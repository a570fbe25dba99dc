"""Writes of the accounts app: residents register and verify their e-mail address."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from stadtdialog.core import audit

from .models import User
from .tokens import email_verification_token


def register_resident(email: str, display_name: str, password: str, base_url: str) -> User:
    """Create a resident account; it can log in once the address is confirmed by the link we send."""
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address exists already. Did you forget your password?")})
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password, display_name=display_name.strip())
        audit.record(user, "account.register", user, {"display_name": [None, user.display_name]})
    send_verification_mail(user, base_url)
    return user


def send_verification_mail(user: User, base_url: str) -> None:
    path = reverse(
        "accounts:verify",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": email_verification_token.make_token(user)},
    )
    context = {"user": user, "link": base_url.rstrip("/") + path, "site_name": settings.SITE_NAME}
    send_mail(
        subject=_("Please confirm your e-mail address for %(site)s") % {"site": settings.SITE_NAME},
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

def update_display_name(user: User, display_name: str) -> None:
    display_name = display_name.strip()
    if not 3 <= len(display_name) <= 60:
        raise ValidationError({"display_name": _("Please use 3 to 60 characters.")})
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


def delete_account(user: User, password: str) -> None:
    """Delete a resident's account. Contributions and comments stay, shown as from a deleted account.

    The audit entries about the account lose their personal data; the deletion itself is logged
    without any.
    """
    from django.contrib.contenttypes.models import ContentType

    from stadtdialog.core.models import AuditEntry

    from .personal_data import deletion_hooks

    if not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
    if user.is_superuser or user.is_staff_member:
        raise ValidationError(_("Staff accounts are closed by the administrators. Please contact them."))
    user_type = ContentType.objects.get_for_model(User)
    with transaction.atomic():
        for hook in deletion_hooks().values():
            hook(user)
        AuditEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
            object_repr=DELETED_ACCOUNT, changes={}
        )
        AuditEntry.objects.create(
            actor=None, action="account.delete", content_type=user_type, object_id=str(user.pk),
            object_repr=DELETED_ACCOUNT, changes={},
        )
        user.delete()


DELETED_ACCOUNT = "[deleted account]"
