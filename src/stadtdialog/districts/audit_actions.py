"""Labels of the district management's audit actions and who sees the histories (imported by
DistrictsConfig.ready); the concerns register theirs in audit_actions_concerns.py."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import ContactPoint, DistrictProfile, Indicator, MonitoringNote, Network

register_actions(
    {
        "district_profile.create": _("District page written"),
        "district_profile.update": _("District page changed"),
        "network.create": _("Network added"),
        "network.update": _("Network changed"),
        "network.delete": _("Network removed"),
        "monitoring_note.create": _("Monitoring note added"),
        "monitoring_note.update": _("Monitoring note changed"),
        "monitoring_note.delete": _("Monitoring note removed"),
        "contact_point.create": _("Directory entry added"),
        "contact_point.update": _("Directory entry changed"),
        "contact_point.delete": _("Directory entry removed"),
        "indicator.import": _("Indicator values imported"),
    }
)


def _work_area(obj) -> str:
    return reverse("districts:staff_district", args=[obj.district.slug])


register_history(DistrictProfile, "districts.change_district", via=lambda p: p.district, url=_work_area)
register_history(Network, "districts.change_district", via=lambda n: n.district, url=_work_area)
register_history(MonitoringNote, "districts.change_district", via=lambda n: n.district, url=_work_area)
register_history(
    ContactPoint,
    "districts.change_contact_point",
    url=lambda point: reverse("districts:staff_contact_point_edit", args=[point.pk]),
)
register_history(Indicator, "districts.import_indicators", labels={"values": _("Values"), "district": _("District")})
