"""The daily command: phases that start, deadlines in three days, digests; idempotent with a moved clock.
And the tasks queue: with the database backend the mail leaves only when the worker runs."""

import datetime
import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from stadtdialog.notifications import services
from stadtdialog.notifications.models import NotificationLog
from stadtdialog.processes.models import Phase
from stadtdialog.reports.signals import report_published
from tests.factories import PhaseFactory, PlanFactory, UserFactory, field_of_action, published_process
from tests.reports.report_factories import ReportFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 5, 10)


def at(day: datetime.date, hour=7):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def run_command(django_capture_on_commit_callbacks):
    """Run the daily command as if it were 7:00 on a day (the clock is moved, not only the argument)."""

    def run(day: datetime.date):
        with (
            mock.patch("django.utils.timezone.now", return_value=at(day)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("send_notifications", stdout=io.StringIO())

    return run


@pytest.fixture
def process_with_phases():
    process = published_process()
    process.phases.all().delete()
    PhaseFactory(
        process=process,
        title="Werkstatt vor Ort",
        kind=Phase.Kind.ON_SITE,
        format=Phase.Format.WORKSHOP,
        start=TODAY,
        end=TODAY + datetime.timedelta(days=20),
    )
    PhaseFactory(
        process=process,
        title="Online-Dialog",
        start=TODAY - datetime.timedelta(days=30),
        end=TODAY + datetime.timedelta(days=3),
    )
    return process


def test_phase_start_and_deadline_are_sent_once_however_often_the_command_runs(process_with_phases, run_command):
    resident = UserFactory()
    services.follow(resident, process_with_phases)
    run_command(TODAY)
    subjects = sorted(m.subject for m in mail.outbox)
    assert len(subjects) == 2
    assert any(s.startswith("Jetzt beginnt: Werkstatt vor Ort") for s in subjects)
    assert any(s.startswith("Frist am 13. Mai") for s in subjects)
    deadline = next(m for m in mail.outbox if m.subject.startswith("Frist"))
    assert "Donnerstag, 13. Mai 2027" in deadline.body
    run_command(TODAY)  # the same day again
    run_command(TODAY + datetime.timedelta(days=1))  # and the next days: nothing new
    run_command(TODAY + datetime.timedelta(days=2))
    assert len(mail.outbox) == 2
    assert NotificationLog.objects.filter(user=resident).count() == 2


def test_a_phase_far_ahead_is_not_announced_yet(process_with_phases, run_command):
    services.follow(UserFactory(), process_with_phases)
    run_command(TODAY - datetime.timedelta(days=5))
    assert mail.outbox == []


def test_report_deadline_in_three_days_reaches_followers_of_a_field_of_action(run_command):
    field = field_of_action(1)
    plan = PlanFactory(fields_of_action=[field])
    process = published_process(plan=plan)
    process.phases.all().delete()
    report = ReportFactory(process=process, comments_until=TODAY + datetime.timedelta(days=3))
    resident = UserFactory()
    services.follow(resident, field)
    run_command(TODAY - datetime.timedelta(days=1))  # four days before: too early
    assert mail.outbox == []
    run_command(TODAY)
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert report.title in mail.outbox[0].subject


def test_the_daily_digest_bundles_two_items_into_one_mail(
    process_with_phases, django_capture_on_commit_callbacks, run_command
):
    resident = UserFactory()
    services.update_setting(resident, {"frequency": "daily"})
    services.follow(resident, process_with_phases)
    with mock.patch("django.utils.timezone.now", return_value=at(TODAY - datetime.timedelta(days=1), 15)):
        report = ReportFactory(process=process_with_phases, comments_until=None)
        with django_capture_on_commit_callbacks(execute=True):
            report_published.send(sender=type(report), report=report)
    assert mail.outbox == []  # waits for the digest
    run_command(TODAY)
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert "(3)" in digest.subject
    assert report.title in digest.body
    assert "Werkstatt vor Ort" in digest.body
    assert "Frist am" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    run_command(TODAY)
    assert len(mail.outbox) == 1
    assert not NotificationLog.objects.filter(user=resident, sent_at__isnull=True).exists()


def test_no_notices_for_unpublished_processes(process_with_phases, run_command):
    services.follow(UserFactory(), process_with_phases)
    process_with_phases.published_at = None
    process_with_phases.save()
    run_command(TODAY)
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_mail_leaves_only_when_the_worker_runs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    process = published_process()
    resident = UserFactory()
    services.follow(resident, process)
    report = ReportFactory(process=process)
    report_published.send(sender=type(report), report=report)  # outside a transaction: on_commit runs at once
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="stadtdialog.notifications.tasks.send_notification").count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert NotificationLog.objects.get(user=resident).sent_at is not None
