"""Residents' own accounts: password reset by e-mail, profile, JSON export of all own data, deletion."""

import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from stadtdialog.accounts.models import User
from stadtdialog.core import audit
from stadtdialog.core.antibot import valid_antibot_data
from stadtdialog.core.models import AuditEntry
from stadtdialog.dialog.models import Comment, Contribution, Support
from stadtdialog.moderation import services as moderation
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory
from tests.factories import PASSWORD, UserFactory, staff_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Neues-Passwort-für-2027"


def test_password_reset_by_e_mail_link(client):
    user = UserFactory(email="anna@example.org")
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in page
    response = client.post(reverse("accounts:password_reset"), {"email": "Anna@example.org", **valid_antibot_data()})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "neues Passwort" in message.subject
    link = re.search(r"https?://\S+/passwort-neu/\S+/", message.body).group(0)

    form_page = client.get(link, follow=True)
    assert "Neues Passwort wählen" in form_page.content.decode()
    confirm_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    mismatch = client.post(confirm_url, {"new_password1": NEW_PASSWORD, "new_password2": "anders"})
    assert mismatch.status_code == 200
    assert "Die beiden Passwörter sind nicht identisch." in mismatch.content.decode()
    done = client.post(confirm_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="account.password_reset", actor=user).exists()
    # The link works once.
    again = client.get(link, follow=True).content.decode()
    assert "Dieser Link gilt nicht mehr" in again


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org", **valid_antibot_data()})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_form_is_protected_against_bots(client):
    UserFactory(email="anna@example.org")
    response = client.post(
        reverse("accounts:password_reset"), {"email": "anna@example.org", **valid_antibot_data(), "homepage": "x"}
    )
    assert response.status_code == 200
    assert "leer bleiben muss" in response.content.decode()
    assert 'value="anna@example.org"' in response.content.decode()
    assert mail.outbox == []


def test_password_reset_links_go_to_active_accounts_only(client):
    moderator = staff_user(kind="moderator")
    blocked = UserFactory(email="blocked@example.org")
    moderation.block_account(moderator, blocked, "Spam")
    client.post(reverse("accounts:password_reset"), {"email": "blocked@example.org", **valid_antibot_data()})
    assert mail.outbox == []


def test_profile_shows_own_contributions_and_comments_and_edits_the_display_name(client):
    user = UserFactory(display_name="Linden-Fan")
    own = ContributionFactory(author=user, title="Mein eigener Vorschlag")
    ContributionFactory(title="Fremder Vorschlag")
    CommentFactory(author=user, text="Mein Kommentar zur Ampel")
    client.force_login(user)
    page = client.get(reverse("accounts:home")).content.decode()  # the lists are on /konto/ (issue 16, item 9)
    assert "Mein eigener Vorschlag" in page
    assert own.get_absolute_url() in page
    assert "Mein Kommentar zur Ampel" in page
    assert "Fremder Vorschlag" not in page
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:export") in page
    assert reverse("accounts:delete") in page

    refused = client.post(reverse("accounts:profile"), {"display_name": "ab"})
    assert refused.status_code == 200
    assert 'value="ab"' in refused.content.decode()
    client.post(reverse("accounts:profile"), {"display_name": "Limmer-Fan"})
    user.refresh_from_db()
    assert user.display_name == "Limmer-Fan"
    assert AuditEntry.objects.get(action="account.display_name").changes == {
        "display_name": ["Linden-Fan", "Limmer-Fan"]
    }


def test_profile_needs_a_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.get(reverse("accounts:export")).status_code == 302


def test_profile_page_needs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    user = UserFactory()
    client.force_login(user)

    def make(n):
        for _ in range(n):
            contribution = ContributionFactory(author=user)
            CommentFactory(author=user, contribution=contribution)

    make(2)
    for name in ("accounts:profile", "accounts:home"):
        with django_assert_max_num_queries(30) as small:
            client.get(reverse(name))
        make(10)
        with django_assert_max_num_queries(len(small.captured_queries)):
            client.get(reverse(name))


