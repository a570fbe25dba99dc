"""The coordination office's services, part 1: rooms and equipment lent for a time span (bookings with their
occurrences, blackout periods, hand-over and return) and office hours with bookable slots.

No double booking: on PostgreSQL an exclusion constraint (migration 0002, `btree_gist`) keeps approved
occurrences of one room apart; equipment quantities and everything on SQLite are checked by the services under
row locks in one transaction (SQLite's transactions are IMMEDIATE: one writer at a time)."""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel


class Room(TimeStampedModel):
    """A room the coordination office or a district centre lends for topics around participation."""

    ACCESSIBILITY_FIELDS = ("step_free", "accessible_toilet", "hearing_loop")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_note = models.CharField(_("note on accessibility"), max_length=500, blank=True)
    fixed_equipment = models.CharField(
        _("fixed equipment"), max_length=500, blank=True, help_text=_("For example “screen, whiteboard, kitchen”.")
    )
    address = models.CharField(_("address"), max_length=300)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    district = models.ForeignKey(
        "organisation.District", verbose_name=_("district"), null=True, blank=True, on_delete=models.SET_NULL
    )
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    rules_page = models.ForeignKey(
        "core.Page",
        verbose_name=_("rules of use"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fee = models.CharField(_("fee"), max_length=200, blank=True, help_text=_("Empty: free of charge."))
    is_active = models.BooleanField(_("can be booked"), default=True)
    position = models.PositiveIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                name="office_room_point_complete",
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("office:room", args=[self.slug])

    @property
    def title(self) -> str:
        return self.name

    def accessibility_features(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name) for name in self.ACCESSIBILITY_FIELDS if getattr(self, name)
        ]


def photo_path(instance, filename):
    return f"office/rooms/{instance.room_id}/{filename}"


class RoomPhoto(TimeStampedModel):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=photo_path)
    alt_text = models.CharField(_("description of the photo"), max_length=300)

    class Meta:
        verbose_name = _("photo of a room")
        verbose_name_plural = _("photos of rooms")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.alt_text


