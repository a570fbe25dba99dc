"""No lost update (issue 11, item 1): core.versioning and its first use, the plan edit form.

Two staff open the same edit form; the first saves; the second's save from the stale form is refused with a
German message naming what changed meanwhile, the form keeps what was typed and takes the current version, so
that saving again is a deliberate overwrite."""

import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.versioning import StaleEdit, check_version, version_token
from stadtdialog.plans import services as plan_services
from stadtdialog.plans.models import Plan
from tests.factories import OrgUnitFactory, PlanFactory, districts, staff_user
from tests.formdata import form_values, version_of

STALE = "Jemand anderes hat hier inzwischen gespeichert"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def two_clients(*users):
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


# --- the mechanism -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_check_version_passes_an_unchanged_object_and_refuses_a_changed_field():
    plan = PlanFactory(title="Stadtplatz Limmer")
    token = version_token(plan, ["title", "summary", "lead_unit", "districts"])
    with transaction.atomic():
        check_version(plan, token)  # nothing changed
    Plan.objects.filter(pk=plan.pk).update(title="Stadtplatz Limmer-Nord")
    with pytest.raises(StaleEdit) as caught, transaction.atomic():
        check_version(plan, token)
    assert [change.name for change in caught.value.changes] == ["title"]
    assert caught.value.changes[0].value == "„Stadtplatz Limmer-Nord“"
    assert plan.title == "Stadtplatz Limmer-Nord"  # the object was read again
    with transaction.atomic():
        check_version(plan, caught.value.version)  # the new token is current


@pytest.mark.django_db
def test_check_version_sees_a_changed_many_to_many_relation_and_foreign_key():
    plan = PlanFactory(districts=districts(1))
    token = version_token(plan, ["districts", "lead_unit"])
    plan.districts.set(districts(1, 2))
    Plan.objects.filter(pk=plan.pk).update(lead_unit=OrgUnitFactory(name="Fachbereich Umwelt und Stadtgrün"))
    with pytest.raises(StaleEdit) as caught, transaction.atomic():
        check_version(plan, token)
    assert {change.name for change in caught.value.changes} == {"districts", "lead_unit"}
    assert "Fachbereich Umwelt und Stadtgrün" in " ".join(caught.value.messages)


@pytest.mark.django_db
def test_an_empty_or_foreign_token_checks_nothing():
    plan, other = PlanFactory(), PlanFactory()
    foreign = version_token(other, ["title"])
    Plan.objects.filter(pk=plan.pk).update(title="Anders")
    with transaction.atomic():
        check_version(plan, "")
        check_version(plan, foreign)
        check_version(plan, "kein-token")


@pytest.mark.django_db
def test_fields_limit_the_comparison():
    plan = PlanFactory()
    token = version_token(plan, ["title", "summary"])
    Plan.objects.filter(pk=plan.pk).update(title="Anders")
    with transaction.atomic():
        check_version(plan, token, fields=["summary"])
    with pytest.raises(StaleEdit), transaction.atomic():
        check_version(plan, token, fields=["title"])


# --- the plan edit form with two clients -------------------------------------------------------------


