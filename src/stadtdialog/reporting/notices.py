"""Notices (Aushang): a printable poster of a plan, a process, an event or a process's report, in A4 and A3, and
a small flyer (A6): title, the summary in easy language, dates, where and how to take part on site and online,
the contact, a QR code to the page, the city's logo.

The QR code is drawn as SVG (the `qrcode` library the sortition letters use, vector and sharp in print) and
embedded as a data URI, which WeasyPrint reads without any fetch.
"""

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from stadtdialog.events.models import Event
from stadtdialog.events.queries import upcoming_for_process
from stadtdialog.organisation.queries import current_city
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process
from stadtdialog.reports.models import Report

SIZES = {"a4": "A4", "a3": "A3", "flyer": "A6"}
KINDS = ("vorhaben", "beteiligung", "veranstaltung", "bericht")
SUMMARY_CHARS = 420


@dataclass
class Notice:
    kind_label: str
    title: str
    summary: str
    url: str
    dates: list[tuple[str, str]] = field(default_factory=list)
    on_site: list[dict] = field(default_factory=list)
    online: str = ""
    contact: list[str] = field(default_factory=list)


def qr_data_uri(text: str) -> str:
    """A QR code as an SVG data URI (vector, sharp in print)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def _short(text: str) -> str:
    plain = " ".join(strip_tags(text or "").split())
    if len(plain) <= SUMMARY_CHARS:
        return plain
    cut = plain[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return cut + " …"


def _day(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y, %H:%M") if value else ""


def _event_line(event: Event) -> dict:
    return {
        "title": event.title,
        "when": f"{_moment(event.start)} – {timezone.localtime(event.end).strftime('%H:%M')}",
        "where": f"{event.place_name}, {event.address}",
        "access": ", ".join(event.accessibility_features()),
        "registration": event.registration_required,
    }


def _unit_contact(unit) -> list[str]:
    if unit is None:
        return []
    return [line for line in (f"{unit.short_name} {unit.name}", unit.phone, unit.email, unit.address) if line]


def _person_contact(person, unit) -> list[str]:
    if person is None:
        return _unit_contact(unit)
    lines = [person.full_name or person.display_name, person.office_phone, person.office_email or person.email]
    if unit is not None:
        lines.insert(1, f"{unit.short_name} {unit.name}")
    return [line for line in lines if line]


def _plan_summary(plan: Plan) -> str:
    return _short(plan.easy_language_summary or plan.summary)


def _phases(process: Process) -> list[tuple[str, str]]:
    return [(phase.title, f"{_day(phase.start)} – {_day(phase.end)}") for phase in process.phases.all()]


def plan_notice(plan: Plan, url: str) -> Notice:
    dates = []
    if plan.schedule_start or plan.schedule_end:
        dates.append((_("Schedule"), f"{_day(plan.schedule_start)} – {_day(plan.schedule_end)}".strip(" –")))
    if plan.schedule_note:
        dates.append((_("Note on the schedule"), plan.schedule_note))
    processes = [process for process in plan.processes.all() if process.published_at]
    for process in processes[:2]:
        dates.extend(_phases(process))
    on_site = [_event_line(event) for process in processes[:2] for event in upcoming_for_process(process, limit=2)]
    return Notice(
        _("Plan of the city"),
        plan.title,
        _plan_summary(plan),
        url,
        dates,
        on_site,
        _("Everything about the plan, and how to take part, on the page the QR code opens."),
        _unit_contact(plan.lead_unit),
    )


def process_notice(process: Process, url: str) -> Notice:
    return Notice(
        _("Take part"),
        process.title,
        _plan_summary(process.plan),
        url,
        _phases(process),
        [_event_line(event) for event in upcoming_for_process(process, limit=3)],
        _("Read the plan and the participation concept, send contributions and comments online."),
        _person_contact(process.lead_contact, process.plan.lead_unit),
    )


def event_notice(event: Event, url: str) -> Notice:
    summary = _short(event.description) or (_plan_summary(event.process.plan) if event.process else "")
    contact = _unit_contact(event.org_unit) or (_unit_contact(event.process.plan.lead_unit) if event.process else [])
    online = _("Registration and details online.") if event.registration_required else _("Details online.")
    return Notice(
        _("Event"),
        event.title,
        summary,
        url,
        [(_("When"), _event_line(event)["when"])],
        [_event_line(event)],
        online,
        contact,
    )


def report_notice(report: Report, url: str) -> Notice:
    dates = []
    if report.published_at:
        dates.append((_("Published"), _day(timezone.localtime(report.published_at).date())))
    if report.comments_until:
        dates.append((_("Comments possible until"), _day(report.comments_until)))
    if report.decision_where_when:
        dates.append((_("Decision"), report.decision_where_when))
    return Notice(
        report.get_kind_display(),
        report.title,
        _short(report.text),
        url,
        dates,
        [],
        _("Read the whole report online.")
        if not report.comments_until
        else _("Read the whole report and comment on it online."),
        _person_contact(report.process.lead_contact, report.process.plan.lead_unit),
    )


def find(kind: str, pk: int, user) -> tuple[object, Callable]:
    """The object of a notice that the user may see (public, or their own draft), else 404."""
    if kind == "vorhaben":
        obj = Plan.objects.select_related("lead_unit").prefetch_related("processes__phases").filter(pk=pk).first()
        if obj is None or not user.has_perm("plans.view_plan", obj):
            raise Http404
        return obj, plan_notice
    if kind == "beteiligung":
        obj = Process.objects.select_related("plan__lead_unit", "lead_contact").filter(pk=pk).first()
        if obj is None or not user.has_perm("processes.view_process", obj):
            raise Http404
        return obj, process_notice
    if kind == "veranstaltung":
        obj = Event.objects.select_related("org_unit", "process__plan__lead_unit").filter(pk=pk).first()
        if obj is None or not (obj.is_published or user.has_perm("events.change_event", obj)):
            raise Http404
        if obj.process is not None and not user.has_perm("processes.view_process", obj.process):
            raise Http404
        return obj, event_notice
    if kind == "bericht":
        obj = Report.objects.select_related("process__plan__lead_unit", "process__lead_contact").filter(pk=pk).first()
        if obj is None or not (
            (obj.published_at and user.has_perm("processes.view_process", obj.process))
            or user.has_perm("reports.manage_reports", obj.process)
        ):
            raise Http404
        return obj, report_notice
    raise Http404


def page_url(kind: str, obj, base_url: str) -> str:
    """The public page the notice's QR code opens (SITE_URL when set, else the request's site)."""
    from django.urls import reverse

    path = reverse("reports:report", args=[obj.pk]) if kind == "bericht" else obj.get_absolute_url()
    return f"{(getattr(settings, 'SITE_URL', '') or base_url).rstrip('/')}{path}"


def notice_context(kind: str, obj, make, size: str, base_url: str) -> dict:
    url = page_url(kind, obj, base_url)
    city = current_city()
    return {
        "notice": make(obj, url),
        "qr": qr_data_uri(url),
        "size": size,
        "page_size": SIZES[size],
        "display_url": re.sub(r"^https?://", "", url),
        "CITY": city,
        "CITY_NAME": city.name,
        "SITE_NAME": city.site_name,
    }
