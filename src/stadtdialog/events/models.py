"""Events on site (workshops, walks, information events …), registration with a waiting list, and
the documentation published afterwards."""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())


class Event(TimeStampedModel):
    class Format(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        WALK = "walk", _("Neighbourhood walk")
        INFO_EVENT = "info_event", _("Information event")
        NETWORKING = "networking", _("Networking meeting")
        TRAINING = "training", _("Training")
        EXHIBITION = "exhibition", _("Exhibition")
        OTHER = "other", _("Other format")

    # The kinds the coordination office's training catalogue shows (issue 15): trainings get a certificate.
    CATALOGUE_FORMATS = (Format.TRAINING, Format.NETWORKING)
    TARGET_GROUP_FIELDS = ("for_staff", "for_politics", "for_residents")

    # Accessibility features, in the order they are shown.
    ACCESSIBILITY_FIELDS = ("step_free", "hearing_loop", "easy_language", "sign_language", "childcare")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.WORKSHOP)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    place_name = models.CharField(_("place"), max_length=200, help_text=_("For example “Freizeitheim Linden, Saal 1”."))
    address = models.CharField(_("address"), max_length=300)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    process = models.ForeignKey(
        "processes.Process",
        verbose_name=_("participation process"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    org_unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("organised by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    easy_language = models.BooleanField(_("easy language"), default=False)
    sign_language = models.BooleanField(_("sign language interpreting on request"), default=False)
    childcare = models.BooleanField(_("childcare"), default=False)
    accessibility_note = models.CharField(_("note on accessibility"), max_length=500, blank=True)
    # Who a training or networking meeting is for (the training catalogue filters by them).
    for_staff = models.BooleanField(_("for city staff"), default=False)
    for_politics = models.BooleanField(_("for politicians"), default=False)
    for_residents = models.BooleanField(_("for residents"), default=False)
    registration_required = models.BooleanField(_("registration required"), default=False)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Leave empty for no limit. When all places are taken, further registrations go on the waiting list."
        ),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancellation_reason = models.CharField(_("reason for the cancellation"), max_length=500, blank=True)
    minutes = models.TextField(_("minutes"), max_length=20000, blank=True)
    documented_at = models.DateTimeField(_("documentation published"), null=True, blank=True)
    # Stable identity in calendars; SEQUENCE grows with every change so calendars update the entry.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(name="event_end_after_start", condition=models.Q(end__gte=models.F("start"))),
            models.CheckConstraint(
                name="event_point_complete",
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["process", "start"]), models.Index(fields=["district", "start"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def is_past(self, now=None) -> bool:
        return self.end < (now or timezone.now())

    def registration_open(self, now=None) -> bool:
        return (
            self.registration_required
            and self.is_published
            and not self.is_cancelled
            and self.start > (now or timezone.now())
        )

    def target_groups(self) -> list[str]:
        """Labels of the groups a training or networking meeting is for."""
        return [
            str(self._meta.get_field(name).verbose_name) for name in self.TARGET_GROUP_FIELDS if getattr(self, name)
        ]

    @property
    def is_training(self) -> bool:
        return self.format == self.Format.TRAINING

    def accessibility_features(self) -> list[str]:
        """Labels of the features this event offers."""
        return [
            str(self._meta.get_field(name).verbose_name) for name in self.ACCESSIBILITY_FIELDS if getattr(self, name)
        ]


def photo_path(instance, filename):
    return f"events/{instance.event_id}/{filename}"


class EventPhoto(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=photo_path)
    alt_text = models.CharField(
        _("description of the photo"), max_length=300, help_text=_("For people who cannot see the photo.")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.alt_text


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(TimeStampedModel):
    """A person registered for an event. Name, e-mail and needs are seen only by the event's staff."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)  # blank once purged after the event
    needs = models.CharField(
        _("what you need to take part"),
        max_length=500,
        blank=True,
        help_text=_("For example sign language interpreting, childcare or a seat near the front."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    # The account that registered, when logged in: its certificate of participation is shown in the account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="event_registrations"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"


class Attendance(TimeStampedModel):
    """Someone took part in an event, recorded by its staff afterwards (from a registration or on site).

    The name stays after the registrations' personal data is removed: it is what the certificate of
    participation names."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    registration = models.OneToOneField(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="attendance"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendances",
    )
    name = models.CharField(_("name"), max_length=120)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(name="events_attendance_named", condition=~models.Q(name="")),
        ]

    def __str__(self):
        return self.name
