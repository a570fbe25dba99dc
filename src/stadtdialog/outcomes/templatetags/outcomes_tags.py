"""Template tags for the outcome partials on the process page and the plan page."""

from django import template
from django.utils import timezone

from .. import queries

register = template.Library()


@register.simple_tag
def process_outcomes(process, today=None) -> dict:
    """Published results, decision and the implementation of a process, in a constant number of queries."""
    return queries.outcomes_story(process, today or timezone.localdate())


@register.simple_tag
def plan_overdue(plan, today=None) -> list:
    """Overdue milestones of the plan's public processes (one query)."""
    return queries.overdue_for_plan(plan, today or timezone.localdate())
