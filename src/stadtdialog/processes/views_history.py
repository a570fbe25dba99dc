"""The public version history of a participation concept, with a readable diff of each change."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from . import versioning
from .models import ConceptVersion, Process


def history(request, pk):
    process = get_object_or_404(Process.objects.select_related("plan", "concept"), pk=pk)
    if not request.user.has_perm("processes.view_process", process):
        raise Http404
    versions = list(
        ConceptVersion.objects.filter(concept__process=process).select_related("org_unit").order_by("number")
    )
    entries, previous = [], None
    for version in versions:
        entries.append(
            {
                "version": version,
                "changes": versioning.diff_versions(previous.snapshot, version.snapshot) if previous else None,
            }
        )
        previous = version
    entries.reverse()
    return render(request, "processes/history.html", {"process": process, "plan": process.plan, "entries": entries})
