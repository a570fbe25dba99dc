"""`python -m tests.oidc_provider.prepare CALLBACK_URL LOGOUT_REDIRECT_URL`: migrate the provider's database, add
its people and the confidential client for Stadtdialog."""

import sys

CLIENT_ID = "stadtdialog"
CLIENT_SECRET = "geheim-nur-fuer-die-tests-" + "s" * 20
PASSWORD = "Dienstkonto-2026!"
# username: (e-mail address, first name, last name, groups)
PEOPLE = {
    "anna": ("anna.admin@hannover-stadt.example", "Anna", "Admin", ["stadtdialog-admin"]),
    "kai": ("kai.kuhn@hannover-stadt.example", "Kai", "Kuhn", ["/fb61", "sbm-mitte", "kantine"]),
    "rita": ("rita.rest@example.org", "Rita", "Rest", []),
    "uwe": ("uwe.unbekannt@hannover-stadt.example", "Uwe", "Unbekannt", ["fb99", "kantine"]),
}


def main(callback_url: str, logout_redirect_url: str) -> None:
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username, (email, first, last, groups) in PEOPLE.items():
        user = User.objects.create_user(username, email, PASSWORD, first_name=first, last_name=last)
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    Application.objects.create(
        name="Stadtdialog",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=callback_url,
        post_logout_redirect_uris=logout_redirect_url,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
