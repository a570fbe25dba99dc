"""Residents' concerns to the district management (Anliegen): categories, the concern, its steps, status updates
and internal notes, and the client applications of the Open311 interface.

The public status vocabulary is defined here once (`ConcernStatus`), with its Open311 mapping (open/closed) and
the CitySDK `detailed_status`; the web pages, the mails and `open311.py` all read it from here.

No model here points at an account: a concern is linked to its resident only by the e-mail address given for it
(deleted by the purge or by the resident), and staff who write updates and notes are kept by name.
"""

import datetime

from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel


class ConcernStatus(models.TextChoices):
    """The one public status vocabulary of a concern (shown at the private link, in the mails and in Open311)."""

    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("In review")
    REFERRED = "referred", _("Referred")
    IN_PROGRESS = "in_progress", _("In progress")
    SOLVED = "solved", _("Solved")
    PARTLY_SOLVED = "partly_solved", _("Partly solved")
    NOT_SOLVABLE = "not_solvable", _("Not solvable")
    MOVED = "moved", _("Moved to another district")


# A concern in one of these states is finished: no more steps or updates, the purge clock runs from closed_at.
CLOSED_STATUSES = frozenset(
    {ConcernStatus.REFERRED, ConcernStatus.SOLVED, ConcernStatus.PARTLY_SOLVED, ConcernStatus.NOT_SOLVABLE}
)
# How caretaking ends (always with a reason).
OUTCOMES = (ConcernStatus.SOLVED, ConcernStatus.PARTLY_SOLVED, ConcernStatus.NOT_SOLVABLE)
# Open311 GeoReport v2 knows "open" and "closed" only.
OPEN311_STATUS = {status: ("closed" if status in CLOSED_STATUSES else "open") for status in ConcernStatus}
# The CitySDK extension's detailed_status (as Klarschiff and other German cities use it).
CITYSDK_DETAILED_STATUS = {
    ConcernStatus.RECEIVED: "RECEIVED",
    ConcernStatus.IN_REVIEW: "IN_PROCESS",
    ConcernStatus.REFERRED: "PROCESSED",
    ConcernStatus.IN_PROGRESS: "IN_PROCESS",
    ConcernStatus.SOLVED: "PROCESSED",
    ConcernStatus.PARTLY_SOLVED: "PROCESSED",
    ConcernStatus.NOT_SOLVABLE: "REJECTED",
    ConcernStatus.MOVED: "RECEIVED",
}


def concern_photo_storage():
    """Photos of concerns may show people or homes: the private storage, streamed only by a view that checked."""
    return storages["private"]


