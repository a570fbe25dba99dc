"""Writes of the dialog: contributions (online and collected on site), comments, support and answers.

The forms have parsed and checked the fields (limits from the models); these functions take typed
keyword arguments and check what crosses objects: the permission (rules.py), the open online dialog,
the point inside the city (organisation's boundaries), hidden content, rate limits. Each runs in one
transaction and writes an audit entry. A refused write raises ValidationError (a dict keyed by form
field where possible) or PermissionDenied. Dates are today's date in Europe/Berlin unless a test
passes `today`.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.accounts.models import User
from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import Derived, check_version
from stadtdialog.organisation.models import District, Quarter
from stadtdialog.organisation.points import in_city
from stadtdialog.organisation.queries import locate
from stadtdialog.processes.models import Phase, Process
from stadtdialog.processes.rules import is_public

from . import signals
from .images import CheckedImage, stored_image
from .models import Comment, Contribution, Response, Support
from .phases import window_of
from .ratelimits import check_rate
from .rules import edit_refusal, is_own_contribution

AUDIT_FIELDS = [
    "process",
    "phase",
    "kind",
    "title",
    "text",
    "latitude",
    "longitude",
    "quarter",
    "image_alt",
    "author",
    "source",
    "source_note",
    "entered_by",
]


def _require_may_contribute(user: User, process: Process, today: date | None = None) -> Phase:
    """rules.may_contribute for a write on `today`: PermissionDenied unless the user is a verified participant
    ("dialog.participate") and the process public; a ValidationError saying when the online dialog opens or
    that it has closed. Returns the open online-dialog phase."""
    require(user, "dialog.participate")
    return _require_open(process, today)


def _require_open(process: Process, today: date | None = None) -> Phase:
    """The open online-dialog phase, or a ValidationError saying when it opens or that it has closed."""
    if not is_public(None, process):
        raise PermissionDenied("process is not public")
    window = window_of(process, today)
    if window.is_open:
        return window.open_phase
    if window.next_phase is not None:
        message = _("The online dialog opens on %(date)s. Until then nothing can be submitted.") % {
            "date": window.next_phase.start.strftime("%d.%m.%Y")
        }
    elif window.last_phase is not None:
        message = _("The online dialog closed on %(date)s. Nothing can be submitted any more.") % {
            "date": window.last_phase.end.strftime("%d.%m.%Y")
        }
    else:
        message = _("This process has no online dialog.")
    raise ValidationError(message, code="closed")


def _located(latitude: Decimal | None, longitude: Decimal | None) -> Quarter | None:
    """The quarter at the point (None without a point or without imported boundaries); a ValidationError on
    "latitude" when the point lies outside the city's bounding box or, with boundaries imported, outside
    every district. The form has checked that both coordinates or neither are given."""
    if latitude is None or longitude is None:
        return None
    outside = ValidationError({"latitude": [_("The point lies outside the city. Please choose a place in the city.")]})
    if not in_city(latitude, longitude):
        raise outside
    district, quarter = locate(float(latitude), float(longitude))
    if district is None and District.objects.exclude(boundary=None).exists():
        raise outside
    return quarter


def _stored(image: CheckedImage | None) -> File | None:
    """The checked image re-encoded without metadata under a random name; a ValidationError on "image" when
    it cannot be decoded."""
    if image is None:
        return None
    try:
        return stored_image(image.file, image.extension)
    except ValidationError as error:
        raise ValidationError({"image": error.messages}) from None


def _create(
    actor: User, process: Process, phase: Phase | None, image: CheckedImage | None, **values: object
) -> Contribution:
    stored = _stored(image)
    contribution = Contribution(process=process, phase=phase, **values)
    if image is None:
        contribution.image_alt = ""
    with transaction.atomic():
        if stored:
            contribution.image.save(stored.name, stored, save=False)
        contribution.save()
        # The image by name: core.audit's snapshot fails on an empty file field.
        values = {**audit.snapshot(contribution, AUDIT_FIELDS), "image": contribution.image.name or ""}
        audit.record(actor, "dialog.contribution.create", contribution, audit.diff({}, values))
        transaction.on_commit(lambda: signals.contribution_created.send(sender=Contribution, contribution=contribution))
    return contribution


def submit_contribution(
    user: User,
    process: Process,
    *,
    kind: str,
    title: str,
    text: str,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    quarter: Quarter | None = None,
    image: CheckedImage | None = None,
    image_alt: str = "",
    today: date | None = None,
) -> Contribution:
    """A resident's contribution while the online dialog is open (fields as ContributionForm cleaned them).

    The quarter at the point, when boundaries are imported, replaces a chosen quarter."""
    phase = _require_may_contribute(user, process, today)
    located = _located(latitude, longitude)
    check_rate(user, "contribution")
    return _create(
        user,
        process,
        phase,
        image,
        kind=kind,
        title=title,
        text=text,
        latitude=latitude,
        longitude=longitude,
        quarter=located or quarter,
        image_alt=image_alt,
        author=user,
        source=Contribution.Source.ONLINE,
    )


def enter_onsite_contribution(
    user: User,
    process: Process,
    *,
    source: str,
    kind: str,
    title: str,
    text: str,
    source_note: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    quarter: Quarter | None = None,
    image: CheckedImage | None = None,
    image_alt: str = "",
    today: date | None = None,
) -> Contribution:
    """Staff enter a contribution collected on site (postcard, workshop, event, letter) with its source
    (fields as OnSiteContributionForm cleaned them)."""
    require(user, "dialog.enter_onsite_contribution", process)
    located = _located(latitude, longitude)
    window = window_of(process, today)
    phase = window.open_phase or window.last_phase
    return _create(
        user,
        process,
        phase,
        image,
        kind=kind,
        title=title,
        text=text,
        latitude=latitude,
        longitude=longitude,
        quarter=located or quarter,
        image_alt=image_alt,
        author=None,
        entered_by=user,
        source=source,
        source_note=source_note,
    )


def add_comment(
    user: User, contribution: Contribution, text: str, parent: Comment | None = None, today: date | None = None
) -> Comment:
    """A comment on a contribution (text as CommentForm cleaned it); a reply to a reply is attached to the top
    comment (one level)."""
    _require_may_contribute(user, contribution.process, today)
    if contribution.is_hidden:
        raise ValidationError(
            _("This contribution was hidden by the moderators and cannot be commented on."), code="hidden"
        )
    if contribution.is_withdrawn:
        raise ValidationError(_("This contribution was withdrawn by its author."), code="withdrawn")
    if parent is not None:
        if parent.contribution_id != contribution.pk:
            raise ValidationError(_("The comment you reply to belongs to another contribution."), code="wrong_parent")
        if parent.parent_id:
            parent = parent.parent
    check_rate(user, "comment")
    with transaction.atomic():
        comment = Comment.objects.create(contribution=contribution, parent=parent, author=user, text=text)
        Contribution.objects.filter(pk=contribution.pk).update(comment_count=F("comment_count") + 1)
        audit.record(
            user,
            "dialog.comment.create",
            comment,
            {
                "text": [None, text],
                "contribution": [None, contribution.pk],
                "parent": [None, parent.pk if parent else None],
            },
        )
    return comment


def support(user: User, contribution: Contribution, today: date | None = None) -> Support:
    """Support a contribution once per account, never one's own."""
    _require_may_contribute(user, contribution.process, today)
    already = _("You already support this contribution.")
    try:
        with transaction.atomic():
            # The row is locked and read again: its author and whether it is hidden are checked as they are now.
            # (A CheckConstraint cannot compare Support.user with Contribution.author, so the service decides.)
            contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
            if is_own_contribution(user, contribution):
                raise ValidationError(_("You cannot support your own contribution."), code="own_contribution")
            if contribution.is_hidden:
                raise ValidationError(
                    _("This contribution was hidden by the moderators and cannot be supported."), code="hidden"
                )
            if contribution.is_withdrawn:
                raise ValidationError(_("This contribution was withdrawn by its author."), code="withdrawn")
            if Support.objects.filter(contribution=contribution, user=user).exists():
                raise ValidationError(already, code="already_supported")
            item = Support.objects.create(contribution=contribution, user=user)
            Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") + 1)
            audit.record(user, "dialog.support.add", contribution, {"support": [None, user.pk]})
    except IntegrityError:  # the same account in two requests at once; the constraint decides
        raise ValidationError(already, code="already_supported") from None
    return item


