"""Fill the site search's index from the public rows of every app (after bulk loads, which send no signals)."""

from django.core.management.base import BaseCommand

from stadtdialog.search import index


class Command(BaseCommand):
    help = "Rebuild the site search index from the public plans, processes, contributions, reports, events and pages."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Only these kinds (plan, process, contribution, ...).")

    def handle(self, *args, **options):
        for kind, count in index.rebuild(options["kinds"] or None).items():
            self.stdout.write(f"{kind}: {count}")
