"""E-mail of the district conferences: the invitation with the conference as an iCal file (through the task worker),
and the daily reminder of overdue action items (`remind_action_items`)."""

import zoneinfo

import icalendar
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from stadtdialog.core.text import one_line
from stadtdialog.organisation.queries import current_city

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def conference_calendar(conference, url: str) -> bytes:
    """The conference as one calendar entry; its UID stays, its SEQUENCE grows with each invitation, so a second
    invitation updates the entry in the recipients' calendars."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{one_line(current_city().site_name)}//Stadtdialog//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    item = icalendar.Event()
    item.add("uid", f"district-conference-{conference.pk}@stadtdialog")
    item.add("sequence", int(conference.updated_at.timestamp()) % 100000)
    item.add("dtstamp", timezone.now())
    item.add("dtstart", conference.starts_at.astimezone(BERLIN))
    item.add("dtend", conference.ends_at.astimezone(BERLIN))
    item.add("summary", one_line(conference.title))
    item.add("location", one_line(conference.place))
    item.add("url", url)
    if conference.agenda_items:
        item.add("description", "\n".join(conference.agenda_items))
    item.add("status", "CONFIRMED")
    cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


@task()
def send_invitation(conference_id: int, recipients: list[str], base_url: str = "") -> bool:
    """The invitation to a district conference or working meeting, one mail to all invited (as blind copies)."""
    from .models.conferences import DistrictConference

    conference = DistrictConference.objects.select_related("district", "agreement").filter(pk=conference_id).first()
    if conference is None or not recipients:
        return False
    url = base_url + reverse("districts:staff_conference", args=[conference.pk])
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "conference": conference,
            "units": list(conference.units.all()),
            "url": url,
            "site_name": current_city().site_name,
        }
        subject = _("Invitation: %(title)s") % {"title": one_line(conference.title)}
        body = render_to_string("districts/conferences/mail_invitation.txt", context)
        mail = EmailMessage(subject=subject, body=body, bcc=recipients)
        mail.attach("einladung.ics", conference_calendar(conference, url), "text/calendar")
    mail.send()
    return True


def send_item_reminder(address: str, item_ids: list[int], base_url: str) -> bool:
    """The daily reminder of overdue action items to one address (no internal notes)."""
    from .models.conferences import ActionItem

    items = list(
        ActionItem.objects.filter(pk__in=item_ids).select_related("agreement__district", "unit").order_by("due_on")
    )
    if not items:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "items": items,
            "base_url": base_url,
            "list_url": base_url + reverse("districts:staff_action_items") + "?stand=ueberfaellig",
            "site_name": current_city().site_name,
        }
        subject = _("Overdue action items of the district conferences")
        body = render_to_string("districts/conferences/mail_reminder.txt", context)
    EmailMessage(subject=subject, body=body, to=[address]).send()
    return True
