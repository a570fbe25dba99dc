"""Forms of the accounts: login, registration, password reset, profile, deletion."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.antibot import AntiBotMixin
from stadtdialog.core.forms import SingleLineField, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import District, OrgUnit

from . import services, throttle
from .models import Role, User
from .oidc import is_staff_account
from .rules import is_admin, is_city_wide_staff, lead_unit_ids_of

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
        "sprayed": _(
            "This password was just tried for many accounts, so it is refused for every account for 15 "
            "minutes. If it is your password, please choose a new one with “Forgot your password?”."
        ),
        "site_busy": _(
            "Very many wrong passwords were tried on this site in the last minute. To protect all accounts, "
            "logging in with a password is paused for a minute. Please try again shortly."
        ),
    }

    def clean_username(self):
        return self.cleaned_data["username"].lower()

    def clean(self):
        email = self.cleaned_data.get("username")
        if email and throttle.is_locked(email):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        password = self.cleaned_data.get("password")
        if email and throttle.is_site_busy():
            raise forms.ValidationError(self.error_messages["site_busy"], code="site_busy")
        if email and password and throttle.is_sprayed(password):  # refused right or wrong: tells nothing
            raise forms.ValidationError(self.error_messages["sprayed"], code="sprayed")
        try:
            data = super().clean()
        except forms.ValidationError as error:
            if email and error.code == "invalid_login":
                throttle.record_failure(email, password or "")
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
    display_name = SingleLineField(
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

    password_not_shown = _(
        "For your security we do not show the password again. Please enter it once more; it was fine."
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def full_clean(self):
        """A password is never sent back in the page (browsers and proxies may keep pages): when only other
        fields have errors, the empty field says why it is empty."""
        super().full_clean()
        if self.is_bound and self.errors and "password" not in self.errors and self.data.get("password"):
            self.fields["password"].help_text = self["password"].help_text = self.password_not_shown

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
    display_name = SingleLineField(
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


# -- staff administration -------------------------------------------------------------------------------


def _units_for(user):
    """The units a user may give staff and roles in: all (not dissolved) for the admin, else those they lead."""
    units = OrgUnit.objects.filter(dissolved_at__isnull=True).order_by("short_name")
    return units if is_admin(user) else units.filter(pk__in=lead_unit_ids_of(user))


def _kinds_for(user) -> list[tuple[str, str]]:
    if is_admin(user):
        return list(Role.Kind.choices)
    return [(value, label) for value, label in Role.Kind.choices if value in Role.UNIT_KINDS]


def _district_field(label, help_text=""):
    return forms.ModelChoiceField(
        label=label, queryset=District.objects.order_by("number"), required=False, help_text=help_text
    )


class StaffFilterForm(forms.Form):
    """The staff list's filters (GET): unit (with the units below it), role kind, state."""

    einheit = forms.ModelChoiceField(label=_("Unit (with the units below it)"), queryset=None, required=False)
    rolle = forms.ChoiceField(label=_("Role"), required=False)
    stand = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), ("aktiv", _("Active")), ("inaktiv", _("Deactivated")), ("eingeladen", _("Invited"))],
    )

    def __init__(self, data, *, user):
        super().__init__(data)
        units = OrgUnit.objects.order_by("short_name")
        self.fields["einheit"].queryset = (
            units if is_city_wide_staff(user) else units.filter(pk__in=lead_unit_ids_of(user))
        )
        self.fields["einheit"].empty_label = _("All units")
        self.fields["rolle"].choices = [("", _("All roles")), *Role.Kind.choices]

    def criteria(self) -> dict:
        """The filters that are valid; an invalid one is left out (the list then shows more, never an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"unit": data.get("einheit"), "kind": data.get("rolle") or "", "status": data.get("stand") or ""}


class RoleForm(VersionedForm):
    """A role with its scope. Which scope a kind needs is checked by the service (services.checked_scope)."""

    kind = forms.ChoiceField(label=_("Role"))
    org_unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        help_text=_("For department staff and unit leads: they act for this unit and the units below it."),
    )
    district = _district_field(
        _("District"),
        _(
            "For district managers and deputies: their district. For a council member: their district council; "
            "empty for the city council."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Please choose")), *_kinds_for(user)]
        self.fields["org_unit"].queryset = _units_for(user)
        if not is_admin(user):
            del self.fields["district"]  # a unit lead grants unit roles only

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {"kind": data["kind"], "org_unit": data.get("org_unit"), "district": data.get("district")}


class InviteStaffForm(forms.Form):
    """Invite a person: their address, name, unit and office contact, and their first roles."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=max_length_of(User, "email"),
        help_text=_("The invitation link goes to this address; it is also the login."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    full_name = SingleLineField(label=_("Full name"), max_length=max_length_of(User, "full_name"))
    org_unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        help_text=_("The unit the person works in; department staff and unit lead roles act for it."),
    )
    office_phone = forms.CharField(
        label=_("Office phone"), max_length=max_length_of(User, "office_phone"), required=False
    )
    office_email = forms.EmailField(
        label=_("Office e-mail"),
        max_length=max_length_of(User, "office_email"),
        required=False,
        help_text=_("Shown to residents where the person is a contact, e.g. a team address."),
    )
    roles = forms.MultipleChoiceField(
        label=_("First roles"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one role.")},
    )
    district = _district_field(
        _("District"),
        _("For a district manager or deputy; for a council member their district council (empty: the city council)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _units_for(user)
        self.fields["roles"].choices = _kinds_for(user)
        if not is_admin(user):
            self.fields["org_unit"].required = True
            del self.fields["district"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_full_name(self):
        return self.cleaned_data["full_name"].strip()

    def service_data(self) -> dict:
        data = self.cleaned_data
        unit, district = data.get("org_unit"), data.get("district")
        return {
            "email": data["email"],
            "full_name": data["full_name"],
            "org_unit": unit,
            "office_phone": data.get("office_phone", ""),
            "office_email": data.get("office_email", ""),
            "roles": [{"kind": kind, "org_unit": unit, "district": district} for kind in data["roles"]],
        }


class AcceptInvitationForm(SetPasswordForm):
    """The invited person chooses their display name and password (Django's password validators)."""

    display_name = SingleLineField(
        label=_("Display name"),
        min_length=3,
        max_length=max_length_of(User, "display_name"),
        help_text=_("Shown where you write in the dialogs. Your full name is fine for staff."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["display_name", "new_password1", "new_password2"]

    def clean_display_name(self):
        return self.cleaned_data["display_name"].strip()

    def save(self, commit=True):  # the view calls services.accept_invitation
        raise NotImplementedError