class Equipment(TimeStampedModel):
    """Moderation and event equipment lent to third parties (projector, moderation kit, pinboards …)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=1000, blank=True)
    stock = models.PositiveIntegerField(_("number available"), validators=[MinValueValidator(1)])
    pickup = models.CharField(_("where to collect it"), max_length=300)
    is_active = models.BooleanField(_("can be booked"), default=True)
    position = models.PositiveIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["position", "name"]
        constraints = [models.CheckConstraint(name="office_equipment_stock_positive", condition=models.Q(stock__gte=1))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("office:equipment", args=[self.slug])

    @property
    def title(self) -> str:
        return self.name


class Blackout(TimeStampedModel):
    """A period in which a room or an equipment item (or, with neither, everything) cannot be booked."""

    room = models.ForeignKey(
        Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.CASCADE, related_name="blackouts"
    )
    equipment = models.ForeignKey(
        Equipment,
        verbose_name=_("equipment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="blackouts",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("blackout period")
        verbose_name_plural = _("blackout periods")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                name="office_blackout_end_after_start", condition=models.Q(end__gt=models.F("start"))
            )
        ]

    def __str__(self):
        return self.reason

    @property
    def title(self) -> str:
        return self.reason


class Booking(TimeStampedModel):
    """A request for a room and/or equipment for a time span, once or as a series; its occurrences are rows."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    class Repeat(models.TextChoices):
        NONE = "", _("Once")
        WEEKLY = "weekly", _("Every week")
        BIWEEKLY = "biweekly", _("Every two weeks")

    booker = models.ForeignKey(  # None once the account is deleted (the booking is kept without anything personal)
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="office_bookings",
    )
    organisation = models.CharField(_("for (initiative, association, council, department)"), max_length=200, blank=True)
    room = models.ForeignKey(
        Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="bookings"
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    expected_people = models.PositiveIntegerField(
        _("expected number of people"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    repeat = models.CharField(_("repeat"), max_length=10, choices=Repeat.choices, blank=True, default="")
    repeat_until = models.DateField(_("until"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.REQUESTED, db_index=True)
    decision_reason = models.CharField(_("reason"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{_('Booking')} {self.pk}"

    def get_absolute_url(self):
        return reverse("office:my_booking", args=[self.pk])

    @property
    def title(self) -> str:
        return f"{self} ({self.purpose})"

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.REQUESTED, self.State.APPROVED)


class BookingItem(models.Model):
    """An equipment item with its quantity in a booking (for each of its occurrences)."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="items")
    equipment = models.ForeignKey(
        Equipment, verbose_name=_("equipment"), on_delete=models.PROTECT, related_name="booking_items"
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("booked equipment")
        verbose_name_plural = _("booked equipment")
        constraints = [
            models.UniqueConstraint(fields=["booking", "equipment"], name="office_item_once_per_booking"),
            models.CheckConstraint(name="office_item_quantity_positive", condition=models.Q(quantity__gte=1)),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.equipment}"


class Occurrence(models.Model):
    """One date of a booking (a single booking has one). The state follows the booking's; a date left out of a
    series or cancelled on its own is `cancelled`. The room is repeated here so that the database can keep
    approved occurrences of one room apart (the exclusion constraint of migration 0002)."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="occurrences")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="occurrences")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.REQUESTED)
    handed_over_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    return_reminded_at = models.DateTimeField(_("reminded of the return"), null=True, blank=True)

    class Meta:
        verbose_name = _("date of a booking")
        verbose_name_plural = _("dates of bookings")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                name="office_occurrence_end_after_start", condition=models.Q(end__gt=models.F("start"))
            )
        ]
        indexes = [models.Index(fields=["room", "state", "start"]), models.Index(fields=["state", "start"])]

    def __str__(self):
        return f"{self.start:%d.%m.%Y %H:%M}"


# --- office hours ------------------------------------------------------------------------------------


class OfficeHour(TimeStampedModel):
    """A weekly office hour of the coordination office or of a district manager: slots of `slot_minutes` between
    `start_time` and `end_time` on one weekday, from `valid_from` to `valid_until`; exceptions leave dates out."""

    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        PHONE = "phone", _("By phone")
        VIDEO = "video", _("By video call")

    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]

    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("held by"), on_delete=models.CASCADE, related_name="office_hours"
    )
    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="office_hours",
        help_text=_("Empty for the coordination office's office hours."),
    )
    title = models.CharField(_("title"), max_length=200)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("length of a slot in minutes"), default=30, validators=[MinValueValidator(10), MaxValueValidator(240)]
    )
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE)
    place = models.CharField(
        _("place, telephone number or video link"),
        max_length=300,
        help_text=_("The address on site, or how the call is made (the link is sent only with the confirmation)."),
    )
    valid_from = models.DateField(_("first day"))
    valid_until = models.DateField(_("last day"), null=True, blank=True)
    is_active = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("office hour")
        verbose_name_plural = _("office hours")
        ordering = ["weekday", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                name="office_hour_end_after_start", condition=models.Q(end_time__gt=models.F("start_time"))
            )
        ]

    def __str__(self):
        return self.title


class OfficeHourException(models.Model):
    """A date on which an office hour does not take place (holiday, illness)."""

    office_hour = models.ForeignKey(OfficeHour, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("day without office hour")
        verbose_name_plural = _("days without office hour")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["office_hour", "date"], name="office_hour_exception_once")]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"


class Slot(models.Model):
    """One bookable appointment of an office hour (made ahead for the coming weeks by the services)."""

    office_hour = models.ForeignKey(OfficeHour, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["start", "id"]
        constraints = [models.UniqueConstraint(fields=["office_hour", "start"], name="office_slot_once")]

    def __str__(self):
        return f"{self.start:%d.%m.%Y %H:%M}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_seed() -> str:
    return secrets.token_hex(16)


class SlotBooking(TimeStampedModel):
    """A person's booking of a slot, without an account. The link's token itself is not stored; name,
    address, topic and needs are removed 30 days after the slot (`purge_office_hour_bookings`)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Not confirmed in time")

    ACTIVE = (State.PENDING, State.CONFIRMED)

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="bookings")
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    topic = models.CharField(_("topic"), max_length=500, blank=True)
    needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PENDING)
    # The link's token is an HMAC (with SECRET_KEY) of this seed; only the token's SHA-256 is kept, to find the
    # booking by its link. The database alone does not give the link.
    seed = models.CharField(max_length=32, default=new_seed, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    purged_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking of an office hour")
        verbose_name_plural = _("bookings of office hours")
        ordering = ["created_at", "id"]
        constraints = [
            # A slot is given once: at most one pending or confirmed booking per slot.
            models.UniqueConstraint(
                fields=["slot"], condition=models.Q(state__in=["pending", "confirmed"]), name="office_slot_given_once"
            )
        ]

    def __str__(self):
        return f"{_('Booking of an office hour')} {self.pk}"


# The office's other services, one module each (imported here so that Django finds their models).
from .models_advice import *  # noqa: E402, F403
from .models_funding import *  # noqa: E402, F403
