"""Labels of the organisation's audit actions and who sees the history of a unit or a district council
(imported by OrganisationConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import DistrictCouncil, OrgUnit

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
register_history(
    OrgUnit, "organisation.change_unit_contact", url=lambda unit: reverse("organisation:unit", args=[unit.pk])
)
register_history(
    DistrictCouncil,
    "organisation.manage_districts",
    via=lambda council: council.district,
    url=lambda council: reverse("organisation:district", args=[council.district_id]),
)
