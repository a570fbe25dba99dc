from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SortitionConfig(AppConfig):
    name = "stadtdialog.sortition"
    verbose_name = _("Sortition")
