"""Public pages of the office's advice services (issue 15): the work aids (/arbeitshilfen/) and the training
catalogue (/fortbildungen/). A staff-only work aid and its files answer 404 to everyone without a staff role."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from stadtdialog.core.forms import parse_query
from stadtdialog.events.queries import catalogue

from . import queries_advice
from .forms_advice import TARGET_GROUP_CHOICES, TARGET_GROUPS, TrainingQuery, WorkAidSearch
from .models_advice import WorkAid, WorkAidVersion

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _visible_aid(request, slug) -> WorkAid:
    aid = get_object_or_404(WorkAid.objects.select_related("current_version"), slug=slug)
    if not request.user.has_perm("office.view_work_aid", aid) or aid.current_version_id is None:
        raise Http404
    return aid


@require_GET
def work_aids(request):
    data = parse_query(request.GET, WorkAidSearch)
    search = WorkAidSearch(request.GET or None)
    aids = list(
        queries_advice.search_work_aids(
            request.user,
            text=data.get("q", ""),
            target_group=TARGET_GROUPS.get(data.get("zielgruppe", ""), ""),
            kind=data.get("art", ""),
        )[:200]
    )
    return render(
        request,
        "office/advice/work_aids.html",
        {"aids": aids, "search": search, "searched": bool(data.get("q") or data.get("zielgruppe") or data.get("art"))},
    )


@require_GET
def work_aid(request, slug):
    aid = _visible_aid(request, slug)
    versions = list(aid.versions.order_by("-number"))
    return render(request, "office/advice/work_aid.html", {"aid": aid, "versions": versions})


@require_GET
def work_aid_file(request, slug, number):
    aid = _visible_aid(request, slug)
    version = get_object_or_404(WorkAidVersion, aid=aid, number=number)
    storage = version.file.storage
    if not version.file.name or not storage.exists(version.file.name):
        raise Http404
    return FileResponse(
        storage.open(version.file.name, "rb"),
        as_attachment=True,
        filename=f"{aid.slug}-version-{version.number}.{version.file_type}",
        content_type=CONTENT_TYPES[version.file_type],
    )


@require_GET
def trainings(request):
    """Upcoming trainings and networking meetings, filtered by target group."""
    data = parse_query(request.GET, TrainingQuery)
    group = data.get("zielgruppe", "")
    events = list(catalogue(TARGET_GROUPS.get(group, ""))[:200])
    return render(
        request,
        "office/advice/trainings.html",
        {"events": events, "group": group, "groups": TARGET_GROUP_CHOICES},
    )
