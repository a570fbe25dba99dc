"""Labels of the initiatives' audit actions and who sees an initiative's history (imported by ready())."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import Initiative

register_actions(
    {
        "initiative.submit": _("Initiative submitted"),
        "initiative.assign": _("Department assigned"),
        "initiative.state": _("State changed"),
        "initiative.link_process": _("Process linked"),
    }
)
register_history(
    Initiative,
    "initiatives.review",
    url=lambda initiative: reverse("initiatives:staff_review", args=[initiative.pk]),
)
