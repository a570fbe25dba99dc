"""Writes of the events app: events, their publication and cancellation, registrations with a
waiting list, and the documentation after the event. Every write checks permission, validates,
runs in a transaction and leaves an audit entry; e-mail leaves through the tasks queue after commit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version
from stadtdialog.organisation.points import point_error

from .models import Attendance, Event, EventPhoto, Registration
from .tasks import send_registration_mail

if TYPE_CHECKING:
    import datetime

    from stadtdialog.accounts.models import User

EVENT_FIELDS = [
    "title",
    "description",
    "format",
    "start",
    "end",
    "place_name",
    "address",
    "latitude",
    "longitude",
    "process",
    "org_unit",
    "district",
    "step_free",
    "hearing_loop",
    "easy_language",
    "sign_language",
    "childcare",
    "accessibility_note",
    "for_staff",
    "for_politics",
    "for_residents",
    "registration_required",
    "capacity",
]
AUDIT_FIELDS = [*EVENT_FIELDS, "published_at", "cancelled_at", "cancellation_reason", "minutes", "documented_at"]
CANCEL_SALT = "stadtdialog.events.cancel-registration"


# --- events ----------------------------------------------------------------------------------------


def _apply(event: Event, data: dict) -> None:
    for name in EVENT_FIELDS:
        if name in data:
            setattr(event, name, data[name])
    if not event.registration_required:
        event.capacity = None
    if event.process_id and not event.district_id:
        districts = list(event.process.plan.districts.all()[:2])
        if len(districts) == 1:
            event.district = districts[0]


def _validate(event: Event) -> None:
    errors = {}
    if event.start and event.end and event.end < event.start:
        errors["end"] = _("The end must not be before the start.")
    if message := point_error(event.latitude, event.longitude):
        errors["latitude"] = message
    if event.pk and event.capacity is not None:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if event.capacity < confirmed:
            errors["capacity"] = _("%(count)s people are already confirmed; the number of places cannot be lower.") % {
                "count": confirmed
            }
    if event.is_training and not any(getattr(event, name) for name in Event.TARGET_GROUP_FIELDS):
        errors["for_staff"] = _("Please choose who the training is for: city staff, politicians or residents.")
    if not event.process_id and not event.org_unit_id and not event.district_id:
        errors["org_unit"] = _("Please choose the organising unit, a participation process or a district.")
    if errors:
        raise ValidationError(errors)


def create_event(user: User, data: dict) -> Event:
    require(user, "events.add_event")
    event = Event(created_by=user)
    _apply(event, data)
    _validate(event)
    # The user must be allowed to run the event they describe (their process, unit or district).
    require(user, "events.change_event", event)
    with transaction.atomic():
        event.save()
        audit.record(user, "event.create", event, audit.diff({}, audit.snapshot(event, AUDIT_FIELDS)))
    return event


def _values(event: Event) -> list:
    return [getattr(event, Event._meta.get_field(name).attname) for name in EVENT_FIELDS]


def update_event(user: User, event: Event, data: dict, base_url: str = "", *, version: str = "") -> Event:
    """Save the edit form's fields; `version` is the form's token (core.versioning): a stale save raises
    StaleEdit. A save that changes nothing leaves the event as it was (no new calendar sequence)."""
    require(user, "events.change_event", event)
    with transaction.atomic():
        event = Event.objects.get(pk=event.pk)
        check_version(event, version)
        before = audit.snapshot(event, AUDIT_FIELDS)
        stored = _values(event)
        _apply(event, data)
        _validate(event)
        require(user, "events.change_event", event)
        if _values(event) == stored:  # compared as values (a time in another zone is the same time)
            return event
        changes = audit.diff(before, audit.snapshot(event, AUDIT_FIELDS))
        event.sequence += 1
        event.save()
        audit.record(user, "event.update", event, changes)
        _fill_free_places(event, base_url)
    return event


def publish_event(user: User, event: Event, now: datetime.datetime | None = None) -> Event:
    require(user, "events.change_event", event)
    if event.is_published:
        return event
    with transaction.atomic():
        event.published_at = now or timezone.now()
        event.save(update_fields=["published_at", "updated_at"])
        audit.record(user, "event.publish", event, {"published_at": [None, str(event.published_at)]})
    return event


def cancel_event(
    user: User, event: Event, reason: str, base_url: str = "", now: datetime.datetime | None = None
) -> Event:
    """Call an event off with the reason CancelEventForm checked; everyone registered is told by e-mail.
    The event page stays, marked as cancelled."""
    require(user, "events.change_event", event)
    if event.is_cancelled:
        raise ValidationError(_("This event has already been cancelled."))
    with transaction.atomic():
        event.cancelled_at = now or timezone.now()
        event.cancellation_reason = reason
        event.sequence += 1
        event.save(update_fields=["cancelled_at", "cancellation_reason", "sequence", "updated_at"])
        audit.record(user, "event.cancel", event, {"cancellation_reason": ["", event.cancellation_reason]})
        ids = list(event.registrations.exclude(status=Registration.Status.CANCELLED).values_list("id", flat=True))
        for registration_id in ids:
            _mail_after_commit(registration_id, "event_cancelled", base_url)
    return event


# --- registration ----------------------------------------------------------------------------------


def cancellation_code(registration: Registration) -> str:
    """The signed secret that the cancellation link in the e-mails carries."""
    return signing.Signer(salt=CANCEL_SALT).sign(registration.token)


def registration_for_code(code: str) -> Registration | None:
    try:
        token = signing.Signer(salt=CANCEL_SALT).unsign(code)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("event").filter(token=token).first()


def _mail_after_commit(registration_id: int, kind: str, base_url: str) -> None:
    transaction.on_commit(lambda: send_registration_mail.enqueue(registration_id, kind, base_url))


def register(
    event: Event, data: dict, base_url: str = "", now: datetime.datetime | None = None, *, user: User | None = None
) -> Registration:
    """Register a person (`data` as RegistrationForm cleaned it: name, email, needs); when all places
    are taken, they go on the waiting list (and are told so). `user` is the logged-in account that registers
    (its certificates of participation are then shown in the account)."""
    now = now or timezone.now()
    name, email = data["name"], data["email"].lower()
    with transaction.atomic():
        # Lock the event so that two people cannot take the last place at the same time.
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not event.registration_open(now):
            raise ValidationError(_("Registration for this event is closed."))
        active = event.registrations.exclude(status=Registration.Status.CANCELLED)
        if active.filter(email__iexact=email).exists():
            raise ValidationError({"email": _("This e-mail address is already registered for this event.")})
        full = (
            event.capacity is not None and active.filter(status=Registration.Status.CONFIRMED).count() >= event.capacity
        )
        registration = Registration.objects.create(
            event=event,
            name=name,
            email=email,
            needs=data.get("needs", ""),
            status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
            user=user if user is not None and user.is_authenticated else None,
        )
        # The audit log keeps no personal data of residents, only what happened.
        audit.record(
            None,
            "event.register",
            event,
            {"registration": [None, registration.pk], "status": [None, registration.status]},
        )
        _mail_after_commit(registration.pk, registration.status, base_url)
    return registration


def cancel_registration(
    registration: Registration, base_url: str = "", now: datetime.datetime | None = None
) -> Registration | None:
    """Cancel by the link from the e-mail. A freed place goes to the first on the waiting list, who is told by e-mail.

    Returns the registration that moved up, if any."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return None
        was = registration.status
        registration.status, registration.cancelled_at = Registration.Status.CANCELLED, now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit.record(
            None,
            "event.registration_cancel",
            event,
            {"registration": [registration.pk, None], "status": [was, "cancelled"]},
        )
        _mail_after_commit(registration.pk, "cancelled", base_url)
        promoted = _fill_free_places(event, base_url, now) if was == Registration.Status.CONFIRMED else []
    return promoted[0] if promoted else None


