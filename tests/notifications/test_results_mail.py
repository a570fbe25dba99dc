"""Followers of a process are told when its results are published (issue 4, item 1)."""

import pytest
from django.core import mail

from stadtdialog.notifications import services as notifications
from stadtdialog.outcomes.services import results as outcomes
from tests.factories import UserFactory, published_process

pytestmark = pytest.mark.django_db

RECOMMENDATIONS = [{"id": None, "text": "Mehr Bäume pflanzen"}]


def test_followers_get_one_mail_when_results_are_published(django_capture_on_commit_callbacks):
    process = published_process()
    follower, bystander = UserFactory(), UserFactory()
    notifications.follow(follower, process)
    outcomes.save_result(
        process.lead_contact, process, summary="<p>Viele wünschen sich Schatten.</p>", recommendations=RECOMMENDATIONS
    )

    with django_capture_on_commit_callbacks(execute=True):
        outcomes.publish_result(process.lead_contact, process)
    with django_capture_on_commit_callbacks(execute=True):
        outcomes.publish_result(process.lead_contact, process)  # publishing again tells no one twice

    assert [message.to for message in mail.outbox] == [[follower.email]]
    message = mail.outbox[0]
    assert process.title in message.subject
    assert "Ergebnisse veröffentlicht" in message.subject
    assert f"/beteiligung/{process.pk}/ergebnisse/" in message.body
    assert bystander.email not in str([m.to for m in mail.outbox])
