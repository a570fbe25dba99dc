"""Writes of the dialog: contributions (online and collected on site), comments, support and answers.

Every function checks permission, validates, runs in one transaction and writes an audit entry.
Bad data raises ValidationError (a dict keyed by form field where possible); a missing permission
raises PermissionDenied. Dates are today's date in Europe/Berlin unless a test passes `today`.
"""

import decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.organisation.models import District, Quarter
from stadtdialog.organisation.points import in_city
from stadtdialog.organisation.queries import locate
from stadtdialog.processes.rules import is_public

from . import signals
from .images import check_image, stored_image
from .models import Comment, Contribution, Response, Support
from .phases import window_of
from .ratelimits import check_rate

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
TITLE_MAX = 120
TEXT_MAX = 5000
COMMENT_MAX = 2000


def _require_participant(user) -> None:
    if not user.is_authenticated:
        raise PermissionDenied("login required")
    if not user.email_verified or not user.is_active:
        raise PermissionDenied("dialog.participate")


def _require_open(process, today=None):
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


def _point(data: dict, errors: dict):
    """Latitude and longitude as Decimals inside the city, or (None, None); the quarter found there."""
    lat, lon = data.get("latitude"), data.get("longitude")
    if lat in (None, "") and lon in (None, ""):
        return None, None, None
    if lat in (None, "") or lon in (None, ""):
        errors.setdefault("latitude", []).append(_("Please enter both latitude and longitude, or neither."))
        return None, None, None
    try:
        lat, lon = (
            decimal.Decimal(str(lat)).quantize(decimal.Decimal("0.000001")),
            decimal.Decimal(str(lon)).quantize(decimal.Decimal("0.000001")),
        )
    except (decimal.InvalidOperation, ValueError):
        errors.setdefault("latitude", []).append(_("Latitude and longitude must be numbers."))
        return None, None, None
    if not in_city(lat, lon):
        errors.setdefault("latitude", []).append(
            _("The point lies outside the city. Please choose a place in the city.")
        )
        return None, None, None
    district, quarter = locate(float(lat), float(lon))
    if district is None and District.objects.exclude(boundary=None).exists():
        errors.setdefault("latitude", []).append(
            _("The point lies outside the city. Please choose a place in the city.")
        )
        return None, None, None
    return lat, lon, quarter


def _clean_contribution(data: dict, image) -> tuple[dict, dict]:
    """Checked values for a contribution, and every error keyed by field."""
    errors: dict[str, list] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    kind = data.get("kind")
    if kind not in Contribution.Kind.values:
        add("kind", _("Please choose whether this is an idea, a concern or a question."))
    title = " ".join(str(data.get("title") or "").split())
    if not title:
        add("title", _("Please enter a title."))
    elif len(title) > TITLE_MAX:
        add(
            "title",
            _("The title is too long: at most %(max)d characters, you entered %(count)d.")
            % {"max": TITLE_MAX, "count": len(title)},
        )
    text = str(data.get("text") or "").strip()
    if not text:
        add("text", _("Please write your contribution."))
    elif len(text) > TEXT_MAX:
        add(
            "text",
            _("The text is too long: at most %(max)d characters, you entered %(count)d.")
            % {"max": TEXT_MAX, "count": len(text)},
        )
    lat, lon, located = _point(data, errors)
    quarter = data.get("quarter")
    if quarter is not None and not isinstance(quarter, Quarter):
        quarter = Quarter.objects.filter(pk=quarter).first()
    image_alt = " ".join(str(data.get("image_alt") or "").split())
    stored = None
    if image:
        try:
            stored = stored_image(image, check_image(image))
        except ValidationError as error:
            add("image", error.messages[0])
        if not image_alt:
            add("image_alt", _("Please describe what the image shows, for people who cannot see it."))
        elif len(image_alt) > 300:
            add("image_alt", _("The description of the image is too long: at most 300 characters."))
    values = {
        "kind": kind,
        "title": title,
        "text": text,
        "latitude": lat,
        "longitude": lon,
        "quarter": located or quarter,
        "image_alt": image_alt if image else "",
        "stored_image": stored,
    }
    return values, errors


