"""Writes of a process's reports and of the comments on reports and on the participation concept.

- The process's staff (lead contact, deputy and whoever may edit the plan) write, publish and
  attach files to reports (before, interim, final). An interim report states where and when the
  decision is taken and may take comments until a deadline (a date, inclusive).
- Residents with a verified e-mail address comment on an interim report until its deadline and
  on a published participation concept.
- Staff adopt a comment on the concept (after saving the revised concept, which makes a new
  version; the comment records that version) or decline it with a published reason.

Permissions are in rules.py. Every write checks the permission, validates, runs in a transaction and
writes an audit entry.
Deadlines use `timezone.localdate()`; tests move the clock by patching `django.utils.timezone.now`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stadtdialog.accounts.models import User
from stadtdialog.core import audit, publishing
from stadtdialog.core.ratelimit import check_rate
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version
from stadtdialog.processes.models import Concept, ConceptVersion, Process
from stadtdialog.processes.rules import is_public

from . import signals
from .models import ConceptComment, Report, ReportAttachment, ReportComment

if TYPE_CHECKING:
    pass

REPORT_FIELDS = ["kind", "title", "text", "comments_until", "decision_where_when"]
# Per account: at most this many comments on reports and concepts within the period (staff are exempt).
COMMENT_LIMIT, COMMENT_PERIOD = 20, timedelta(hours=1)
COMMENT_ACTIONS = ("report.comment", "concept_comment.create")


# --- Reports --------------------------------------------------------------------------------------


def create_report(
    user: User,
    process: Process,
    *,
    kind: str,
    title: str,
    text: str,
    decision_where_when: str = "",
    comments_until: date | None = None,
) -> Report:
    """A draft report of the process, with the fields as ReportForm checked them (text sanitised)."""
    require(user, "reports.manage_reports", process)
    with transaction.atomic():
        report = Report.objects.create(
            process=process,
            author=user,
            kind=kind,
            title=title,
            text=text,
            decision_where_when=decision_where_when,
            comments_until=comments_until,
        )
        audit.record(user, "report.create", report, audit.diff({}, audit.snapshot(report, REPORT_FIELDS)))
    return report


def update_report(
    user: User,
    report: Report,
    *,
    kind: str,
    title: str,
    text: str,
    decision_where_when: str = "",
    comments_until: date | None = None,
    version: str = "",
) -> Report:
    """New fields for a report (as ReportForm checked them); once residents have commented, the deadline
    can be moved but not removed. `version` is the form's token: a stale save raises StaleEdit
    (core.versioning)."""
    require(user, "reports.manage_reports", report.process)
    values = {
        "kind": kind,
        "title": title,
        "text": text,
        "decision_where_when": decision_where_when,
        "comments_until": comments_until,
    }
    with transaction.atomic():
        process = report.process
        check_version(report, version)
        report.process = process
        if report.comments_until and comments_until is None and report.comments.exists():
            raise ValidationError(
                {"comments_until": [_("Residents have commented already; the deadline can be moved but not removed.")]}
            )
        before = audit.snapshot(report, REPORT_FIELDS)
        for name, value in values.items():
            setattr(report, name, value)
        report.save()
        changes = audit.diff(before, audit.snapshot(report, REPORT_FIELDS))
        if changes:
            audit.record(user, "report.update", report, changes)
    return report


def publish_report(user: User, report: Report) -> Report:
    """Make the report public; followers of the process hear of it (signal after commit)."""
    require(user, "reports.manage_reports", report.process)
    if report.published_at is not None:
        return report
    if not report.process.is_published:
        raise ValidationError(_("The process is not public yet; publish the process first."))
    with transaction.atomic():
        report.published_at = timezone.now()
        report.save(update_fields=["published_at", "updated_at"])
        audit.record(user, "report.publish", report, {"published_at": [None, str(report.published_at)]})
        transaction.on_commit(lambda: signals.report_published.send(sender=Report, report=report))
    return report


def unpublish_report(user: User, report: Report) -> Report:
    require(user, "reports.manage_reports", report.process)
    return publishing.unpublish(user, report, "report.unpublish")


def add_report_attachment(user: User, report: Report, *, file: File, title: str) -> ReportAttachment:
    """Store a PDF or image with the report; ReportAttachmentForm has checked it by content and size
    (plans.uploads.checked_upload: an image without its metadata)."""
    require(user, "reports.manage_reports", report.process)
    stored = file
    with transaction.atomic():
        attachment = ReportAttachment(report=report, title=title, size=stored.size)
        attachment.file.save(stored.name, stored, save=False)
        attachment.save()
        audit.record(
            user,
            "report.attachment_add",
            report,
            {"attachments": [None, f"{attachment.title} ({attachment.file.name})"]},
        )
    return attachment


def remove_report_attachment(user: User, attachment: ReportAttachment) -> None:
    report = attachment.report
    require(user, "reports.manage_reports", report.process)
    with transaction.atomic():
        label = f"{attachment.title} ({attachment.file.name})"
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        audit.record(user, "report.attachment_remove", report, {"attachments": [label, None]})
        transaction.on_commit(lambda: storage.delete(name))


# --- Comments on a report -------------------------------------------------------------------------


def comment_state(report: Report, today: date | None = None) -> str:
    """ "open", "closed" (the deadline has passed) or "none" (the report takes no comments)."""
    if report.comments_until is None or report.kind != Report.Kind.INTERIM:
        return "none"
    today = today or timezone.localdate()
    return "open" if today <= report.comments_until else "closed"


def deadline_passed_message(report: Report) -> str:
    return _("The deadline for comments ended on %(date)s.") % {"date": date_format(report.comments_until, "j. F Y")}


def _check_rate(user: User) -> None:
    check_rate(
        user,
        COMMENT_ACTIONS,
        COMMENT_LIMIT,
        COMMENT_PERIOD,
        message=_("You have written many comments in a short time. Please wait a while before you write the next one."),
    )


def add_report_comment(user: User, report: Report, text: str) -> ReportComment:
    """A resident's comment on a published interim report, accepted until the end of the deadline day.

    `text` comes checked from CommentForm; the service checks the permission, the deadline and the rate limit."""
    require(user, "reports.comment")
    if report.published_at is None or not is_public(user, report.process):
        raise PermissionDenied("reports.report_not_public")
    state = comment_state(report)
    if state == "none":
        raise ValidationError(_("This report does not take comments."), code="no_comments")
    if state == "closed":
        raise ValidationError(deadline_passed_message(report), code="deadline")
    _check_rate(user)
    with transaction.atomic():
        comment = ReportComment.objects.create(report=report, author=user, text=text)
        audit.record(user, "report.comment", comment, {"text": [None, text]})
    return comment


# --- Comments on the participation concept --------------------------------------------------------


def add_concept_comment(user: User, concept: Concept, text: str) -> ConceptComment:
    """A resident's comment (checked by ConceptCommentForm) on the published concept, on its current version."""
    require(user, "reports.comment")
    process = concept.process
    if not is_public(user, process) or concept.current_version < 1:
        raise PermissionDenied("reports.concept_not_public")
    _check_rate(user)
    with transaction.atomic():
        comment = ConceptComment.objects.create(
            concept=concept, concept_version=concept.current_version, author=user, text=text
        )
        audit.record(user, "concept_comment.create", comment, {"text": [None, text]})
    return comment


