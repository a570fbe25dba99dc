"""Recompute a draw from the published lottery (JSON file) and the public random number.

The same document and rule as the public verification page and as the command line without
Django: ``python -m stadtdialog.sortition verify --lottery lotterie.json --number 4-17-23``.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stadtdialog.sortition.services.selection import recompute_draw


class Command(BaseCommand):
    help = (
        "Recompute a sortition draw from the published lottery JSON and the public random number "
        "(the same rule as `python -m stadtdialog.sortition verify`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("published", help="the published lottery (lotterie.json)")
        parser.add_argument("number", help="the public random number, e.g. 4-17-23-38-41")

    def handle(self, *args, published, number, **options):
        try:
            document = Path(published).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Datei nicht lesbar: {error}") from error
        try:
            index, members, digest = recompute_draw(document, number)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"SHA-256: {digest}")
        self.stdout.write(f"Panel: {index}")
        self.stdout.write("Mitglieder: " + ", ".join(members))
