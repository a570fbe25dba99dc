"""Print the demo logins (role, e-mail, password) that `seed_demo` creates.

The shared password exists only in demo data; a production installation never runs seed_demo.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import override

from stadtdialog.demo.logins import DEMO_ACCOUNTS, DEMO_DOMAIN, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo logins for every role (only after `seed_demo`)."

    def handle(self, *args, **options):
        from stadtdialog.accounts.models import User

        with override("de"):
            existing = set(User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").values_list("email", flat=True))
            rows = [(str(a["role"]), a["email"]) for a in DEMO_ACCOUNTS if a["email"] in existing]
            if not rows:
                self.stdout.write(_("No demo logins yet. Run “manage.py seed_demo” first."))
                return
            headers = (_("Role"), _("E-mail address"), _("Password"))
            widths = [max(len(r[i]) for r in [headers[:2], *rows]) for i in range(2)]
            line = "+-" + "-+-".join("-" * w for w in [*widths, len(DEMO_PASSWORD)]) + "-+"
            self.stdout.write("")
            self.stdout.write(_("Demo logins (demo data only, never in production):"))
            self.stdout.write(line)
            self.stdout.write(
                "| " + " | ".join(h.ljust(w) for h, w in zip(headers, [*widths, len(DEMO_PASSWORD)])) + " |"
            )
            self.stdout.write(line)
            for role, email in rows:
                self.stdout.write(f"| {role.ljust(widths[0])} | {email.ljust(widths[1])} | {DEMO_PASSWORD} |")
            self.stdout.write(line)
            self.stdout.write(_("Log in at /anmelden/. Everything public can be read without logging in."))
            if settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
                self.stdout.write(
                    _("E-mails of the portal are written to files in %(path)s.") % {"path": settings.EMAIL_FILE_PATH}
                )
            self.stdout.write("")