def _handle(user: User, comment: ConceptComment, status: str, reason: str, version: int | None) -> ConceptComment:
    before = audit.snapshot(comment, ["status", "reason", "adopted_in_version"])
    with transaction.atomic():
        comment.status, comment.reason, comment.adopted_in_version = status, reason, version
        comment.handled_by, comment.handled_at = user, timezone.now()
        comment.save(update_fields=["status", "reason", "adopted_in_version", "handled_by", "handled_at", "updated_at"])
        audit.record(
            user,
            f"concept_comment.{status}",
            comment,
            audit.diff(before, audit.snapshot(comment, ["status", "reason", "adopted_in_version"])),
        )
        transaction.on_commit(lambda: signals.concept_comment_handled.send(sender=ConceptComment, comment=comment))
    return comment


def adoptable_versions(comment: ConceptComment) -> list[int]:
    """Version numbers recorded after the version the comment was written on, newest first."""
    return list(
        ConceptVersion.objects.filter(concept_id=comment.concept_id, number__gt=comment.concept_version)
        .order_by("-number")
        .values_list("number", flat=True)
    )


def adopt_concept_comment(user: User, comment: ConceptComment, version: int, reason: str = "") -> ConceptComment:
    """Mark the comment adopted in `version`, a revision of the concept saved after the comment."""
    require(user, "reports.handle_concept_comments", comment.concept.process)
    if version is None or int(version) not in adoptable_versions(comment):
        raise ValidationError(
            {
                "version": [
                    _(
                        "Please revise the concept first and save it; then choose the new version that takes up the comment."  # noqa: E501
                    )
                ]
            }
        )
    return _handle(user, comment, ConceptComment.Status.ADOPTED, (reason or "").strip(), int(version))


def decline_concept_comment(user: User, comment: ConceptComment, reason: str) -> ConceptComment:
    """Decline the comment; the reason is required and published."""
    require(user, "reports.handle_concept_comments", comment.concept.process)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Please give the reason why the comment is not adopted. It is published.")]}
        )
    if len(reason) > 3000:
        raise ValidationError({"reason": [_("Please keep the reason to at most 3000 characters.")]})
    return _handle(user, comment, ConceptComment.Status.DECLINED, reason, None)
