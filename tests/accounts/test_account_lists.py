"""`/konto/` lists what the resident wrote, supports, follows, registered for and submitted, each item linking to
its object, in a constant number of queries (issue 16, item 9)."""

import pytest
from django.urls import reverse

from stadtdialog.dialog.models import Support
from stadtdialog.notifications import services as notifications
from stadtdialog.organisation.models import District, FieldOfAction
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory
from tests.events.factories import RegistrationFactory
from tests.factories import PlanFactory, UserFactory
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(client):
    user = UserFactory(email="kastanie@example.org", display_name="Kastanie")
    client.force_login(user)
    return user


def make(user, n: int, start: int = 0) -> dict:
    """n of each kind for the user; returns the last ones."""
    made = {}
    for i in range(start, start + n):
        made["contribution"] = ContributionFactory(author=user, title=f"Eigener Vorschlag {i}")
        made["comment"] = CommentFactory(author=user, text=f"Eigener Kommentar {i}")
        supported = ContributionFactory(title=f"Unterstützter Vorschlag {i}")
        Support.objects.create(contribution=supported, user=user)
        made["supported"] = supported
        plan = PlanFactory(title=f"Gefolgter Plan {i}")
        notifications.follow(user, plan)
        made["plan"] = plan
        made["registration"] = RegistrationFactory(email=user.email, event__title=f"Werkstatt {i}")
        made["initiative"] = InitiativeFactory(author=user, title=f"Eigene Initiative {i}")
    return made


def test_the_account_page_lists_everything_of_the_resident_with_links(client, resident):
    made = make(resident, 1)
    notifications.follow(resident, District.objects.get(number=10))
    notifications.follow(resident, FieldOfAction.objects.order_by("position").first())
    stranger = UserFactory()
    ContributionFactory(author=stranger, title="Fremder Vorschlag")
    InitiativeFactory(author=stranger, title="Fremde Initiative")
    RegistrationFactory(email=stranger.email, event__title="Fremde Werkstatt")
    page = client.get(reverse("accounts:home")).content.decode()
    for heading in (
        "Ihre Beiträge",
        "Ihre Kommentare",
        "Beiträge, die Sie unterstützen",
        "Dem folgen Sie",
        "Ihre Anmeldungen zu Veranstaltungen",
        "Ihre Initiativen",
    ):
        assert heading in page, heading
    assert made["contribution"].get_absolute_url() in page
    assert f"{made['comment'].contribution.get_absolute_url()}#comment-{made['comment'].pk}" in page
    assert made["supported"].get_absolute_url() in page
    assert made["plan"].get_absolute_url() in page
    assert made["registration"].event.get_absolute_url() in page
    assert made["initiative"].get_absolute_url() in page
    assert reverse("districts:detail", args=[District.objects.get(number=10).slug]) in page
    assert reverse("plans:list") + "?field=" in page
    for foreign in ("Fremder Vorschlag", "Fremde Initiative", "Fremde Werkstatt"):
        assert foreign not in page


def test_the_account_page_needs_a_constant_number_of_queries(client, resident, django_assert_max_num_queries):
    make(resident, 1)
    with django_assert_max_num_queries(40) as small:
        assert client.get(reverse("accounts:home")).status_code == 200
    make(resident, 6, start=1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("accounts:home")).content.decode()
    assert "Eigene Initiative 6" in page and "Werkstatt 6" in page


def test_an_unconfirmed_address_lists_no_registrations(client):
    user = UserFactory(email="neu@example.org", email_verified=False)
    RegistrationFactory(email="neu@example.org", event__title="Werkstatt am Ihme-Ufer")
    client.force_login(user)
    assert "Werkstatt am Ihme-Ufer" not in client.get(reverse("accounts:home")).content.decode()
