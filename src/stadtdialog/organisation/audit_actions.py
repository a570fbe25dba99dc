"""Labels of the organisation's audit actions (imported by OrganisationConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions

register_actions(
    {
        "organisation.city.load": _("City data loaded"),
        "organisation.unit.create": _("Unit created"),
        "organisation.unit.update": _("Unit changed"),
        "organisation.unit.move": _("Unit moved"),
        "organisation.unit.dissolve": _("Unit dissolved"),
        "organisation.unit.take_over": _("Took over the work of a dissolved unit"),
        "organisation.council.update": _("District council changed"),
    }
)
