"""The site search /suche/?q=: every kind of public content, grouped by kind with counts (search/queries.py)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from . import queries
from .models import SearchEntry

MAX_QUERY = 200


def search(request):
    q = " ".join((request.GET.get("q") or "").split())[:MAX_QUERY]
    kind = request.GET.get("art") or ""
    if kind not in SearchEntry.Kind.values:
        kind = ""
    context = {"q": q, "kind": kind, "kinds": SearchEntry.Kind.choices, "groups": [], "searched": bool(q)}
    if q:
        groups, similar = queries.groups(q)
        context["groups"] = groups
        context["total"] = sum(group.count for group in groups)
        context["similar"] = similar
        shown = next((group for group in groups if group.kind == kind), None)
        found = queries.matches(q) if shown else None
        if found:
            paginator = Paginator(queries.ranked(found, kind), queries.PAGE_SIZE)
            paginator.count = shown.count  # known from the grouped count
            page = paginator.get_page(request.GET.get("page"))
            context.update(
                shown=shown,
                page_obj=page,
                page_range=list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
                results=list(page.object_list),
            )
    return render(request, "search/results.html", context)
