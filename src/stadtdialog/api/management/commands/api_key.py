from django.core.management.base import BaseCommand, CommandError

from stadtdialog.api.models import ApiKey
from stadtdialog.api.services import create_api_key, revoke_api_key


class Command(BaseCommand):
    help = (
        "API keys for a higher rate limit: `api_key create NAME [--per-minute N]`, `api_key revoke ID`, `api_key list`."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "revoke", "list"])
        parser.add_argument("value", nargs="?", default="")
        parser.add_argument("--per-minute", type=int, default=3000)

    def handle(self, *args, action, value, per_minute, **options):
        if action == "create":
            if not value.strip():
                raise CommandError("Name the client: api_key create NAME")
            api_key, key = create_api_key(name=value.strip()[:200], requests_per_minute=per_minute)
            self.stdout.write(f"Key {api_key.pk} for {api_key.name} (shown only now): {key}")
        elif action == "revoke":
            if not value.isdecimal() or not ApiKey.objects.filter(pk=int(value)).exists():
                raise CommandError("No such key.")
            revoke_api_key(pk=int(value))
            self.stdout.write("Revoked.")
        else:
            for api_key in ApiKey.objects.order_by("pk"):
                state = "revoked" if api_key.revoked_at else f"{api_key.requests_per_minute}/min"
                self.stdout.write(f"{api_key.pk}\t{api_key.name}\t{state}")
