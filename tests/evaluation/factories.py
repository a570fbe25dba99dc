"""Helpers for the evaluation tests."""

from stadtdialog.evaluation import services
from stadtdialog.evaluation.models import Question
from tests.factories import published_process


def started(process=None):
    """A published process (with one goal) whose evaluation has started; returns (process, evaluation, lead)."""
    process = process or published_process()
    lead = process.lead_contact
    evaluation = services.start_evaluation(lead, process)
    return process, evaluation, lead


def answers_for(evaluation, value=1, text="Mehr Abendtermine wären gut."):
    """An answer to every question: the scale value for scale questions, the text for free-text ones."""
    return [(q, value, "") if q.kind == Question.Kind.LIKERT else (q, None, text) for q in evaluation.questions.all()]
