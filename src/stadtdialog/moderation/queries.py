"""Reads for the moderators: the queue of open reports grouped by content, and one content's case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from stadtdialog.accounts.models import User
from stadtdialog.core import audit
from stadtdialog.core.models import AuditEntry
from stadtdialog.core.moderated import kind_for_model, moderated_kinds

from .models import Flag
from .services import context_url, kind_of

if TYPE_CHECKING:
    from stadtdialog.processes.models import Process

QUEUE_SIZE = 200  # open reports per page of the queue (the oldest)


@dataclass
class Case:
    """One piece of reported content with its reports."""

    target: object
    kind: str
    flags: list = field(default_factory=list)

    @property
    def first_reported(self) -> datetime:
        return self.flags[0].created_at

    @property
    def url(self) -> str:
        return context_url(self.target)

    @property
    def process(self) -> Process | None:
        return moderated_kinds()[self.kind].process_of(self.target)

    @property
    def title(self) -> str:
        return getattr(self.target, "title", "") or ""

    @property
    def kind_label(self) -> str:
        return self.target._meta.verbose_name

    @property
    def ref(self) -> str:
        """How the case is named in the moderation's addresses: ``comment-12``."""
        return f"{self.kind}-{self.target.pk}"

    @property
    def open_flags(self) -> list:
        return [f for f in self.flags if f.decision == Flag.Decision.OPEN]


def _load_targets(ids_by_type: dict[int, set[int]]) -> dict[tuple[int, int], object]:
    """The reported objects, one query per kind of content."""
    loaded = {}
    for ct_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        kind = kind_for_model(model)
        if kind is None:
            continue
        for obj in model.objects.filter(pk__in=ids).select_related(*kind.related):
            loaded[(ct_id, obj.pk)] = obj
    return loaded


def open_cases(limit: int = QUEUE_SIZE) -> tuple[list[Case], int]:
    """Open reports grouped by their content, the longest waiting first; and the number of open reports."""
    open_flags = Flag.objects.filter(decision=Flag.Decision.OPEN)
    total = open_flags.count()
    flags = list(open_flags.select_related("reporter").order_by("created_at", "id")[:limit])
    ids_by_type: dict[int, set[int]] = {}
    for f in flags:
        ids_by_type.setdefault(f.content_type_id, set()).add(f.object_id)
    targets = _load_targets(ids_by_type)
    cases: dict[tuple[int, int], Case] = {}
    for f in flags:
        key = (f.content_type_id, f.object_id)
        target = targets.get(key)
        if target is None:
            continue
        cases.setdefault(key, Case(target=target, kind=kind_of(target))).flags.append(f)
    return list(cases.values()), total


def parse_ref(ref: str) -> tuple[str, int] | None:
    """("comment", 12) from "comment-12", or None."""
    kind, _sep, pk = (ref or "").rpartition("-")
    if kind not in moderated_kinds() or not (pk.isascii() and pk.isdigit()) or len(pk) > 18:
        return None
    return kind, int(pk)


def target_of(kind: str, pk: int) -> Model | None:
    """The content with its author and process, or None."""
    found = moderated_kinds().get(kind)
    if found is None:
        return None
    return found.model.objects.select_related(*found.related, "hidden_by").filter(pk=pk).first()


def case_of(kind: str, pk: int) -> Case | None:
    """One content with all its reports (any decision)."""
    target = target_of(kind, pk)
    if target is None:
        return None
    model = moderated_kinds()[kind].model
    flags = (
        Flag.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=pk)
        .select_related("reporter", "decided_by")
        .order_by("created_at", "id")
    )
    return Case(target=target, kind=kind, flags=list(flags))


def history_of(target: Model) -> list[AuditEntry]:
    """The audit entries of the content, newest first, each with a readable `label`."""
    entries = list(audit.history(target))
    for entry in entries:
        entry.label = audit.label_of(entry.action)
    return entries


def blocked_accounts() -> list[User]:
    """Blocked accounts with the moderator's reason and the time from the audit log (`block_reason`, `blocked_at`)."""
    accounts = list(User.objects.filter(is_active=False).order_by("display_name", "pk"))
    entries = AuditEntry.objects.filter(
        action="account.block",
        content_type=ContentType.objects.get_for_model(User),
        object_id__in=[str(a.pk) for a in accounts],
    ).order_by("created_at", "id")
    latest = {entry.object_id: entry for entry in entries}
    for account in accounts:
        entry = latest.get(str(account.pk))
        account.block_reason = (entry.changes.get("reason") or [None, ""])[1] if entry else ""
        account.blocked_at = entry.created_at if entry else None
    return accounts
