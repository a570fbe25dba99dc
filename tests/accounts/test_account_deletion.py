"""What an account deletion leaves: the resident's contributions, comments and the history of every
object stay, but no audit entry, no export, no public page and no other row keeps their name or e-mail."""

import datetime
import json

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role, User
from stadtdialog.accounts.services import DELETED_ACCOUNT, delete_account
from stadtdialog.core import audit
from stadtdialog.core.models import AuditEntry
from stadtdialog.dialog import services as dialog
from stadtdialog.dialog.models import Comment, Contribution
from stadtdialog.events import services as events
from stadtdialog.events.models import Registration
from stadtdialog.initiatives import services as initiatives
from stadtdialog.moderation import services as moderation
from stadtdialog.notifications import services as notifications
from stadtdialog.office import services as office
from stadtdialog.office.models import Booking
from tests.dialog.dialog_factories import ContributionFactory, contribution_data, open_process
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import PASSWORD, PlanFactory, UserFactory, staff_user
from tests.office.factories import request as request_booking
from tests.office.factories import room

pytestmark = pytest.mark.django_db

NAME = "Gärtnerin Kühn"  # non-ASCII on purpose: SQLite keeps it as \u escapes inside the JSON
EMAIL = "kuehn.gaertnerin@example.org"


def rows_holding(*texts) -> list[str]:
    """Every text, JSON or e-mail value in every table that contains one of the texts (case-insensitive)."""
    found = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        for row in model._default_manager.values("pk", *fields):
            for name in fields:
                value = row[name]
                text = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value or "")
                if any(t.lower() in text.lower() for t in texts):
                    found.append(f"{model._meta.label}.{name} #{row['pk']}: {text[:120]}")
    return found


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    """A resident who took part everywhere a resident can, and the staff who handled it."""
    resident = UserFactory(email=EMAIL, display_name=NAME)
    neighbour = UserFactory(display_name="Nachbar Otto")
    moderator = staff_user(
        kind=Role.Kind.MODERATOR, full_name="Mia Moderatorin", office_email="mia@hannover-stadt.example"
    )
    process = open_process()
    own = dialog.submit_contribution(resident, process, **contribution_data(title="Schatten für den Spielplatz"))
    theirs = ContributionFactory(process=process, author=neighbour, title="Trinkbrunnen am Markt")
    comment = dialog.add_comment(resident, theirs, "Ein Brunnen wäre schön.")
    dialog.add_comment(neighbour, own, "Finde ich auch.")
    dialog.support(resident, theirs)
    moderation.flag(resident, theirs, "Das ist Werbung.")
    moderation.hide(moderator, comment, "Verstößt gegen die Netiquette.")
    initiative = initiatives.submit_initiative(
        resident,
        kind="process_request",
        title="Beteiligung zum Marktplatz",
        description="Bitte beteiligen Sie uns.",
        district=None,
    )
    notifications.follow(resident, process.plan)
    upcoming = EventFactory(registration_required=True, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        events.register(upcoming, {"name": "Gerda Kühn", "email": EMAIL.upper(), "needs": "Rollstuhlplatz"})
        waiting = events.register(upcoming, {"name": "Wilma Warteliste", "email": "wilma@example.org"})
    past_start = timezone.now() - datetime.timedelta(days=3)
    past = EventFactory(registration_required=True, start=past_start, end=past_start + datetime.timedelta(hours=2))
    RegistrationFactory(event=past, name="Gerda Kühn", email=EMAIL)
    # Staff notes that name the resident, on the resident's contribution and (by address) on a plan.
    audit.record(moderator, "dialog.note", own, {"note": [None, f"Rückfrage an {NAME} gestellt"]})
    plan = PlanFactory(title="Spielplatz in Linden")
    audit.record(moderator, "plan.note", plan, {"note": [None, f"Hinweis kam per Mail von {EMAIL.title()}"]})
    # A room booking of the past, approved by the office: it stays, without the person (office/account_data.py).
    coordinator = staff_user(kind=Role.Kind.COORDINATION, full_name="Kim Koordination")
    booking = request_booking(resident, room=room(), organisation=f"Gruppe von {NAME}", accessibility_needs="Rampe")
    office.approve_booking(coordinator, booking)
    booking.occurrences.update(start=past_start, end=past_start + datetime.timedelta(hours=2))
    assert waiting.status == Registration.Status.WAITING
    return {
        "booking": booking,
        "resident": resident,
        "neighbour": neighbour,
        "moderator": moderator,
        "process": process,
        "own": own,
        "theirs": theirs,
        "comment": comment,
        "initiative": initiative,
        "upcoming": upcoming,
        "past": past,
        "waiting": waiting,
        "plan": plan,
    }


def test_after_deletion_no_row_of_any_table_holds_the_name_or_the_address(
    client, world, django_capture_on_commit_callbacks
):
    assert len(rows_holding(NAME, EMAIL)) > 5  # the audit log, the account, the registrations ...
    entries_before = AuditEntry.objects.count()
    client.force_login(world["resident"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert not User.objects.filter(email=EMAIL).exists()
    assert rows_holding(NAME, EMAIL, "Gerda Kühn") == []
    # Every entry stays, so each history stays readable; new: the deletion, the cancelled registration and
    # the waiting person who moved up.
    assert AuditEntry.objects.count() == entries_before + 3
    created = AuditEntry.objects.get(action="dialog.contribution.create", object_id=str(world["own"].pk))
    assert created.changes["author"] == [None, DELETED_ACCOUNT]
    assert created.changes["title"] == [None, "Schatten für den Spielplatz"]
    assert created.actor is None
    assert created.actor_deleted
    assert created.who == "gelöschtes Konto"
    note = AuditEntry.objects.get(action="dialog.note")
    assert note.changes == {"note": [None, f"Rückfrage an {DELETED_ACCOUNT} gestellt"]}
    assert note.who == "Mia Moderatorin"
    assert not note.actor_deleted
    assert AuditEntry.objects.get(action="plan.note").changes == {
        "note": [None, f"Hinweis kam per Mail von {DELETED_ACCOUNT}"]
    }
    hidden = AuditEntry.objects.get(action="dialog.moderation.hide")
    assert hidden.actor == world["moderator"]
    assert hidden.changes["hidden_reason"][1] == "Verstößt gegen die Netiquette."
    # The contributions, the comment and the initiative stay, without their author.
    assert Contribution.objects.get(pk=world["own"].pk).author is None
    assert Comment.objects.get(pk=world["comment"].pk).author is None
    assert type(world["initiative"]).objects.get(pk=world["initiative"].pk).author is None
    # The past booking stays for the office's figures, without booker, organisation and needs.
    booking = Booking.objects.get(pk=world["booking"].pk)
    assert (booking.booker, booking.organisation, booking.accessibility_needs) == (None, "", "")
    assert booking.state == Booking.State.APPROVED


def test_public_pages_and_staff_lists_show_a_deleted_account(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["resident"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})

    pages = [
        world["own"].get_absolute_url(),
        world["theirs"].get_absolute_url(),
        reverse("dialog:list", args=[world["process"].pk]),
        world["initiative"].get_absolute_url(),
        reverse("initiatives:list"),
        reverse("events:detail", args=[world["upcoming"].pk]),
    ]
    for url in pages:
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert NAME not in html, url
        assert EMAIL not in html, url
    assert "gelöschtes Konto" in client.get(world["own"].get_absolute_url()).content.decode()
    # The event's staff see the registrations (their "export"): the resident's are gone from it.
    client.force_login(staff_user(org_unit=world["upcoming"].org_unit))
    for event in (world["upcoming"], world["past"]):
        html = client.get(reverse("events:staff_detail", args=[event.pk])).content.decode()
        assert "Gerda Kühn" not in html
        assert EMAIL not in html.lower()
    assert (
        "Wilma Warteliste" in client.get(reverse("events:staff_detail", args=[world["upcoming"].pk])).content.decode()
    )


def test_an_upcoming_registration_is_cancelled_and_the_place_goes_to_the_waiting_list(
    world, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(world["resident"], password=PASSWORD)

    mine = Registration.objects.get(event=world["upcoming"], status=Registration.Status.CANCELLED)
    assert (mine.name, mine.email, mine.needs) == ("", "", "")
    world["waiting"].refresh_from_db()
    assert world["waiting"].status == Registration.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [["wilma@example.org"]]  # no mail to the deleted address
    past = Registration.objects.get(event=world["past"])
    assert past.status == Registration.Status.CONFIRMED
    assert (past.name, past.email) == ("", "")


def test_a_display_name_that_is_a_common_word_does_not_change_other_histories(client):
    resident = UserFactory(display_name="Linden", email="linden@example.org")
    process = open_process()
    own = dialog.submit_contribution(resident, process, **contribution_data(title="Bänke in Linden"))
    staff = staff_user()
    plan = PlanFactory(title="Spielplatz in Linden")
    audit.record(staff, "plan.update", plan, {"title": ["Spielplatz", "Spielplatz in Linden"]})
    other = UserFactory(display_name="Linden-Fan")
    ContributionFactory(process=process, author=other)

    delete_account(resident, password=PASSWORD)

    assert AuditEntry.objects.get(action="plan.update").changes == {"title": ["Spielplatz", "Spielplatz in Linden"]}
    created = AuditEntry.objects.get(action="dialog.contribution.create", object_id=str(own.pk))
    assert created.changes["author"] == [None, DELETED_ACCOUNT]
    # In the person's own entries the name goes wherever it stands, even as a place name: better too much.
    assert created.changes["title"] == [None, f"Bänke in {DELETED_ACCOUNT}"]
    assert Contribution.objects.get(pk=own.pk).title == "Bänke in Linden"  # the published text is untouched


def test_an_unconfirmed_address_does_not_touch_what_others_registered_with_it():
    stranger = UserFactory(email="echt@example.org", email_verified=False)
    event = EventFactory(registration_required=True, capacity=5)
    RegistrationFactory(event=event, name="Die echte Person", email="echt@example.org")
    audit.record(staff_user(), "plan.note", PlanFactory(), {"note": [None, "Mail von echt@example.org"]})

    delete_account(stranger, password=PASSWORD)

    registration = Registration.objects.get(event=event)
    assert (registration.name, registration.email, registration.status) == (
        "Die echte Person",
        "echt@example.org",
        "confirmed",
    )
    assert AuditEntry.objects.get(action="plan.note").changes == {"note": [None, "Mail von echt@example.org"]}


def test_the_deletion_reads_only_the_persons_entries_whatever_the_size_of_the_log(django_assert_max_num_queries):
    """No loop over the audit table in Python: the number of queries does not grow with unrelated entries."""
    staff = staff_user()
    process = open_process()
    hall = room()

    def resident_with_unrelated_entries(count):
        resident = UserFactory()
        dialog.submit_contribution(resident, process, **contribution_data())
        request_booking(resident, room=hall)  # a request to come: cancelled, with one audit entry
        plan = PlanFactory()
        for n in range(count):
            audit.record(staff, "plan.update", plan, {"summary": [f"Stand {n}", f"Stand {n + 1}"]})
        return resident

    few = resident_with_unrelated_entries(5)
    # the ceiling grows a little with each app that keeps rows of an account (one SET NULL or DELETE per table:
    # office bookings and office hours, reporting three; issue 15's advice: consultation requests, notes, work aid
    # versions, registrations' and attendances' accounts, seven; issue 13's conferences, agreements, items, projects
    # and the programmes' needs, ballots and allocations; issue 15's funding: committees, members, applications,
    # votes, reports, about twenty-two together); the check that matters is the constancy below
    with django_assert_max_num_queries(95) as small:
        delete_account(few, password=PASSWORD)
    many = resident_with_unrelated_entries(300)
    with django_assert_max_num_queries(len(small.captured_queries)):
        delete_account(many, password=PASSWORD)


def test_the_data_export_names_everything_the_deletion_clears(client, world):
    client.force_login(world["resident"])
    data = json.loads(client.get(reverse("accounts:export")).content)

    assert [i["title"] for i in data["initiatives"]] == ["Beteiligung zum Marktplatz"]
    assert sorted(r["name"] for r in data["event_registrations"]) == ["Gerda Kühn", "Gerda Kühn"]
    assert [c["title"] for c in data["contributions"]] == ["Schatten für den Spielplatz"]
    assert [b["for"] for b in data["office_bookings"]] == [f"Gruppe von {NAME}"]
