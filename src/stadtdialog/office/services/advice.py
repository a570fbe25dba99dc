"""Consultation requests and work aids of the coordination office (issue 15, items 6 and 7).

Every write checks the permission (office/rules_advice.py), runs in one transaction with the row locked and
leaves an audit entry. A status change of a request is mailed to the person who asked (after the commit, by the
task queue with ids only). Work aid files are checked by their content (PDF, DOCX, ODT, XLSX) and size; a new
file is a new version, the old versions stay."""

from __future__ import annotations

import datetime
import secrets
import zipfile
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.accounts.models import Role
from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of
from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.text import german_slug
from stadtdialog.core.versioning import check_version
from stadtdialog.plans.uploads import check_pdf, megabytes

from ..models_advice import ConsultationNote, ConsultationRequest, WorkAid, WorkAidVersion
from ..tasks_advice import send_consultation_mail, send_new_consultation_mail

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from stadtdialog.accounts.models import User
    from stadtdialog.organisation.models import OrgUnit
    from stadtdialog.plans.models import Plan
    from stadtdialog.processes.models import Process

Status = ConsultationRequest.Status
REQUEST_FIELDS = ["topic", "title", "description", "org_unit", "process", "plan", "wished_date"]
HANDLING_FIELDS = ["advisor", "status", "decline_reason", "process"]
AID_FIELDS = ["title", "description", "kind", "for_staff", "for_politics", "for_residents", "is_public"]
VERSION_FIELDS = ["number", "label", "issued_on", "changes", "file_type", "size"]


# --- consultation requests ---------------------------------------------------------------------------------


def _check_links(user: User, process: Process | None, plan: Plan | None) -> None:
    """A department links only processes and plans of its own units."""
    if is_city_wide_staff(user):
        return
    units = unit_ids_of(user)
    if process is not None and process.plan.lead_unit_id not in units:
        raise ValidationError({"process": _("Please choose a participation process of your department.")})
    if plan is not None and plan.lead_unit_id not in units:
        raise ValidationError({"plan": _("Please choose a plan of your department.")})


def request_consultation(
    user: User,
    *,
    topic: str,
    title: str,
    description: str,
    org_unit: OrgUnit,
    process: Process | None = None,
    plan: Plan | None = None,
    wished_date: datetime.date | None = None,
    base_url: str = "",
    now: datetime.datetime | None = None,
) -> ConsultationRequest:
    """A department asks the coordination office for support; the request starts as "new" and the office's shared
    address is told after the commit."""
    require(user, "office.request_consultation")
    if org_unit.pk not in unit_ids_of(user):
        raise ValidationError({"org_unit": _("You can ask only for your own department.")})
    if wished_date is not None and wished_date < timezone.localdate(now):
        raise ValidationError({"wished_date": _("The wished date lies in the past.")})
    _check_links(user, process, plan)
    consultation = ConsultationRequest(
        topic=topic,
        title=title,
        description=description,
        org_unit=org_unit,
        process=process,
        plan=plan,
        wished_date=wished_date,
        requester=user,
        status=Status.NEW,
        status_changed_at=now or timezone.now(),
    )
    consultation.full_clean()
    with transaction.atomic():
        consultation.save()
        audit.record(
            user, "consultation.request", consultation, audit.diff({}, audit.snapshot(consultation, REQUEST_FIELDS))
        )
        pk = consultation.pk
        transaction.on_commit(lambda: send_new_consultation_mail.enqueue(pk, base_url))
    return consultation


def advisors() -> QuerySet[User]:
    """The people who can be assigned: active accounts of the coordination office."""
    from stadtdialog.accounts.models import User

    return (
        User.objects.filter(is_active=True, role_set__kind=Role.Kind.COORDINATION)
        .distinct()
        .order_by("full_name", "display_name", "id")
    )


