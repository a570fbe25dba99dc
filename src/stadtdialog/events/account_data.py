"""Registrations for events made with the account's e-mail address: in the resident's data export, and
cleared when the account is deleted.

A registration is not tied to an account, only to an address; it is the person's own only when the
address is confirmed, so a deletion touches registrations of confirmed addresses only. On deletion,
registrations for events that have not ended are cancelled (their place goes to the waiting list,
who are told by e-mail as usual) and every registration with the address loses name, address and
needs, like the daily purge after an event does.
"""

from django.db.models import Q
from django.utils import timezone

from stadtdialog.accounts.personal_data import (
    register_deletion_hook,
    register_exporter,
    register_owned_objects,
    register_profile_section,
)
from stadtdialog.core import audit

from . import queries
from .models import Event, Registration


def export_registrations(user) -> list[dict]:
    rows = Registration.objects.filter(email__iexact=user.email).select_related("event").order_by("created_at", "id")
    return [
        {
            "event": r.event.title,
            "start": r.event.start.isoformat(),
            "name": r.name,
            "needs": r.needs,
            "status": r.status,
            "registered_at": r.created_at.isoformat(),
        }
        for r in rows
    ]


def _registrations_of(user):
    if not user.email_verified or not user.email:
        return Registration.objects.none()
    return Registration.objects.filter(email__iexact=user.email)


def forget_registrations(user) -> None:
    """Runs in the deletion's transaction (accounts.services.delete_account)."""
    from .services import _fill_free_places

    now = timezone.now()
    rows = _registrations_of(user)
    active = rows.filter(event__end__gte=now).exclude(status=Registration.Status.CANCELLED)
    event_ids = sorted(set(active.values_list("event_id", flat=True)))
    events = Event.objects.select_for_update().in_bulk(event_ids)  # the same lock as a registration takes
    for registration in active.order_by("id"):
        audit.record(
            None,
            "event.registration_cancel",
            events[registration.event_id],
            {"registration": [registration.pk, None], "status": [registration.status, Registration.Status.CANCELLED]},
        )
    active.update(status=Registration.Status.CANCELLED, cancelled_at=now)
    rows.filter(~Q(name="") | ~Q(email="") | ~Q(needs="")).update(name="", email="", needs="")
    for event_id in event_ids:
        _fill_free_places(events[event_id], "", now)


ACCOUNT_ITEMS = 50


def account_context(user) -> dict:
    """The account page's list (`/konto/`): the registrations made with the confirmed address, newest event first
    (two queries)."""
    rows = _registrations_of(user).select_related("event").order_by("-event__start", "-id")
    return {"registrations": list(rows[:ACCOUNT_ITEMS]), "registration_total": rows.count()}


register_exporter("event_registrations", export_registrations)
register_profile_section("event_registrations", "events/_account_registrations.html", account_context)
register_owned_objects("event_registrations", _registrations_of)
register_deletion_hook("event_registrations", forget_registrations)


# --- attendance (issue 15): the trainings and meetings the account took part in ----------------------------


def export_attendances(user) -> list[dict]:
    from .models import Attendance

    rows = Attendance.objects.filter(user=user).select_related("event").order_by("created_at", "id")
    return [{"event": a.event.title, "start": a.event.start.isoformat(), "name": a.name} for a in rows]


def _attendances_of(user):
    from .models import Attendance

    return Attendance.objects.filter(user=user)


def forget_attendances(user) -> None:
    """The account's attendances go with it (the certificate names the person: nothing of them stays)."""
    _attendances_of(user).delete()


register_exporter("event_attendances", export_attendances)
register_owned_objects("event_attendances", _attendances_of)
register_deletion_hook("event_attendances", forget_attendances)
register_profile_section("certificates", "events/_account_certificates.html", queries.account_certificates)
