"""Public pages of a participation process, of its participation concept and of the concept's version history."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from stadtdialog.plans.status import participation_state

from . import queries


def _visible_or_404(request, process):
    """Published processes of published plans are public; staff who may edit the plan see drafts."""
    if not request.user.has_perm("processes.view_process", process):
        raise Http404


def _concept_of(process):
    try:
        return process.concept
    except ObjectDoesNotExist:
        return None


def _history_url(process) -> str | None:
    try:
        return reverse("processes:history", args=[process.pk])
    except NoReverseMatch:
        return None


_UNREAD = object()


def _render(request, process, template: str, version=_UNREAD):
    """A public page of a process (its page, its concept): the same frame of plan, concept, phases and version
    (`version`: the concept's latest version when already read)."""
    _visible_or_404(request, process)
    concept = _concept_of(process)
    if version is _UNREAD:
        version = queries.latest_version(concept)
    return render(
        request,
        template,
        {
            "process": process,
            "plan": process.plan,
            # The plan's status as the plan list and the plan page show it (one function decides, issue 16 item 8).
            "plan_state": participation_state(
                process.plan.status, process.plan.participation_planned, getattr(process, "plan_running", False)
            ),
            "concept": concept,
            "phases": process.phases.all(),
            "version": version,
            "history_url": _history_url(process),
            "today": timezone.localdate(),
        },
    )


def process_detail(request, pk):
    process, version = queries.page_frame(pk)
    return _render(request, process, "processes/detail.html", version)


def concept_detail(request, pk):
    return _render(request, queries.process_for_concept(pk), "processes/concept.html")


def history(request, pk):
    """The public version history of a concept, with a readable diff of each change."""
    process = queries.process_for_history(pk)
    _visible_or_404(request, process)
    return render(
        request,
        "processes/history.html",
        {"process": process, "plan": process.plan, "entries": queries.history_entries(process)},
    )
