"""Public pages: the results, the decision and the implementation of a process."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from stadtdialog.processes.models import Process

from . import queries


def _process(request, pk):
    process = get_object_or_404(Process.objects.select_related("plan", "concept"), pk=pk)
    if not request.user.has_perm("outcomes.view_public", process):
        raise Http404
    return process


def results(request, pk):
    process = _process(request, pk)
    result = queries.result_for_page(process)
    if result is None:
        raise Http404
    return render(
        request,
        "outcomes/results.html",
        {
            "process": process,
            "plan": process.plan,
            "result": result,
            "current": "results",
            "decision_published": queries.decision_for_page(process) is not None,
        },
    )


def decision(request, pk):
    process = _process(request, pk)
    found = queries.decision_for_page(process)
    if found is None:
        raise Http404
    return render(
        request,
        "outcomes/decision.html",
        {
            "process": process,
            "plan": process.plan,
            "decision": found,
            "current": "decision",
            "verdicts": list(found.verdicts.all()),
        },
    )


def implementation(request, pk):
    process = _process(request, pk)
    today = timezone.localdate()
    nodes = queries.milestone_tree(process, today)
    return render(
        request,
        "outcomes/implementation.html",
        {
            "process": process,
            "plan": process.plan,
            "nodes": nodes,
            "today": today,
            "current": "implementation",
            "updates": queries.updates_for_page(process),
            "overdue": [n for n in nodes if n.overdue],
        },
    )