def withdraw_support(user: User, contribution: Contribution, today: date | None = None) -> bool:
    """Take one's support back; True if there was one."""
    _require_may_contribute(user, contribution.process, today)
    with transaction.atomic():
        deleted, _details = Support.objects.filter(contribution=contribution, user=user).delete()
        if not deleted:
            return False
        Contribution.objects.filter(pk=contribution.pk, support_count__gt=0).update(
            support_count=F("support_count") - 1
        )
        audit.record(user, "dialog.support.withdraw", contribution, {"support": [user.pk, None]})
    return True


# --- what residents do with what they wrote ---------------------------------------------------------------

# What a resident may change of their contribution (the form's version covers the same fields).
OWN_CONTRIBUTION_FIELDS = ("kind", "title", "text", "image", "image_alt", "quarter", "latitude", "longitude")
_KEEP: object = object()  # a keyword of edit_contribution not given: the stored value stays


def _refuse_edit(user: User, item: Contribution | Comment) -> None:
    """A German ValidationError when the item (read under its row lock) may not be edited any more."""
    refusal = edit_refusal(user, item)
    if refusal == "answered":
        if isinstance(item, Comment):
            message = _("This comment can no longer be changed: it has been replied to or the contribution answered.")
        else:
            message = _("This contribution can no longer be changed: the administration has answered it.")
        raise ValidationError(message, code="answered")
    if refusal == "withdrawn":
        raise ValidationError(_("This was withdrawn and can no longer be changed."), code="withdrawn")
    if refusal == "hidden":
        raise ValidationError(_("The moderators have hidden this; it can no longer be changed."), code="hidden")


