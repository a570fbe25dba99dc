"""Forms of the accounts: login, registration, password reset, profile, deletion."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.antibot import AntiBotMixin
from stadtdialog.core.forms import max_length_of

from . import services, throttle
from .models import User
from .oidc import is_staff_account

STAFF_USE_SSO = _(
    "Staff of the city log in with their work account: please use the button “Log in with your work account”."
)


class LoginForm(AuthenticationForm):
    """Login by e-mail address; throttles wrong passwords and says that an account is blocked (only to
    someone who knows its password)."""

    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is not correct. Please try again."),
        "inactive": _("This account is blocked."),
        "unverified": _("Please confirm your e-mail address first: open the link in the e-mail we sent you."),
        "staff_sso": STAFF_USE_SSO,
        "throttled": _(
            "Too many wrong passwords for this e-mail address. Please wait 15 minutes, or choose a new "
            "password with “Forgot your password?”."
        ),
    }

    def clean_username(self):
        return self.cleaned_data["username"].lower()

    def clean(self):
        email = self.cleaned_data.get("username")
        if email and throttle.is_locked(email):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            data = super().clean()
        except forms.ValidationError as error:
            if email and error.code == "invalid_login":
                throttle.record_failure(email)
                if self._is_blocked_with_right_password():
                    raise forms.ValidationError(self.error_messages["inactive"], code="inactive") from None
            raise
        if email:
            throttle.reset(email)
        return data

    def _is_blocked_with_right_password(self) -> bool:
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not email or not password:
            return False
        user = User.objects.filter(email=email, is_active=False).first()
        return user is not None and user.check_password(password)

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not settings.STAFF_LOCAL_LOGIN and is_staff_account(user):  # the city switched it off for staff
            raise forms.ValidationError(self.error_messages["staff_sso"], code="staff_sso")
        if not user.email_verified:
            raise forms.ValidationError(self.error_messages["unverified"], code="unverified")


class RegistrationForm(AntiBotMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=max_length_of(User, "display_name"),
        min_length=3,
        help_text=_("Shown with your contributions. A pseudonym is fine; please do not use your full name."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits, not a common password."),
    )
    privacy = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my e-mail address is stored for my account."),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        if data.get("password"):
            candidate = User(email=data.get("email", ""), display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(data["password"], candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ResetRequestForm(AntiBotMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("The address of your account. We send a link to choose a new password."),
    )

    def get_users(self, email):
        """No link for staff when they may not log in with a password (STAFF_LOCAL_LOGIN=0)."""
        users = super().get_users(email)
        return users if settings.STAFF_LOCAL_LOGIN else (user for user in users if not is_staff_account(user))


class ResetSetPasswordForm(SetPasswordForm):
    """Sets the new password through the accounts service, which writes the audit entry."""

    def clean(self):
        if not settings.STAFF_LOCAL_LOGIN and is_staff_account(self.user):  # a link mailed before the switch
            raise forms.ValidationError(STAFF_USE_SSO, code="staff_sso")
        return super().clean()

    def save(self, commit=True):
        services.reset_password(self.user, self.cleaned_data["new_password1"])
        return self.user


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        min_length=3,
        max_length=max_length_of(User, "display_name"),
        help_text=_("Shown with your contributions. A pseudonym is fine; please do not use your full name."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is you."),
    )
    confirm = forms.BooleanField(
        label=_("Yes, delete my account. I know that this cannot be undone."),
        error_messages={"required": _("Please confirm that you want to delete your account.")},
    )