def handle_consultation(
    user: User,
    consultation: ConsultationRequest,
    *,
    advisor: User | None,
    status: str,
    decline_reason: str = "",
    process: Process | None = None,
    version: str = "",
    base_url: str = "",
    now: datetime.datetime | None = None,
) -> ConsultationRequest:
    """The office's handling form: assign the advisor, set the status, link the process. Choosing an advisor for
    a new request makes it "assigned"; "declined" needs a reason. A changed status is mailed to the person who
    asked. `version` is the form's token (core.versioning): a stale save is refused."""
    require(user, "office.manage_consultations")
    if advisor is not None and not advisors().filter(pk=advisor.pk).exists():
        raise ValidationError({"advisor": _("The advisor must be a member of the coordination office.")})
    if status == Status.NEW and advisor is not None:
        status = Status.ASSIGNED
    if status in (Status.ASSIGNED, Status.IN_PROGRESS, Status.DONE) and advisor is None:
        raise ValidationError({"advisor": _("Please choose the advisor of the coordination office.")})
    decline_reason = (decline_reason or "").strip()
    if status == Status.DECLINED and not decline_reason:
        raise ValidationError({"decline_reason": _("Please give the reason for declining.")})
    if status != Status.DECLINED:
        decline_reason = ""
    with transaction.atomic():
        check_version(consultation, version)  # locks the row and reads it again
        before = audit.snapshot(consultation, HANDLING_FIELDS)
        was = consultation.status
        consultation.advisor, consultation.status = advisor, status
        consultation.decline_reason, consultation.process = decline_reason, process
        if audit.snapshot(consultation, HANDLING_FIELDS) == before:
            return consultation
        if status != was:
            consultation.status_changed_at = now or timezone.now()
        consultation.full_clean()
        consultation.save()
        audit.record(
            user, "consultation.handle", consultation, audit.diff(before, audit.snapshot(consultation, HANDLING_FIELDS))
        )
        if status != was and consultation.requester_id:
            pk = consultation.pk
            transaction.on_commit(lambda: send_consultation_mail.enqueue(pk, base_url))
    return consultation


def add_consultation_note(user: User, consultation: ConsultationRequest, text: str) -> ConsultationNote:
    """An internal note of the office (never shown to the department)."""
    require(user, "office.manage_consultations")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write the note.")})
    with transaction.atomic():
        note = ConsultationNote.objects.create(request=consultation, author=user, text=text)
        # The log names that a note was written, not its text.
        audit.record(user, "consultation.note", consultation, {"note": [None, note.pk]})
    return note


# --- work aid files ----------------------------------------------------------------------------------------

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MAX_ZIP_ENTRIES = 5000


def _office_type(uploaded_file: UploadedFile) -> str | None:
    """docx, xlsx or odt by the parts inside the ZIP container; None for any other ZIP."""
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return None
            names = {info.filename for info in infos}
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return "xlsx"
            mimetype = archive.getinfo("mimetype") if "mimetype" in names else None
            if mimetype is not None and mimetype.file_size <= 100 and archive.read(mimetype).strip() == ODT_MIMETYPE:
                return "odt"
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    finally:
        uploaded_file.seek(0)
    return None


def check_work_aid_file(uploaded_file: UploadedFile | None) -> str:
    """The file type (pdf, docx, odt, xlsx) of an allowed work aid file, by its content and the extension of its
    name; a ValidationError with a German message otherwise (too large, empty, another type, broken)."""
    if uploaded_file is None:
        raise ValidationError(_("Please choose a file."), code="required")
    limit = settings.MAX_ATTACHMENT_BYTES
    if uploaded_file.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(limit)s MB are allowed.")
            % {"size": megabytes(uploaded_file.size), "limit": megabytes(limit)},
            code="too_large",
        )
    if uploaded_file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    extension = PurePath(uploaded_file.name or "").suffix.lower().lstrip(".")
    found = None
    if head.startswith(b"%PDF-"):
        found = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        found = _office_type(uploaded_file)
    if found is None or extension != found:
        raise ValidationError(_("Only PDF, DOCX, ODT or XLSX files are allowed."), code="wrong_type")
    if found == "pdf":
        check_pdf(uploaded_file)
    return found


