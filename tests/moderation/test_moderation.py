"""Moderation: report, queue, hide with a public reason, keep, unhide, block; every step in the audit log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.antibot import valid_antibot_data
from stadtdialog.core.models import AuditEntry
from stadtdialog.moderation import services as moderation
from stadtdialog.moderation.models import Flag
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory
from tests.factories import PASSWORD, UserFactory, staff_user
from tests.reports.report_factories import ConceptCommentFactory, ReportCommentFactory

pytestmark = pytest.mark.django_db

CASE_URL = reverse("moderation:case")


@pytest.fixture
def moderator():
    return staff_user(kind=Role.Kind.MODERATOR, full_name="Mona Moderation")


def audit_actions(obj):
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk), action__startswith="dialog.")
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )


def test_report_queue_hide_placeholder_and_audit_log(client, moderator):
    contribution = ContributionFactory(title="Beleidigender Beitrag", text="Ein gemeiner Satz über die Nachbarn.")
    # Anyone reports it, here without an account.
    response = client.post(
        reverse("moderation:flag", args=["contribution", contribution.pk]),
        {"reason": "Beleidigt die Nachbarschaft.", **valid_antibot_data()},
    )
    assert response.status_code == 302
    assert response["Location"] == contribution.get_absolute_url()
    flag = Flag.objects.get()
    assert flag.reporter is None
    assert flag.target == contribution

    # The moderator sees it in the queue, with the content and a link to its case.
    client.force_login(moderator)
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "Beleidigender Beitrag" in queue
    assert "Beleidigt die Nachbarschaft." in queue
    assert f"?inhalt=contribution-{contribution.pk}" in queue

    # Hiding needs a reason.
    case_url = f"{CASE_URL}?inhalt=contribution-{contribution.pk}"
    refused = client.post(case_url, {"step": "hide", "hide-reason": ""})
    assert refused.status_code == 200
    assert "Bitte geben Sie einen Grund an." in refused.content.decode()
    contribution.refresh_from_db()
    assert not contribution.is_hidden
    response = client.post(case_url, {"step": "hide", "hide-reason": "Beleidigung (Netiquette Punkt 2)"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.is_hidden
    assert contribution.hidden_by == moderator
    flag.refresh_from_db()
    assert flag.decision == Flag.Decision.HIDDEN
    assert flag.decided_by == moderator

    # The public sees the reason in place of the content, and not the content.
    client.logout()
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "Beleidigung (Netiquette Punkt 2)" in page
    assert "ausgeblendet" in page
    assert "Ein gemeiner Satz" not in page
    assert "Beleidigender Beitrag" not in page

    assert audit_actions(contribution)[-2:] == ["dialog.flag.create", "dialog.moderation.hide"]
    hide_entry = AuditEntry.objects.get(action="dialog.moderation.hide")
    assert hide_entry.actor == moderator
    assert hide_entry.changes["hidden_reason"] == ["", "Beleidigung (Netiquette Punkt 2)"]
    assert hide_entry.changes["flags_closed"] == [None, [flag.pk]]


def test_keep_closes_the_reports_and_leaves_the_content(client, moderator):
    comment = CommentFactory(text="Harmlose Meinung")
    reporter = UserFactory()
    moderation.flag(reporter, comment, "Finde ich doof.")
    moderation.flag(None, comment, "Spam?")
    client.force_login(moderator)
    response = client.post(f"{CASE_URL}?inhalt=comment-{comment.pk}", {"step": "keep"})
    assert response.status_code == 302
    assert set(Flag.objects.values_list("decision", flat=True)) == {Flag.Decision.KEPT}
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert "Es gibt keine offenen Meldungen." in client.get(reverse("moderation:queue")).content.decode()
    entry = AuditEntry.objects.get(action="dialog.moderation.keep")
    assert entry.actor == moderator
    assert len(entry.changes["flags_closed"][1]) == 2


def test_unhide_shows_the_content_again(client, moderator):
    contribution = ContributionFactory(text="Wieder sichtbar")
    moderation.hide(moderator, contribution, "Versehen")
    client.force_login(moderator)
    case = client.get(f"{CASE_URL}?inhalt=contribution-{contribution.pk}").content.decode()
    assert "Wieder sichtbar" in case  # moderators see the hidden text
    client.post(f"{CASE_URL}?inhalt=contribution-{contribution.pk}", {"step": "unhide"})
    contribution.refresh_from_db()
    assert not contribution.is_hidden
    assert contribution.hidden_reason == ""
    assert AuditEntry.objects.filter(action="dialog.moderation.unhide", actor=moderator).count() == 1
    client.logout()
    assert "Wieder sichtbar" in client.get(contribution.get_absolute_url()).content.decode()


def test_block_account_refuses_login_with_a_german_message(client, moderator):
    author = UserFactory(email="troll@example.org")
    contribution = ContributionFactory(author=author)
    client.force_login(moderator)
    case_url = f"{CASE_URL}?inhalt=contribution-{contribution.pk}"
    assert (
        "Bitte geben Sie einen Grund an."
        in client.post(case_url, {"step": "block", "block-reason": ""}).content.decode()
    )
    client.post(case_url, {"step": "block", "block-reason": "Wiederholte Beleidigungen"})
    author.refresh_from_db()
    assert not author.is_active
    entry = AuditEntry.objects.get(action="account.block")
    assert entry.actor == moderator
    assert entry.changes["reason"] == [None, "Wiederholte Beleidigungen"]
    accounts = client.get(reverse("moderation:accounts")).content.decode()
    assert author.display_name in accounts
    assert "Wiederholte Beleidigungen" in accounts

    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "troll@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "Dieses Konto ist gesperrt." in response.content.decode()
    assert "_auth_user_id" not in client.session
    # With a wrong password the block is not revealed.
    wrong = client.post(reverse("accounts:login"), {"username": "troll@example.org", "password": "falsch-falsch"})
    assert "gesperrt" not in wrong.content.decode()

    # Unblocking lets the account in again.
    client.force_login(moderator)
    client.post(reverse("moderation:accounts"), {"account": author.pk})
    author.refresh_from_db()
    assert author.is_active
    assert AuditEntry.objects.filter(action="account.unblock").count() == 1


def test_a_blocked_account_is_logged_out_of_its_sessions(client, moderator):
    author = UserFactory()
    client.force_login(author)
    moderation.block_account(moderator, author, "Spam")
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_staff_and_own_accounts_cannot_be_blocked(moderator):
    with pytest.raises(ValidationError):
        moderation.block_account(moderator, staff_user(), "Nein")
    with pytest.raises(ValidationError):
        moderation.block_account(moderator, moderator, "Nein")


def test_anonymous_report_with_filled_honeypot_is_refused(client):
    contribution = ContributionFactory()
    data = {"reason": "Spam", **valid_antibot_data(), "homepage": "http://bot.example"}
    response = client.post(reverse("moderation:flag", args=["contribution", contribution.pk]), data)
    assert response.status_code == 200
    assert "ein Feld ausgefüllt wurde, das leer bleiben muss" in response.content.decode()
    assert "Spam</textarea>" in response.content.decode()  # what the person typed stays
    assert not Flag.objects.exists()


def test_report_form_without_reason_and_too_quick_is_refused(client):
    contribution = ContributionFactory()
    url = reverse("moderation:flag", args=["contribution", contribution.pk])
    assert (
        "Bitte geben Sie einen Grund an." in client.post(url, {"reason": "", **valid_antibot_data()}).content.decode()
    )
    quick = client.post(url, {"reason": "Spam", **valid_antibot_data(seconds_ago=0)})
    assert "Das ging sehr schnell" in quick.content.decode()
    assert not Flag.objects.exists()


def test_report_form_page_renders_with_netiquette_link_and_bot_protection(client):
    comment = CommentFactory(text="Ein Kommentar zum Melden")
    page = client.get(reverse("moderation:flag", args=["comment", comment.pk])).content.decode()
    assert "Ein Kommentar zum Melden" in page
    assert reverse("core:page", args=["netiquette"]) in page
    assert 'name="homepage"' in page
    assert "altcha-widget" in page
    client.force_login(UserFactory())
    page = client.get(reverse("moderation:flag", args=["comment", comment.pk])).content.decode()
    assert 'name="homepage"' not in page  # accounts need no bot check


def test_logged_in_reports_are_rate_limited(client):
    contribution = ContributionFactory()
    reporter = UserFactory()
    limit, _period = moderation.FLAG_LIMIT
    for _ in range(limit):
        moderation.flag(reporter, contribution, "Spam")
    client.force_login(reporter)
    response = client.post(
        reverse("moderation:flag", args=["contribution", contribution.pk]), {"reason": "Noch einmal"}
    )
    assert response.status_code == 200
    assert "Sie haben in kurzer Zeit viele Meldungen gesendet" in response.content.decode()
    assert Flag.objects.count() == limit


def test_every_kind_of_comment_can_be_reported_and_hidden(moderator):
    for target in (ContributionFactory(), CommentFactory(), ReportCommentFactory(), ConceptCommentFactory()):
        moderation.flag(None, target, "Bitte prüfen")
        assert moderation.context_url(target)
        moderation.hide(moderator, target, "Verstoß gegen die Netiquette")
        target.refresh_from_db()
        assert target.is_hidden


def test_only_moderators_and_admins_moderate(client):
    contribution = ContributionFactory()
    for user in (UserFactory(), staff_user()):
        with pytest.raises(PermissionDenied):
            moderation.hide(user, contribution, "Nein")
    moderation.hide(staff_user(kind=Role.Kind.ADMIN), contribution, "Ja")
    client.force_login(staff_user())
    assert client.get(reverse("moderation:queue")).status_code == 403
    assert client.get(f"{CASE_URL}?inhalt=contribution-{contribution.pk}").status_code == 403


def test_unknown_content_gives_not_found(client, moderator):
    assert client.get(reverse("moderation:flag", args=["plan", 1])).status_code == 404
    client.force_login(moderator)
    assert client.get(f"{CASE_URL}?inhalt=contribution-999999").status_code == 404
    assert client.get(f"{CASE_URL}?inhalt=quatsch").status_code == 302


def test_queue_needs_a_constant_number_of_queries(client, moderator, django_assert_max_num_queries):
    def make(n):
        for _ in range(n):
            moderation.flag(UserFactory(), CommentFactory(), "Spam")
            moderation.flag(None, ReportCommentFactory(), "Spam")
            moderation.flag(None, ConceptCommentFactory(), "Spam")
            moderation.flag(None, ContributionFactory(), "Spam")

    client.force_login(moderator)
    make(2)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("moderation:queue"))
    make(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("moderation:queue"))
    assert response.content.decode().count("?inhalt=") == 48
