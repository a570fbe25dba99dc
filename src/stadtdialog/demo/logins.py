"""The demo logins: one account per role, all with the shared demo password.

`people.make_demo_logins` creates them and the `demo_logins` command prints them. The shared password exists only
in demo data; a production installation never runs seed_demo.
"""

from django.utils.translation import gettext_lazy

DEMO_PASSWORD = "Demo-Hannover-2026"
DEMO_DOMAIN = "demo.stadtdialog.example"

DEMO_ACCOUNTS = [
    {"key": "admin", "email": f"admin@{DEMO_DOMAIN}", "role": gettext_lazy("Administrator")},
    {"key": "coordination", "email": f"koordination@{DEMO_DOMAIN}", "role": gettext_lazy("Coordination office")},
    {
        "key": "fb61",
        "email": f"fb61@{DEMO_DOMAIN}",
        "role": gettext_lazy("Department staff, FB 61 Planning and Urban Development"),
    },
    {
        "key": "fb67",
        "email": f"fb67@{DEMO_DOMAIN}",
        "role": gettext_lazy("Department staff, FB 67 Environment and Urban Green"),
    },
    {
        "key": "district_manager",
        "email": f"linden-limmer@{DEMO_DOMAIN}",
        "role": gettext_lazy("District manager, 10 Linden-Limmer"),
    },
    {"key": "moderator", "email": f"moderation@{DEMO_DOMAIN}", "role": gettext_lazy("Moderator")},
    {"key": "council_member", "email": f"ratsmitglied@{DEMO_DOMAIN}", "role": gettext_lazy("Council member")},
    {
        "key": "unit_lead",
        "email": f"leitung-fb61@{DEMO_DOMAIN}",
        "role": gettext_lazy("Unit lead, FB 61 Planning and Urban Development"),
    },
    {
        "key": "district_deputy",
        "email": f"linden-limmer-vertretung@{DEMO_DOMAIN}",
        "role": gettext_lazy("Deputy district manager, 10 Linden-Limmer"),
    },
    {"key": "resident", "email": f"einwohnerin@{DEMO_DOMAIN}", "role": gettext_lazy("Resident (registered)")},
]


def demo_login(key: str) -> dict:
    return next(account for account in DEMO_ACCOUNTS if account["key"] == key)
