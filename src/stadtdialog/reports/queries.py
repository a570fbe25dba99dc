"""Reads for reports and comments on the concept, each in a fixed number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from stadtdialog.processes.models import Process

from .models import ConceptComment, Report, ReportAttachment, ReportComment

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from stadtdialog.processes.models import Concept

_PROCESS = ("process__plan__lead_unit", "process__concept")


def published_reports(process: Process) -> list[Report]:
    """Published reports of a process, newest first, with attachments and the number of visible comments."""
    return list(
        Report.objects.filter(process=process, published_at__isnull=False)
        .annotate(visible_comments=Count("comments", filter=Q(comments__hidden_at__isnull=True)))
        .prefetch_related(Prefetch("attachments", queryset=ReportAttachment.objects.order_by("created_at", "id")))
        .order_by("-published_at", "-id")
    )


def report_for_page(pk: int) -> Report:
    """A report with its process, plan and attachments (2 queries); comments come from report_comments."""
    return get_object_or_404(
        Report.objects.select_related(*_PROCESS).prefetch_related(
            Prefetch("attachments", queryset=ReportAttachment.objects.order_by("created_at", "id"))
        ),
        pk=pk,
    )


def report_comments(report: Report) -> list[ReportComment]:
    return list(ReportComment.objects.filter(report=report).select_related("author").order_by("created_at", "id"))


def reports_for_staff(process: Process) -> list[Report]:
    return list(
        Report.objects.filter(process=process)
        .annotate(comment_total=Count("comments", distinct=True), attachment_total=Count("attachments", distinct=True))
        .order_by("-created_at", "-id")
    )


def process_for_staff(pk: int) -> Process:
    return get_object_or_404(Process.objects.select_related("plan__lead_unit", "concept"), pk=pk)


def concept_comments(concept: Concept) -> list[ConceptComment]:
    """The comments on a concept, oldest first, with their authors."""
    if concept is None:
        return []
    return list(ConceptComment.objects.filter(concept=concept).select_related("author").order_by("created_at", "id"))


def concept_comment_counts(concept: Concept) -> dict:
    rows = ConceptComment.objects.filter(concept=concept).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def process_reports_section(request: HttpRequest, process: Process) -> dict:
    """The section "reports" of the public process page: always shown, with the published reports."""
    return {"reports": published_reports(process)}


def process_reports_probe(process: Process) -> QuerySet[Report]:
    """Whether the process has published reports (core/extensions.py, asked with the page's other sections in one
    query); without any the section says so without reading them (when_empty)."""
    return Report.objects.filter(process=process, published_at__isnull=False)


def concept_comments_section(request: HttpRequest, process: Process) -> dict | None:
    """The comments under the public concept page of a published process; the template loads them."""
    return {} if process.is_published else None
