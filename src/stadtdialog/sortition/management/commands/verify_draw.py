"""Recompute a draw from the published lottery (JSON file) and the public random number."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stadtdialog.sortition.services import document_hash, recompute_draw


class Command(BaseCommand):
    help = "Recompute a sortition draw from the published lottery JSON and the public random number."

    def add_arguments(self, parser):
        parser.add_argument("published", help="the published lottery (lotterie.json)")
        parser.add_argument("number", help="the public random number, e.g. 4-17-23-38-41")

    def handle(self, *args, published, number, **options):
        try:
            document = Path(published).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Datei nicht lesbar: {error}") from error
        try:
            index, members = recompute_draw(document, number)
            digest = document_hash(document)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"SHA-256: {digest}")
        self.stdout.write(f"Panel: {index}")
        self.stdout.write("Mitglieder: " + ", ".join(sorted(members)))
