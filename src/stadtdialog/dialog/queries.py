"""Reads of the dialog, tuned for their pages: a constant number of queries however many contributions there are."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import BigIntegerField, Count, ExpressionWrapper, F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of
from stadtdialog.processes.models import Phase, Process

from .models import Comment, Contribution, Response, Support

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

PAGE_SIZE = 20
PRIME = 2147483647  # 2**31 - 1, the modulus of the random order
NOT_ANSWERED = "none"


class Sort:
    NEWEST = "new"
    SUPPORTED = "supported"
    COMMENTED = "commented"
    RANDOM = "random"


ORDERINGS = {
    Sort.NEWEST: ["-created_at", "-id"],
    Sort.SUPPORTED: ["-support_count", "-created_at", "-id"],
    Sort.COMMENTED: ["-comment_count", "-created_at", "-id"],
}


@dataclass
class Criteria:
    kind: str = ""
    quarter_id: int | None = None
    answer: str = ""  # a Response.Status value, NOT_ANSWERED or ""
    sort: str = Sort.NEWEST
    seed: int | None = None


def default_seed(today: datetime.date | None = None) -> int:
    """The random order changes once a day; the seed travels in the URL so that pages stay stable."""
    return (today or timezone.localdate()).toordinal() % 100_000


def process_for_dialog(pk: int) -> Process:
    return get_object_or_404(
        Process.objects.select_related("plan__lead_unit").prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("start", "id"))
        ),
        pk=pk,
    )


# What a list item shows (templatetags/contribution_items.py): no author's e-mail or password hash, no quarter boundary.
LIST_COLUMNS = (
    "id",
    "process_id",
    "kind",
    "title",
    "text",
    "created_at",
    "source",
    "image",
    "support_count",
    "comment_count",
    "answer_status",
    "hidden_at",
    "hidden_reason",
    "edited_at",
    "withdrawn_at",
    "author__id",
    "author__display_name",
    "quarter__id",
    "quarter__name",
)


def _for_list(queryset: QuerySet[Contribution]) -> QuerySet[Contribution]:
    return queryset.select_related("author", "quarter").only(*LIST_COLUMNS)


def contributions(process: Process, criteria: Criteria) -> QuerySet[Contribution]:
    """The process's contributions for its list, filtered and sorted (hidden ones included: they show a placeholder)."""
    queryset = _for_list(Contribution.objects.filter(process=process))
    if criteria.kind:
        queryset = queryset.filter(kind=criteria.kind)
    if criteria.quarter_id is not None:
        queryset = queryset.filter(quarter_id=criteria.quarter_id)
    if criteria.answer == NOT_ANSWERED:
        queryset = queryset.filter(answer_status="")
    elif criteria.answer:
        queryset = queryset.filter(answer_status=criteria.answer)
    if criteria.sort == Sort.RANDOM:
        # A stable shuffle: a multiplicative hash of the id whose factor depends on the seed (no RANDOM(),
        # so page 2 follows page 1). Products stay far below 2**63 for any realistic id.
        seed = criteria.seed if criteria.seed is not None else default_seed()
        factor = (1103515245 * (seed + 1)) % PRIME or 48271
        shuffle = ExpressionWrapper((F("id") * factor + seed) % PRIME, output_field=BigIntegerField())
        return queryset.annotate(shuffle=shuffle).order_by("shuffle", "id")
    return queryset.order_by(*ORDERINGS.get(criteria.sort, ORDERINGS[Sort.NEWEST]))


class PageRows:
    """The rows of a sorted queryset for a paginator, a page at a time in one query that first picks the page's ids
    from the table alone (a narrow sort, or an index) and then joins only those rows, where slicing the queryset
    itself would join and sort every row before the offset. The page holds the same rows in the same order (every
    ordering ends with the id)."""

    def __init__(self, queryset: QuerySet[Contribution]) -> None:
        self.queryset = queryset
        self.ordered = queryset.ordered

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index: slice) -> list[Contribution]:
        if not isinstance(index, slice):
            raise TypeError("PageRows gives slices only")
        return list(self.queryset.filter(pk__in=self.queryset.values("pk")[index]))


def page_of(queryset: QuerySet[Contribution], number: int | str | None) -> Page:
    return Paginator(PageRows(queryset), PAGE_SIZE).get_page(number)


def counts_by_status(process: Process) -> dict:
    """{"total": n, "none": unanswered, <status>: n, ...} over the visible contributions (one query)."""
    rows = (
        Contribution.objects.filter(process=process, hidden_at__isnull=True)
        .order_by()
        .values("answer_status")
        .annotate(n=Count("*"))  # COUNT(*): an index-only scan
    )
    counts = {row["answer_status"] or NOT_ANSWERED: row["n"] for row in rows}
    counts["total"] = sum(counts.values())
    return counts


def status_summary(counts: dict) -> list[tuple[str, str, int]]:
    """(value, label, count) for every status, unanswered last; for tables and filters."""
    from django.utils.translation import gettext as _

    rows = [(value, label, counts.get(value, 0)) for value, label in Response.Status.choices]
    rows.append((NOT_ANSWERED, _("Not yet answered"), counts.get(NOT_ANSWERED, 0)))
    return rows


def latest(process: Process, count: int = 5) -> list[Contribution]:
    return list(
        _for_list(
            Contribution.objects.filter(process=process, hidden_at__isnull=True, withdrawn_at__isnull=True)
        ).order_by("-created_at", "-id")[:count]
    )


def contribution_for_page(pk: int) -> Contribution:
    """A contribution with its process, author, answer, and its comments with their replies (fixed queries)."""
    replies = Comment.objects.select_related("author").order_by("created_at", "id")
    comments = (
        Comment.objects.filter(parent=None)
        .select_related("author")
        .order_by("created_at", "id")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )
    return get_object_or_404(
        Contribution.objects.select_related(
            "process__plan__lead_unit",
            "author",
            "quarter__district",
            "entered_by",
            "response__org_unit",
            "phase",
        ).prefetch_related(
            Prefetch("process__phases", queryset=Phase.objects.order_by("start", "id")),
            Prefetch("comments", queryset=comments, to_attr="top_comments"),
        ),
        pk=pk,
    )


def supports(user: User, contribution: Contribution) -> bool:
    return user.is_authenticated and Support.objects.filter(contribution=contribution, user=user).exists()


def unanswered_for(user: User) -> QuerySet[Contribution]:
    """Contributions without an answer in the processes the user may answer, oldest first."""
    queryset = (
        Contribution.objects.filter(response__isnull=True, hidden_at__isnull=True)
        .select_related("process__plan", "quarter", "author")
        .order_by("created_at", "id")
    )
    if not is_city_wide_staff(user):
        queryset = queryset.filter(process__plan__lead_unit_id__in=unit_ids_of(user))
    return queryset
