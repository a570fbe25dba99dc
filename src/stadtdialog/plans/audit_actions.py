"""Labels of the plans' audit actions and who sees a plan's history (imported by PlansConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import Plan

register_actions(
    {
        "plan.create": _("Plan created"),
        "plan.update": _("Plan changed"),
        "plan.publish": _("Plan published"),
        "plan.unpublish": _("Plan taken back to draft"),
        "plan.council_paper_add": _("Council paper added"),
        "plan.attachment_add": _("Attachment added"),
        "plan.attachment_remove": _("Attachment removed"),
    }
)
register_history(
    Plan,
    "plans.change_plan",
    url=lambda plan: reverse("plans:staff_detail", args=[plan.pk]),
    labels={"published_at": _("Published"), "attachments": _("Attachments")},
)