@pytest.mark.django_db
def test_a_stale_plan_form_is_refused_and_keeps_what_was_typed():
    unit = OrgUnitFactory()
    plan = PlanFactory(
        lead_unit=unit, title="Stadtplatz Limmer", summary="Der Platz wird neu gestaltet.", districts=districts(10)
    )
    first, second = two_clients(staff_user(org_unit=unit), staff_user(org_unit=unit))
    url = reverse("plans:staff_edit", args=[plan.pk])
    first_form, second_form = form_values(first.get(url)), form_values(second.get(url))
    assert first_form["version"] and first_form["version"] == second_form["version"]

    assert first.post(url, {**first_form, "title": "Stadtplatz Limmer mit Bäumen"}).status_code == 302

    typed = "Der Platz bekommt Bänke und einen Brunnen."
    response = second.post(url, {**second_form, "summary": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page
    assert "Titel – jetzt: „Stadtplatz Limmer mit Bäumen“" in page  # the form's label and the current value
    assert typed in page  # what was typed is still in the form
    plan.refresh_from_db()
    assert plan.title == "Stadtplatz Limmer mit Bäumen"  # the first change is still there
    assert plan.summary == "Der Platz wird neu gestaltet."

    # the form carries the current version now: saving again is a deliberate overwrite and goes through
    again = form_values(response)
    assert again["version"] != second_form["version"]
    assert again["summary"] == typed
    assert second.post(url, again).status_code == 302
    plan.refresh_from_db()
    assert plan.summary == typed
    assert plan.title == "Stadtplatz Limmer"  # the second user's form still said so, and they saved it knowingly


@pytest.mark.django_db
def test_a_plan_form_saved_twice_by_the_same_person_in_turn_goes_through():
    unit = OrgUnitFactory()
    plan = PlanFactory(lead_unit=unit, districts=districts(10))
    (client,) = two_clients(staff_user(org_unit=unit))
    url = reverse("plans:staff_edit", args=[plan.pk])
    assert client.post(url, {**form_values(client.get(url)), "title": "Erster Titel"}).status_code == 302
    assert client.post(url, {**form_values(client.get(url)), "title": "Zweiter Titel"}).status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Zweiter Titel"


@pytest.mark.django_db
def test_a_change_elsewhere_does_not_make_the_plan_form_stale():
    """Publishing (a field the form does not edit) in between is no conflict."""
    unit = OrgUnitFactory()
    plan = PlanFactory(lead_unit=unit, districts=districts(10))
    (client,) = two_clients(staff_user(org_unit=unit))
    url = reverse("plans:staff_edit", args=[plan.pk])
    data = form_values(client.get(url))
    plan_services.publish_plan(staff_user(kind=Role.Kind.ADMIN), plan)
    assert client.post(url, {**data, "title": "Neu"}).status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Neu" and plan.is_published


# --- two saves at the same moment on PostgreSQL --------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (select_for_update) need PostgreSQL")
@pytest.mark.parametrize("round_", range(3))
def test_two_simultaneous_plan_saves_from_one_version_one_wins_one_is_refused(round_):
    unit = OrgUnitFactory()
    plan = PlanFactory(lead_unit=unit, districts=districts(10))
    clients = two_clients(staff_user(org_unit=unit), staff_user(org_unit=unit))
    url = reverse("plans:staff_edit", args=[plan.pk])
    forms = [form_values(client.get(url)) for client in clients]
    assert version_of(clients[0].get(url)) == forms[1]["version"]
    titles = ["Titel von A", "Titel von B"]
    barrier = threading.Barrier(2)
    answers = [None, None]

    def send(index):
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            response = clients[index].post(url, {**forms[index], "title": titles[index]})
            answers[index] = (response.status_code, STALE in response.content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    # either order: exactly one is saved, the other refused in German
    assert sorted(answers) == [(200, True), (302, False)]
    winner = answers.index((302, False))
    plan.refresh_from_db()
    assert plan.title == titles[winner]


@pytest.mark.django_db
def test_only_an_edit_form_holds_what_the_user_cannot_choose():
    """hold_values_out_of_reach (item 2) keeps a saved object's value; a creation form offers its choices as
    they are, even when its preset is not among them."""
    from stadtdialog.events.forms import EventForm
    from tests.events.factories import EventFactory

    manager = staff_user(kind=Role.Kind.DISTRICT_MANAGER)
    event = EventFactory(org_unit=OrgUnitFactory())
    assert EventForm(instance=event, user=manager).held_fields == ["org_unit"]
    creation = EventForm(user=manager, initial={"org_unit": event.org_unit_id})
    assert creation.held_fields == [] and not creation.fields["org_unit"].disabled


@pytest.mark.django_db
def test_the_lock_joins_nothing_when_the_ordering_crosses_a_relation():
    """A directory entry is ordered by its (nullable) district's number: a join in the locking query is an outer
    join, which PostgreSQL refuses to lock ("FOR UPDATE cannot be applied to the nullable side of an outer join")."""
    from django.test.utils import CaptureQueriesContext

    from stadtdialog.core.versioning import lock
    from tests.districts.factories import contact_point

    point = contact_point(None)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        lock(point)
    assert "JOIN" not in queries.captured_queries[0]["sql"].upper()