def _own_snapshot(contribution: Contribution) -> dict:
    """The editable fields as the audit log keeps them (the image by name: core.audit's snapshot fails on an
    empty file field)."""
    values = audit.snapshot(contribution, [name for name in OWN_CONTRIBUTION_FIELDS if name != "image"])
    return {**values, "image": contribution.image.name or ""}


def edit_contribution(
    user: User,
    contribution: Contribution,
    *,
    kind: str,
    title: str,
    text: str,
    quarter: Quarter | None | object = _KEEP,
    latitude: Decimal | None | object = _KEEP,
    longitude: Decimal | None | object = _KEEP,
    image: CheckedImage | None = None,
    image_alt: str | object = _KEEP,
    remove_image: bool = False,
    version: str = "",
    today: date | None = None,
) -> Contribution:
    """The author changes their contribution (fields as OwnContributionForm cleaned them) while the online dialog
    is open and until it is answered; it is then marked as edited and the audit log keeps before and after.

    Quarter, point and image description are changed when given (a caller that leaves them out keeps them); the
    point is checked and its quarter found as when writing (with boundaries imported, it replaces a chosen
    quarter). `image` replaces the stored image, `remove_image` removes it (and its description). The same checks
    as writing it (verified participant, open dialog, rate limit); `version` is the form's token: a save from a
    stale form (edited in another tab meanwhile, or answered) is refused (core.versioning)."""
    require(user, "dialog.withdraw_own", contribution)  # the author only
    _require_may_contribute(user, contribution.process, today)
    with transaction.atomic():
        check_version(contribution, version, fields=list(OWN_CONTRIBUTION_FIELDS))  # locks and reads again
        _refuse_edit(user, contribution)
        before = _own_snapshot(contribution)
        contribution.kind, contribution.title, contribution.text = kind, title, text
        if latitude is not _KEEP or longitude is not _KEEP:
            latitude = contribution.latitude if latitude is _KEEP else latitude
            longitude = contribution.longitude if longitude is _KEEP else longitude
            located = _located(latitude, longitude)
            contribution.latitude, contribution.longitude = latitude, longitude
            if located is not None:
                quarter = located
        if quarter is not _KEEP:
            contribution.quarter = quarter
        if image_alt is not _KEEP:
            contribution.image_alt = image_alt
        old_image = contribution.image.name or ""
        stored = _stored(image)
        if stored is not None:
            contribution.image.save(stored.name, stored, save=False)
        elif remove_image:
            contribution.image = ""
        if not contribution.image:
            contribution.image_alt = ""
        after = _own_snapshot(contribution)
        if before == after:
            return contribution  # saved unchanged: not marked as edited
        check_rate(user, "contribution_edit")
        contribution.edited_at = timezone.now()
        contribution.save(update_fields=[*OWN_CONTRIBUTION_FIELDS, "edited_at", "updated_at"])
        audit.record(user, "dialog.contribution.edit", contribution, audit.diff(before, after))
        if old_image and old_image != (contribution.image.name or ""):
            storage = Contribution._meta.get_field("image").storage
            transaction.on_commit(lambda: storage.delete(old_image))
    return contribution


