"""Small template helpers shared by all apps."""

from urllib.parse import urlencode

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def widget_type(bound_field) -> str:
    return bound_field.field.widget.__class__.__name__.lower().replace("input", "")


@register.filter
def add_widget_class(bound_field, css_class: str):
    """Render a field with an extra CSS class and aria attributes that tie it to its hint and errors."""
    attrs = dict(bound_field.field.widget.attrs)
    attrs["class"] = f"{attrs.get('class', '')} {css_class}".strip()
    if bound_field.errors:
        attrs["class"] += f" {css_class}--error"
        attrs["aria-invalid"] = "true"
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one); for pagination and sorting."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def urlencode_dict(value: dict) -> str:
    return urlencode(value, doseq=True)


@register.simple_tag(takes_context=True)
def extension_links(context, place: str, obj=None) -> list[dict]:
    """Links other apps registered for this place (see core/extensions.py)."""
    from stadtdialog.core.extensions import links_for

    return links_for(place, context["request"].user, obj)


@register.simple_tag(takes_context=True)
def extension_sections(context, place: str, obj=None, only: str | None = None) -> str:
    """The sections other apps registered for this place, rendered in order (see core/extensions.py)."""
    from stadtdialog.core.extensions import sections_for

    engine = context.template.engine
    parts = []
    for template_name, variables in sections_for(place, context.get("request"), obj, only):
        with context.push(variables):
            parts.append(engine.get_template(template_name).render(context))
    return mark_safe("".join(parts))


@register.inclusion_tag("core/_history_link.html", takes_context=True)
def history_link(context, obj) -> dict:
    """A "History" link to the object's history page (core:history); nothing when the user may not see it
    or nothing has been recorded yet (one EXISTS query). Put ``{% history_link obj %}`` on an object's staff page."""
    from stadtdialog.core import audit

    request = context.get("request")
    user = getattr(request, "user", None)
    if obj is None or getattr(obj, "pk", None) is None or not audit.may_see_history(user, obj):
        return {"url": None}
    return {"url": audit.history_url(obj) if audit.history(obj).exists() else None}
