"""The author is told when a moderator hides their post, with the reason: in the notices on /konto/ and by e-mail
(issue 16, item 9)."""

import pytest
from django.core import mail
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.moderation import services as moderation
from stadtdialog.notifications import services as notifications
from stadtdialog.notifications.models import NotificationLog
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://beteiligung.example"


@pytest.fixture
def moderator():
    return staff_user(kind=Role.Kind.MODERATOR)


def test_the_author_of_a_hidden_contribution_gets_the_reason_by_mail_and_on_konto(
    client, moderator, django_capture_on_commit_callbacks
):
    author = UserFactory(display_name="Kastanie")
    contribution = ContributionFactory(author=author, title="Alles Mist hier")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(moderator, contribution, "Beleidigende Wortwahl")
    assert [m.to for m in mail.outbox] == [[author.email]]
    message = mail.outbox[0]
    assert "Moderation" in message.subject
    assert "Beleidigende Wortwahl" in message.body
    assert f"https://beteiligung.example{contribution.get_absolute_url()}" in message.body
    notice = NotificationLog.objects.get(user=author, kind=NotificationLog.Kind.HIDDEN)
    assert "Beleidigende Wortwahl" in notice.text
    client.force_login(author)
    page = client.get(reverse("accounts:home")).content.decode()
    assert "Ihre Benachrichtigungen" in page and "Beleidigende Wortwahl" in page


def test_a_hidden_comment_tells_its_author_and_nobody_else(moderator, django_capture_on_commit_callbacks):
    author, other = UserFactory(), UserFactory()
    comment = CommentFactory(author=author, contribution=ContributionFactory(author=other))
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(moderator, comment, "Werbung")
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert f"#comment-{comment.pk}" in mail.outbox[0].body


def test_hidden_again_after_unhiding_is_told_again_and_mail_off_still_lists_it(
    moderator, django_capture_on_commit_callbacks
):
    author = UserFactory()
    notifications.update_setting(author, {"mail_enabled": False})
    contribution = ContributionFactory(author=author)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(moderator, contribution, "Spam")
    moderation.unhide(moderator, contribution)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(moderator, contribution, "Wieder Spam")
    assert mail.outbox == []  # mail switched off ...
    assert NotificationLog.objects.filter(user=author, kind="hidden").count() == 2  # ... the notices are listed


def test_content_collected_on_site_has_no_author_to_tell(moderator, django_capture_on_commit_callbacks):
    contribution = ContributionFactory(author=None, source="postcard")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(moderator, contribution, "Personenbezogene Daten")
    assert mail.outbox == []
    assert not NotificationLog.objects.exists()
