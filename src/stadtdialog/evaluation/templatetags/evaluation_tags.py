"""The evaluation's part of the process page, loaded with one query."""

from django import template
from django.db.models import Count, Q

from ..models import Evaluation, GoalAssessment

register = template.Library()


@register.simple_tag
def process_evaluation(process):
    """The process's evaluation with its counts (goals by rating, questionnaires), or None. One query."""
    rating = GoalAssessment.Rating
    return (
        Evaluation.objects.filter(process_id=process.pk)
        .annotate(
            achieved=Count("assessments", filter=Q(assessments__rating=rating.ACHIEVED), distinct=True),
            partly=Count("assessments", filter=Q(assessments__rating=rating.PARTLY), distinct=True),
            not_achieved=Count("assessments", filter=Q(assessments__rating=rating.NOT_ACHIEVED), distinct=True),
            answered=Count("submissions", distinct=True),
        )
        .first()
    )
