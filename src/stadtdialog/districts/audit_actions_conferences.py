"""Labels of the district conferences' audit actions and who sees the histories (imported by the app's ready())."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models.conferences import ActionItem, Agreement, DistrictConference, DistrictProject, Escalation

register_actions(
    {
        "conference.plan": _("Meeting planned"),
        "conference.update": _("Meeting changed"),
        "conference.invite": _("Invitations sent"),
        "conference.minutes": _("Attendance and minutes saved"),
        "conference.publish_minutes": _("Minutes published to the participants"),
        "agreement.create": _("Agreement made"),
        "agreement.working_meeting": _("Working meeting planned"),
        "agreement.escalate": _("Agreement escalated"),
        "agreement.decision": _("Decision on the agreement recorded"),
        "action_item.create": _("Action item added"),
        "action_item.update": _("Action item updated by the department"),
        "action_item.confirm": _("Completion confirmed"),
        "action_item.dispute": _("Action item marked disputed"),
        "action_item.escalate": _("Action item escalated"),
        "action_item.decision": _("Decision on the escalation recorded"),
        "action_item.remind": _("Reminded of the overdue item"),
        "escalation.create": _("Escalation recorded"),
        "escalation.decide": _("Decision recorded"),
        "district_project.save": _("District project saved"),
    }
)
register_history(
    DistrictConference,
    "districts.keep_conferences",
    url=lambda conference: reverse("districts:staff_conference", args=[conference.pk]),
)
register_history(
    Agreement,
    "districts.keep_conferences",
    url=lambda agreement: reverse("districts:staff_agreement", args=[agreement.pk]),
)
register_history(
    ActionItem,
    ("districts.keep_conferences", "districts.view_action_item"),
    url=lambda item: reverse("districts:staff_action_item", args=[item.pk]),
)
register_history(
    Escalation,
    "districts.view_escalation",
    url=lambda escalation: reverse("districts:staff_escalation", args=[escalation.pk]),
)
register_history(
    DistrictProject,
    "districts.keep_projects",
    url=lambda project: reverse("districts:staff_project_edit", args=[project.pk]),
)
