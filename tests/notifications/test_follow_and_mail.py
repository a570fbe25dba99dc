"""Following, e-mail on new reports and answers, one-click unsubscribe, settings page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from stadtdialog.dialog.models import Response
from stadtdialog.dialog.signals import response_published
from stadtdialog.notifications import services
from stadtdialog.notifications.models import Follow, NotificationLog, NotificationSetting
from stadtdialog.reports.signals import report_published
from tests.dialog.dialog_factories import ContributionFactory, ResponseFactory
from tests.factories import PlanFactory, UserFactory, districts, published_process
from tests.reports.report_factories import ReportFactory

pytestmark = pytest.mark.django_db


def unsubscribe_links(message) -> list[str]:
    return re.findall(r"https://beteiligung\.example(/benachrichtigungen/abbestellen/[^\s]+/)", message.body)


def test_a_resident_follows_a_process_with_the_button_and_stops_again(client):
    process = published_process()
    resident = UserFactory()
    client.force_login(resident)
    page = process.get_absolute_url()
    response = client.post(reverse("notifications:follow"), {"type": "process", "id": process.pk, "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    assert Follow.objects.filter(user=resident).count() == 1
    client.post(reverse("notifications:follow"), {"type": "process", "id": process.pk, "next": page})
    assert Follow.objects.filter(user=resident).count() == 1  # following twice is still one follow
    settings_page = client.get(reverse("notifications:settings")).content.decode()
    assert process.title in settings_page
    client.post(reverse("notifications:follow"), {"type": "process", "id": process.pk, "action": "unfollow"})
    assert not Follow.objects.filter(user=resident).exists()


def test_visitors_are_sent_to_the_login_and_drafts_cannot_be_followed(client):
    process = published_process()
    response = client.post(reverse("notifications:follow"), {"type": "process", "id": process.pk})
    assert response.status_code == 302
    assert "/anmelden/" in response["Location"]
    draft = PlanFactory(published_at=None)
    client.force_login(UserFactory())
    client.post(reverse("notifications:follow"), {"type": "plan", "id": draft.pk})
    assert not Follow.objects.exists()


def test_followers_of_the_process_plan_or_district_get_one_mail_about_a_new_report(django_capture_on_commit_callbacks):
    plan = PlanFactory(districts=districts(10))
    process = published_process(plan=plan)
    by_process, by_plan, by_district, both, stranger = (UserFactory() for _ in range(5))
    services.follow(by_process, process)
    services.follow(by_plan, plan)
    services.follow(by_district, districts(10)[0])
    services.follow(both, process)
    services.follow(both, plan)
    report = ReportFactory(process=process)
    with django_capture_on_commit_callbacks(execute=True):
        report_published.send(sender=type(report), report=report)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(u.email for u in (by_process, by_plan, by_district, both))
    assert stranger.email not in recipients
    message = next(m for m in mail.outbox if m.to == [both.email])
    assert report.title in message.subject
    assert f"/berichte/{report.pk}/" in message.body
    # one-click unsubscribe: in the text and in the RFC 8058 headers
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://beteiligung.example/benachrichtigungen/abbestellen/"
    )
    # the same report again sends nothing (the notice is recorded once per user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_published.send(sender=type(report), report=report)
    assert mail.outbox == []


def test_the_unsubscribe_link_works_without_login_and_a_get_changes_nothing(client, django_capture_on_commit_callbacks):
    process = published_process()
    resident = UserFactory()
    services.follow(resident, process)
    report = ReportFactory(process=process)
    with django_capture_on_commit_callbacks(execute=True):
        report_published.send(sender=type(report), report=report)
    follow_link, all_link = unsubscribe_links(mail.outbox[0])
    page = client.get(follow_link)
    assert page.status_code == 200
    assert process.title in page.content.decode()
    assert Follow.objects.filter(user=resident).exists()
    done = client.post(follow_link)
    assert done.status_code == 200
    assert not Follow.objects.filter(user=resident).exists()
    client.post(all_link)
    assert NotificationSetting.objects.get(user=resident).mail_enabled is False
    assert client.get(follow_link[:-5] + "abcd/").status_code == 404


def test_one_click_post_from_a_mail_program(client):
    resident = UserFactory()
    services.follow(resident, published_process())
    url = reverse("notifications:unsubscribe", args=[services.unsubscribe_code(resident.pk, "all")])
    client_without_csrf = client.__class__(enforce_csrf_checks=True)
    response = client_without_csrf.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationSetting.objects.get(user=resident).mail_enabled is False


def test_the_author_hears_of_the_answer_to_their_contribution_without_following(django_capture_on_commit_callbacks):
    contribution = ContributionFactory()
    answer = ResponseFactory(
        contribution=contribution, status=Response.Status.NOT_TAKEN, text="Der Platz ist zu klein."
    )
    with django_capture_on_commit_callbacks(execute=True):
        response_published.send(sender=Response, response=answer)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [contribution.author.email]
    assert contribution.title in message.subject
    assert "Nicht berücksichtigt" in message.body
    assert "Der Platz ist zu klein." in message.body
    assert f"/beitraege/{contribution.pk}/" in message.body
    # the same answer published again is not told twice
    with django_capture_on_commit_callbacks(execute=True):
        response_published.send(sender=Response, response=answer)
    assert len(mail.outbox) == 1


def test_no_answer_mail_when_the_author_said_no_or_the_account_is_gone(django_capture_on_commit_callbacks):
    contribution = ContributionFactory()
    services.update_setting(contribution.author, {"answers": False})
    with django_capture_on_commit_callbacks(execute=True):
        response_published.send(sender=Response, response=ResponseFactory(contribution=contribution))
    deleted = ContributionFactory(author=None)
    with django_capture_on_commit_callbacks(execute=True):
        response_published.send(sender=Response, response=ResponseFactory(contribution=deleted))
    assert mail.outbox == []


def test_no_mail_to_unverified_or_blocked_accounts(django_capture_on_commit_callbacks):
    process = published_process()
    unverified, blocked, fine = UserFactory(email_verified=False), UserFactory(), UserFactory()
    for user in (blocked, fine):
        services.follow(user, process)
    Follow.objects.create(user=unverified, content_type=Follow.objects.first().content_type, object_id=process.pk)
    blocked.is_active = False
    blocked.save()
    report = ReportFactory(process=process)
    with django_capture_on_commit_callbacks(execute=True):
        report_published.send(sender=type(report), report=report)
    assert [m.to for m in mail.outbox] == [[fine.email]]
    contribution = ContributionFactory(author=unverified)
    with django_capture_on_commit_callbacks(execute=True):
        response_published.send(sender=Response, response=ResponseFactory(contribution=contribution))
    assert len(mail.outbox) == 1
    assert not NotificationLog.objects.filter(user__in=[unverified, blocked]).exists()


def test_unverified_accounts_cannot_follow(client):
    client.force_login(UserFactory(email_verified=False))
    process = published_process()
    response = client.post(reverse("notifications:follow"), {"type": "process", "id": process.pk}, follow=True)
    assert "bestätigen Sie zuerst Ihre E-Mail-Adresse" in response.content.decode()
    assert not Follow.objects.exists()


def test_settings_page_saves_and_re_renders_errors(client):
    resident = UserFactory()
    client.force_login(resident)
    page = client.get(reverse("notifications:settings"))
    assert page.status_code == 200
    assert "Benachrichtigungen per E-Mail" in page.content.decode()
    bad = client.post(reverse("notifications:settings"), {"frequency": "hourly", "mail_enabled": "on"})
    assert bad.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben" in bad.content.decode()
    client.post(reverse("notifications:settings"), {"frequency": "daily", "mail_enabled": "on", "answers": "on"})
    setting = NotificationSetting.objects.get(user=resident)
    assert setting.frequency == "daily"
    assert setting.answers
    assert setting.mail_enabled


def test_settings_page_needs_a_login(client):
    response = client.get(reverse("notifications:settings"))
    assert response.status_code == 302
    assert "/anmelden/" in response["Location"]


def test_follow_button_partial(client, rf):
    from django.template.loader import render_to_string

    process = published_process()
    resident = UserFactory()
    request = rf.get(process.get_absolute_url())
    request.user = resident
    html = render_to_string("notifications/_follow_button.html", {"object": process, "user": resident}, request=request)
    assert 'name="type" value="process"' in html
    assert "Folgen" in html
    services.follow(resident, process)
    html = render_to_string("notifications/_follow_button.html", {"object": process, "user": resident}, request=request)
    assert "Nicht mehr folgen" in html
