"""The start page `/` and its cache.

The page is core's (the lowest app); what it shows comes from the apps above, which register sections for the
place "start_page" (core/extensions.py) in their AppConfig.ready(): processes the participations running now,
events the coming events, outcomes the results and decisions, districts the districts. The sections' object is
today's date, so their `exists=` questions are asked in one query and an empty section costs nothing.

The sections are the same for every visitor, so their HTML is kept in the shared cache under a version that
every save or delete of a model they show replaces (`watch(model)`, called by the apps in ready()), today's date,
the hour (events that ended leave within the hour) and the language; for at most CACHE_SECONDS (writes that send
no signal, such as QuerySet.update, show after that). A warm page reads one version and one body from the cache.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .extensions import sections_for

if TYPE_CHECKING:
    from django.http import HttpRequest

PLACE = "start_page"
CACHE_SECONDS = 300
_VERSION_KEY = "core:start-page:version"


def version() -> str:
    found = cache.get(_VERSION_KEY)
    if found is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, None)
        found = cache.get(_VERSION_KEY)
    return found


def invalidate(**kwargs: object) -> None:
    """A new version now and once the transaction has committed (so that no request keeps what it read before)."""
    cache.set(_VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(_VERSION_KEY, uuid.uuid4().hex, None))


def watch(model) -> None:
    """Renew the start page on every save and delete of `model` (called by the apps that show it there)."""
    name = model._meta.label
    post_save.connect(invalidate, sender=model, dispatch_uid=f"core-start-page-save-{name}")
    post_delete.connect(invalidate, sender=model, dispatch_uid=f"core-start-page-delete-{name}")


def sections_html(request: HttpRequest) -> SafeString:
    """The rendered sections of the start page, from the cache when it has them."""
    now = timezone.localtime()
    key = f"core:start-page:{version()}:{now.date().isoformat()}:{now.hour}:{get_language()}"
    html = cache.get(key)
    if html is None:
        sections = sections_for(PLACE, request, now.date())
        html = "".join(render_to_string(template, variables, request=request) for template, variables in sections)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308  (rendered from the sections' templates, escaped there)
