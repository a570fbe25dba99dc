"""Forms for residents' own accounts: login that names a block, password reset, profile, deletion."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.antibot import AntiBotMixin

from . import services
from .forms import LoginForm
from .models import User


class BlockAwareLoginForm(LoginForm):
    """Says that an account is blocked (only to someone who knows its password)."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login" and self._is_blocked_with_right_password():
                raise forms.ValidationError(self.error_messages["inactive"], code="inactive") from None
            raise

    def _is_blocked_with_right_password(self) -> bool:
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not email or not password:
            return False
        user = User.objects.filter(email=email, is_active=False).first()
        return user is not None and user.check_password(password)


class ResetRequestForm(AntiBotMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("The address of your account. We send a link to choose a new password."),
    )


class ResetSetPasswordForm(SetPasswordForm):
    """Sets the new password through the accounts service, which writes the audit entry."""

    def save(self, commit=True):
        services.reset_password(self.user, self.cleaned_data["new_password1"])
        return self.user


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        min_length=3,
        max_length=60,
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
