from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "stadtdialog.organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from stadtdialog.core.queries import LAYOUT_CACHE_KEYS

        from .models import City
        from .queries import CITY_CACHE_KEY, forget_city

        # every page shows the city: read with a view's own cache keys (core.queries.read_with_layout)
        if CITY_CACHE_KEY not in LAYOUT_CACHE_KEYS:
            LAYOUT_CACHE_KEYS.append(CITY_CACHE_KEY)

        # Every change of the City row (load_city, the staff area, the admin) reaches the cached current_city().
        post_save.connect(forget_city, sender=City, dispatch_uid="organisation.city.saved")
        post_delete.connect(forget_city, sender=City, dispatch_uid="organisation.city.deleted")

        from stadtdialog.core.extensions import register_link, register_section

        from . import audit_actions  # noqa: F401
        from .queries import office_contact_section

        # the 403 page names whom to ask for a right
        register_section(
            "permission_denied", "organisation", "organisation/_office_contact.html", office_contact_section
        )

        register_link("staff_home", _("Organisation"), "organisation:units", "organisation.view_units", order=80)
        register_link(
            "staff_home",
            _("Districts and councils"),
            "organisation:districts",
            "organisation.manage_districts",
            order=81,
        )
