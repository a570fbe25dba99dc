"""The invitation letters leave the request: requested here, made by the task worker into the
private storage, downloaded by staff through a view.

One PDF page per invited person with name, address and response code: personal data. The file
is kept in the private storage (`storage.private_storage`, never under MEDIA_URL); making the
letters again replaces it; it is deleted with the pool's personal data (`purge_personal_data`)
and with the sortition (signal in `signals`). Requesting, making and every download are recorded
in the audit log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stadtdialog.core.audit import record
from stadtdialog.core.rules import require

from ..jobs import claim, give_up_lost, still_pending
from ..letters import invitation_letters
from ..models import InvitationLetters, JobStatus, Sortition
from ..storage import private_storage
from .register import RUN, State

if TYPE_CHECKING:
    from django.core.files import File

    from stadtdialog.accounts.models import User


def letters_of(sortition: Sortition) -> InvitationLetters | None:
    return InvitationLetters.objects.filter(sortition=sortition).first()


@transaction.atomic
def request_letters(actor: User, sortition: Sortition, base_url: str) -> InvitationLetters:
    """Queue the making of the letters (again). `base_url` is the site's address for the sign-up
    link and the QR code when SITE_URL is not set."""
    require(actor, RUN, sortition)
    sortition = Sortition.objects.select_for_update().get(pk=sortition.pk)
    if not sortition.reached(State.INVITATIONS_SENT):
        raise ValidationError(_("Draw the invitations first."))
    if sortition.purged_at:
        raise ValidationError(_("The personal data of this sortition has been deleted; letters can no longer be made."))
    letters, _created = InvitationLetters.objects.select_for_update().get_or_create(sortition=sortition)
    queryset = InvitationLetters.objects.filter(pk=letters.pk)
    give_up_lost(queryset, "requested_at")
    if still_pending(queryset, "requested_at").exists():
        raise ValidationError(_("The letters are already being made. Please wait for them."))
    letters.status, letters.message = JobStatus.QUEUED, ""
    letters.requested_at, letters.requested_by, letters.started_at = timezone.now(), actor, None
    letters.save()
    record(
        actor, "sortition.request_letters", sortition, {"letters": letters.pk, "replaces": letters.file_name or None}
    )
    from ..tasks import make_invitation_letters

    transaction.on_commit(lambda: make_invitation_letters.enqueue(letters.pk, base_url))
    return letters


def _fail(letters_id: int, message: str) -> None:
    with transaction.atomic():
        InvitationLetters.objects.filter(pk=letters_id, status=JobStatus.RUNNING).update(
            status=JobStatus.FAILED, message=message
        )


def make_letters(letters_id: int, base_url: str) -> str | None:
    """Render the PDF and store it in the private storage (the body of the task).

    Returns the new file's name, or None if the request was not queued (taken already) or the
    personal data was deleted in the meantime (then nothing is kept).
    """
    letters = claim(InvitationLetters.objects.select_related("sortition"), letters_id)
    if letters is None:
        return None
    storage = private_storage()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            pdf, count = invitation_letters(letters.sortition, base_url)
        name = storage.save(f"sortition/{letters.sortition_id}/einladungen.pdf", ContentFile(pdf))
    except Exception:
        with translation.override(settings.LANGUAGE_CODE):
            _fail(letters_id, _("The letters could not be made. Please try again."))
        raise  # the worker logs the traceback
    with transaction.atomic():
        current = (
            InvitationLetters.objects.select_for_update(of=("self",))
            .select_related("sortition")
            .filter(pk=letters_id, status=JobStatus.RUNNING)
            .first()
        )
        if current is None or current.sortition.purged_at:
            storage.delete(name)  # purged or given up meanwhile: keep no personal data
            return None
        old = current.file_name
        current.status, current.message = JobStatus.DONE, ""
        current.file_name, current.made_at, current.letter_count = name, timezone.now(), count
        current.save()
        record(
            current.requested_by,
            "sortition.make_letters",
            current.sortition,
            {"letters": count, "file": name, "replaced": old or None},
        )
    if old and old != name:
        storage.delete(old)
    return name


@transaction.atomic
def open_letters(actor: User, sortition: Sortition) -> tuple[File | None, InvitationLetters | None]:
    """The letters file for download, opened, with its record; None if there is none (any more).

    Every download is recorded in the audit log (who, when, which file)."""
    require(actor, RUN, sortition)
    letters = letters_of(sortition)
    if letters is None or not letters.file_name or sortition.purged_at:
        return None, None
    try:
        handle = private_storage().open(letters.file_name, "rb")
    except FileNotFoundError:
        return None, None
    record(
        actor,
        "sortition.download_letters",
        sortition,
        {"file": letters.file_name, "made_at": letters.made_at.isoformat()},
    )
    return handle, letters


def delete_letters(sortition: Sortition) -> str | None:
    """Delete the letters and their file (inside the caller's transaction); the file's name or None.

    Locks the sortition, then the letters (the order `request_letters` takes them in); a task making
    letters meanwhile waits for the lock and then keeps nothing."""
    list(Sortition.objects.select_for_update().filter(pk=sortition.pk).values_list("pk"))
    letters = InvitationLetters.objects.select_for_update().filter(sortition=sortition).first()
    if letters is None:
        return None
    name = letters.file_name
    letters.delete()  # the post_delete signal deletes the file
    return name or None
