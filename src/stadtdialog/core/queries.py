"""Reads of the core app for its pages and for the staff home's sections."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import BarrierReport, Page

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest


FOOTER_CACHE_KEY = "core:footer-pages:1"
# The words the installed placeholder texts ask staff to replace (migrations 0002 and 0005): a page still holding
# them is flagged on the staff home even when its review mark was cleared by an edit that kept them.
PLACEHOLDER_MARK = "Bitte ergänzen Sie hier"
FOOTER_CACHE_SECONDS = 300  # with a per-process cache, a change reaches the other processes after at most this


def footer_pages(found: list | None = None) -> list[tuple[str, str]]:
    """(slug, title) of the pages linked in the footer, in their order: from the cache (one cache read when warm;
    `found`: what a read of FOOTER_CACHE_KEY already found), which every save or delete of a page clears
    (`forget_footer`, connected in CoreConfig.ready)."""
    if found is None:
        found = cache.get(FOOTER_CACHE_KEY)
    if found is None:
        found = list(Page.objects.filter(in_footer=True).order_by("position", "title").values_list("slug", "title"))
        cache.set(FOOTER_CACHE_KEY, found, FOOTER_CACHE_SECONDS)
    return found


def forget_footer(**kwargs: object) -> None:
    """Drop the cached footer and make the cached content pages stale (a new pages version), now and once the
    transaction has committed (so that no other process keeps what it read before the commit)."""

    def forget() -> None:
        cache.delete(FOOTER_CACHE_KEY)
        cache.set(PAGES_VERSION_KEY, uuid.uuid4().hex, None)

    forget()
    transaction.on_commit(forget)


# The cache keys every page of the site layout reads (the footer's pages here; apps above add theirs in their
# AppConfig.ready(): organisation the city). A view that reads its own data from the cache asks for them in the
# same cache query (read_with_layout), so that the layout costs no further query.
LAYOUT_CACHE_KEYS: list[str] = [FOOTER_CACHE_KEY]


def read_with_layout(request: HttpRequest, *keys: str) -> dict:
    """cache.get_many of `keys` and the layout's keys in one query; what was found of the layout's keys is kept on
    the request (request._stadtdialog_layout, read by organisation.queries.city_for, and _stadtdialog_footer)."""
    found = cache.get_many([*keys, *LAYOUT_CACHE_KEYS])
    request._stadtdialog_layout = {key: found.get(key) for key in LAYOUT_CACHE_KEYS}
    request._stadtdialog_footer = found.get(FOOTER_CACHE_KEY)
    return found


PAGES_VERSION_KEY = "core:pages:version"


def page_for(request: HttpRequest, slug: str) -> Page:
    """The content page of `slug` (404 when there is none), from the cache in the same query as the layout's keys
    (read_with_layout): a content page needs one query. Kept with the pages version it was read under, which every
    save or delete of a page replaces (forget_footer; a renamed page is gone from its old address at once)."""
    if len(slug) > Page._meta.get_field("slug").max_length:  # no such page; and no over-long cache key
        raise Http404
    key = f"core:page:{slug}"
    found = read_with_layout(request, PAGES_VERSION_KEY, key)
    version, entry = found.get(PAGES_VERSION_KEY), found.get(key)
    if version is None:
        cache.add(PAGES_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(PAGES_VERSION_KEY)
    if entry is not None and entry[0] == version:
        return entry[1]
    page = get_object_or_404(Page, slug=slug)
    cache.set(key, (version, page), FOOTER_CACHE_SECONDS)
    return page


def pages_to_write_section(request: HttpRequest | None, _obj: Any) -> dict | None:
    """The staff home's list of pages that still hold their placeholder text (imprint, privacy), for those
    who may edit pages; None when there is nothing to write."""
    if request is None or not request.user.has_perm("core.edit_page"):
        return None
    still_placeholder = Q(needs_review=True) | Q(body__contains=PLACEHOLDER_MARK)
    pages = list(Page.objects.filter(still_placeholder).only("slug", "title").order_by("position", "title"))
    return {"pages_to_write": pages} if pages else None


def barrier_report_counts() -> dict:
    """How many cases are open and how many of them are overdue: one query."""
    today = timezone.localdate()
    return BarrierReport.objects.aggregate(
        open=Count("id", filter=Q(status=BarrierReport.Status.OPEN)),
        overdue=Count("id", filter=Q(status=BarrierReport.Status.OPEN, due_at__lt=today)),
    )


def barrier_reports_section(request: HttpRequest | None, _obj: Any) -> dict | None:
    """The staff home's note on open barrier reports, for the coordination office and the admin."""
    if request is None or not request.user.has_perm("core.answer_barrier_reports"):
        return None
    counts = barrier_report_counts()
    return {"barrier_counts": counts} if counts["open"] else None


def barrier_reports(status: str) -> QuerySet[BarrierReport]:
    """The cases of one status for the staff list: open ones by due date, the others newest first."""
    reports = BarrierReport.objects.filter(status=status).select_related("answered_by").defer("answer")
    if status == BarrierReport.Status.OPEN:
        return reports.order_by("due_at", "id")
    return reports.order_by("-created_at", "-id")
