import hashlib

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """A link token that stops working once the address is verified (or the password changes)."""

    key_salt = "stadtdialog.accounts.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.email}{user.email_verified}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()


def hash_token(token: str) -> str:
    """What is stored of a staff invitation's link token: its SHA-256 (the token itself only goes by mail)."""
    return hashlib.sha256(token.encode()).hexdigest()
