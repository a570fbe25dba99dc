from django import template

from .. import queries

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, obj):
    """{type, id, following} for the follow button of a plan, process, district or field of action."""
    return queries.follow_state(context["request"].user, obj)
