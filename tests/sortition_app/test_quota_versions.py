"""The quota form carries the version of the sortition's quotas (issue 11, item 1): two coordinators open it,
the first saves, the second's stale save is refused in German and keeps what was typed."""

import pytest
from django.test import Client
from django.urls import reverse

from stadtdialog.sortition.models import Quota
from stadtdialog.sortition.services.register import open_signup
from tests.formdata import form_values

from .factories import coordinator, sortition_with_invitations

pytestmark = pytest.mark.django_db
STALE = "Jemand anderes hat hier inzwischen gespeichert"


def quotas(sortition):
    return sorted(
        Quota.objects.filter(value__feature__sortition=sortition).values_list("value_id", "minimum", "maximum")
    )


def test_a_stale_quota_form_is_refused_and_keeps_what_was_typed():
    actor = coordinator()
    sortition = sortition_with_invitations(actor)
    open_signup(actor, sortition)
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(coordinator())
        clients.append(client)
    url = reverse("sortition:quotas", args=[sortition.pk])
    proposal = url + "?tolerance=1"
    first, second = (form_values(client.get(proposal)) for client in clients)
    assert first["version"]
    assert clients[0].post(url, first).status_code == 302
    saved = quotas(sortition)
    assert saved

    name = next(key for key in second if key.startswith("max_"))
    typed = {**second, name: "5"}
    response = clients[1].post(url, typed)
    page = response.content.decode()
    assert response.status_code == 200 and STALE in page
    assert f'name="{name}" value="5"' in page
    assert quotas(sortition) == saved
    again = form_values(response)
    assert again["version"] != second["version"]
    assert clients[1].post(url, again).status_code == 302