def withdraw_contribution(user: User, contribution: Contribution) -> Contribution:
    """The author withdraws their contribution, at any time: title, text, image and point are removed and a
    placeholder stays; the answer, comments and replies stay in place. Its supports no longer count (the count
    goes to 0, nobody can add one; the supporters keep their own record and may take it back)."""
    require(user, "dialog.withdraw_own", contribution)
    with transaction.atomic():
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if contribution.is_withdrawn:
            return contribution
        image = contribution.image.name
        contribution.title = contribution.text = contribution.image_alt = ""
        contribution.image = ""
        contribution.latitude = contribution.longitude = None
        contribution.support_count = 0
        contribution.withdrawn_at = timezone.now()
        contribution.save()
        # The words are not copied into the log again; the entry says that it was withdrawn.
        audit.record(user, "dialog.contribution.withdraw", contribution, {"withdrawn_at": [None, "✓"]})
        if image:
            storage = Contribution._meta.get_field("image").storage
            transaction.on_commit(lambda: storage.delete(image))
    return contribution


def edit_comment(user: User, comment: Comment, *, text: str, version: str = "", today: date | None = None) -> Comment:
    """The author changes their comment (text as OwnCommentForm cleaned it) while the dialog is open, until it is
    replied to or the contribution answered; it is then marked as edited. `version` as for edit_contribution."""
    require(user, "dialog.withdraw_own", comment)
    _require_may_contribute(user, comment.contribution.process, today)
    with transaction.atomic():
        check_version(comment, version, fields=["text"])
        comment.contribution = Contribution.objects.get(pk=comment.contribution_id)  # its answer as it is now
        _refuse_edit(user, comment)
        if comment.text == text:
            return comment
        check_rate(user, "comment_edit")
        before = comment.text
        comment.text, comment.edited_at = text, timezone.now()
        comment.save(update_fields=["text", "edited_at", "updated_at"])
        audit.record(user, "dialog.comment.edit", comment, {"text": [before, text]})
    return comment


def withdraw_comment(user: User, comment: Comment) -> Comment:
    """The author withdraws their comment, at any time: its text is removed, a placeholder stays, replies stay."""
    require(user, "dialog.withdraw_own", comment)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if comment.is_withdrawn:
            return comment
        comment.text, comment.withdrawn_at = "", timezone.now()
        comment.save(update_fields=["text", "withdrawn_at", "updated_at"])
        audit.record(user, "dialog.comment.withdraw", comment, {"withdrawn_at": [None, "✓"]})
    return comment


def _response(contribution: Contribution) -> Response | None:
    return Response.objects.filter(contribution=contribution).first()


# What the answer form's version covers (core.versioning); the contribution row is the one locked.
RESPONSE_VERSION = {name: Derived.field_of(_response, name) for name in ("status", "text")}


def answer_contribution(
    user: User, contribution: Contribution, status: str, text: str, *, version: str = ""
) -> Response:
    """Publish (or change) the administration's answer (status and text as ResponseForm cleaned them); a reason
    is needed for every status but two. `version` is the form's token: an answer from a stale form (a colleague
    answered meanwhile) raises StaleEdit (core.versioning)."""
    require(user, "dialog.answer_contribution", contribution)
    text = text.strip()
    if status not in Response.NO_REASON_NEEDED and not text:
        raise ValidationError(
            {
                "text": _("Please give the reason for “%(status)s”: residents must be able to see why.")
                % {"status": Response.Status(status).label}
            }
        )
    with transaction.atomic():
        # The contribution row is locked first: two first answers at the same moment would otherwise both find
        # no answer and the second would fail on the one-answer key (IntegrityError). Now they save in turn.
        check_version(contribution, version, extra=RESPONSE_VERSION)
        response = Response.objects.select_for_update().filter(contribution=contribution).first()
        if response is not None and (response.status, response.text) == (status, text):
            return response  # saved unchanged: the answer stays as it is, with its author
        before = audit.snapshot(response, ["status", "text"]) if response else {}
        if response is None:
            response = Response(contribution=contribution)
        response.status, response.text, response.author = status, text, user
        response.org_unit = user.org_unit or contribution.process.plan.lead_unit
        response.save()
        Contribution.objects.filter(pk=contribution.pk).update(answer_status=status)
        contribution.answer_status = status
        audit.record(
            user,
            "dialog.response.publish",
            contribution,
            audit.diff(before, audit.snapshot(response, ["status", "text"])),
        )
        transaction.on_commit(lambda: signals.response_published.send(sender=Response, response=response))
    return response
