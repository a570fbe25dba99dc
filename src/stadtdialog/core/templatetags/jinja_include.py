"""{% jinja_include "app/_partial.html" name=value ... %}: a partial of the Jinja2 engine inside a Django template.

The partials of long lists live under <app>/jinja2/<app>/ and are rendered by Jinja2 (settings.TEMPLATES); the page
around them stays a Django template. The partial sees the given names and the request.
"""

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja_include(context, template_name: str, **values) -> SafeString:
    """The Jinja2 template rendered with `values` and the request of the page."""
    partial = engines["jinja2"].get_template(template_name)
    return mark_safe(partial.render(values, request=context.get("request")))
