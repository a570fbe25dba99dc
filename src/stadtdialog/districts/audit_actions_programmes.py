"""Labels of the action programmes' audit actions and who sees their histories (imported by DistrictsConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models.programmes import ActionProgramme, Need, PrioritisationRound, Priority

register_actions(
    {
        "programme.create": _("Action programme created"),
        "programme.update": _("Action programme changed"),
        "programme.decision": _("Decision of the directors' conference recorded"),
        "programme.round_create": _("Prioritisation round created"),
        "programme.round_update": _("Prioritisation round changed"),
        "programme.need_propose": _("Need proposed by a resident"),
        "programme.need_conference": _("Need entered from a district conference"),
        "programme.need_concern": _("Concern taken over as a need"),
        "programme.need_answer": _("Need answered"),
        "programme.points": _("Points distributed"),
        "programme.priority_create": _("Priority agreed"),
        "programme.priority_update": _("Priority changed"),
    }
)


def _staff_url(obj) -> str:
    programme = obj if isinstance(obj, ActionProgramme) else obj.programme
    return reverse("districts:staff_programme", args=[programme.district.slug])


register_history(ActionProgramme, "districts.manage_programme", url=_staff_url)
register_history(PrioritisationRound, "districts.manage_programme", via=lambda r: r.programme, url=_staff_url)
register_history(Need, "districts.manage_programme", via=lambda n: n.programme, url=_staff_url)
register_history(Priority, "districts.manage_programme", via=lambda p: p.programme, url=_staff_url)
