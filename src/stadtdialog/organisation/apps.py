from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "stadtdialog.organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from stadtdialog.core.extensions import register_link

        register_link("staff_home", _("Organisation"), "organisation:units", "organisation.view_units", order=80)
        register_link(
            "staff_home",
            _("Districts and councils"),
            "organisation:districts",
            "organisation.manage_districts",
            order=81,
        )
