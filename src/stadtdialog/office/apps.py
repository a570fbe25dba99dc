from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    name = "stadtdialog.office"
    verbose_name = _("Coordination office")
