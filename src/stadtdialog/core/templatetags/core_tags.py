"""Small template helpers shared by all apps."""

from functools import lru_cache
from urllib.parse import quote, urlencode

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

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


@register.simple_tag
def choice_input(choice, bound_field):
    """One radio or checkbox of a choice field with KERN's class (kern-form-check__radio / __checkbox), tied to the
    field's hint and errors like add_widget_class (aria-describedby, aria-invalid); Django's own widget template."""
    attrs = dict(choice.data["attrs"])
    kind = "radio" if choice.data.get("type") == "radio" else "checkbox"
    attrs["class"] = f"{attrs.get('class', '')} kern-form-check__{kind}".strip()
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    data = {**choice.data, "attrs": attrs, "wrap_label": False}
    return choice.parent_widget._render(choice.template_name, {"widget": data}, choice.renderer)


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
def plain_text(value: str) -> str:
    """The words of sanitised rich text without its tags, paragraphs and list items apart (striptags would run the
    last word of one paragraph into the first of the next); the template escapes the result."""
    from stadtdialog.core.sanitize import html_to_text

    return " ".join(html_to_text(value).split())


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


# --- The site's header and footer (base.html) ---------------------------------------------------------------------
# The same for every visitor without a login, except for the current page: rendered once per process for each set of
# inputs (language, the city's names and logo, the footer's pages, which main navigation entry is current) and kept,
# so a page does not render their links and translations again (issue 19: about a third of a content page's CPU).
# The inputs come from the shared cache per request, so a changed city or footer shows at once.

_LAYOUT_PARTS: dict[tuple, str] = {}
_LAYOUT_PARTS_MAX = 512
_PATH_MARK = "SDCURRENTPAGEPATH"


def _kept(key: tuple, render) -> str:
    found = _LAYOUT_PARTS.get(key)
    if found is None:
        if len(_LAYOUT_PARTS) >= _LAYOUT_PARTS_MAX:
            _LAYOUT_PARTS.clear()
        found = _LAYOUT_PARTS[key] = render()
    return found


@lru_cache(maxsize=1)
def _navigation_paths() -> frozenset[str]:
    """The paths of the main navigation that mark themselves current (core/_site_header.html)."""
    return frozenset(
        reverse(name) for name in ("plans:list", "plans:map", "districts:list", "events:list", "initiatives:list")
    )


def _anonymous(context) -> bool:
    user = context.get("user")
    return user is not None and not user.is_authenticated


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    """core/_site_header.html; kept per process for visitors without a login (see above)."""
    template = context.template.engine.get_template("core/_site_header.html")
    if not _anonymous(context):
        return template.render(context)
    request, city = context.get("request"), context.get("CITY")
    path = request.path if request is not None and request.path in _navigation_paths() else ""
    key = (
        "header",
        get_language(),
        path,
        context.get("CITY_NAME"),
        context.get("SITE_NAME"),
        getattr(city, "logo_url", ""),
    )
    return mark_safe(_kept(key, lambda: template.render(context)))


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    """core/_site_footer.html (its barrier link names the current page); kept per process (see above)."""
    template = context.template.engine.get_template("core/_site_footer.html")
    request = context.get("request")
    path = request.path if request is not None else ""
    pages = tuple(context.get("FOOTER_PAGES") or ())
    key = ("footer", get_language(), context.get("CITY_NAME"), pages)

    def render() -> str:
        with context.push(barrier_page=_PATH_MARK):
            return template.render(context)

    return mark_safe(_kept(key, render).replace(_PATH_MARK, conditional_escape(quote(path))))


# --- The one breadcrumb trail of every page (core/_breadcrumbs.html) -----------------------------------------------


def _crumbs(parts: tuple) -> list[dict]:
    """Pairs of label and URL from the top down; a last label without a URL is the current page. A pair with an
    empty label (an optional step, e.g. ``plan.title`` without a plan) is left out."""
    crumbs = []
    for index in range(0, len(parts), 2):
        label = parts[index]
        url = parts[index + 1] if index + 1 < len(parts) else ""
        if label not in (None, ""):
            crumbs.append({"label": label, "url": url})
    return crumbs


@register.inclusion_tag("core/_breadcrumbs.html")
def breadcrumbs(*parts) -> dict:
    """``{% breadcrumbs _("Plans") plans_url plan.title plan_url _("Contributions") %}``: the public trail."""
    return {"crumbs": _crumbs(parts)}


@register.inclusion_tag("core/_breadcrumbs.html")
def staff_breadcrumbs(*parts) -> dict:
    """The same trail on staff pages, starting at the staff home (core:staff_home)."""
    from django.utils.translation import gettext

    return {"crumbs": [{"label": gettext("Staff area"), "url": reverse("core:staff_home")}, *_crumbs(parts)]}
