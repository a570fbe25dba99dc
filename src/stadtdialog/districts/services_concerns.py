"""Writes of residents' concerns: bring a concern, triage (referral or caretaking), steps, status updates, internal
notes, closing, moving, turning it into an initiative, the public summary, and deleting the personal data.

Every write checks its permission (`require`, rules_concerns.py), runs in one transaction with the concern's row
locked, writes an audit entry (never with the resident's address or text) and mails the resident after the commit.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version
from stadtdialog.dialog.images import CheckedImage, stored_image
from stadtdialog.organisation.models import District, OrgUnit, Quarter
from stadtdialog.organisation.points import in_city
from stadtdialog.organisation.queries import locate

from .models import ContactPoint
from .models.concerns import (
    CLOSED_STATUSES,
    OUTCOMES,
    Concern,
    ConcernCategory,
    ConcernNote,
    ConcernStatus,
    ConcernStep,
    ConcernUpdate,
    Open311Client,
)
from .tasks_concerns import send_concern_confirmation, send_concern_mail

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

# What the audit log keeps of a concern: never the address, the text, the point or the photo.
AUDIT_FIELDS = [
    "district",
    "category",
    "quarter",
    "status",
    "handling",
    "due_on",
    "referral_unit",
    "referral_contact",
    "moved_from",
    "initiative",
    "published_at",
]


def hash_token(token: str) -> str:
    """What is stored of a concern's private status link: its SHA-256 (the token itself only goes by mail)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _base(base_url: str) -> str:
    return (base_url or getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")


def _locked(concern: Concern) -> Concern:
    return Concern.objects.select_for_update().select_related("category", "district").get(pk=concern.pk)


def _mail_after_commit(concern: Concern, kind: str, base_url: str, update: ConcernUpdate | None = None) -> None:
    if concern.email:
        update_id = update.pk if update else None
        transaction.on_commit(lambda: send_concern_mail.enqueue(concern.pk, kind, _base(base_url), update_id))


def _name(user) -> str:
    return (user.full_name or user.display_name or "")[:150]


def _record(actor, action: str, concern: Concern, before: dict, extra: dict | None = None) -> None:
    changes = audit.diff(before, audit.snapshot(concern, AUDIT_FIELDS))
    audit.record(actor, action, concern, {**changes, **(extra or {})})


# -- bringing a concern ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submitted:
    concern: Concern
    token: str


def _place(
    district: District | None, quarter: Quarter | None, latitude: Decimal | None, longitude: Decimal | None
) -> tuple[District, Quarter | None]:
    """The district and quarter of a concern: the point's (with imported boundaries), else the quarter's, else the
    chosen district. ValidationError when the point lies outside the city or nothing names a district."""
    if latitude is not None and longitude is not None:
        outside = ValidationError(
            {"latitude": [_("The point lies outside the city. Please choose a place in the city.")]}
        )
        if not in_city(latitude, longitude):
            raise outside
        found_district, found_quarter = locate(float(latitude), float(longitude))
        if found_quarter is not None:
            quarter = found_quarter
        if found_district is not None:
            district = found_district
    if quarter is not None:
        if district is not None and quarter.district_id != district.pk:
            raise ValidationError({"quarter": [_("This quarter lies in another district.")]})
        district = quarter.district
    if district is None:
        raise ValidationError({"district": [_("Please choose the district your concern is about.")]})
    return district, quarter


def submit_concern(
    user,
    *,
    category: ConcernCategory,
    text: str,
    email: str,
    district: District | None = None,
    quarter: Quarter | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    photo: CheckedImage | None = None,
    photo_alt: str = "",
    answer: str = "",
    consent_publish: bool = False,
    client: Open311Client | None = None,
    source: str = Concern.Source.WEB,
    confirmed: bool = True,
    base_url: str = "",
) -> Submitted:
    """A concern from anyone, with or without an account (the form checked the fields and the bot protection).
    The confirmation mail carries the private status link; only the hash of its token is stored. An anonymous
    Open311 concern (`confirmed=False`) waits until the link in that mail is opened."""
    if not category.is_active:
        raise ValidationError({"category": [_("This category is no longer offered.")]})
    if category.question_required and not answer:
        raise ValidationError({"answer": [_("Please answer the question of this category.")]})
    district, quarter = _place(district, quarter, latitude, longitude)
    if not confirmed:
        _check_unconfirmed(email)
    stored = None
    if photo is not None:
        try:
            stored = stored_image(photo.file, photo.extension)
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    author = user if user is not None and user.is_authenticated else None  # the audit entry's actor only
    with transaction.atomic():
        concern = Concern(
            district=district,
            category=category,
            quarter=quarter,
            text=text,
            latitude=latitude,
            longitude=longitude,
            photo_alt=photo_alt if stored else "",
            answer=answer,
            email=email,
            token_hash=hash_token(token),
            source=source,
            client=client,
            confirmed_at=now if confirmed else None,
            consent_publish=consent_publish,
            due_on=timezone.localdate(now) + datetime.timedelta(days=category.due_days),
        )
        if stored is not None:
            concern.photo.save(stored.name, stored, save=False)
        concern.save()
        audit.record(author, "concern.submit", concern, audit.diff({}, audit.snapshot(concern, AUDIT_FIELDS)))
        transaction.on_commit(lambda: send_concern_confirmation(concern.pk, token, _base(base_url)))
    return Submitted(concern, token)


UNCONFIRMED_PER_ADDRESS = 3


def _check_unconfirmed(email: str) -> None:
    """Without bot protection (anonymous Open311) at most UNCONFIRMED_PER_ADDRESS unconfirmed concerns per address a
    day: nobody can flood a stranger's mailbox with confirmation mails. Counted in the database, no IP address."""
    since = timezone.now() - datetime.timedelta(days=1)
    waiting = Concern.objects.filter(email__iexact=email, confirmed_at=None, created_at__gte=since).count()
    if waiting >= UNCONFIRMED_PER_ADDRESS:
        raise ValidationError(
            _("Too many unconfirmed concerns for this address. Please confirm them with the link in the e-mail first."),
            code="rate_limited",
        )


def concern_for_token(token: str) -> Concern | None:
    """The concern of a private status link (None for an unknown or deleted one)."""
    if not token or len(token) > 100:
        return None
    return (
        Concern.objects.select_related("category", "district", "quarter", "referral_unit", "referral_contact")
        .filter(token_hash=hash_token(token))
        .first()
    )


def confirm_by_link(concern: Concern) -> Concern:
    """Opening the private link confirms the address of a concern that came without one (anonymous Open311)."""
    if concern.confirmed_at is not None:
        return concern
    with transaction.atomic():
        concern = _locked(concern)
        if concern.confirmed_at is None:
            concern.confirmed_at = timezone.now()
            concern.save(update_fields=["confirmed_at", "updated_at"])
            audit.record(None, "concern.confirm", concern)
    return concern


# -- triage -----------------------------------------------------------------------------------------------


def start_review(user: User, concern: Concern, base_url: str = "") -> Concern:
    """The district manager takes the concern up: "in review", the resident is told (the first answer)."""
    require(user, "districts.triage_concern", concern)
    with transaction.atomic():
        concern = _locked(concern)
        if concern.status not in (ConcernStatus.RECEIVED, ConcernStatus.MOVED):
            raise ValidationError(_("This concern is already being handled."))
        before = audit.snapshot(concern, AUDIT_FIELDS)
        concern.status = ConcernStatus.IN_REVIEW
        concern.first_answer_at = concern.first_answer_at or timezone.now()
        concern.save(update_fields=["status", "first_answer_at", "updated_at"])
        _record(user, "concern.review", concern, before)
        _mail_after_commit(concern, "status", base_url)
    return concern


def refer(
    user: User,
    concern: Concern,
    *,
    note: str,
    unit: OrgUnit | None = None,
    contact_point: ContactPoint | None = None,
    base_url: str = "",
) -> Concern:
    """Referral (Lotse): name the responsible contact (a department or an entry of the directory) with a note;
    the resident gets it by mail and the concern is closed as referred."""
    require(user, "districts.triage_concern", concern)
    if (unit is None) == (contact_point is None):
        raise ValidationError({"unit": [_("Please name either a department or an entry of the directory.")]})
    if not note.strip():
        raise ValidationError({"note": [_("Please write a note for the resident: what the contact can do.")]})
    with transaction.atomic():
        concern = _locked(concern)
        if concern.is_closed:
            raise ValidationError(_("This concern is already closed."))
        before = audit.snapshot(concern, AUDIT_FIELDS)
        now = timezone.now()
        concern.status, concern.handling = ConcernStatus.REFERRED, Concern.Handling.REFERRAL
        concern.referral_unit, concern.referral_contact, concern.referral_note = unit, contact_point, note
        concern.first_answer_at = concern.first_answer_at or now
        concern.closed_at = now
        concern.save()
        _record(user, "concern.refer", concern, before)
        _mail_after_commit(concern, "referred", base_url)
    return concern


def take_care(user: User, concern: Concern, *, text: str = "", base_url: str = "") -> Concern:
    """Caretaking (Kümmerer): the concern stays open "in progress"; steps and status updates follow."""
    require(user, "districts.triage_concern", concern)
    with transaction.atomic():
        concern = _locked(concern)
        if concern.is_closed:
            raise ValidationError(_("This concern is already closed."))
        before = audit.snapshot(concern, AUDIT_FIELDS)
        concern.status, concern.handling = ConcernStatus.IN_PROGRESS, Concern.Handling.CARETAKING
        concern.first_answer_at = concern.first_answer_at or timezone.now()
        concern.save(update_fields=["status", "handling", "first_answer_at", "updated_at"])
        update = ConcernUpdate.objects.create(
            concern=concern,
            status=concern.status,
            text=text or _("The district management takes care of your concern and keeps you informed."),
            author_name=_name(user),
        )
        _record(user, "concern.take_care", concern, before)
        _mail_after_commit(concern, "update", base_url, update)
    return concern


def add_step(
    user: User,
    concern: Concern,
    *,
    what: str,
    due_on: datetime.date,
    unit: OrgUnit | None = None,
    network: str = "",
) -> ConcernStep:
    """A step of a concern in caretaking: what, who (a department or a network), by when."""
    require(user, "districts.triage_concern", concern)
    if unit is None and not network.strip():
        raise ValidationError({"unit": [_("Please name the department or the network that does this step.")]})
    if unit is not None and network.strip():
        raise ValidationError({"network": [_("Please name either a department or a network, not both.")]})
    with transaction.atomic():
        concern = _locked(concern)
        if concern.handling != Concern.Handling.CARETAKING or concern.is_closed:
            raise ValidationError(_("Steps belong to a concern in caretaking that is still open."))
        step = ConcernStep.objects.create(concern=concern, what=what, unit=unit, network=network.strip(), due_on=due_on)
        audit.record(
            user,
            "concern.add_step",
            concern,
            {"step": [None, what], "unit": [None, str(unit) if unit else network], "due_on": [None, str(due_on)]},
        )
    return step


def finish_step(user: User, step: ConcernStep) -> ConcernStep:
    concern = step.concern
    require(user, "districts.add_concern_update", concern)
    if not (user.has_perm("districts.triage_concern", concern) or step.unit_id in _unit_ids(user)):
        raise PermissionDenied("districts.add_concern_update")
    with transaction.atomic():
        _locked(concern)
        step = ConcernStep.objects.select_for_update().get(pk=step.pk)
        if step.done_at is None:
            step.done_at = timezone.now()
            step.save(update_fields=["done_at", "updated_at"])
            audit.record(user, "concern.finish_step", concern, {"step": [step.what, str(_("done"))]})
    return step


def _unit_ids(user) -> set[int]:
    from stadtdialog.accounts.rules import unit_ids_of

    return unit_ids_of(user)


def add_update(
    user: User, concern: Concern, *, text: str, step: ConcernStep | None = None, base_url: str = ""
) -> ConcernUpdate:
    """A status update for the resident (mailed and shown at the private link): by the district manager or by staff
    of a department a step is handed to."""
    require(user, "districts.add_concern_update", concern)
    if step is not None and step.concern_id != concern.pk:
        raise ValidationError({"step": [_("This step belongs to another concern.")]})
    units = _unit_ids(user)
    unit_id = step.unit_id if step is not None and step.unit_id in units else None
    if unit_id is None and not user.has_perm("districts.triage_concern", concern):
        candidates = [s.unit_id for s in concern.steps.all() if s.unit_id in units]
        unit_id = candidates[0] if candidates else None
    with transaction.atomic():
        concern = _locked(concern)
        if concern.is_closed:
            raise ValidationError(_("This concern is already closed."))
        update = ConcernUpdate.objects.create(
            concern=concern, status=concern.status, text=text, step=step, unit_id=unit_id, author_name=_name(user)
        )
        if concern.first_answer_at is None:
            concern.first_answer_at = update.created_at
            concern.save(update_fields=["first_answer_at", "updated_at"])
        audit.record(user, "concern.update", concern, {"update": [None, update.pk]})
        _mail_after_commit(concern, "update", base_url, update)
    return update


def add_note(user: User, concern: Concern, *, text: str) -> ConcernNote:
    """An internal note of the staff handling the concern."""
    require(user, "districts.view_concern", concern)
    with transaction.atomic():
        concern = _locked(concern)
        note = ConcernNote.objects.create(concern=concern, text=text, author_name=_name(user))
        audit.record(user, "concern.note", concern, {"note": [None, note.pk]})
    return note


def close(user: User, concern: Concern, *, outcome: str, reason: str, base_url: str = "") -> Concern:
    """Caretaking ends as solved, partly solved or not solvable, always with a reason (mailed to the resident)."""
    require(user, "districts.triage_concern", concern)
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": [_("Please choose how the concern ends.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Please give the reason. The resident reads it.")]})
    with transaction.atomic():
        concern = _locked(concern)
        if concern.handling != Concern.Handling.CARETAKING or concern.is_closed:
            raise ValidationError(_("Only an open concern in caretaking ends this way."))
        before = audit.snapshot(concern, AUDIT_FIELDS)
        concern.status, concern.outcome_reason, concern.closed_at = outcome, reason, timezone.now()
        concern.save(update_fields=["status", "outcome_reason", "closed_at", "updated_at"])
        update = ConcernUpdate.objects.create(concern=concern, status=outcome, text=reason, author_name=_name(user))
        _record(user, "concern.close", concern, before)
        _mail_after_commit(concern, "update", base_url, update)
    return concern


def move(user: User, concern: Concern, *, district: District, note: str = "", base_url: str = "") -> Concern:
    """Hand the concern to another district's management (status "moved" until they take it up)."""
    require(user, "districts.triage_concern", concern)
    if district.pk == concern.district_id:
        raise ValidationError({"district": [_("The concern already belongs to this district.")]})
    with transaction.atomic():
        concern = _locked(concern)
        if concern.is_closed:
            raise ValidationError(_("This concern is already closed."))
        before = audit.snapshot(concern, AUDIT_FIELDS)
        concern.moved_from_id, concern.district = concern.district_id, district
        if concern.quarter_id and concern.quarter.district_id != district.pk:
            concern.quarter = None
        concern.status, concern.handling = ConcernStatus.MOVED, ""
        concern.save()
        update = ConcernUpdate.objects.create(
            concern=concern,
            status=concern.status,
            text=note
            or _("Your concern has been passed on to the district management of %(district)s.")
            % {"district": district.name},
            author_name=_name(user),
        )
        _record(user, "concern.move", concern, before)
        _mail_after_commit(concern, "update", base_url, update)
    return concern


def turn_into_initiative(
    user: User, concern: Concern, *, kind: str, title: str, description: str, base_url: str = ""
) -> Concern:
    """When the concern needs a participation process: an initiative (a request for a process or a plan idea)
    submitted by the district manager, linked from the concern, which is closed as referred to it."""
    from stadtdialog.initiatives import services as initiative_services
    from stadtdialog.initiatives.models import Initiative

    require(user, "districts.triage_concern", concern)
    if kind not in (Initiative.Kind.PROCESS_REQUEST, Initiative.Kind.PLAN_IDEA):
        raise ValidationError({"kind": [_("Please choose a request for a process or an idea for a plan.")]})
    with transaction.atomic():
        concern = _locked(concern)
        if concern.is_closed:
            raise ValidationError(_("This concern is already closed."))
        initiative = initiative_services.submit_initiative(
            user, kind=kind, title=title, description=description, district=concern.district
        )
        before = audit.snapshot(concern, AUDIT_FIELDS)
        now = timezone.now()
        concern.initiative, concern.status, concern.handling = initiative, ConcernStatus.REFERRED, ""
        concern.referral_note = _("Your concern is continued as an initiative for a participation process.")
        concern.first_answer_at, concern.closed_at = concern.first_answer_at or now, now
        concern.save()
        _record(user, "concern.initiative", concern, before)
        _mail_after_commit(concern, "referred", base_url)
    return concern


def publish_summary(user: User, concern: Concern, *, summary: str) -> Concern:
    """Publish the anonymised summary (category, quarter, status, outcome), only when the resident agreed."""
    require(user, "districts.publish_concern", concern)
    if not concern.consent_publish:
        raise ValidationError(_("The resident did not agree to a public summary."))
    if not summary.strip():
        raise ValidationError({"summary": [_("Please write the anonymised summary.")]})
    with transaction.atomic():
        concern = _locked(concern)
        before = audit.snapshot(concern, AUDIT_FIELDS)
        concern.public_summary, concern.published_at = summary, concern.published_at or timezone.now()
        concern.save(update_fields=["public_summary", "published_at", "updated_at"])
        _record(user, "concern.publish", concern, before, {"public_summary": [None, summary]})
    return concern


def withdraw_summary(user: User, concern: Concern) -> Concern:
    require(user, "districts.publish_concern", concern)
    with transaction.atomic():
        concern = _locked(concern)
        before = audit.snapshot(concern, AUDIT_FIELDS)
        concern.published_at = None
        concern.save(update_fields=["published_at", "updated_at"])
        _record(user, "concern.unpublish", concern, before)
    return concern


# -- personal data ------------------------------------------------------------------------------------------


def _erase(concern: Concern) -> None:
    """Empty the personal data of a locked concern, its updates and notes, and take the address out of the log."""
    email = concern.email
    if concern.photo:
        name = concern.photo.name
        storage = concern.photo.storage
        transaction.on_commit(lambda: storage.delete(name))
    concern.text = concern.answer = concern.photo_alt = concern.email = ""
    concern.photo = ""
    concern.latitude = concern.longitude = None
    concern.token_hash = None
    concern.referral_note = ""
    concern.outcome_reason = ""
    concern.personal_data_deleted_at = timezone.now()
    if not concern.consent_publish:
        concern.public_summary, concern.published_at = "", None
    concern.save()
    concern.updates.all().delete()
    concern.notes.all().delete()
    if email:
        audit.scrub(audit.mentioning([email]), "–", emails=[email])


def delete_by_resident(token: str) -> bool:
    """The resident deletes their personal data from the private link (the concern stays, anonymous, for the
    statistics; an open one is closed as not solvable, since nobody can be answered)."""
    concern = concern_for_token(token)
    if concern is None:
        return False
    with transaction.atomic():
        concern = _locked(concern)
        before = audit.snapshot(concern, AUDIT_FIELDS)
        if not concern.is_closed:
            concern.status, concern.closed_at = ConcernStatus.NOT_SOLVABLE, timezone.now()
        _erase(concern)
        _record(None, "concern.delete_by_resident", concern, before)
    return True


def purge_closed(now: datetime.datetime | None = None) -> int:
    """Delete the personal data of concerns closed more than CONCERN_PURGE_MONTHS months ago, and of unconfirmed
    anonymous Open311 concerns after CONCERN_UNCONFIRMED_DAYS (the daily command `purge_concerns`)."""
    now = now or timezone.now()
    months = int(getattr(settings, "CONCERN_PURGE_MONTHS", 6))
    closed_before = now - datetime.timedelta(days=round(months * 30.44))
    unconfirmed_before = now - datetime.timedelta(days=int(getattr(settings, "CONCERN_UNCONFIRMED_DAYS", 7)))
    ids = list(
        Concern.objects.filter(personal_data_deleted_at=None)
        .filter(
            Q(status__in=CLOSED_STATUSES, closed_at__lt=closed_before)
            | Q(confirmed_at=None, created_at__lt=unconfirmed_before)
        )
        .values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            concern = Concern.objects.select_for_update().get(pk=pk)
            if concern.personal_data_deleted_at is not None:
                continue
            before = audit.snapshot(concern, AUDIT_FIELDS)
            _erase(concern)
            _record(None, "concern.purge", concern, before)
    return len(ids)


# -- categories and Open311 clients ---------------------------------------------------------------------------

CATEGORY_FIELDS = [
    "code",
    "name",
    "description",
    "group",
    "due_days",
    "department",
    "question",
    "question_required",
    "position",
    "is_active",
]


def save_category(user: User, category: ConcernCategory | None, *, version: str = "", **values) -> ConcernCategory:
    """Create or change a category (city-wide staff). `version` is the edit form's token: a save from a stale form
    raises StaleEdit (core.versioning)."""
    require(user, "districts.manage_concern_categories")
    with transaction.atomic():
        if category is None:
            category, before = ConcernCategory(), {}
        else:
            check_version(category, version)  # locks and re-reads the row
            before = audit.snapshot(category, CATEGORY_FIELDS)
        taken = ConcernCategory.objects.filter(code=values.get("code")).exclude(pk=category.pk).exists()
        if taken:
            raise ValidationError({"code": [_("Another category has this code.")]})
        for name, value in values.items():
            setattr(category, name, value)
        category.save()
        audit.record(
            user, "concern_category.save", category, audit.diff(before, audit.snapshot(category, CATEGORY_FIELDS))
        )
    return category


def create_open311_client(user: User, *, name: str) -> tuple[Open311Client, str]:
    """A client application of the Open311 interface; returns the API key, shown once (only its hash is kept)."""
    require(user, "districts.manage_open311_clients")
    key = secrets.token_urlsafe(24)
    with transaction.atomic():
        client = Open311Client.objects.create(name=name, key_hash=hash_token(key))
        audit.record(user, "open311_client.create", client, {"name": [None, name]})
    return client, key


def deactivate_open311_client(user: User, client: Open311Client) -> Open311Client:
    require(user, "districts.manage_open311_clients")
    with transaction.atomic():
        client = Open311Client.objects.select_for_update().get(pk=client.pk)
        client.is_active = False
        client.save(update_fields=["is_active", "updated_at"])
        audit.record(user, "open311_client.deactivate", client, {"is_active": [True, False]})
    return client


def client_for_key(key: str) -> Open311Client | None:
    if not key or len(key) > 200:
        return None
    return Open311Client.objects.filter(key_hash=hash_token(key), is_active=True).first()


def remind_overdue(base_url: str = "", today: datetime.date | None = None) -> int:
    """Mail each district's manager and deputy the overdue concerns and steps not reminded today (the daily
    command `remind_concerns`); the number of mails."""
    from stadtdialog.accounts.models import Role

    from .tasks_concerns import send_reminder

    today = today or timezone.localdate()
    open_concerns = Concern.objects.filter(confirmed_at__isnull=False, personal_data_deleted_at=None).exclude(
        status__in=CLOSED_STATUSES
    )
    late_steps = ConcernStep.objects.filter(concern__in=open_concerns, done_at=None, due_on__lt=today).select_related(
        "concern", "unit"
    )
    late = open_concerns.filter(due_on__lt=today).select_related("category", "district")
    by_district: dict[int, dict] = {}
    for concern in late:
        by_district.setdefault(concern.district_id, {"concerns": [], "steps": []})["concerns"].append(concern)
    for step in late_steps:
        by_district.setdefault(step.concern.district_id, {"concerns": [], "steps": []})["steps"].append(step)
    recipients: dict[int, list[str]] = {}
    for role in Role.objects.filter(kind__in=Role.DISTRICT_KINDS, user__is_active=True).select_related("user"):
        address = role.user.office_email or role.user.email
        if address:
            recipients.setdefault(role.district_id, []).append(address)
    sent = 0
    for district in District.objects.filter(pk__in=by_district).order_by("number"):
        found = by_district[district.pk]
        pending = [c for c in found["concerns"] if c.reminded_on != today]
        concern_ids = {c.pk for c in found["concerns"]} | {s.concern_id for s in found["steps"]}
        if not pending and not found["steps"]:
            continue
        if Concern.objects.filter(pk__in=concern_ids, reminded_on=today).count() == len(concern_ids):
            continue
        with transaction.atomic():
            Concern.objects.filter(pk__in=concern_ids).update(reminded_on=today)
            mails = recipients.get(district.pk, [])
            if mails:
                transaction.on_commit(
                    lambda d=district, f=found, m=mails: send_reminder(m, d, f["concerns"], f["steps"], _base(base_url))
                )
                sent += 1
    return sent
