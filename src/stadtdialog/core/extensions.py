"""Links that apps higher up add to pages of apps below them, without an upward import.

An app registers its links in its AppConfig.ready()::

    register_link("process_staff", _("Reports"), "dialog:staff_reports", kwarg="process_pk",
                  permission="processes.change_process")

and the page lists them with ``{% extension_links "process_staff" process as links %}``. Places in
use: "staff_home" (the staff start page, no object), "process_staff" (a process's staff page).
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    permission: str | None = None
    kwarg: str | None = None  # the URL parameter that takes the object's pk
    order: int = 100


_LINKS: dict[str, list[Link]] = {}


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
