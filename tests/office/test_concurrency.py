"""No double booking under concurrent requests (issue 14, item 4): 20 approvals of 20 requests for the same slot at
the same moment, over HTTP against PostgreSQL; exactly one succeeds, every other gets a German message naming the
conflict. The same for the last two projectors, and for one office-hour slot booked by 20 people at once."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.office import services
from stadtdialog.office.models import Booking, Occurrence, SlotBooking
from tests.factories import UserFactory, staff_user

from .factories import at, equipment, next_weekday, office_hour, request, room

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a real race needs PostgreSQL (SQLite has one writer)"
    ),
]

THREADS = 20


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _at_once(send, count=THREADS):
    barrier = threading.Barrier(count)
    answers = [None] * count

    def run(index):
        from django.db import connections

        try:
            barrier.wait(timeout=20)
            answers[index] = send(index)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def _approve_all_at_once(office, bookings):
    clients = []
    for _booking in bookings:
        client = Client()
        client.force_login(office)
        clients.append(client)
    return _at_once(
        lambda i: clients[i].post(reverse("office:staff_booking", args=[bookings[i].pk]), {"action": "approve"})
    )


def test_twenty_approvals_for_the_same_room_slot_give_exactly_one_booking():
    office = staff_user(Role.Kind.COORDINATION)
    hall = room(name="Saal im Stadtteilzentrum Lister Turm")
    start = at(next_weekday(3), 18)
    bookings = [request(UserFactory(), room=hall, start=start) for _ in range(THREADS)]
    answers = _approve_all_at_once(office, bookings)
    assert sorted(answer.status_code for answer in answers) == [302] + [400] * (THREADS - 1)
    for answer in answers:
        if answer.status_code == 400:
            text = answer.content.decode()
            assert "Nicht freigegeben" in text and "Saal im Stadtteilzentrum Lister Turm" in text
    assert Occurrence.objects.filter(room=hall, state=Occurrence.State.APPROVED).count() == 1
    assert Booking.objects.filter(state=Booking.State.APPROVED).count() == 1


def test_twenty_approvals_for_the_last_two_projectors_give_exactly_one():
    office = staff_user(Role.Kind.COORDINATION)
    projector = equipment(name="Beamer", stock=5)
    start = at(next_weekday(4), 10)
    services.approve_booking(office, request(UserFactory(), quantities={projector: 3}, start=start))
    bookings = [request(UserFactory(), quantities={projector: 2}, start=start) for _ in range(THREADS)]
    answers = _approve_all_at_once(office, bookings)
    assert sorted(answer.status_code for answer in answers) == [302] + [400] * (THREADS - 1)
    refused = [a.content.decode() for a in answers if a.status_code == 400]
    assert all("nur 0 × „Beamer“ frei" in text for text in refused)
    assert services.peak_in_use(projector, start, start.replace(hour=12)) == 5


def test_the_exclusion_constraint_refuses_overlaps_even_without_the_services():
    hall = room()
    start = at(next_weekday(2), 9)
    one, two = request(UserFactory(), room=hall, start=start), request(UserFactory(), room=hall, start=start)
    Occurrence.objects.filter(booking=one).update(state=Occurrence.State.APPROVED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Occurrence.objects.filter(booking=two).update(state=Occurrence.State.APPROVED)


def test_twenty_people_booking_one_slot_at_once_get_it_once(settings):
    settings.ANTIBOT_MIN_SECONDS = 0
    host = staff_user(Role.Kind.COORDINATION)
    slot = office_hour(host).slots.order_by("start").first()

    def send(index):
        return services.book_slot(slot, {"name": f"Person {index}", "email": f"person{index}@example.org"})

    results = []

    def attempt(index):
        from django.core.exceptions import ValidationError

        try:
            send(index)
            return "ok"
        except ValidationError as error:
            return " ".join(error.messages)

    results = _at_once(attempt)
    assert results.count("ok") == 1
    assert all("gerade vergeben" in r for r in results if r != "ok")
    assert SlotBooking.objects.filter(slot=slot, state__in=SlotBooking.ACTIVE).count() == 1


def test_lowering_the_stock_and_approving_at_the_same_moment_never_lend_more_than_there_is():
    """The office lowers the projectors from 4 to 2 while another approves a request for 2 more (2 are lent
    already): the equipment row lock orders them; either the approval or the lower stock is refused, never both
    go through (that would lend 4 of 2)."""
    office = staff_user(Role.Kind.COORDINATION)
    projectors = equipment(name="Beamer", stock=4)
    start = at(next_weekday(4), 18)
    services.approve_booking(office, request(UserFactory(), quantities={projectors: 2}, start=start))
    waiting = request(UserFactory(), quantities={projectors: 2}, start=start)

    def send(index):
        try:
            if index == 0:
                services.update_equipment(office, type(projectors).objects.get(pk=projectors.pk), stock=2)
            else:
                services.approve_booking(office, waiting)
        except Exception as error:  # noqa: BLE001 (the refusal is the answer)
            return type(error).__name__
        return "ok"

    for _attempt in range(3):
        answers = _at_once(send, count=2)
        assert sorted(answers).count("ok") == 1, answers
        projectors.refresh_from_db()
        approved = Booking.objects.filter(state=Booking.State.APPROVED).count()
        assert (projectors.stock, approved) in {(2, 1), (4, 2)}
        # back to the start for the next round
        type(projectors).objects.filter(pk=projectors.pk).update(stock=4)
        Booking.objects.filter(pk=waiting.pk).update(state=Booking.State.REQUESTED)
        Occurrence.objects.filter(booking=waiting).update(state=Occurrence.State.REQUESTED)
