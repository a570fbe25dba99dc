"""What apps higher up add to pages of apps below them, without an upward import: links and sections.

A lower app's page names a *place*; the apps above register what they add there in their AppConfig.ready(),
and the page renders the place. Nothing in the lower app names the higher ones.

**Links** (a list of links the user may follow)::

    register_link("process_staff", _("Reports"), "reports:staff_reports", kwarg="process_pk",
                  permission="processes.change_process")

listed with ``{% extension_links "process_staff" process as links %}``.

**Sections** (a part of a page with its own template and data)::

    register_section("process_public", "events", "events/_process_events.html", queries.process_events_section,
                     order=10)

rendered in order with ``{% extension_sections "process_public" process %}`` (core_tags). The context
function is called as ``context(request, obj)`` and returns the variables its template needs, or None when
there is nothing to show: then the template is not rendered at all. The template is rendered with the
page's context plus those variables. ``only="events"`` renders a single section (for tests).

A section whose data most objects do not have names a cheap question with ``exists=`` (a function of the object
returning a queryset, or a list of querysets, that is empty when the section has nothing to show)::

    register_section("process_public", "events", "events/_process_events.html", queries.process_events_section,
                     order=10, exists=lambda process: queries.public_events(process=process))

``sections_for`` asks all these questions of a place in one query (``SELECT EXISTS (...), EXISTS (...)``) and
calls the context function only of the sections that have something; a section with nothing is left out, or,
with ``when_empty={...}``, rendered with those variables without its context function (issue 19: the sections
of apps that have nothing for this process cost nothing).

Places in use:

- links: "staff_home" (the staff start page, no object), "process_staff" (a process's staff page);
- sections: "staff_home" (the staff start page, no object: core's pages still to be written, open barrier
  reports), "plan_header", "plan_participation", "plan_contacts" (a plan's public page, the plan),
  "process_header", "process_public" (a process's public page, the process), "process_concept" (the public
  concept page, the process), "process_staff" (a process's staff page, the process), "district_staff" (a
  district's staff page in organisation, the district: accounts adds its managers and deputies), "district_header"
  (the public district page's head, the district: notifications adds the follow button), "district_public" (the
  public district page, the district: the published concern summaries, office hours), "district_work" (a
  district's work area, the district: open concerns and overdue steps), "permission_denied" (the 403 page, no
  object: organisation adds the coordination office's contact).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    permission: str | None = None
    kwarg: str | None = None  # the URL parameter that takes the object's pk
    order: int = 100


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    context: Callable[[HttpRequest | None, Any], dict | None]
    order: int = 100
    exists: Callable[[Any], Any] | None = None
    when_empty: dict | None = None


_LINKS: dict[str, list[Link]] = {}
_SECTIONS: dict[str, list[Section]] = {}


def register_link(
    place: str, label, url_name: str, permission: str | None = None, kwarg: str | None = None, order: int = 100
) -> None:
    links = _LINKS.setdefault(place, [])
    if all(link.url_name != url_name for link in links):
        links.append(Link(label, url_name, permission, kwarg, order))
        links.sort(key=lambda link: link.order)


def links_for(place: str, user, obj=None) -> list[dict]:
    """The links of a place that the user may follow: [{"label", "url"}]."""
    found = []
    for link in _LINKS.get(place, []):
        if link.permission and not user.has_perm(link.permission, obj):
            continue
        kwargs = {link.kwarg: obj.pk} if link.kwarg and obj is not None else {}
        found.append({"label": link.label, "url": reverse(link.url_name, kwargs=kwargs)})
    return found


def register_section(
    place: str,
    name: str,
    template: str,
    context: Callable[[HttpRequest | None, Any], dict | None],
    order: int = 100,
    exists: Callable[[Any], Any] | None = None,
    when_empty: dict | None = None,
) -> None:
    """Add a section to a place; a second registration of the same name in the same place is ignored."""
    sections = _SECTIONS.setdefault(place, [])
    if all(section.name != name for section in sections):
        sections.append(Section(name, template, context, order, exists, when_empty))
        sections.sort(key=lambda section: section.order)


def _which_exist(sections: list[Section], obj) -> dict[str, bool]:
    """{section name: whether any of its `exists` querysets has a row}, in one query for all of them."""
    parts, params, owners = [], [], []
    for section in sections:
        found = section.exists(obj)
        for queryset in found if isinstance(found, list | tuple) else [found]:
            query = queryset.order_by().values("pk")[:1]
            sql, query_params = query.query.get_compiler(using=query.db).as_sql()
            parts.append(f"EXISTS ({sql})")
            params.extend(query_params)
            owners.append(section.name)
    result = dict.fromkeys((section.name for section in sections), False)
    if not parts:
        return result
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        for name, value in zip(owners, cursor.fetchone(), strict=True):
            result[name] = result[name] or bool(value)
    return result


def sections_for(place: str, request: HttpRequest | None, obj, only: str | None = None) -> list[tuple[str, dict]]:
    """The sections of a place that have something to show, in order: [(template name, variables)]. The `exists`
    questions of the place's sections are asked first, in one query (see the module's docstring)."""
    sections = [section for section in _SECTIONS.get(place, []) if only is None or section.name == only]
    asked = [section for section in sections if section.exists is not None and obj is not None]
    present = _which_exist(asked, obj) if asked else {}
    found = []
    for section in sections:
        if not present.get(section.name, True):
            if section.when_empty is not None:
                found.append((section.template, dict(section.when_empty)))
            continue
        variables = section.context(request, obj)
        if variables is not None:
            found.append((section.template, variables))
    return found
