"""Per-account rate limits, counted from the account's own audit entries."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from stadtdialog.core import audit
from stadtdialog.core.ratelimit import check_rate
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db
PERIOD = timedelta(minutes=10)


def post(user, times, action="dialog.contribution.create"):
    for _ in range(times):
        audit.record(user, action, user)


def test_limit_refuses_the_next_post_with_a_german_message():
    user = UserFactory()
    post(user, 2)
    check_rate(user, "dialog.contribution.create", limit=3, period=PERIOD)
    post(user, 1)
    with pytest.raises(ValidationError) as error:
        check_rate(user, "dialog.contribution.create", limit=3, period=PERIOD)
    assert error.value.code == "rate_limited"
    assert "Sie haben in kurzer Zeit viele Beiträge geschrieben" in error.value.messages[0]


def test_only_the_own_recent_actions_count():
    user, other = UserFactory(), UserFactory()
    post(other, 5)
    post(user, 5, action="dialog.support.add")
    check_rate(user, "dialog.contribution.create", limit=3, period=PERIOD)
    with pytest.raises(ValidationError):
        check_rate(user, ["dialog.contribution.create", "dialog.support.add"], limit=3, period=PERIOD)


def test_limit_is_lifted_when_the_period_has_passed():
    user = UserFactory()
    post(user, 3)
    with pytest.raises(ValidationError):
        check_rate(user, "dialog.contribution.create", limit=3, period=PERIOD)
    later = timezone.now() + timedelta(minutes=11)
    with mock.patch("django.utils.timezone.now", return_value=later):
        check_rate(user, "dialog.contribution.create", limit=3, period=PERIOD)


def test_anonymous_and_staff_are_not_limited():
    check_rate(AnonymousUser(), "dialog.flag.create", limit=0, period=PERIOD)
    staff = staff_user()
    post(staff, 3)
    check_rate(staff, "dialog.contribution.create", limit=3, period=PERIOD)
    with pytest.raises(ValidationError):
        check_rate(staff, "dialog.contribution.create", limit=3, period=PERIOD, exempt_staff=False)
