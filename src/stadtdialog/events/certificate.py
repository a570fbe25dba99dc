"""The certificate of participation in a training (issue 15): a one-page PDF laid out by WeasyPrint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from stadtdialog.core.pdf import render_pdf
from stadtdialog.organisation.queries import current_city

if TYPE_CHECKING:
    from .models import Attendance


def certificate_pdf(attendance: Attendance) -> bytes:
    event = attendance.event
    city = current_city()
    context = {
        "attendance": attendance,
        "event": event,
        "hours": round((event.end - event.start).total_seconds() / 3600, 1),
        "organiser": event.org_unit.name if event.org_unit_id else "",
        "city_name": city.name,
        "site_name": city.site_name,
        "issued": timezone.localdate(),
    }
    return render_pdf("events/certificate_pdf.html", context)


def certificate_filename(attendance: Attendance) -> str:
    return f"teilnahmebescheinigung-{attendance.event_id}-{attendance.pk}.pdf"
