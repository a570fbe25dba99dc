"""Districts and fields of action have follow buttons (the settings page promised them), and their followers hear by
e-mail when a plan in them is published (issue 16, item 9)."""

import pytest
from django.core import mail
from django.urls import reverse

from stadtdialog.notifications import services
from stadtdialog.notifications.models import Follow, NotificationLog
from stadtdialog.plans import services as plans
from tests.factories import PlanFactory, UserFactory, districts, field_of_action, staff_user

pytestmark = pytest.mark.django_db


def test_the_settings_page_has_a_follow_button_for_every_district_and_field_of_action(client):
    field = field_of_action(1)
    resident = UserFactory()
    client.force_login(resident)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Stadtbezirken und Handlungsfeldern folgen" in page
    assert f'name="type" value="field"><input type="hidden" name="id" value="{field.pk}">' in page
    assert f'name="id" value="{districts(10)[0].pk}">' in page
    response = client.post(
        reverse("notifications:follow"),
        {"type": "field", "id": field.pk, "next": reverse("notifications:settings") + "#follow-fields"},
    )
    assert response.status_code == 302
    assert Follow.objects.filter(user=resident, object_id=field.pk, content_type__model="fieldofaction").exists()
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Nicht mehr folgen" in page and field.name in page


def test_the_settings_page_needs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    resident = UserFactory()
    client.force_login(resident)
    services.follow(resident, field_of_action(1))
    services.follow(resident, districts(4)[0])  # one query per kind followed, not per follow
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("notifications:settings"))
    for number in (1, 2, 3):
        services.follow(resident, districts(number)[0])
    services.follow(resident, field_of_action(2))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:settings"))


def test_followers_of_a_field_or_district_hear_of_a_published_plan(django_capture_on_commit_callbacks):
    field = field_of_action(1)
    by_field, by_district, by_both, stranger = (UserFactory() for _ in range(4))
    services.follow(by_field, field)
    services.follow(by_district, districts(10)[0])
    services.follow(by_both, field)
    services.follow(by_both, districts(10)[0])
    services.follow(stranger, districts(3)[0])
    author = staff_user()
    plan = PlanFactory(
        title="Neue Bäume am Küchengarten",
        lead_unit=author.org_unit,
        published_at=None,
        fields_of_action=[field],
        districts=districts(10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        plans.publish_plan(author, plan)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(u.email for u in (by_field, by_district, by_both))  # one mail each
    message = next(m for m in mail.outbox if m.to == [by_field.email])
    assert "Neue Bäume am Küchengarten" in message.subject
    assert plan.get_absolute_url() in message.body
    assert NotificationLog.objects.filter(kind="plan", key=f"plan:{plan.pk}").count() == 3
    # taken back and published again: nobody is told twice
    mail.outbox.clear()
    plans.unpublish_plan(author, plan)
    with django_capture_on_commit_callbacks(execute=True):
        plans.publish_plan(author, plan)
    assert mail.outbox == []
