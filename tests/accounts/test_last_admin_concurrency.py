"""Two administrators revoke each other's role (or deactivate each other) at the same moment: on PostgreSQL
the admin roles are locked in a fixed order, so one of them stays administrator."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from stadtdialog.accounts.models import Role
from tests.factories import staff_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _in_parallel(requests):
    """Send the (client, url) POSTs at the same moment, each from its own thread and database connection."""
    barrier = threading.Barrier(len(requests))
    answers = [None] * len(requests)

    def send(index, client, url):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            answers[index] = client.post(url).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i, c, u)) for i, (c, u) in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


@pytest.mark.parametrize("round_", range(3))
def test_two_admins_revoking_each_other_leave_one(round_):
    first, second = staff_user(Role.Kind.ADMIN), staff_user(Role.Kind.ADMIN)
    clients = []
    for admin in (first, second):
        client = Client()
        client.force_login(admin)
        clients.append(client)
    first_role, second_role = (u.role_set.get(kind=Role.Kind.ADMIN) for u in (first, second))
    answers = _in_parallel(
        [
            (clients[0], reverse("accounts:staff_role_revoke", args=[second.pk, second_role.pk])),
            (clients[1], reverse("accounts:staff_role_revoke", args=[first.pk, first_role.pk])),
        ]
    )
    assert Role.objects.filter(kind=Role.Kind.ADMIN).count() == 1
    # one done (redirect); the other refused on the confirm page, or, when the first had finished before it
    # began, refused outright (its sender is no admin any more)
    assert sorted(answers) in ([200, 302], [302, 403])


@pytest.mark.parametrize("round_", range(3))
def test_two_admins_deactivating_each_other_leave_one_active(round_):
    first, second = staff_user(Role.Kind.ADMIN), staff_user(Role.Kind.ADMIN)
    clients = []
    for admin in (first, second):
        client = Client()
        client.force_login(admin)
        clients.append(client)
    _in_parallel(
        [
            (clients[0], reverse("accounts:staff_deactivate", args=[second.pk])),
            (clients[1], reverse("accounts:staff_deactivate", args=[first.pk])),
        ]
    )
    assert Role.objects.filter(kind=Role.Kind.ADMIN, user__is_active=True).count() == 1


@pytest.mark.parametrize("round_", range(3))
def test_the_same_new_address_invited_twice_at_once_gives_one_account_and_a_german_error(round_):
    """Two admins invite the same new person at the same moment: one account, one invitation, and the second
    admin gets the form back with a German message, not a server error."""
    from django.core import mail

    from stadtdialog.accounts.models import StaffInvitation, User

    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(staff_user(Role.Kind.ADMIN))
        clients.append(client)
    data = {"email": "neu.kollegin@hannover-stadt.example", "full_name": "Neue Kollegin", "roles": ["moderator"]}
    barrier = threading.Barrier(2)
    answers = [None, None]

    def send(index):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            answers[index] = clients[index].post(reverse("accounts:staff_invite"), data)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    codes = sorted(answer.status_code for answer in answers)
    assert User.objects.filter(email=data["email"]).count() == 1
    open_invitations = StaffInvitation.objects.filter(user__email=data["email"], withdrawn_at__isnull=True)
    assert open_invitations.count() == 1
    if codes == [200, 302]:  # at the same moment: the second admin is told, nothing is sent twice
        refused = next(answer for answer in answers if answer.status_code == 200).content.decode()
        assert "im selben Augenblick eingeladen" in refused
        assert len(mail.outbox) == 1
    else:  # one after the other: the second invitation replaces the first (its link no longer works)
        assert codes == [302, 302]
        assert StaffInvitation.objects.filter(user__email=data["email"]).count() == 2
