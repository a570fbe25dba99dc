"""Labels of the audit actions of consultation requests and work aids (imported by OfficeConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models_advice import ConsultationRequest, WorkAid

register_actions(
    {
        "consultation.request": _("Consultation requested"),
        "consultation.handle": _("Consultation request handled"),
        "consultation.note": _("Internal note written"),
        "work_aid.create": _("Work aid added"),
        "work_aid.update": _("Work aid changed"),
        "work_aid.version": _("New version of the work aid"),
    }
)
register_history(
    ConsultationRequest,
    "office.manage_consultations",
    url=lambda consultation: reverse("office:advice_handle", args=[consultation.pk]),
    labels={"note": _("Internal note")},
)
register_history(
    WorkAid,
    "office.manage_work_aids",
    url=lambda aid: reverse("office:staff_work_aid_edit", args=[aid.pk]),
)
