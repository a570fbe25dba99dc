"""Only the coordination office and administrators reach the staff pages; the public sees no names."""

import pytest
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.sortition.services.register import sign_up
from stadtdialog.sortition.services.runs import request_run
from stadtdialog.sortition.services.selection import set_quotas
from tests.factories import UserFactory, staff_user

from .factories import computed_run, coordinator, drawn_sortition, sortition_with_pool

pytestmark = pytest.mark.django_db

# The letters download (a file made by a task) is checked in test_background.
STAFF_PAGES = ["staff_detail", "staff_edit", "respondents", "paper_reply", "quotas", "selection"]


def test_staff_pages_need_coordination_or_admin(client):
    actor = coordinator()
    sortition = drawn_sortition(actor)
    urls = [reverse("sortition:staff_list"), reverse("sortition:staff_create")] + [
        reverse(f"sortition:{name}", args=[sortition.pk]) for name in STAFF_PAGES
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url
    for user in (
        UserFactory(),
        staff_user(kind=Role.Kind.DEPARTMENT),
        staff_user(kind=Role.Kind.DISTRICT_MANAGER, office_email="dm@hannover-stadt.example"),
        staff_user(kind=Role.Kind.MODERATOR, office_email="mod@hannover-stadt.example"),
    ):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
        assert client.post(reverse("sortition:draw", args=[sortition.pk]), {"public_number": "1"}).status_code == 403
    admin = staff_user(kind=Role.Kind.ADMIN, office_email="admin@hannover-stadt.example")
    for user in (actor, admin):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 200, (user, url)


def test_services_check_the_permission_too():
    from django.core.exceptions import PermissionDenied

    sortition = sortition_with_pool(coordinator())
    with pytest.raises(PermissionDenied):
        request_run(staff_user(kind=Role.Kind.DEPARTMENT), sortition)
    with pytest.raises(PermissionDenied):
        sign_up(sortition, "X", {}, actor=UserFactory(), paper=True)


def test_public_pages_show_pseudonyms_but_no_names_or_addresses(client):
    actor = coordinator()
    sortition = drawn_sortition(actor)
    pages = [
        client.get(reverse("sortition:public_detail", args=[sortition.pk])),
        client.get(reverse("sortition:verify", args=[sortition.pk]), {"public_number": "4-17-23-38-41"}),
        client.get(reverse("sortition:lottery_json", args=[sortition.pk])),
    ]
    text = "".join(p.content.decode() for p in pages)
    assert all(p.status_code == 200 for p in pages)
    for member in sortition.draw.members:
        assert member in text
    for entry in sortition.register_entries.all():
        assert f"{entry.first_name} {entry.last_name}" not in text
        assert entry.street not in text
    for respondent in sortition.respondents.all():
        assert respondent.email not in text


def test_a_sortition_in_setup_is_not_public(client):
    from .factories import new_sortition

    sortition = new_sortition(coordinator())
    assert client.get(reverse("sortition:public_detail", args=[sortition.pk])).status_code == 404


def test_respondent_list_queries_do_not_grow_with_the_pool(client, django_assert_max_num_queries):
    actor = coordinator()
    client.force_login(actor)
    small = sortition_with_pool(actor, respondents=5, panel_size=3)
    large = sortition_with_pool(actor, respondents=30, invitations=40, panel_size=3)
    for sortition in (small, large):
        set_quotas(
            actor,
            sortition,
            {v.pk: (0, sortition.panel_size) for f in sortition.features.all() for v in f.values.all()},
        )
        computed_run(actor, sortition)
    with django_assert_max_num_queries(14) as small_queries:
        response = client.get(reverse("sortition:respondents", args=[small.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(len(small_queries)):
        response = client.get(reverse("sortition:respondents", args=[large.pk]))
    assert response.content.decode().count("<tr>") >= 31
