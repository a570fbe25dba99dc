"""Public pages of plans: the list with its filters, the map, the plan page, the CSV export.

Views are thin: they parse the filter form, ask queries.py and render.
"""

import json

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from stadtdialog.core.csv import safe_writer
from stadtdialog.organisation.maps import map_config

from . import queries
from .counts import cached_body, cached_count
from .filters import filter_form
from .page_cache import cached_plan

PAGE_SIZE = 20
MAP_TABLE_PAGE_SIZE = 50


def _query_string(request, drop=("page",)) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def _page(request, queryset, size, count: int | None = None):
    """The requested page; a missing, bad or too high page number gives the first or last page.
    `count`: the number of matches when known (see counts.cached_count)."""
    paginator = Paginator(queryset, size)
    if count is not None:
        paginator.count = count  # a cached_property of the paginator
    page = paginator.get_page(request.GET.get("page"))
    return page, list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


def plan_list(request):
    form = filter_form(request.GET)
    criteria = form.criteria()
    plans = queries.filter_plans(criteria)
    count = cached_count(plans, criteria, "list")
    page, page_range = _page(request, queries.relevance_rows(plans, criteria, count), PAGE_SIZE, count)
    return render(
        request,
        "plans/list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
            "plans": queries.list_page(page.object_list, form.choices),
            "query_string": _query_string(request),
        },
    )


def plan_map(request):
    form = filter_form(request.GET)
    criteria = form.criteria()
    plans = queries.filter_plans(criteria).filter(latitude__isnull=False)
    count = cached_count(plans, criteria, "map")
    page, page_range = _page(request, queries.list_rows(plans), MAP_TABLE_PAGE_SIZE, count)
    query_string = _query_string(request)
    config = map_config(
        request=request,
        dataUrl=reverse("plans:map_data") + (f"?{query_string}" if query_string else ""),
        cappedNote=_("The map shows the first %(limit)s plans only. Narrow the filters to see the others.")
        % {"limit": number_format(queries.MAP_POINT_LIMIT, force_grouping=True)},
    )
    return render(
        request,
        "plans/map.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
            "plans": queries.list_page(page.object_list, form.choices),
            "query_string": query_string,
            "map_config": config,
        },
    )


def plan_map_data(request):
    """GeoJSON of the filtered plans with a point, at most MAP_POINT_LIMIT features; the same for every visitor,
    so the body is cached per filter state and data version (counts.cached_body)."""
    criteria = filter_form(request.GET).criteria()
    kind = f"map-data:{get_language()}:{queries.MAP_POINT_LIMIT}"
    body = cached_body(
        criteria,
        kind,
        lambda: json.dumps(queries.map_features(criteria), cls=DjangoJSONEncoder, ensure_ascii=False).encode(),
    )
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(body.compressed, content_type="application/geo+json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(body.plain, content_type="application/geo+json")
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def plan_detail(request, pk):
    plan = cached_plan(pk, queries.plan_for_page)
    if not plan.is_published and not request.user.has_perm("plans.view_plan", plan):
        raise Http404
    point_map = map_config((plan.latitude, plan.longitude), plan.title, request=request) if plan.has_point else None
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "map_config": point_map,
            "today": timezone.localdate(),
        },
    )


CSV_COLUMNS = [
    gettext_lazy("Title"),
    gettext_lazy("Short summary"),
    gettext_lazy("Status"),
    gettext_lazy("Lead department"),
    gettext_lazy("Citywide"),
    gettext_lazy("Districts"),
    gettext_lazy("Quarters"),
    gettext_lazy("Fields of action"),
    gettext_lazy("Participation planned"),
    gettext_lazy("Participation running now"),
    gettext_lazy("Expected start"),
    gettext_lazy("Expected end"),
    gettext_lazy("Estimated cost (EUR)"),
    gettext_lazy("Published"),
    gettext_lazy("Latitude"),
    gettext_lazy("Longitude"),
    gettext_lazy("Address"),
]


def _csv_rows(request, plans):
    yes, no = _("yes"), _("no")
    yield "\ufeff"
    writer = safe_writer(delimiter=";")
    yield writer.writerow([str(label) for label in CSV_COLUMNS])
    for plan in plans.iterator(chunk_size=1000):
        yield writer.writerow(
            [
                plan.title,
                plan.summary,
                plan.get_status_display(),
                str(plan.lead_unit),
                yes if plan.is_citywide else no,
                ", ".join(d.name for d in plan.districts.all()),
                ", ".join(q.name for q in plan.quarters.all()),
                ", ".join(f.name for f in plan.fields_of_action.all()),
                yes if plan.participation_planned else no,
                yes if plan.running_now else no,
                date_format(plan.schedule_start, "d.m.Y") if plan.schedule_start else "",
                date_format(plan.schedule_end, "d.m.Y") if plan.schedule_end else "",
                number_format(plan.cost_estimate, 2) if plan.cost_estimate is not None else "",
                date_format(timezone.localtime(plan.published_at), "d.m.Y"),
                number_format(plan.latitude, 6) if plan.latitude is not None else "",
                number_format(plan.longitude, 6) if plan.longitude is not None else "",
                request.build_absolute_uri(plan.get_absolute_url()),
            ]
        )


def plan_csv(request):
    """CSV of the current filter for spreadsheet programs: UTF-8 with BOM, semicolons, German headers."""
    form = filter_form(request.GET)
    plans = queries.with_export_details(queries.filter_plans(form.criteria()))
    response = StreamingHttpResponse(_csv_rows(request, plans), content_type="text/csv; charset=utf-8")
    filename = f"vorhaben-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
