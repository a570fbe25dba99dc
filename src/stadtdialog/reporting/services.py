"""Every write of the reporting app: the annual report (requested here, made by the task worker).

The reporting app never writes to the apps it reads.
"""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stadtdialog.core.audit import record
from stadtdialog.core.pdf import render_pdf
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version
from stadtdialog.sortition.storage import private_storage

from .models import AnnualPlanEntry, AnnualReport, JobStatus, LetterRun

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User
    from stadtdialog.processes.models import Process

STALE_AFTER = datetime.timedelta(hours=1)  # work queued or running longer was lost (a stopped worker)


@transaction.atomic
def request_annual_report(actor: User, year: int) -> AnnualReport:
    """Queue the making of the year's annual report (again); the file there is stays until the new one is made."""
    require(actor, "reporting.make_annual_report")
    report, _created = AnnualReport.objects.select_for_update().get_or_create(year=year)
    if report.pending and report.requested_at and report.requested_at > timezone.now() - STALE_AFTER:
        raise ValidationError(_("The annual report is already being made. Please wait for it."))
    report.status, report.progress, report.step, report.message = JobStatus.QUEUED, 0, _("Waiting"), ""
    report.requested_at, report.requested_by, report.started_at = timezone.now(), actor, None
    report.save()
    record(actor, "reporting.annual_report_request", report, {"year": year, "replaces": report.file_name or None})
    from .tasks import make_annual_report_pdf

    transaction.on_commit(lambda: make_annual_report_pdf.enqueue(report.pk))
    return report


def _claim(report_id: int) -> AnnualReport | None:
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().filter(pk=report_id, status=JobStatus.QUEUED).first()
        if report is None:
            return None
        report.status, report.started_at = JobStatus.RUNNING, timezone.now()
        report.save(update_fields=["status", "started_at"])
    return report


def _progress(report_id: int) -> Callable[[int, str], None]:
    def update(percent: int, step: str) -> None:
        AnnualReport.objects.filter(pk=report_id, status=JobStatus.RUNNING).update(progress=percent, step=step)

    return update


def make_annual_report(report_id: int) -> str | None:
    """Compute the figures, lay out the PDF and store it (the body of the task). The file's name, or None if
    the request was not queued (taken already)."""
    from .annual import annual_report_context

    report = _claim(report_id)
    if report is None:
        return None
    started = time.perf_counter()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            context = annual_report_context(report.year, _progress(report_id))
            pdf = render_pdf("reporting/annual_report_pdf.html", context)
            _progress(report_id)(95, _("Saving the file"))
        name = default_storage.save(f"reporting/jahresbericht-{report.year}.pdf", ContentFile(pdf))
    except Exception:
        with translation.override(settings.LANGUAGE_CODE):
            AnnualReport.objects.filter(pk=report_id, status=JobStatus.RUNNING).update(
                status=JobStatus.FAILED, message=_("The annual report could not be made. Please try again.")
            )
        raise  # the worker logs the traceback
    with transaction.atomic():
        current = AnnualReport.objects.select_for_update().filter(pk=report_id, status=JobStatus.RUNNING).first()
        if current is None:
            default_storage.delete(name)
            return None
        old = current.file_name
        current.status, current.progress, current.step, current.message = JobStatus.DONE, 100, "", ""
        current.file_name, current.made_at = name, timezone.now()
        current.seconds = round(time.perf_counter() - started, 1)
        current.save()
        record(current.requested_by, "reporting.annual_report_made", current, {"file": name, "replaced": old or None})
    if old and old != name:
        default_storage.delete(old)
    return name


# --- the annual plan ----------------------------------------------------------------------------------------------

ENTRY_FIELDS = (
    "year",
    "org_unit",
    "plan",
    "topic",
    "process_kind",
    "formats",
    "quarter",
    "budget",
    "lead_contact",
    "committee",
)


def _entry_changes(entry: AnnualPlanEntry, fields: dict) -> dict:
    changes = {}
    for name, value in fields.items():
        old = getattr(entry, name)
        if old != value:
            changes[name] = [_plain(old), _plain(value)]
    return changes


def _plain(value: object) -> object:
    if hasattr(value, "pk"):
        return value.pk
    return str(value) if value is not None and not isinstance(value, int | list | str) else value


@transaction.atomic
def add_annual_plan_entry(actor: User, **fields: object) -> AnnualPlanEntry:
    """A department's planned participation for a year."""
    require(actor, "reporting.add_annual_plan_entry")
    entry = AnnualPlanEntry(created_by=actor, **{name: fields.get(name) for name in ENTRY_FIELDS})
    require(actor, "reporting.change_annual_plan_entry", entry)  # only for a unit the actor acts for
    entry.topic, entry.formats = entry.topic or "", entry.formats or []
    entry.save()
    record(
        actor,
        "reporting.plan_entry_add",
        entry,
        {
            name: [None, _plain(getattr(entry, name))]
            for name in ENTRY_FIELDS
            if getattr(entry, name) not in (None, "", [])
        },
    )
    return entry


