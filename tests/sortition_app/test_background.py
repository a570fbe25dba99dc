"""Selection runs leave the request: requested on the page, computed by the task worker, shown with their
status; a run is computed once; a run the pool can no longer meet ends as failed with a German message."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stadtdialog.core.models import AuditEntry
from stadtdialog.sortition.models import InvitationLetters, Respondent, SelectionRun
from stadtdialog.sortition.services.letters import request_letters
from stadtdialog.sortition.services.runs import compute_run, request_run
from stadtdialog.sortition.services.selection import publish_lottery, set_quotas
from stadtdialog.sortition.tasks import compute_selection_run

from .factories import balanced_bounds, computed_run, coordinator, sortition_with_pool

pytestmark = pytest.mark.django_db


def with_quotas(actor, **fields):
    sortition = sortition_with_pool(actor, **fields)
    set_quotas(actor, sortition, balanced_bounds(sortition))
    return sortition


def page(client, sortition) -> str:
    response = client.get(reverse("sortition:selection", args=[sortition.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_requested_run_waits_for_the_worker_and_the_task_computes_it(
    client, staff, django_capture_on_commit_callbacks
):
    sortition = with_quotas(staff)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(reverse("sortition:run", args=[sortition.pk]), {"algorithm": "leximin", "seed": "11"})
    assert response.status_code == 302
    run = SelectionRun.objects.get()
    # Requested: seed fixed, audit entry written, nothing computed yet, the task queued after the commit.
    assert (run.status, run.seed, run.draws, run.probabilities, run.started_at) == ("queued", 11, None, {}, None)
    assert AuditEntry.objects.filter(action="sortition.run_selection", changes__run=run.pk, changes__seed="11").exists()
    assert len(queued) == 1
    text = page(client, sortition)
    assert "In der Warteschlange" in text
    assert "Eine Berechnung wartet oder läuft" in text
    assert f'href="{reverse("sortition:selection", args=[sortition.pk])}#runs">Aktualisieren</a>' in text
    assert "Lotterie veröffentlichen" not in text  # nothing to publish before a run is done

    queued[0]()  # the worker takes the task
    run.refresh_from_db()
    assert run.status == SelectionRun.Status.DONE
    assert run.message == ""
    assert run.requested_at <= run.started_at <= run.finished_at
    assert sum(run.probabilities.values()) == pytest.approx(sortition.panel_size, abs=1e-6)
    assert run.panels
    assert run.minimum > 0
    assert AuditEntry.objects.filter(action="sortition.run_selection_finished", changes__status="done").count() == 1
    text = page(client, sortition)
    assert "Fertig" in text
    assert f"{run.minimum:.4f}".replace(".", ",") in text
    assert "Aktualisieren" not in text
    assert "Lotterie veröffentlichen" in text

    # The same seed gives the same probabilities: the seed stored at request time reproduces the run.
    again = computed_run(staff, sortition, seed="11")
    assert again.probabilities == run.probabilities


def test_a_run_the_pool_no_longer_meets_fails_with_a_german_message(client, staff, django_capture_on_commit_callbacks):
    sortition = with_quotas(staff)
    with django_capture_on_commit_callbacks() as queued:
        client.post(reverse("sortition:run", args=[sortition.pk]), {"algorithm": "leximin"})
    # Before the worker comes, people leave the pool: too few aged 65+ for the quota (at least 1).
    old = [r.pk for r in sortition.respondents.all() if r.answers.get(feature__key="age").value.key == "alt"]
    Respondent.objects.filter(pk__in=old).update(status=Respondent.Status.DROPPED)
    queued[0]()
    run = SelectionRun.objects.get()
    assert run.status == SelectionRun.Status.FAILED
    assert run.finished_at is not None
    assert run.message.startswith("Der Pool erfüllt die Quoten nicht mehr:")
    assert run.probabilities == {}
    assert run.minimum is None
    assert AuditEntry.objects.filter(action="sortition.run_selection_finished", changes__status="failed").exists()
    text = page(client, sortition)
    assert "Fehlgeschlagen" in text
    assert "Der Pool erfüllt die Quoten nicht mehr" in text
    assert "Lotterie veröffentlichen" not in text
    # A failed run cannot be published, neither through the page nor through the service.
    response = client.post(reverse("sortition:publish", args=[sortition.pk]), follow=True)
    assert "Berechnen Sie zuerst die LEXIMIN-Wahrscheinlichkeiten" in response.content.decode()
    with pytest.raises(ValidationError, match="abgeschlossene Berechnung"):
        publish_lottery(staff, sortition, run)
    # Asking again now is refused at once, before anything is queued.
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(reverse("sortition:run", args=[sortition.pk]), {"algorithm": "leximin"})
    assert response.status_code == 200
    assert queued == []
    assert SelectionRun.objects.count() == 1


def test_a_run_is_computed_once(staff, django_capture_on_commit_callbacks):
    sortition = with_quotas(staff)
    with django_capture_on_commit_callbacks() as queued:
        run = request_run(staff, sortition, seed="5")
    # A second request while one waits is refused (one computation per sortition at a time).
    with pytest.raises(ValidationError, match="wartet oder läuft bereits"):
        request_run(staff, sortition, "legacy")
    queued[0]()
    run.refresh_from_db()
    finished = run.finished_at
    # The same task delivered twice, or queued again by hand: the second finds the run done and does nothing.
    assert compute_selection_run.enqueue(run.pk).return_value is None
    assert compute_run(run.pk) is None
    run.refresh_from_db()
    assert run.finished_at == finished
    assert AuditEntry.objects.filter(action="sortition.run_selection_finished").count() == 1


def test_a_lost_run_does_not_block_and_a_late_worker_drops_it(staff, django_capture_on_commit_callbacks):
    sortition = with_quotas(staff)
    lost = request_run(staff, sortition)  # its task never runs (a worker that was stopped)
    SelectionRun.objects.filter(pk=lost.pk).update(requested_at=timezone.now() - datetime.timedelta(hours=3))
    with django_capture_on_commit_callbacks(execute=True):
        fresh = request_run(staff, sortition)
    lost.refresh_from_db()
    assert lost.status == SelectionRun.Status.FAILED
    assert "nicht abgeschlossen" in lost.message
    assert compute_run(lost.pk) is None  # a late worker does not compute it any more
    fresh.refresh_from_db()
    assert fresh.status == SelectionRun.Status.DONE


def test_the_selection_page_queries_do_not_grow_with_the_runs(client, staff, django_assert_max_num_queries):
    sortition = with_quotas(staff)
    done = computed_run(staff, sortition)
    with django_assert_max_num_queries(20) as few:
        page(client, sortition)
    statuses = ["queued", "running", "failed", "done"]
    for i in range(30):
        SelectionRun.objects.create(
            sortition=sortition,
            algorithm="legacy" if i % 2 else "leximin",
            status=statuses[i % 4],
            seed=i,
            probabilities=done.probabilities,
            minimum=0.1,
            maximum=0.5,
            gini=0.2,
            seconds=1.0,
            message="Die Berechnung ist fehlgeschlagen: Test" if i % 4 == 2 else "",
        )
    with django_assert_max_num_queries(len(few)):
        text = page(client, sortition)
    assert text.count("<tr>") == 1 + 20  # header and the 20 newest
    assert "Nur die 20 neuesten Berechnungen" in text


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_worker_computes_the_run_and_makes_the_letters(settings, private_files):
    """The real path: django-tasks-db stores the tasks, `manage.py db_worker` runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    # A transactional test starts from an emptied database: tests/conftest.py loads the city again first.
    actor = coordinator()
    sortition = with_quotas(actor)
    run = request_run(actor, sortition, seed="3")
    letters = request_letters(actor, sortition, "http://testserver/")
    assert set(DBTaskResult.objects.values_list("task_path", flat=True)) == {
        "stadtdialog.sortition.tasks.compute_selection_run",
        "stadtdialog.sortition.tasks.make_invitation_letters",
    }
    run.refresh_from_db()
    letters.refresh_from_db()
    assert run.status == "queued"
    assert letters.status == "queued"
    assert not letters.file_name

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=io.StringIO())
    run.refresh_from_db()
    letters = InvitationLetters.objects.get(pk=letters.pk)
    assert run.status == "done"
    assert sum(run.probabilities.values()) == pytest.approx(sortition.panel_size, abs=1e-6)
    assert letters.status == "done"
    assert letters.letter_count == 30
    assert (private_files / letters.file_name).is_file()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
