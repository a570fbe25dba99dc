"""Update council papers (title, date, type, link) from the OParl server in settings.OPARL_URL.

    manage.py import_oparl --number 1736/2018 --number 15-1178/2022
    manage.py import_oparl --all-linked

Nothing is stored when the server fails; the command then ends with a German error message.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stadtdialog.outcomes.oparl import OParlClient, OParlError, sync_papers
from stadtdialog.plans.models import CouncilPaper


class Command(BaseCommand):
    help = "Update council papers from the OParl server of the council information system."

    def add_arguments(self, parser):
        parser.add_argument("--number", action="append", default=[], help="council paper number, e.g. 1736/2018")
        parser.add_argument("--all-linked", action="store_true", help="every council paper that a plan links to")
        parser.add_argument("--url", default=None, help="OParl System or Body URL (default: setting OPARL_URL)")
        parser.add_argument("--timeout", type=float, default=None, help="seconds to wait for one answer")

    def handle(self, *args, **options):
        numbers = list(options["number"])
        if options["all_linked"]:
            linked = CouncilPaper.objects.filter(plans__isnull=False).distinct().values_list("number", flat=True)
            numbers += linked
            if not numbers:
                self.stdout.write(_("No council paper is linked to a plan; nothing to update."))
                return
        if not numbers:
            raise CommandError(_("Name council papers with --number or choose --all-linked."))
        try:
            result = sync_papers(numbers, client=OParlClient(options["url"], timeout=options["timeout"]))
        except OParlError as error:
            raise CommandError(_("Nothing was changed. %(reason)s") % {"reason": error}) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

        for number in result.updated:
            self.stdout.write(_("Council paper %(number)s updated.") % {"number": number})
        for number in result.unchanged:
            self.stdout.write(_("Council paper %(number)s is up to date.") % {"number": number})
        for number in result.not_stored:
            self.stdout.write(_("Council paper %(number)s is not stored here; nothing to update.") % {"number": number})
        for number, paper in result.papers.items():
            for consultation in paper.consultations:
                self.stdout.write(
                    "  "
                    + _("%(number)s: %(date)s %(organization)s, %(meeting)s (%(role)s)")
                    % {
                        "number": number,
                        "date": date_format(consultation.date, "SHORT_DATE_FORMAT") if consultation.date else "–",
                        "organization": consultation.organization or "–",
                        "meeting": consultation.meeting or "–",
                        "role": consultation.role or "–",
                    }
                )
        for warning in result.warnings:
            self.stderr.write(warning)
        for number in result.missing:
            self.stderr.write(_("Council paper %(number)s was not found on the OParl server.") % {"number": number})
