"""A resident cannot support their own contribution: no button on the page, and the service refuses it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stadtdialog.dialog import services
from stadtdialog.dialog.models import Support
from stadtdialog.dialog.rules import is_own_contribution
from tests.dialog.dialog_factories import ContributionFactory, open_process
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_own_contribution_has_no_support_button_and_a_post_is_refused(client):
    author = UserFactory(display_name="Kastanie")
    contribution = ContributionFactory(process=open_process(), author=author)
    client.force_login(author)
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "Beitrag unterstützen" not in page
    assert "Ihren eigenen Beitrag können Sie nicht unterstützen." in page
    response = client.post(reverse("dialog:support", args=[contribution.pk]), follow=True)
    assert "Ihren eigenen Beitrag können Sie nicht unterstützen." in response.content.decode()
    assert Support.objects.count() == 0
    contribution.refresh_from_db()
    assert contribution.support_count == 0


def test_the_service_and_the_rule_refuse_own_support_and_allow_others():
    author, other = UserFactory(), UserFactory()
    contribution = ContributionFactory(process=open_process(), author=author)
    assert is_own_contribution(author, contribution)
    assert not is_own_contribution(other, contribution)
    with pytest.raises(ValidationError) as caught:
        services.support(author, contribution)
    assert caught.value.code == "own_contribution"
    services.support(other, contribution)
    assert Support.objects.filter(contribution=contribution).count() == 1


def test_another_resident_still_sees_the_button(client):
    contribution = ContributionFactory(process=open_process(), author=UserFactory())
    client.force_login(UserFactory())
    assert "Beitrag unterstützen" in client.get(contribution.get_absolute_url()).content.decode()
