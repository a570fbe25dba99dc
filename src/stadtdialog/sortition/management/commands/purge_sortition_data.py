"""Delete personal data of sortition pools whose deletion date has passed.

Run it once a day (cron or a systemd timer), e.g. ``0 3 * * * manage.py purge_sortition_data``.
"""

import datetime

from django.core.management.base import BaseCommand

from stadtdialog.sortition.services.register import purge_due


class Command(BaseCommand):
    help = (
        "Run daily (e.g. from cron at 03:00). For every sortition whose 'delete personal data after' "
        "date has passed, delete the names and addresses of all register entries and the contact "
        "details (e-mail, phone, household) of everyone not on the panel. Pseudonyms, answers, the "
        "published lottery and the draw stay, so the draw remains checkable. Each deletion is "
        "recorded in the audit log; a sortition is purged once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="the date to compare with (YYYY-MM-DD)")

    def handle(self, *args, today=None, **options):
        purged = purge_due(today)
        for sortition in purged:
            self.stdout.write(f"Personenbezogene Daten gelöscht: {sortition.title} (#{sortition.pk})")
        if not purged:
            self.stdout.write("Nichts zu löschen.")