def _fill_free_places(event: Event, base_url: str, now: datetime.datetime | None = None) -> list[Registration]:
    """Move people up from the waiting list while places are free (inside the caller's transaction)."""
    if event.is_cancelled or not event.registration_required:
        return []
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by("created_at", "id")
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = []
    for registration in waiting:
        registration.status, registration.promoted_at = Registration.Status.CONFIRMED, now or timezone.now()
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        audit.record(
            None,
            "event.registration_promote",
            event,
            {"registration": [None, registration.pk], "status": ["waiting", "confirmed"]},
        )
        _mail_after_commit(registration.pk, "promoted", base_url)
        promoted.append(registration)
    return promoted


# --- documentation ---------------------------------------------------------------------------------


def save_documentation(
    user: User, event: Event, minutes: str, now: datetime.datetime | None = None, *, version: str = ""
) -> Event:
    require(user, "events.change_event", event)
    now = now or timezone.now()
    if event.start > now:
        raise ValidationError(_("The documentation can be published once the event has taken place."))
    with transaction.atomic():
        check_version(event, version)
        before = audit.snapshot(event, ["minutes", "documented_at"])
        event.minutes = (minutes or "").strip()
        if event.documented_at is None:
            event.documented_at = now
        event.save(update_fields=["minutes", "documented_at", "updated_at"])
        audit.record(
            user, "event.document", event, audit.diff(before, audit.snapshot(event, ["minutes", "documented_at"]))
        )
    return event


