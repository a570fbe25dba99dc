"""Registrations for events made with the account's e-mail address, for the resident's data export."""

from stadtdialog.accounts.personal_data import register_exporter

from .models import Registration


def export_registrations(user) -> list[dict]:
    rows = Registration.objects.filter(email__iexact=user.email).select_related("event").order_by("created_at", "id")
    return [
        {"event": r.event.title, "start": r.event.start.isoformat(), "name": r.name, "needs": r.needs,
         "status": r.status, "registered_at": r.created_at.isoformat()}
        for r in rows
    ]


register_exporter("event_registrations", export_registrations)
