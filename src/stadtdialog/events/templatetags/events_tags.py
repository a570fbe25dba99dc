"""Template tags of the events app: the upcoming events of a process for the process page (one query)."""

from django import template

from .. import queries

register = template.Library()


@register.simple_tag
def process_events(process, limit=5):
    if process is None or not process.pk:
        return []
    return queries.upcoming_for_process(process, limit=limit)
