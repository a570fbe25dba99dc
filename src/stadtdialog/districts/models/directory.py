"""The directory of "Lotsen und Kümmerer" and information points: who helps with what, how to reach them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel


class ContactPoint(TimeStampedModel):
    """An entry of the directory, for one district or (without a district) for the whole city."""

    class Kind(models.TextChoices):
        REFERRAL = "referral", _("Guide (Lotse)")
        CARETAKING = "caretaking", _("Caretaker (Kümmerer)")
        INFORMATION = "information", _("Information point")

    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contact_points",
        help_text=_("Empty for a contact point for the whole city."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name of the service or place"), max_length=200)
    topics = models.CharField(_("topics"), max_length=300, help_text=_("Who helps with what, e.g. “Pflege, Rente”."))
    description = models.TextField(_("description"), max_length=3000)
    description_easy = models.TextField(_("description in easy language"), max_length=3000, blank=True)
    org_unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("unit of the administration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("web page"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    accessibility = models.CharField(
        _("accessibility of the place"), max_length=300, blank=True, help_text=_("E.g. step-free access, hearing loop.")
    )
    # A person is named only when they are staff or agreed to be listed (DSGVO).
    person_name = models.CharField(_("name of the contact person"), max_length=150, blank=True)
    person_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account of the contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person_agreed = models.BooleanField(_("the person agreed to be listed by name"), default=False)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        ordering = ["district__number", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person_name="") | Q(person_agreed=True) | Q(person_account__isnull=False),
                name="contactpoint_person_listed_only_with_consent",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def title(self) -> str:
        return self.name

    @property
    def shows_person(self) -> bool:
        """Whether the person may be named (staff or agreed; the database refuses anything else)."""
        return bool(self.person_name) and (self.person_agreed or self.person_account_id is not None)