def test_export_has_all_own_data_and_nothing_of_others(client):
    user = UserFactory(email="eva@example.org", display_name="Eva aus der List")
    other = UserFactory(email="otto@example.org", display_name="Otto")
    mine = ContributionFactory(author=user, title="Evas Idee", text="Ein Spielplatz.")
    theirs = ContributionFactory(author=other, title="Ottos Idee")
    CommentFactory(author=user, contribution=theirs, text="Evas Kommentar")
    CommentFactory(author=other, contribution=mine, text="Ottos Kommentar")
    Support.objects.create(user=user, contribution=theirs)
    Support.objects.create(user=other, contribution=mine)
    moderation.flag(user, theirs, "Evas Meldung")

    client.force_login(user)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "eva@example.org"
    assert data["account"]["display_name"] == "Eva aus der List"
    assert [c["title"] for c in data["contributions"]] == ["Evas Idee"]
    assert [c["text"] for c in data["comments"]] == ["Evas Kommentar"]
    assert [s["contribution"] for s in data["supports"]] == ["Ottos Idee"]
    assert [f["reason"] for f in data["reports_to_moderators"]] == ["Evas Meldung"]
    text = response.content.decode()
    assert "otto@example.org" not in text
    assert "Ottos Kommentar" not in text
    assert '"Otto"' not in text
    assert "password" not in text


def test_deletion_keeps_contributions_as_from_a_deleted_account(client):
    user = UserFactory(email="weg@example.org", display_name="Bald-Weg")
    contribution = ContributionFactory(author=user, title="Bleibt stehen")
    comment = CommentFactory(author=user, text="Mein Kommentar bleibt")
    supported = ContributionFactory()
    Support.objects.create(user=user, contribution=supported)
    Contribution.objects.filter(pk=supported.pk).update(support_count=1)
    audit.record(user, "account.update", user, {"email": [None, "weg@example.org"]})  # an entry about the account
    client.force_login(user)

    wrong = client.post(reverse("accounts:delete"), {"password": "falsch", "confirm": "on"})
    assert wrong.status_code == 200
    assert "Das Passwort ist nicht richtig." in wrong.content.decode()
    unconfirmed = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert "Bitte bestätigen Sie" in unconfirmed.content.decode()
    assert User.objects.filter(pk=user.pk).exists()

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email="weg@example.org").exists()
    assert "_auth_user_id" not in client.session
    contribution.refresh_from_db()
    comment = Comment.objects.get(pk=comment.pk)
    assert contribution.author is None
    assert comment.author is None
    supported.refresh_from_db()
    assert supported.support_count == 0
    assert not supported.supports.exists()

    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "Bleibt stehen" in page
    assert "gelöschtes Konto" in page
    assert "Bald-Weg" not in page
    # The audit log keeps that an account was deleted, but nothing personal about it.
    entry = AuditEntry.objects.get(action="account.delete")
    assert entry.actor is None
    assert entry.changes == {}
    about_user = AuditEntry.objects.filter(object_id=str(user.pk), content_type__model="user")
    assert sorted(about_user.values_list("action", flat=True)) == ["account.delete", "account.update"]
    for entry in about_user:
        assert "Bald-Weg" not in entry.object_repr
        assert "weg@example.org" not in json.dumps(entry.changes)


def test_staff_accounts_are_not_deleted_by_themselves(client):
    staff = staff_user()
    client.force_login(staff)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "von der Administration geschlossen" in page
    client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert User.objects.filter(pk=staff.pk).exists()


def test_profile_and_deletion_report_success_and_service_errors_on_the_form(client):
    """The views call their services through core.forms.run_service: the message after success, the
    service's errors at the field (wrong password) or above the form (a staff account)."""
    user = UserFactory(display_name="Linden-Fan")
    client.force_login(user)
    saved = client.post(reverse("accounts:profile"), {"display_name": "Limmer-Fan"}, follow=True)
    assert "Ihr Anzeigename ist gespeichert." in saved.content.decode()
    wrong = client.post(reverse("accounts:delete"), {"password": "falsch", "confirm": "on"})
    assert wrong.context["form"].errors["password"] == ["Das Passwort ist nicht richtig."]
    gone = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"}, follow=True)
    assert "Ihr Konto ist gelöscht." in gone.content.decode()
    assert not User.objects.filter(pk=user.pk).exists()

    staff = staff_user()
    client.force_login(staff)
    refused = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors() == [
        "Konten der Verwaltung werden von der Administration geschlossen. Bitte wenden Sie sich an sie."
    ]
