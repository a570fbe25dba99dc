"""Consultation requests and work aids of the coordination office (issue 15, items 6 and 7).

- A department asks the office for support with a process (`ConsultationRequest`); the office assigns an
  advisor, keeps internal notes (`ConsultationNote`, never shown to the department) and a status; the department
  sees the state of its unit's requests.
- Work aids (`WorkAid`) are templates and checklists with their files; every upload is a new `WorkAidVersion`
  and the old ones stay. The files lie in the private storage and are streamed only by the view that checked
  who may see the aid (a staff-only aid is never reachable without a staff account)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel
from stadtdialog.sortition.storage import private_storage

__all__ = ["ConsultationNote", "ConsultationRequest", "WorkAid", "WorkAidVersion", "work_aid_file_path"]


class ConsultationRequest(TimeStampedModel):
    """A department's request for the coordination office's support with a participation process."""

    class Topic(models.TextChoices):
        CONCEPT = "concept", _("Concept of the participation")
        METHODS = "methods", _("Choice of methods")
        MODERATION = "moderation", _("Moderation")
        EVALUATION = "evaluation", _("Evaluation")
        SORTITION = "sortition", _("Random selection (sortition)")
        ACCESSIBILITY = "accessibility", _("Accessibility")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Advisor assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS)

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what the support is needed for"), max_length=5000)
    org_unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="consultation_requests",
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_requests",
    )
    process = models.ForeignKey(
        "processes.Process",
        verbose_name=_("participation process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_requests",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_requests",
    )
    wished_date = models.DateField(_("wished date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advised_requests",
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=1000, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="office_consultation_declined_with_reason",
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
            ),
            models.CheckConstraint(
                name="office_consultation_assigned_has_advisor",
                condition=~models.Q(status__in=["assigned", "in_progress"]) | models.Q(advisor__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["advisor", "status"]),
            models.Index(fields=["org_unit", "created_at"]),
        ]

    def __str__(self):
        return f"{_('Consultation request')} {self.pk}: {self.title}"

    def get_absolute_url(self):
        return reverse("office:advice_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ConsultationNote(TimeStampedModel):
    """An internal note of the coordination office on a request (the department does not see it)."""

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"), max_length=5000)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{_('Note')} {self.pk}"


class WorkAid(TimeStampedModel):
    """A template, checklist or guide of the coordination office, with its versions."""

    class Kind(models.TextChoices):
        CHECKLIST = "checklist", _("Checklist")
        TEMPLATE = "template", _("Template")
        GUIDE = "guide", _("Guide")

    TARGET_GROUP_FIELDS = ("for_staff", "for_politics", "for_residents")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=3000)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CHECKLIST)
    for_staff = models.BooleanField(_("for city staff"), default=False)
    for_politics = models.BooleanField(_("for politicians"), default=False)
    for_residents = models.BooleanField(_("for residents"), default=False)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Without the tick only people with a staff account see it.")
    )
    # The newest version, kept here so that lists need no subquery.
    current_version = models.ForeignKey(
        "WorkAidVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("work aid")
        verbose_name_plural = _("work aids")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                name="office_work_aid_has_target_group",
                condition=models.Q(for_staff=True) | models.Q(for_politics=True) | models.Q(for_residents=True),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("office:work_aid", args=[self.slug])

    def target_groups(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name) for name in self.TARGET_GROUP_FIELDS if getattr(self, name)
        ]


def work_aid_file_path(instance, filename):
    return f"arbeitshilfen/{instance.aid_id}/{instance.number}-{filename}"


class WorkAidVersion(TimeStampedModel):
    """One file of a work aid; a new upload adds a version and keeps the old ones."""

    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        ODT = "odt", "OpenDocument (ODT)"
        XLSX = "xlsx", "Excel (XLSX)"

    aid = models.ForeignKey(WorkAid, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    label = models.CharField(_("version name"), max_length=40, blank=True, help_text=_("For example “2.1”."))
    issued_on = models.DateField(_("date of the version"))
    changes = models.CharField(_("what changed"), max_length=500, blank=True)
    # Private storage for every aid: the download view decides who may read it (a public aid can become
    # staff-only later, a staff-only aid must never have a URL of its own).
    file = models.FileField(_("file"), upload_to=work_aid_file_path, storage=private_storage, max_length=300)
    file_type = models.CharField(_("file type"), max_length=10, choices=FileType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("version of a work aid")
        verbose_name_plural = _("versions of work aids")
        ordering = ["aid", "-number"]
        constraints = [models.UniqueConstraint(fields=["aid", "number"], name="office_work_aid_version_unique")]

    def __str__(self):
        return f"{self.aid} – {self.shown_label}"

    @property
    def shown_label(self) -> str:
        return self.label or str(self.number)
