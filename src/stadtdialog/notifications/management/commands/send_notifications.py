import datetime

from django.core.management.base import BaseCommand

from stadtdialog.notifications import daily


class Command(BaseCommand):
    help = (
        "Daily notifications: phases that start, deadlines in three days, and the daily digests. "
        "Run once a day (e.g. at 7:00); running it again sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="Run as if it were this day (YYYY-MM-DD)."
        )

    def handle(self, *args, today=None, **options):
        result = daily.run(today)
        self.stdout.write(
            f"{result['phase_starts']} phase notices, {result['deadlines']} deadline notices, "
            f"{result['digests']} digests queued"
        )
