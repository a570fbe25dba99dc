"""What the district managers keep about their district: the profile of the district page (office hours, how to
bring a concern, the photo), the district's networks and the monitoring notes (deficits, potentials, resources)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel


def photo_path(instance, filename):
    return f"districts/{instance.district_id}/{filename}"


class DistrictProfile(TimeStampedModel):
    """One per district: the text of the district page that its manager and deputy keep."""

    district = models.OneToOneField(
        "organisation.District", verbose_name=_("district"), on_delete=models.CASCADE, related_name="profile"
    )
    introduction = models.TextField(_("introduction"), max_length=2000, blank=True)
    office_address = models.CharField(_("office of the district management"), max_length=200, blank=True)
    office_hours = models.CharField(
        _("office hours"), max_length=300, blank=True, help_text=_("For example “Tuesdays 10–12 and Thursdays 15–18”.")
    )
    concern_how = models.TextField(
        _("how to bring a concern"),
        max_length=2000,
        blank=True,
        help_text=_("In plain words: by phone, by e-mail, at the office hours or with the form on this site."),
    )
    photo = models.FileField(_("photo of the district management"), upload_to=photo_path, blank=True)
    photo_alt = models.CharField(_("description of the photo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("district profile")
        verbose_name_plural = _("district profiles")

    def __str__(self):
        return str(self.district)


class Network(TimeStampedModel):
    """A round table, forum, working group or association of the district that the district management informs and
    involves."""

    class Kind(models.TextChoices):
        ROUND_TABLE = "round_table", _("Round table")
        FORUM = "forum", _("Forum")
        WORKING_GROUP = "working_group", _("Working group")
        ASSOCIATION = "association", _("Association")
        OTHER = "other", _("Other network")

    district = models.ForeignKey(
        "organisation.District", verbose_name=_("district"), on_delete=models.CASCADE, related_name="networks"
    )
    quarter = models.ForeignKey(
        "organisation.Quarter",
        verbose_name=_("quarter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the network works for the whole district."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ROUND_TABLE)
    name = models.CharField(_("name"), max_length=200)
    topics = models.CharField(_("topics"), max_length=300)
    contact = models.CharField(
        _("contact"),
        max_length=300,
        help_text=_("An office address, e-mail or phone; a person's name only when they agreed to be listed."),
    )
    meeting_rhythm = models.CharField(
        _("meeting rhythm"), max_length=200, blank=True, help_text=_("For example “every second Tuesday, 18:00”.")
    )
    is_published = models.BooleanField(_("shown on the district page"), default=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["district__number", "name", "id"]

    def __str__(self):
        return self.name

    @property
    def title(self) -> str:
        return self.name


class MonitoringNote(TimeStampedModel):
    """A short note of the district management on the development of the district."""

    class Kind(models.TextChoices):
        DEFICIT = "deficit", _("Deficit")
        POTENTIAL = "potential", _("Potential")
        RESOURCE = "resource", _("Resource")

    district = models.ForeignKey(
        "organisation.District", verbose_name=_("district"), on_delete=models.CASCADE, related_name="monitoring_notes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("note"), max_length=3000)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Public notes appear on the district page; the others only here.")
    )

    class Meta:
        verbose_name = _("monitoring note")
        verbose_name_plural = _("monitoring notes")
        ordering = ["district__number", "kind", "-updated_at", "-id"]

    def __str__(self):
        return self.title
