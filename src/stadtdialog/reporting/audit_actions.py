"""Labels of the reporting app's audit actions and who sees their histories (imported by ready())."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import AnnualPlanEntry, AnnualReport

register_actions(
    {
        "reporting.annual_report_request": _("Annual report requested"),
        "reporting.annual_report_made": _("Annual report made"),
        "reporting.letters_request": _("Letters requested"),
        "reporting.letters_made": _("Letters made"),
        "reporting.plan_entry_add": _("Entry of the annual plan added"),
        "reporting.plan_entry_change": _("Entry of the annual plan changed"),
        "reporting.plan_entry_outcome": _("Outcome of an entry of the annual plan recorded"),
    }
)
register_history(AnnualReport, "reporting.make_annual_report", url=lambda report: reverse("reporting:staff_annual"))
register_history(
    AnnualPlanEntry,
    "reporting.change_annual_plan_entry",
    url=lambda entry: reverse("reporting:staff_plan_entry", args=[entry.pk]),
)