class ConcernCategory(models.Model):
    """What a concern is about; tied to the department that is usually responsible, with the days until it is due.
    Its code is the Open311 service_code."""

    code = models.SlugField(_("code"), max_length=50, unique=True, help_text=_("Used as the Open311 service code."))
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    group = models.CharField(_("group"), max_length=80, blank=True, help_text=_("E.g. “Öffentlicher Raum”."))
    due_days = models.PositiveSmallIntegerField(
        _("days until due"), default=14, help_text=_("Days from receipt until the concern should be finished.")
    )
    department = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    question = models.CharField(
        _("extra question"),
        max_length=200,
        blank=True,
        help_text=_("Asked in the form and offered as an Open311 attribute, e.g. “Wie groß ist das Schlagloch?”."),
    )
    question_required = models.BooleanField(_("the extra question must be answered"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("offered in the form"), default=True)

    class Meta:
        verbose_name = _("concern category")
        verbose_name_plural = _("concern categories")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Open311Client(TimeStampedModel):
    """A client application of the Open311 interface; only the SHA-256 of its API key is stored."""

    name = models.CharField(_("name of the application"), max_length=120)
    key_hash = models.CharField(_("API key (SHA-256)"), max_length=64, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("Open311 client application")
        verbose_name_plural = _("Open311 client applications")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Concern(TimeStampedModel):
    """A resident's concern to the district management. Personal data (e-mail address, text, point, photo, answer
    to the extra question) is held only until `personal_data_deleted_at`; the public summary is written by staff
    and shown only when the resident agreed and staff published it."""

    class Handling(models.TextChoices):
        REFERRAL = "referral", _("Referral (Lotse)")
        CARETAKING = "caretaking", _("Caretaking (Kümmerer)")

    class Source(models.TextChoices):
        WEB = "web", _("Web form")
        OPEN311 = "open311", _("Open311")

    district = models.ForeignKey(
        "organisation.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="concerns"
    )
    category = models.ForeignKey(
        ConcernCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="concerns"
    )
    quarter = models.ForeignKey(
        "organisation.Quarter",
        verbose_name=_("quarter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # -- personal data (emptied by the purge and by the resident) --
    text = models.TextField(_("concern"), max_length=3000, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="concerns/", storage=concern_photo_storage, blank=True, max_length=200
    )
    photo_alt = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    answer = models.CharField(_("answer to the extra question"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    token_hash = models.CharField(_("status link (SHA-256)"), max_length=64, unique=True, null=True, blank=True)
    personal_data_deleted_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)
    # -- handling --
    source = models.CharField(_("brought through"), max_length=10, choices=Source.choices, default=Source.WEB)
    client = models.ForeignKey(
        Open311Client, verbose_name=_("client application"), null=True, blank=True, on_delete=models.SET_NULL
    )
    confirmed_at = models.DateTimeField(_("e-mail address confirmed"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.RECEIVED, db_index=True
    )
    handling = models.CharField(_("handling"), max_length=20, choices=Handling.choices, blank=True)
    due_on = models.DateField(_("due on"))
    first_answer_at = models.DateTimeField(_("first answer"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome_reason = models.TextField(_("reason"), max_length=3000, blank=True)
    referral_unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("referred to the department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referral_contact = models.ForeignKey(
        "districts.ContactPoint",
        verbose_name=_("referred to the contact point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referral_note = models.TextField(_("note with the referral"), max_length=3000, blank=True)
    moved_from = models.ForeignKey(
        "organisation.District",
        verbose_name=_("moved from the district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("continued as the initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # -- the anonymised public summary --
    consent_publish = models.BooleanField(_("the resident agreed to an anonymised public summary"), default=False)
    public_summary = models.TextField(_("anonymised public summary"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("summary published"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["district", "status"]),
            models.Index(fields=["published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(consent_publish=True),
                name="concern_published_only_with_consent",
            ),
        ]

    def __str__(self):
        # Never the text or the address: this goes into the audit log.
        return str(_("Concern #%(number)s") % {"number": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_overdue(self) -> bool:
        return not self.is_closed and self.due_on < timezone.localdate()

    @property
    def open311_status(self) -> str:
        return OPEN311_STATUS[ConcernStatus(self.status)]

    @property
    def detailed_status(self) -> str:
        return CITYSDK_DETAILED_STATUS[ConcernStatus(self.status)]

    def due_from(self, day: datetime.date) -> datetime.date:
        return day + datetime.timedelta(days=self.category.due_days)


class ConcernStep(TimeStampedModel):
    """One step of a concern in caretaking: what, who (a department or a network), by when."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps")
    what = models.CharField(_("what"), max_length=300)
    unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    network = models.CharField(
        _("network"), max_length=200, blank=True, help_text=_("A network of the district, when no department does it.")
    )
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(unit__isnull=False) | ~Q(network=""), name="concernstep_has_someone"),
        ]

    def __str__(self):
        return self.what

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()


class ConcernUpdate(models.Model):
    """A status update the resident receives by mail and sees at the private link."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=20, choices=ConcernStatus.choices)
    text = models.TextField(_("update"), max_length=3000)
    step = models.ForeignKey(ConcernStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="updates")
    unit = models.ForeignKey("organisation.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The staff member by name (they act officially); no foreign key to accounts, see the module docs.
    author_name = models.CharField(_("written by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.get_status_display()


class ConcernNote(models.Model):
    """An internal note of the staff handling the concern (never shown to the resident)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("internal note"), max_length=3000)
    # The staff member by name (they act officially); no foreign key to accounts, see the module docs.
    author_name = models.CharField(_("written by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return str(_("Note #%(number)s") % {"number": self.pk})
