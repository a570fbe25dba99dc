from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "stadtdialog.api"
    verbose_name = _("Open data")

    def ready(self):
        from stadtdialog.core.middleware import answer_in_json

        from . import audit_actions  # noqa: F401  (labels of the audit actions)

        answer_in_json("/api/v1/")
        answer_in_json("/dcat/")
