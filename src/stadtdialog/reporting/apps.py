from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "stadtdialog.reporting"
    verbose_name = _("Public reporting")

    def ready(self):
        from . import cache, sections

        sections.register_builtin()
        cache.watch()
