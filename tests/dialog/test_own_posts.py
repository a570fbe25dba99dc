"""Residents manage what they wrote (issue 16, item 9): edit a contribution or comment until it is answered (then
marked "bearbeitet"), withdraw it at any time (a placeholder stays), only as its author."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from stadtdialog.core.antibot import valid_antibot_data
from stadtdialog.core.models import AuditEntry
from stadtdialog.dialog import services
from stadtdialog.dialog.forms import OwnContributionForm
from stadtdialog.dialog.models import Comment, Contribution, Support
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory, ResponseFactory, moved_clock
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return UserFactory(display_name="Kastanie")


@pytest.fixture
def contribution(author):
    return ContributionFactory(author=author, title="Bänke am Lindener Markt", text="Es fehlen Bänke im Schatten.")


def edit_data(contribution, **changes) -> dict:
    contribution = Contribution.objects.get(pk=contribution.pk)  # as the page loads it
    form = OwnContributionForm(version_of=contribution)
    data = {
        "kind": contribution.kind,
        "title": contribution.title,
        "text": contribution.text,
        "image_alt": contribution.image_alt,
        "quarter": contribution.quarter_id or "",
        "latitude": "" if contribution.latitude is None else str(contribution.latitude),
        "longitude": "" if contribution.longitude is None else str(contribution.longitude),
        "version": form.initial["version"],
        **valid_antibot_data(),
    }
    data.update(changes)
    return data


# --- edit


def test_the_author_edits_and_the_contribution_is_marked_edited_in_public(client, author, contribution):
    client.force_login(author)
    url = reverse("dialog:edit_contribution", args=[contribution.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, edit_data(contribution, text="Es fehlen Bänke und ein Trinkbrunnen."))
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.text == "Es fehlen Bänke und ein Trinkbrunnen."
    assert contribution.edited_at is not None
    assert AuditEntry.objects.filter(action="dialog.contribution.edit", object_id=str(contribution.pk)).exists()
    client.logout()
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "bearbeitet" in page and "Trinkbrunnen" in page
    listing = client.get(reverse("dialog:list", args=[contribution.process_id])).content.decode()
    assert "bearbeitet" in listing


def test_saving_unchanged_does_not_mark_it_edited(author, contribution):
    services.edit_contribution(
        author, contribution, kind=contribution.kind, title=contribution.title, text=contribution.text
    )
    contribution.refresh_from_db()
    assert contribution.edited_at is None


def test_an_edit_goes_through_the_same_checks_as_writing(client, author, contribution):
    client.force_login(author)
    url = reverse("dialog:edit_contribution", args=[contribution.pk])
    too_long = client.post(url, edit_data(contribution, text="x" * 5001))
    assert too_long.status_code == 200
    assert "5000" in too_long.content.decode()
    bot = client.post(url, edit_data(contribution, text="Neu", homepage="http://spam.example"))
    assert bot.status_code == 200
    contribution.refresh_from_db()
    assert contribution.text == "Es fehlen Bänke im Schatten." and contribution.edited_at is None


def test_a_stale_form_is_refused_with_the_current_value(client, author, contribution):
    client.force_login(author)
    url = reverse("dialog:edit_contribution", args=[contribution.pk])
    stale = edit_data(contribution, text="Version aus dem ersten Tab")
    client.post(url, edit_data(contribution, text="Version aus dem zweiten Tab"))
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "Version aus dem zweiten Tab" in response.content.decode()  # named as the current value
    contribution.refresh_from_db()
    assert contribution.text == "Version aus dem zweiten Tab"


def test_after_the_answer_the_contribution_can_no_longer_be_edited(client, author, contribution):
    ResponseFactory(contribution=contribution)
    Contribution.objects.filter(pk=contribution.pk).update(answer_status="taken")
    contribution.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.edit_contribution(author, contribution, kind="idea", title="Neu", text="Neu")
    assert refused.value.code == "answered"
    client.force_login(author)
    page = client.get(reverse("dialog:edit_contribution", args=[contribution.pk])).content.decode()
    assert "nicht mehr geändert" in page
    assert "<textarea" not in page


def test_an_edit_needs_the_open_dialog(author, contribution):
    with moved_clock(days=60), pytest.raises(ValidationError) as refused:
        services.edit_contribution(author, contribution, kind="idea", title="Neu", text="Neu")
    assert refused.value.code == "closed"


def test_a_comment_is_edited_until_it_is_replied_to(client, author, contribution):
    comment = CommentFactory(contribution=contribution, author=author, text="Erste Fassung")
    services.edit_comment(author, comment, text="Zweite Fassung")
    comment.refresh_from_db()
    assert comment.text == "Zweite Fassung" and comment.edited_at is not None
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "Zweite Fassung" in page and "bearbeitet" in page
    CommentFactory(contribution=contribution, parent=comment, text="Antwort darauf")
    with pytest.raises(ValidationError) as refused:
        services.edit_comment(author, comment, text="Dritte Fassung")
    assert refused.value.code == "answered"


def test_the_edit_links_show_for_the_author_only(client, author, contribution):
    comment = CommentFactory(contribution=contribution, author=author)
    edit_comment = reverse("dialog:edit_comment", args=[comment.pk])
    edit_contribution = reverse("dialog:edit_contribution", args=[contribution.pk])
    client.force_login(UserFactory())
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert edit_comment not in page and edit_contribution not in page
    client.force_login(author)
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert edit_comment in page and edit_contribution in page


# --- only the author


def test_another_resident_may_neither_edit_nor_withdraw(client, author, contribution):
    comment = CommentFactory(contribution=contribution, author=author, text="Meins")
    other = UserFactory()
    with pytest.raises(PermissionDenied):
        services.edit_contribution(other, contribution, kind="idea", title="Fremd", text="Fremd")
    with pytest.raises(PermissionDenied):
        services.withdraw_contribution(other, contribution)
    with pytest.raises(PermissionDenied):
        services.edit_comment(other, comment, text="Fremd")
    with pytest.raises(PermissionDenied):
        services.withdraw_comment(other, comment)
    client.force_login(other)
    for name, pk in [
        ("dialog:edit_contribution", contribution.pk),
        ("dialog:withdraw_contribution", contribution.pk),
        ("dialog:edit_comment", comment.pk),
        ("dialog:withdraw_comment", comment.pk),
    ]:
        url = reverse(name, args=[pk])
        assert client.get(url).status_code == 403
        assert client.post(url, edit_data(contribution, text="Fremd")).status_code == 403
    contribution.refresh_from_db()
    comment.refresh_from_db()
    assert contribution.title == "Bänke am Lindener Markt" and not contribution.is_withdrawn
    assert comment.text == "Meins" and not comment.is_withdrawn


def test_visitors_are_sent_to_the_login(client, contribution):
    response = client.get(reverse("dialog:withdraw_contribution", args=[contribution.pk]))
    assert response.status_code == 302 and "/anmelden/" in response["Location"]


# --- withdraw


def test_withdrawing_leaves_a_placeholder_and_keeps_answer_and_comments(client, author, contribution):
    ResponseFactory(contribution=contribution, text="Wir prüfen Standorte.")
    CommentFactory(contribution=contribution, text="Ich bin dafür.")
    supporter = UserFactory()
    services.support(supporter, contribution)
    client.force_login(author)
    url = reverse("dialog:withdraw_contribution", args=[contribution.pk])
    assert "Jetzt zurückziehen" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    contribution.refresh_from_db()
    assert contribution.is_withdrawn and contribution.title == "" and contribution.text == ""
    assert contribution.support_count == 0  # supports no longer count ...
    assert Support.objects.filter(contribution=contribution, user=supporter).exists()  # ... the record stays
    client.logout()
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "Von der Verfasserin oder dem Verfasser zurückgezogen" in page
    assert "Bänke am Lindener Markt" not in page and "Es fehlen Bänke" not in page
    assert "Wir prüfen Standorte." in page and "Ich bin dafür." in page
    listing = client.get(reverse("dialog:list", args=[contribution.process_id])).content.decode()
    assert "Von der Verfasserin oder dem Verfasser zurückgezogen" in listing
    with pytest.raises(ValidationError):
        services.support(UserFactory(), contribution)
    with pytest.raises(ValidationError):
        services.edit_contribution(author, contribution, kind="idea", title="Wieder da", text="Wieder da")


def test_a_withdrawn_comment_keeps_its_replies(client, author, contribution):
    comment = CommentFactory(contribution=contribution, author=author, text="Mein Kommentar")
    CommentFactory(contribution=contribution, parent=comment, text="Die Antwort bleibt")
    services.withdraw_comment(author, comment)
    comment.refresh_from_db()
    assert comment.is_withdrawn and comment.text == ""
    assert Comment.objects.filter(parent=comment).count() == 1
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "Von der Verfasserin oder dem Verfasser zurückgezogen" in page
    assert "Die Antwort bleibt" in page and "Mein Kommentar" not in page


def test_withdrawing_works_after_the_dialog_closed(author, contribution):
    with moved_clock(days=60):
        services.withdraw_contribution(author, contribution)
    contribution.refresh_from_db()
    assert contribution.is_withdrawn
    assert AuditEntry.objects.filter(action="dialog.contribution.withdraw", object_id=str(contribution.pk)).exists()