def _locked(entry: AnnualPlanEntry, version: str) -> AnnualPlanEntry:
    """The entry locked and read again; a save from a stale form (`version`, the form's token) raises StaleEdit
    (core.versioning)."""
    check_version(entry, version)
    return entry


@transaction.atomic
def change_annual_plan_entry(
    actor: User, entry: AnnualPlanEntry, *, version: str = "", **fields: object
) -> AnnualPlanEntry:
    require(actor, "reporting.change_annual_plan_entry", entry)
    current = _locked(entry, version)
    values = {name: fields[name] for name in ENTRY_FIELDS if name in fields}
    values["topic"] = values.get("topic") or ""
    values["formats"] = values.get("formats") or []
    moved = AnnualPlanEntry(org_unit=values.get("org_unit", current.org_unit))
    require(actor, "reporting.change_annual_plan_entry", moved)  # and to a unit the actor acts for
    changes = _entry_changes(current, values)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    record(actor, "reporting.plan_entry_change", current, changes)
    return current


@transaction.atomic
def record_annual_plan_outcome(
    actor: User,
    entry: AnnualPlanEntry,
    *,
    version: str = "",
    outcome: str,
    outcome_reason: str,
    process: Process | None = None,
) -> AnnualPlanEntry:
    """What became of the entry at the end of the year; postponed or dropped entries carry a reason."""
    require(actor, "reporting.change_annual_plan_entry", entry)
    current = _locked(entry, version)
    if outcome in AnnualPlanEntry.NEEDS_REASON and not outcome_reason.strip():
        raise ValidationError({"outcome_reason": _("Say why it was postponed or dropped.")})
    values = {"outcome": outcome, "outcome_reason": outcome_reason.strip(), "process": process}
    changes = _entry_changes(current, values)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    record(actor, "reporting.plan_entry_outcome", current, changes)
    return current


# --- letters ------------------------------------------------------------------------------------------------------


@transaction.atomic
def request_letters(actor: User, process: Process, *, addresses: list[dict], greeting: str) -> LetterRun:
    """Queue the letters of a process to the checked addresses. The addresses wait in the private storage only
    until the task has made the PDF."""
    require(actor, "processes.change_process", process)
    storage = private_storage()
    run = LetterRun.objects.create(
        process=process, greeting=greeting.strip(), requested_by=actor, letter_count=len(addresses)
    )
    run.addresses_file = storage.save(
        f"reporting/letters/{run.pk}-adressen.json", ContentFile(json.dumps(addresses).encode())
    )
    run.save(update_fields=["addresses_file"])
    record(actor, "reporting.letters_request", process, {"letters": len(addresses)})
    from .tasks import make_letters_pdf

    transaction.on_commit(lambda: make_letters_pdf.enqueue(run.pk))
    return run


def make_letters(run_id: int) -> str | None:
    """Merge the letter with the addresses into one PDF (the body of the task); the addresses file is deleted
    whatever happens."""
    from .letters import render_letters

    with transaction.atomic():
        run = LetterRun.objects.select_for_update().filter(pk=run_id, status=JobStatus.QUEUED).first()
        if run is None:
            return None
        run.status = JobStatus.RUNNING
        run.save(update_fields=["status"])
    storage = private_storage()
    try:
        with storage.open(run.addresses_file, "rb") as handle:
            addresses = json.loads(handle.read().decode())
        with translation.override(settings.LANGUAGE_CODE):
            pdf = render_letters(run.process, addresses, run.greeting)
        name = storage.save(f"reporting/letters/{run.pk}-anschreiben.pdf", ContentFile(pdf))
    except Exception:
        with translation.override(settings.LANGUAGE_CODE):
            LetterRun.objects.filter(pk=run_id).update(
                status=JobStatus.FAILED, message=_("The letters could not be made. Please try again.")
            )
        raise
    finally:
        storage.delete(run.addresses_file)
        LetterRun.objects.filter(pk=run_id).update(addresses_file="")
    LetterRun.objects.filter(pk=run_id).update(status=JobStatus.DONE, file_name=name, made_at=timezone.now())
    record(run.requested_by, "reporting.letters_made", run.process, {"letters": run.letter_count})
    for older in LetterRun.objects.filter(process=run.process).exclude(pk=run_id).exclude(file_name=""):
        storage.delete(older.file_name)
        LetterRun.objects.filter(pk=older.pk).update(file_name="")
    return name


def forget_old_letters() -> int:
    """Delete the PDFs of letters older than LetterRun.KEEP_DAYS (they hold addresses); the number deleted."""
    storage = private_storage()
    old = LetterRun.objects.exclude(file_name="").filter(
        made_at__lt=timezone.now() - datetime.timedelta(days=LetterRun.KEEP_DAYS)
    )
    count = 0
    for run in old:
        storage.delete(run.file_name)
        LetterRun.objects.filter(pk=run.pk).update(file_name="")
        count += 1
    return count
