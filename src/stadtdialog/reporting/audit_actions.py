"""Labels of the reporting app's audit actions and who sees their histories (imported by ready())."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import AnnualReport

register_actions(
    {
        "reporting.annual_report_request": _("Annual report requested"),
        "reporting.annual_report_made": _("Annual report made"),
    }
)
register_history(AnnualReport, "reporting.make_annual_report", url=lambda report: reverse("reporting:staff_annual"))
