"""Sortition (Losverfahren): a panel selection run with its two stages, quotas, lottery and draw.

Stage one: a register extract (RegisterEntry) from which invitations are drawn; each invited
person gets a personal response code. Stage two: people who answer become Respondents with one
value per Feature. Quotas bound each FeatureValue on the panel. A SelectionRun stores the
LEXIMIN (or LEGACY) distribution, a PublishedLottery its rounding to m numbered panels, and the
Draw picks one of them with a public random number. Personal data (names, addresses, contact)
lives only on RegisterEntry and Respondent and is purged after `purge_after`.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel

# No 0/O, 1/I/L: easy to read from a letter and to type.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_response_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    """A response code as printed: two groups of five, e.g. ``ABCDE-FGHJK``."""
    return f"{code[:5]}-{code[5:]}" if code else ""


class Sortition(TimeStampedModel):
    class State(models.TextChoices):
        SETUP = "setup", _("Setup")
        INVITATIONS_SENT = "invitations_sent", _("Invitations sent")
        SIGNUP_OPEN = "signup_open", _("Sign-up open")
        QUOTAS_SET = "quotas_set", _("Quotas set")
        LOTTERY_PUBLISHED = "lottery_published", _("Lottery published")
        DRAWN = "drawn", _("Drawn")
        ENDED = "ended", _("Ended")

    ORDER = list(State)

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Shown on the public page."))
    process = models.ForeignKey(
        "processes.Process",
        verbose_name=_("participation process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sortitions",
    )
    panel_size = models.PositiveIntegerField(_("panel size (k)"), validators=[MinValueValidator(1)])
    lottery_size = models.PositiveIntegerField(
        _("number of panels in the lottery (m)"),
        default=1000,
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
    )
    one_per_household = models.BooleanField(_("at most one member per household"), default=True)
    seed = models.CharField(_("seed of the invitation sample"), max_length=40, blank=True)
    stratify_by_district = models.BooleanField(_("invitations stratified by district"), default=False)
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.SETUP)
    purge_after = models.DateField(
        _("delete personal data after"),
        null=True,
        blank=True,
        help_text=_("Names, addresses and contact data of the pool are deleted after this day."),
    )
    purged_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("sortition")
        verbose_name_plural = _("sortitions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sortition:public_detail", args=[self.pk])

    def reached(self, state: str) -> bool:
        """True if the sortition is at the given state or past it."""
        return self.ORDER.index(self.State(self.state)) >= self.ORDER.index(self.State(state))


class Feature(models.Model):
    """A feature the panel is balanced on, e.g. gender or age band."""

    sortition = models.ForeignKey(Sortition, on_delete=models.CASCADE, related_name="features")
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("question"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("feature")
        verbose_name_plural = _("features")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["sortition", "key"], name="sortition_feature_key_unique")]

    def __str__(self):
        return self.name


class FeatureValue(models.Model):
    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="values")
    key = models.SlugField(_("key"), max_length=40)
    label = models.CharField(_("answer"), max_length=200)
    population_share = models.DecimalField(
        _("share in the population (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("feature value")
        verbose_name_plural = _("feature values")
        ordering = ["feature", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["feature", "key"], name="sortition_value_key_unique")]

    def __str__(self):
        return self.label


class Quota(models.Model):
    value = models.OneToOneField(FeatureValue, on_delete=models.CASCADE, related_name="quota")
    minimum = models.PositiveIntegerField(_("minimum"))
    maximum = models.PositiveIntegerField(_("maximum"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.CheckConstraint(
                name="sortition_quota_min_le_max", condition=models.Q(minimum__lte=models.F("maximum"))
            )
        ]

    def __str__(self):
        return f"{self.value}: {self.minimum}–{self.maximum}"


class RegisterEntry(models.Model):
    """One person of the register extract (stage one). Personal data; coordination office only."""

    sortition = models.ForeignKey(Sortition, on_delete=models.CASCADE, related_name="register_entries")
    line = models.PositiveIntegerField(_("line in the import file"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    street = models.CharField(_("street and number"), max_length=200)
    address_extra = models.CharField(_("address supplement"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5)
    city = models.CharField(_("city"), max_length=100)
    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    household_key = models.CharField(_("household"), max_length=64, blank=True, db_index=True)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    response_code = models.CharField(_("response code"), max_length=CODE_LENGTH, null=True, blank=True, unique=True)
    purged_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["sortition", "line"]

    def __str__(self):
        if self.purged_at:
            return f"#{self.line}"
        return f"{self.first_name} {self.last_name}"

    @property
    def printed_code(self) -> str:
        return format_code(self.response_code or "")


class Respondent(TimeStampedModel):
    """A person who answered the invitation (stage two) and is in the pool for the panel."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Online form")
        PAPER = "paper", _("Paper reply")

    class Status(models.TextChoices):
        POOL = "pool", _("In the pool")
        SELECTED = "selected", _("Panel member")
        DROPPED = "dropped", _("Dropped out")

    sortition = models.ForeignKey(Sortition, on_delete=models.CASCADE, related_name="respondents")
    register_entry = models.OneToOneField(
        RegisterEntry, on_delete=models.PROTECT, related_name="respondent", verbose_name=_("register entry")
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=12)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    household_key = models.CharField(_("household"), max_length=64, blank=True, db_index=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    consent_at = models.DateTimeField(_("consent given"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.POOL)
    values = models.ManyToManyField(FeatureValue, through="RespondentValue", related_name="respondents")

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        ordering = ["sortition", "pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["sortition", "pseudonym"], name="sortition_respondent_pseudonym_unique")
        ]

    def __str__(self):
        return self.pseudonym


class RespondentValue(models.Model):
    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="+")
    value = models.ForeignKey(FeatureValue, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["respondent", "feature"], name="sortition_one_answer_per_feature")
        ]

    def __str__(self):
        return f"{self.respondent_id}: {self.value_id}"


