"""Labels of the outcomes' audit actions and who sees the history of results, decision and implementation
(imported by OutcomesConfig.ready): the process's staff."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import Decision, ImplementationUpdate, Milestone, Result, ResultDocument

register_actions(
    {
        "outcomes.save_result": _("Results saved"),
        "outcomes.publish_result": _("Results published"),
        "outcomes.add_document": _("Document added"),
        "outcomes.delete_document": _("Document removed"),
        "outcomes.save_decision": _("Decision saved"),
        "outcomes.publish_decision": _("Decision published"),
        "outcomes.create_milestone": _("Milestone added"),
        "outcomes.update_milestone": _("Milestone changed"),
        "outcomes.delete_milestone": _("Milestone removed"),
        "outcomes.add_update": _("Progress report added"),
        "outcomes.delete_update": _("Progress report removed"),
        "council_paper.oparl_sync": _("Council paper updated from the council information system"),
    }
)
CHANGE = "outcomes.change_outcomes"


def _url(name: str, **kwargs):
    return lambda obj: reverse(f"outcomes:{name}", kwargs={"process_pk": obj.process_id, **kwargs})


register_history(Result, CHANGE, via=lambda result: result.process, url=_url("staff_results"))
register_history(
    ResultDocument,
    CHANGE,
    via=lambda document: document.result.process,
    url=lambda document: reverse("outcomes:staff_documents", args=[document.result.process_id]),
)
register_history(Decision, CHANGE, via=lambda decision: decision.process, url=_url("staff_decision"))
register_history(
    Milestone,
    CHANGE,
    via=lambda milestone: milestone.process,
    url=lambda milestone: reverse("outcomes:staff_milestone", args=[milestone.process_id, milestone.pk]),
)
register_history(ImplementationUpdate, CHANGE, via=lambda update: update.process, url=_url("staff_updates"))
