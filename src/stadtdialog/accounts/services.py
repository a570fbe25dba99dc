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
