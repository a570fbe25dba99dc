"""Labels of the sortition's audit actions and who sees a sortition's history (imported by SortitionConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import Respondent, Sortition

register_actions(
    {
        "sortition.create": _("Sortition created"),
        "sortition.update": _("Sortition changed"),
        "sortition.state": _("State changed"),
        "sortition.import_register": _("Population register imported"),
        "sortition.draw_invitations": _("Invitations drawn"),
        "sortition.add_feature": _("Feature added"),
        "sortition.delete_feature": _("Feature removed"),
        "sortition.sign_up": _("Reply received"),
        "sortition.purge": _("Personal data deleted"),
        "sortition.set_quotas": _("Quotas set"),
        "sortition.publish_lottery": _("Lottery published"),
        "sortition.draw": _("Panel drawn"),
        "sortition.replace": _("Member replaced"),
        "sortition.request_letters": _("Letters requested"),
        "sortition.make_letters": _("Letters made"),
        "sortition.download_letters": _("Letters downloaded"),
        "sortition.run_selection": _("Selection started"),
        "sortition.run_selection_finished": _("Selection finished"),
    }
)
register_history(
    Sortition,
    "sortition.run_sortition",
    url=lambda sortition: reverse("sortition:staff_detail", args=[sortition.pk]),
)
register_history(
    Respondent,
    "sortition.view_personal_data",
    via=lambda respondent: respondent.sortition,
    url=lambda respondent: reverse("sortition:respondents", args=[respondent.sortition_id]),
)
