from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The Hannover demo and benchmark data (`seed_demo`, `demo_logins`): it imports every app, none imports it."""

    name = "stadtdialog.demo"
    verbose_name = _("Demo data")
