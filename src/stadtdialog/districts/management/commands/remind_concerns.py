"""Daily: remind the district managers and deputies of overdue concerns and steps."""

from django.conf import settings
from django.core.management.base import BaseCommand

from stadtdialog.districts.services_concerns import remind_overdue


class Command(BaseCommand):
    help = "Mail each district's manager and deputy the overdue concerns and steps (daily)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", ""))

    def handle(self, *args, **options):
        count = remind_overdue(options["base_url"])
        self.stdout.write(f"{count} reminder(s) sent")
