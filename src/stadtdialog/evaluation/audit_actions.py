"""Labels of the evaluation's audit actions and who sees an evaluation's history (imported by ready())."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import Evaluation, GoalAssessment, Question

register_actions(
    {
        "evaluation.accompany": _("Marked as accompanied by the coordination office"),
        "evaluation.unaccompany": _("No longer accompanied by the coordination office"),
        "evaluation.start": _("Evaluation started"),
        "evaluation.goal_assess": _("Goal assessed"),
        "evaluation.goal_remove": _("Goal assessment removed"),
        "evaluation.question_add": _("Question added"),
        "evaluation.question_delete": _("Question removed"),
        "evaluation.lessons": _("Lessons learned saved"),
        "evaluation.publish": _("Evaluation published"),
        "evaluation.unpublish": _("Evaluation taken back to draft"),
        "evaluation.send_questionnaire": _("Questionnaire sent"),
        "evaluation.answer": _("Questionnaire answered"),
        "evaluation.answer_paper": _("Paper questionnaire entered"),
    }
)
MANAGE = "evaluation.manage_evaluation"
register_history(
    Evaluation,
    MANAGE,
    via=lambda evaluation: evaluation.process,
    url=lambda evaluation: reverse("evaluation:staff_detail", args=[evaluation.process_id]),
)
register_history(
    GoalAssessment,
    MANAGE,
    via=lambda item: item.evaluation.process,
    url=lambda item: reverse("evaluation:staff_goals", args=[item.evaluation.process_id]),
)
register_history(
    Question,
    MANAGE,
    via=lambda question: question.evaluation.process,
    url=lambda question: reverse("evaluation:staff_questions", args=[question.evaluation.process_id]),
)