def _create(actor, process, phase, values: dict, **extra) -> Contribution:
    image = values.pop("stored_image")  # re-encoded without metadata, under a random name
    contribution = Contribution(process=process, phase=phase, **values, **extra)
    with transaction.atomic():
        if image:
            contribution.image.save(image.name, image, save=False)
        contribution.save()
        # The image by name: core.audit's snapshot fails on an empty file field.
        values = {**audit.snapshot(contribution, AUDIT_FIELDS), "image": contribution.image.name or ""}
        audit.record(actor, "dialog.contribution.create", contribution, audit.diff({}, values))
        transaction.on_commit(lambda: signals.contribution_created.send(sender=Contribution, contribution=contribution))
    return contribution


def submit_contribution(user, process, data: dict, image=None, today=None) -> Contribution:
    """A resident's contribution while the online dialog is open."""
    _require_participant(user)
    phase = _require_open(process, today)
    values, errors = _clean_contribution(data, image)
    if errors:
        raise ValidationError(errors)
    check_rate(user, "contribution")
    return _create(user, process, phase, values, author=user, source=Contribution.Source.ONLINE)


def enter_onsite_contribution(user, process, data: dict, image=None, today=None) -> Contribution:
    """Staff enter a contribution collected on site (postcard, workshop, event, letter) with its source."""
    require(user, "dialog.enter_onsite_contribution", process)
    values, errors = _clean_contribution(data, image)
    source = data.get("source")
    if source not in Contribution.Source.values or source == Contribution.Source.ONLINE:
        errors.setdefault("source", []).append(_("Please choose where the contribution was collected."))
    note = " ".join(str(data.get("source_note") or "").split())
    if len(note) > 200:
        errors.setdefault("source_note", []).append(_("The note is too long: at most 200 characters."))
    if errors:
        raise ValidationError(errors)
    window = window_of(process, today)
    phase = window.open_phase or window.last_phase
    return _create(user, process, phase, values, author=None, entered_by=user, source=source, source_note=note)


def add_comment(user, contribution: Contribution, text: str, parent: Comment | None = None, today=None) -> Comment:
    """A comment on a contribution; a reply to a reply is attached to the top comment (one level)."""
    _require_participant(user)
    _require_open(contribution.process, today)
    if contribution.is_hidden:
        raise ValidationError(
            _("This contribution was hidden by the moderators and cannot be commented on."), code="hidden"
        )
    text = str(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write a comment.")})
    if len(text) > COMMENT_MAX:
        raise ValidationError(
            {
                "text": _("The comment is too long: at most %(max)d characters, you entered %(count)d.")
                % {"max": COMMENT_MAX, "count": len(text)}
            }
        )
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


def support(user, contribution: Contribution, today=None) -> Support:
    """Support a contribution once per account."""
    _require_participant(user)
    _require_open(contribution.process, today)
    if contribution.is_hidden:
        raise ValidationError(
            _("This contribution was hidden by the moderators and cannot be supported."), code="hidden"
        )
    already = _("You already support this contribution.")
    if Support.objects.filter(contribution=contribution, user=user).exists():
        raise ValidationError(already, code="already_supported")
    try:
        with transaction.atomic():
            item = Support.objects.create(contribution=contribution, user=user)
            Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") + 1)
            audit.record(user, "dialog.support.add", contribution, {"support": [None, user.pk]})
    except IntegrityError:  # the same account in two requests at once; the constraint decides
        raise ValidationError(already, code="already_supported") from None
    return item


def withdraw_support(user, contribution: Contribution, today=None) -> bool:
    """Take one's support back; True if there was one."""
    _require_participant(user)
    _require_open(contribution.process, today)
    with transaction.atomic():
        deleted, _details = Support.objects.filter(contribution=contribution, user=user).delete()
        if not deleted:
            return False
        Contribution.objects.filter(pk=contribution.pk, support_count__gt=0).update(
            support_count=F("support_count") - 1
        )
        audit.record(user, "dialog.support.withdraw", contribution, {"support": [user.pk, None]})
    return True


def answer_contribution(user, contribution: Contribution, status: str, text: str) -> Response:
    """Publish (or change) the administration's answer; a reason is needed for every status but two."""
    require(user, "dialog.answer_contribution", contribution)
    text = str(text or "").strip()
    if status not in Response.Status.values:
        raise ValidationError({"status": _("Please choose a status for the answer.")})
    if status not in Response.NO_REASON_NEEDED and not text:
        raise ValidationError(
            {
                "text": _("Please give the reason for “%(status)s”: residents must be able to see why.")
                % {"status": Response.Status(status).label}
            }
        )
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": _("The answer is too long: at most %(max)d characters.") % {"max": TEXT_MAX}})
    with transaction.atomic():
        response = Response.objects.select_for_update().filter(contribution=contribution).first()
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