# LEGACY has no explicit distribution; its probabilities are estimated from simulated draws.
# 2 000 draws estimate each probability to about ±0.01; their run times are in bench/sortition/README.md.
LEGACY_DRAWS = 2000
MAX_LEGACY_DRAWS = 20000


class JobStatus(models.TextChoices):
    """Where a piece of background work (a selection run, the invitation letters) stands."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)


class BackgroundWork(models.Model):
    """What a task worker does for a request: its status, when it started, why it failed (in German)."""

    Status = JobStatus

    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    message = models.TextField(_("reason of the failure"), blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def pending(self) -> bool:
        return self.status in PENDING


class SelectionRun(BackgroundWork):
    """One computation of selection probabilities (LEXIMIN or LEGACY) on the pool.

    Requested in the web request (permission, state and feasibility checked, seed and number of
    draws fixed, audit entry written), computed by the task worker (`tasks.compute_selection_run`).
    The results are empty until the status is done; a failed run keeps a German message.
    """

    class Algorithm(models.TextChoices):
        LEXIMIN = "leximin", _("LEXIMIN (maximally fair)")
        LEGACY = "legacy", _("LEGACY (greedy, for comparison)")

    sortition = models.ForeignKey(Sortition, on_delete=models.CASCADE, related_name="runs")
    algorithm = models.CharField(_("algorithm"), max_length=10, choices=Algorithm.choices)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # {pseudonym: probability}
    probabilities = models.JSONField(_("selection probabilities"), default=dict)
    # [[pseudonym, ...], ...] and their weights (LEXIMIN only; LEGACY has no explicit distribution)
    panels = models.JSONField(default=list, blank=True)
    weights = models.JSONField(default=list, blank=True)
    minimum = models.FloatField(_("minimum"), null=True, blank=True)
    maximum = models.FloatField(_("maximum"), null=True, blank=True)
    gini = models.FloatField(_("Gini coefficient"), null=True, blank=True)
    seconds = models.FloatField(_("runtime (seconds)"), null=True, blank=True)
    # The seed of the run (LEXIMIN's column generation, LEGACY's simulated draws) and, for
    # LEGACY, the number of simulated draws, fixed when the run is requested: together they
    # reproduce the run exactly.
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)
    draws = models.PositiveIntegerField(_("simulated draws"), null=True, blank=True)

    class Meta:
        verbose_name = _("selection run")
        verbose_name_plural = _("selection runs")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.get_algorithm_display()} {self.requested_at:%Y-%m-%d %H:%M}"


class InvitationLetters(BackgroundWork):
    """The personalised invitation letters of a sortition as one PDF, made by the task worker.

    The file lives in the private storage (no URL serves it) under `file_name`; staff download
    it through a view. `status`, `requested_at` and `message` describe the latest request;
    `file_name`, `made_at` and `letter_count` the file there is (kept until a new one replaces it).
    The file holds personal data: it is deleted with the pool's personal data and with the sortition.
    """

    sortition = models.OneToOneField(Sortition, on_delete=models.CASCADE, related_name="invitation_letters")
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file in the private storage"), max_length=255, blank=True)
    made_at = models.DateTimeField(_("made"), null=True, blank=True)
    letter_count = models.PositiveIntegerField(_("number of letters"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation letters")
        verbose_name_plural = _("invitation letters")

    def __str__(self):
        return f"{self.sortition}: {self.get_status_display()}"


class PublishedLottery(models.Model):
    """The uniform lottery over m numbered, pseudonymised panels, published before the draw."""

    sortition = models.OneToOneField(Sortition, on_delete=models.CASCADE, related_name="lottery")
    run = models.ForeignKey(SelectionRun, on_delete=models.PROTECT, related_name="+")
    document = models.TextField(_("published document (canonical JSON)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("published lottery")
        verbose_name_plural = _("published lotteries")

    def __str__(self):
        return f"{self.sortition}: {self.sha256[:12]}…"


class Draw(models.Model):
    sortition = models.OneToOneField(Sortition, on_delete=models.CASCADE, related_name="draw")
    lottery = models.OneToOneField(PublishedLottery, on_delete=models.PROTECT, related_name="draw")
    public_number = models.CharField(_("public random number"), max_length=200)
    panel_index = models.PositiveIntegerField(_("number of the drawn panel"))
    members = models.JSONField(_("pseudonyms of the drawn panel"), default=list)
    drawn_at = models.DateTimeField(_("drawn"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("draw")
        verbose_name_plural = _("draws")

    def __str__(self):
        return f"{self.sortition}: {self.panel_index}"


class Replacement(models.Model):
    sortition = models.ForeignKey(Sortition, on_delete=models.CASCADE, related_name="replacements")
    dropped = models.OneToOneField(Respondent, on_delete=models.PROTECT, related_name="replaced_by")
    replacement = models.OneToOneField(Respondent, on_delete=models.PROTECT, related_name="replaces")
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("replacement")
        verbose_name_plural = _("replacements")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.dropped} → {self.replacement}"