def add_photo(
    user: User,
    event: Event,
    *,
    image: File,
    alt_text: str,
    caption: str = "",
    now: datetime.datetime | None = None,
) -> EventPhoto:
    """Publish a photo of an event that has taken place; PhotoForm has checked the image (re-encoded
    without its metadata) and its description."""
    require(user, "events.change_event", event)
    now = now or timezone.now()
    if event.start > now:
        raise ValidationError({"image": _("Photos can be added once the event has taken place.")})
    stored = image
    with transaction.atomic():
        photo = EventPhoto.objects.create(
            event=event,
            image=stored,
            alt_text=alt_text,
            caption=caption,
            size=stored.size,
        )
        if event.documented_at is None:
            event.documented_at = now
            event.save(update_fields=["documented_at", "updated_at"])
        audit.record(user, "event.photo_add", event, {"photo": [None, photo.alt_text]})
    return photo


def remove_photo(user: User, event: Event, photo: EventPhoto) -> None:
    require(user, "events.change_event", event)
    if photo.event_id != event.pk:
        raise ValidationError(_("This photo belongs to another event."))
    with transaction.atomic():
        audit.record(user, "event.photo_remove", event, {"photo": [photo.alt_text, None]})
        photo.image.delete(save=False)
        photo.delete()


# --- attendance (issue 15) ---------------------------------------------------------------------------


def record_attendance(
    user: User,
    event: Event,
    *,
    registration_ids: list[int],
    walk_ins: list[str] = (),
    now: datetime.datetime | None = None,
) -> list[Attendance]:
    """Record who took part: the confirmed registrations ticked (`registration_ids`; those not ticked any more
    are removed) and people who came without registering (`walk_ins`, names). Only once the event has begun;
    the event row is locked so that two colleagues recording at once do not double an attendee."""
    require(user, "events.change_event", event)
    now = now or timezone.now()
    if event.start > now:
        raise ValidationError(_("Attendance can be recorded once the event has begun."))
    if event.is_cancelled:
        raise ValidationError(_("This event has been cancelled."))
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        before = event.attendances.count()
        chosen = set(registration_ids)
        registrations = {
            registration.pk: registration
            for registration in event.registrations.filter(status=Registration.Status.CONFIRMED)
        }
        if unknown := chosen - registrations.keys():
            raise ValidationError(
                _("%(count)s of the people chosen are not confirmed for this event.") % {"count": len(unknown)}
            )
        if any(registrations[pk].name == "" for pk in chosen):
            raise ValidationError(_("The name of a registration has already been removed; add the person by name."))
        recorded = {a.registration_id: a for a in event.attendances.filter(registration__isnull=False)}
        removed = [a for pk, a in recorded.items() if pk not in chosen]
        added = []
        for pk in sorted(chosen - recorded.keys()):
            registration = registrations[pk]
            added.append(
                Attendance(
                    event=event,
                    registration=registration,
                    user=registration.user,
                    name=registration.name,
                    recorded_by=user,
                )
            )
        existing = {a.name.casefold() for a in event.attendances.filter(registration__isnull=True)}
        for name in walk_ins:
            name = name.strip()
            if name and name.casefold() not in existing:
                existing.add(name.casefold())
                added.append(Attendance(event=event, name=name, recorded_by=user))
        Attendance.objects.bulk_create(added)
        Attendance.objects.filter(pk__in=[a.pk for a in removed]).delete()
        if added or removed:
            audit.record(user, "event.attendance", event, {"attendance": [before, event.attendances.count()]})
    return list(event.attendances.all())


def remove_attendance(user: User, event: Event, attendance: Attendance) -> None:
    require(user, "events.change_event", event)
    if attendance.event_id != event.pk:
        raise ValidationError(_("This attendance belongs to another event."))
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        before = event.attendances.count()
        attendance.delete()
        audit.record(user, "event.attendance", event, {"attendance": [before, before - 1]})


# --- privacy ---------------------------------------------------------------------------------------

PURGE_AFTER_DAYS = 30


def purge_registrations(now: datetime.datetime | None = None, days: int = PURGE_AFTER_DAYS) -> int:
    """Remove names, e-mail addresses and needs of registrations for events that ended `days` ago.

    The registration rows stay (without personal data) so that attendance figures remain."""
    cutoff = (now or timezone.now()) - timezone.timedelta(days=days)
    with transaction.atomic():
        rows = Registration.objects.filter(event__end__lt=cutoff).exclude(name="", email="")
        count = rows.update(name="", email="", needs="")
    return count