def _stored_name(title: str, file_type: str) -> str:
    return f"{(german_slug(title) or 'arbeitshilfe')[:60]}-{secrets.token_hex(4)}.{file_type}"


def _unique_slug(title: str) -> str:
    base = (german_slug(title) or "arbeitshilfe")[:70]
    slug, number = base, 2
    while WorkAid.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _new_version(
    user: User, aid: WorkAid, *, file: UploadedFile, label: str, issued_on: datetime.date, changes: str
) -> WorkAidVersion:
    """Inside the caller's transaction, with the aid's row locked."""
    file_type = check_work_aid_file(file)
    number = (aid.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    file.name = _stored_name(aid.title, file_type)
    version = WorkAidVersion(
        aid=aid,
        number=number,
        label=label,
        issued_on=issued_on,
        changes=changes,
        file_type=file_type,
        size=file.size,
        uploaded_by=user,
    )
    version.file.save(file.name, file, save=False)
    try:
        version.save()
        aid.current_version = version
        aid.save(update_fields=["current_version", "updated_at"])
        audit.record(user, "work_aid.version", aid, audit.diff({}, audit.snapshot(version, VERSION_FIELDS)))
    except Exception:
        version.file.storage.delete(version.file.name)  # no file without its row
        raise
    return version


def create_work_aid(
    user: User,
    *,
    title: str,
    description: str,
    kind: str,
    for_staff: bool,
    for_politics: bool,
    for_residents: bool,
    is_public: bool,
    file: UploadedFile,
    label: str = "",
    issued_on: datetime.date | None = None,
    changes: str = "",
) -> WorkAid:
    require(user, "office.manage_work_aids")
    aid = WorkAid(
        title=title,
        slug=_unique_slug(title),
        description=description,
        kind=kind,
        for_staff=for_staff,
        for_politics=for_politics,
        for_residents=for_residents,
        is_public=is_public,
    )
    if not (for_staff or for_politics or for_residents):
        raise ValidationError({"for_staff": _("Please choose at least one target group.")})
    aid.full_clean()
    with transaction.atomic():
        aid.save()
        audit.record(user, "work_aid.create", aid, audit.diff({}, audit.snapshot(aid, AID_FIELDS)))
        _new_version(user, aid, file=file, label=label, issued_on=issued_on or timezone.localdate(), changes=changes)
    return aid


def update_work_aid(user: User, aid: WorkAid, *, version: str = "", **fields: object) -> WorkAid:
    """The aid's description and visibility (versioned edit form); the files stay as they are."""
    require(user, "office.manage_work_aids")
    with transaction.atomic():
        check_version(aid, version)
        before = audit.snapshot(aid, AID_FIELDS)
        for name in AID_FIELDS:
            if name in fields:
                setattr(aid, name, fields[name])
        if not (aid.for_staff or aid.for_politics or aid.for_residents):
            raise ValidationError({"for_staff": _("Please choose at least one target group.")})
        aid.full_clean()
        changes = audit.diff(before, audit.snapshot(aid, AID_FIELDS))
        if changes:
            aid.save()
            audit.record(user, "work_aid.update", aid, changes)
    return aid


def add_work_aid_version(
    user: User, aid: WorkAid, *, file: UploadedFile, label: str = "", issued_on: datetime.date, changes: str = ""
) -> WorkAidVersion:
    """A new file of the aid; it becomes the current version, the old versions stay downloadable."""
    require(user, "office.manage_work_aids")
    with transaction.atomic():
        aid = WorkAid.objects.select_for_update().get(pk=aid.pk)
        return _new_version(user, aid, file=file, label=label, issued_on=issued_on, changes=changes)
