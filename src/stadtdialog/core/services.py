"""Writes of the core app: the pages staff write and the barrier reports of the accessibility statement."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, TypedDict, Unpack

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, queries
from .models import BarrierReport, Page
from .rules import require
from .uploads import checked_captions, checked_video
from .versioning import check_version

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models.fields.files import FieldFile

    User = AbstractBaseUser | AnonymousUser

# The fields of a page the audit entry compares (files by their stored name).
AUDITED = [
    "slug",
    "title",
    "body",
    "in_footer",
    "needs_review",
    "video",
    "video_url",
    "captions",
    "transcript",
    "compliance",
    "known_barriers",
    "statement_date",
    "arbitration_body",
]


def require_page_editor(user: User) -> None:
    """Raise PermissionDenied unless the user may edit the pages staff write."""
    if not rules.has_perm("core.edit_page", user):
        raise PermissionDenied


# --- pages -----------------------------------------------------------------------------------------


class PageFields(TypedDict, total=False):
    """What a page form gives (as the form checked it); every key is optional on update."""

    slug: str
    title: str
    body: str
    in_footer: bool
    # the sign-language page
    video: UploadedFile | None
    video_url: str
    remove_video: bool
    captions: UploadedFile | None
    remove_captions: bool
    transcript: str
    # the accessibility statement
    compliance: str
    known_barriers: str
    statement_date: datetime.date | None
    arbitration_body: str


def _slug_taken_error() -> ValidationError:
    return ValidationError({"slug": _("There is a page with this address already. Please choose another one.")})


def _check_slug(page: Page, slug: str) -> None:
    if page.pk and page.is_reserved and slug != Page.objects.get(pk=page.pk).slug:
        raise ValidationError({"slug": _("The address of a required page cannot be changed.")})
    if Page.objects.filter(slug=slug).exclude(pk=page.pk).exists():
        raise _slug_taken_error()


def _delete_file_after_commit(field_file: FieldFile | None) -> None:
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


def _apply(page: Page, fields: PageFields) -> None:
    """Set the fields on the page (not saved); old files are removed once the transaction has committed."""
    simple = ("slug", "title", "body", "in_footer", "transcript", "compliance", "known_barriers", "arbitration_body")
    for name in simple:
        if name in fields:
            setattr(page, name, fields[name])
    if "statement_date" in fields:
        page.statement_date = fields["statement_date"]
    video, video_url = fields.get("video"), fields.get("video_url", "")
    if video:
        _delete_file_after_commit(page.video)
        page.video, page.video_url = checked_video(video), ""
    elif video_url:
        _delete_file_after_commit(page.video)
        page.video, page.video_url = None, video_url
    elif fields.get("remove_video"):
        _delete_file_after_commit(page.video)
        page.video, page.video_url = None, ""
    captions = fields.get("captions")
    if captions:
        _delete_file_after_commit(page.captions)
        page.captions = checked_captions(captions)
    elif fields.get("remove_captions"):
        _delete_file_after_commit(page.captions)
        page.captions = None


def _save(page: Page) -> None:
    try:
        with transaction.atomic():
            page.save()
    except IntegrityError:  # two editors took the same address at the same moment
        raise _slug_taken_error() from None


def create_page(user: User, **fields: Unpack[PageFields]) -> Page:
    """A new page, placed after the others; the slug must be free."""
    require_page_editor(user)
    with transaction.atomic():
        page = Page(slug=fields["slug"])
        _check_slug(page, page.slug)
        _apply(page, fields)
        page.position = (Page.objects.aggregate(last=Max("position"))["last"] or 0) + 10
        _save(page)
        audit.record(user, "core.page.create", page, audit.diff({}, audit.snapshot(page, AUDITED + ["position"])))
    return page


def update_page(user: User, page: Page, *, version: str = "", **fields: Unpack[PageFields]) -> Page:
    """Save a page's fields (as the page form checked them). Saving a changed text clears the flag that the
    page still holds its placeholder text. `version` is the form's token: a stale save raises StaleEdit."""
    require_page_editor(user)
    with transaction.atomic():
        page = Page.objects.get(pk=page.pk)
        check_version(page, version)
        before = audit.snapshot(page, AUDITED)
        if "slug" in fields:
            _check_slug(page, fields["slug"])
        _apply(page, fields)
        if page.needs_review and "body" in fields and page.body != before["body"]:
            page.needs_review = False
        _save(page)
        changes = audit.diff(before, audit.snapshot(page, AUDITED))
        if changes:
            audit.record(user, "core.page.update", page, changes)
    return page


