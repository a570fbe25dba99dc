"""Users log in with their e-mail address. What a user may do comes from their roles."""

from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("e-mail is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_staff", True)
        user = self.create_user(email, password, **extra)
        Role.objects.get_or_create(user=user, kind=Role.Kind.ADMIN)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"), max_length=60, help_text=_("Shown with your contributions. A pseudonym is fine.")
    )
    # Staff members are shown with their office contact details only.
    full_name = models.CharField(_("full name"), max_length=120, blank=True)
    org_unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("organisational unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    office_phone = models.CharField(_("office phone"), max_length=40, blank=True)
    office_email = models.EmailField(_("office e-mail"), blank=True)
    office_address = models.CharField(_("office address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the Django admin"), default=False)
    email_verified = models.BooleanField(_("e-mail verified"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # The provider's subject ("sub") of a staff member who signs on with OpenID Connect; empty otherwise.
    oidc_subject = models.CharField(_("single sign-on subject"), max_length=255, blank=True, default="", editable=False)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["oidc_subject"], condition=~models.Q(oidc_subject=""), name="user_oidc_subject_unique"
            )
        ]

    def __str__(self):
        return self.full_name or self.display_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    def get_session_auth_hash(self):
        """Django checks this hash on every request for every backend: a deactivated account's sessions
        no longer match it, so they end at its next request, whatever backend logged it in."""
        key = super().get_session_auth_hash()
        if self.is_active:
            return key
        return salted_hmac("stadtdialog.accounts.inactive", key, algorithm="sha256").hexdigest()

    @cached_property
    def roles(self) -> list["Role"]:
        """All roles of the user, loaded once per request."""
        return list(self.role_set.all())

    def has_role(self, *kinds) -> bool:
        return any(role.kind in kinds for role in self.roles)

    @property
    def is_staff_member(self) -> bool:
        return self.has_role(*Role.STAFF_KINDS)


class Role(models.Model):
    class Kind(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        COORDINATION = "coordination", _("Coordination office")
        UNIT_LEAD = "unit_lead", _("Unit lead")
        DEPARTMENT = "department", _("Department staff")
        DISTRICT_MANAGER = "district_manager", _("District manager")
        DISTRICT_DEPUTY = "district_deputy", _("Deputy district manager")
        MODERATOR = "moderator", _("Moderator")
        COUNCIL_MEMBER = "council_member", _("Council member")

    STAFF_KINDS = (
        Kind.ADMIN,
        Kind.COORDINATION,
        Kind.UNIT_LEAD,
        Kind.DEPARTMENT,
        Kind.DISTRICT_MANAGER,
        Kind.DISTRICT_DEPUTY,
        Kind.MODERATOR,
    )
    # Roles that act for a unit (and the units below it) or for a district; a council member may have a district
    # (a district council) or none (the city council).
    UNIT_KINDS = (Kind.UNIT_LEAD, Kind.DEPARTMENT)
    DISTRICT_KINDS = (Kind.DISTRICT_MANAGER, Kind.DISTRICT_DEPUTY)

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_set")
    kind = models.CharField(_("role"), max_length=30, choices=Kind.choices)
    org_unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("organisational unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Department staff and unit leads act for this unit and the units below it."),
    )
    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_(
            "District managers and their deputies act for this district; a council member with a district "
            "sits on its district council, without one on the city council."
        ),
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True, null=True)

    class Source(models.TextChoices):
        LOCAL = "local", _("Staff area")
        OIDC = "oidc", _("Single sign-on")

    # Roles from the identity provider's groups are replaced at each single sign-on; roles given in the
    # staff area stay.
    source = models.CharField(_("assigned by"), max_length=10, choices=Source.choices, default=Source.LOCAL)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                name="role_department_has_unit",
                condition=~models.Q(kind="department") | models.Q(org_unit__isnull=False),
            ),
            models.CheckConstraint(
                name="role_unit_lead_has_unit",
                condition=~models.Q(kind="unit_lead") | models.Q(org_unit__isnull=False),
            ),
            models.CheckConstraint(
                name="role_district_manager_has_district",
                condition=~models.Q(kind="district_manager") | models.Q(district__isnull=False),
            ),
            models.CheckConstraint(
                name="role_district_deputy_has_district",
                condition=~models.Q(kind="district_deputy") | models.Q(district__isnull=False),
            ),
        ]

    def __str__(self):
        scope = self.org_unit or self.district
        return f"{self.get_kind_display()}{f' ({scope})' if scope else ''}"


class StaffInvitation(models.Model):
    """An invitation to a staff account: a one-time link, valid for settings.STAFF_INVITATION_DAYS days.

    The account exists from the invitation on (inactive, without a password, with its first roles); the
    link sets the password and activates it. Only the SHA-256 of the link's token is stored, so the
    database alone cannot open an invitation. A re-sent invitation gets a new token (the old link stops
    working); a withdrawn one works no more.
    """

    user = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="staff_invitations"
    )
    token_hash = models.CharField(_("token (SHA-256)"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("invited by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return str(_("Invitation of %(email)s") % {"email": self.user.email})

    @property
    def is_open(self) -> bool:
        """Neither accepted nor withdrawn (it may have expired)."""
        return self.used_at is None and self.withdrawn_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
