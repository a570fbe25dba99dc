"""Residents manage what they wrote (issue 16, item 9) in a real browser: edit a contribution (then "bearbeitet"),
withdraw it (a placeholder stays), and find everything on /konto/; axe finds nothing on the new pages."""

import pytest
from django.urls import reverse

from stadtdialog.dialog.models import Contribution
from stadtdialog.notifications import services as notifications
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory, ResponseFactory
from tests.factories import UserFactory, districts

from .conftest import assert_no_axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    """Forms may be sent at once: the minimum time of the anti-bot check is for people, not for the test."""
    settings.ANTIBOT_MIN_SECONDS = 0


@pytest.fixture
def author():
    return UserFactory(display_name="Kastanie")


@pytest.fixture
def contribution(author):
    return ContributionFactory(author=author, title="Bänke am Lindener Markt", text="Es fehlen Bänke im Schatten.")


def test_edit_shows_bearbeitet_and_withdraw_leaves_a_placeholder(page, live_server, author, contribution):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    comment = CommentFactory(contribution=contribution, text="Ich bin dafür.")
    login(page, live_server, author)
    page.goto(live_server.url + contribution.get_absolute_url())
    page.get_by_role("link", name="Ihren Beitrag bearbeiten").click()
    page.locator("#id_text").fill("Es fehlen Bänke im Schatten und ein Trinkbrunnen.")
    page.get_by_role("button", name="Änderungen speichern").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Trinkbrunnen" in main and "bearbeitet" in main

    page.get_by_role("link", name="Ihren Beitrag zurückziehen").click()
    page.get_by_role("button", name="Jetzt zurückziehen").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Von der Verfasserin oder dem Verfasser zurückgezogen" in main
    assert "Trinkbrunnen" not in main
    assert comment.text in main  # the comments stay
    assert Contribution.objects.get(pk=contribution.pk).is_withdrawn
    assert errors == []


def test_an_answered_contribution_offers_only_withdrawing(page, live_server, author, contribution):
    ResponseFactory(contribution=contribution)
    Contribution.objects.filter(pk=contribution.pk).update(answer_status="taken")
    login(page, live_server, author)
    page.goto(live_server.url + contribution.get_absolute_url())
    assert page.get_by_role("link", name="Ihren Beitrag bearbeiten").count() == 0
    assert page.get_by_role("link", name="Ihren Beitrag zurückziehen").is_visible()


def test_konto_lists_what_the_resident_wrote_and_follows(page, live_server, author, contribution):
    CommentFactory(author=author, text="Mein Kommentar zum Ihme-Ufer")
    notifications.follow(author, districts(10)[0])
    login(page, live_server, author)
    page.goto(live_server.url + reverse("accounts:home"))
    main = page.locator("main")
    main.get_by_role("link", name="Bänke am Lindener Markt").click()
    assert page.url.endswith(contribution.get_absolute_url())
    page.go_back()
    assert "Mein Kommentar zum Ihme-Ufer" in main.inner_text()
    assert main.get_by_role("link", name=str(districts(10)[0])).is_visible()


def test_axe_finds_nothing_on_the_residents_pages(axe_page, live_server, author, contribution):
    comment = CommentFactory(author=author, contribution=contribution)
    login(axe_page, live_server, author)
    for path in (
        contribution.get_absolute_url(),
        reverse("dialog:edit_contribution", args=[contribution.pk]),
        reverse("dialog:withdraw_contribution", args=[contribution.pk]),
        reverse("dialog:edit_comment", args=[comment.pk]),
        reverse("accounts:home"),
        reverse("notifications:settings"),
    ):
        response = axe_page.goto(live_server.url + path)
        assert response.status == 200, path
        assert axe_page.locator("h1").count() == 1, path
        assert_no_axe_violations(axe_page)
