"""The items of the public plan list and the page links of the public lists, written in Python.

A list page shows 20 plans; through the template engine their items were the largest part of the page's
CPU time (about 25 template nodes per plan). plan_items writes the same HTML with plain string
formatting: queries.list_page prepares the display strings, every value is escaped here.
The markup is that of the list item in plans/list.html before this change; tests/plans/test_plan_items.py
compares both. page_links writes what plans/_pagination.html writes (which other lists still include), without a
copy of the query string per link.
"""

from html import escape as _escape

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.safestring import SafeData, SafeString
from django.utils.translation import gettext as _

register = template.Library()


def escape(value) -> str:
    """What {{ value }} writes: django.utils.html.conditional_escape, without its wrapper for lazy arguments."""
    return value if isinstance(value, SafeData) else _escape(str(value))


def number(value) -> str:
    """A whole number as {{ value }} writes it (localize; with thousand separators only when they are enabled)."""
    return localize(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


_ITEM = (
    '<li>\n<article aria-labelledby="plan-{pk}-title">\n'
    '  <h2 id="plan-{pk}-title"><a href="{url}">{title}</a></h2>\n'
    '  <ul class="meta">\n'
    '    <li><span class="visually-hidden">{status_label}: </span>{status}</li>\n'
    '    <li><span class="visually-hidden">{unit_label}: </span>{unit}</li>\n'
    '    <li><span class="visually-hidden">{where_label}: </span>{where}</li>\n'
    "    {schedule}\n"
    "  </ul>\n"
    '  <p class="kern-body">{summary}</p>\n'
    '  <p class="badges">\n'
    '    <span class="kern-badge{badge_class}"><span class="kern-label">{badge_label}</span></span>\n'
    "    {fields}\n"
    "  </p>\n"
    "</article></li>"
)
_SCHEDULE = '\n      <li><span class="visually-hidden">{label}: </span>{schedule}</li>\n    '
_FIELD = '<span class="kern-badge"><span class="kern-label">{}</span></span>'


@register.simple_tag
def plan_items(plans) -> SafeString:
    """The <li> items of the plans of one page (prepared by queries.list_page), one after the other."""
    status_label, unit_label = escape(_("Status")), escape(_("Lead department"))
    where_label, schedule_label = escape(_("Where")), escape(_("Expected schedule"))
    items = []
    for plan in plans:
        items.append(
            _ITEM.format(
                pk=plan.pk,
                url=escape(plan.url),
                title=escape(plan.title),
                status_label=status_label,
                status=escape(plan.status_label),
                unit_label=unit_label,
                unit=escape(plan.unit),
                where_label=where_label,
                where=escape(plan.where),
                schedule=_SCHEDULE.format(label=schedule_label, schedule=escape(plan.schedule))
                if plan.schedule
                else "",
                summary=escape(plan.summary),
                badge_class=f" {escape(plan.badge_class)}" if plan.badge_class else "",
                badge_label=escape(plan.badge_label),
                fields="".join(_FIELD.format(escape(name)) for name in plan.field_names),
            )
        )
    return SafeString("".join(items))


@register.simple_tag(takes_context=True)
def page_links(context, page_obj, page_range) -> SafeString:
    """The navigation between the pages of a list, as plans/_pagination.html writes it: the current query string
    with the page number replaced."""
    paginator = page_obj.paginator
    if paginator.num_pages <= 1:
        return SafeString("\n")
    params = context["request"].GET.copy()

    def href(page_number) -> str:
        params["page"] = page_number
        return escape(f"?{params.urlencode()}")

    page_label = escape(_("Page"))
    parts = [f'\n<nav aria-label="{escape(_("Pages"))}">\n  <ul class="pagination">\n    ']
    if page_obj.has_previous():
        parts.append(
            f'<li><a href="{href(page_obj.previous_page_number())}" rel="prev">{escape(_("Previous page"))}</a></li>'
        )
    parts.append("\n    ")
    for item in page_range:
        # (the template's first two branches end with the line break before the next one)
        if item == paginator.ELLIPSIS:
            parts.append('\n      <li><span aria-hidden="true">…</span></li>\n      \n    ')
            continue
        if item == page_obj.number:
            link = f'<li><a href="{href(item)}" aria-current="page"><span class="visually-hidden">{page_label} </span>{number(item)}</a></li>\n      '
        else:
            link = (
                f'<li><a href="{href(item)}"><span class="visually-hidden">{page_label} </span>{number(item)}</a></li>'
            )
        parts.append(f"\n      {link}\n    ")
    parts.append("\n    ")
    if page_obj.has_next():
        parts.append(f'<li><a href="{href(page_obj.next_page_number())}" rel="next">{escape(_("Next page"))}</a></li>')
    parts.append("\n  </ul>\n</nav>\n\n")
    return SafeString("".join(parts))
