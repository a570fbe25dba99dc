"""Template tags that load the reports of a process and the comments on a concept (constant queries)."""

from django import template

from stadtdialog.reports import queries, services
from stadtdialog.reports.forms import ConceptCommentForm

register = template.Library()


@register.simple_tag
def process_reports(process):
    """Published reports of the process, newest first, with attachments and comment counts (2 queries)."""
    if process is None or process.pk is None:
        return []
    return queries.published_reports(process)


@register.simple_tag
def concept_comments_of(concept):
    """The comments on the concept with their authors (1 query)."""
    return queries.concept_comments(concept)


@register.filter
def report_comment_state(report) -> str:
    return services.comment_state(report)


@register.simple_tag
def new_concept_comment_form():
    return ConceptCommentForm()