def delete_page(user: User, page: Page) -> None:
    """Remove a page the city added; the required pages (reserved slugs) stay."""
    require_page_editor(user)
    if page.is_reserved:
        raise ValidationError(_("“%(title)s” is a required page and cannot be removed.") % {"title": page.title})
    with transaction.atomic():
        audit.record(user, "core.page.delete", page, audit.diff(audit.snapshot(page, ["slug", "title", "body"]), {}))
        _delete_file_after_commit(page.video)
        _delete_file_after_commit(page.captions)
        page.delete()


def reorder_pages(user: User, positions: dict[int, int]) -> int:
    """Give pages new positions ({page id: position}); one audit entry per page that moved. Returns their
    number."""
    require_page_editor(user)
    moved = 0
    with transaction.atomic():
        for page in Page.objects.select_for_update().filter(pk__in=positions):
            new = positions[page.pk]
            if new == page.position:
                continue
            audit.record(user, "core.page.reorder", page, {"position": [page.position, new]})
            Page.objects.filter(pk=page.pk).update(position=new, updated_at=timezone.now())
            moved += 1
        if moved:
            queries.forget_footer()  # .update() sends no post_save
    return moved


# --- barrier reports -------------------------------------------------------------------------------


def submit_barrier_report(*, text: str, page_url: str, name: str = "", email: str = "") -> BarrierReport:
    """A barrier reported through the accessibility statement's form (anyone may; the form is protected
    against bots). The answer is due ACCESSIBILITY_ANSWER_DAYS from today. The audit entry holds no name or
    e-mail address."""
    due = timezone.localdate() + datetime.timedelta(days=settings.ACCESSIBILITY_ANSWER_DAYS)
    with transaction.atomic():
        report = BarrierReport.objects.create(text=text, page_url=page_url, name=name, email=email, due_at=due)
        audit.record(None, "core.barrier_report.create", report, {"status": [None, report.status]})
    return report


def answer_barrier_report(
    user: User, report: BarrierReport, *, answer: str, base_url: str = "", version: str = ""
) -> BarrierReport:
    """Record the coordination office's answer; it is mailed to the reporter when they gave an address.
    `version` is the form's token: an answer from a stale form raises StaleEdit (core.versioning)."""
    require(user, "core.answer_barrier_reports")
    with transaction.atomic():
        report = BarrierReport.objects.get(pk=report.pk)
        check_version(report, version)
        if report.status == BarrierReport.Status.CLOSED:
            raise ValidationError(_("This case is closed already."))
        before = {"status": report.status}
        report.answer, report.status = answer, BarrierReport.Status.ANSWERED
        report.answered_at, report.answered_by = timezone.now(), user
        report.save(update_fields=["answer", "status", "answered_at", "answered_by"])
        mailed = bool(report.email)
        audit.record(
            user,
            "core.barrier_report.answer",
            report,
            {"status": [before["status"], report.status], "mailed": [None, mailed]},
        )
        if mailed:
            from .tasks import send_barrier_answer

            report_id = report.pk
            transaction.on_commit(lambda: send_barrier_answer.enqueue(report_id, base_url))
    return report


def close_barrier_report(user: User, report: BarrierReport) -> BarrierReport:
    """Close a case (answered, or one that needs no answer: no address given, a duplicate)."""
    require(user, "core.answer_barrier_reports")
    with transaction.atomic():
        report = BarrierReport.objects.select_for_update().get(pk=report.pk)
        if report.status == BarrierReport.Status.CLOSED:
            raise ValidationError(_("This case is closed already."))
        before = report.status
        report.status = BarrierReport.Status.CLOSED
        report.save(update_fields=["status"])
        audit.record(user, "core.barrier_report.close", report, {"status": [before, report.status]})
    return report
