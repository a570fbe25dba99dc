"""The bad input the audit of issue 11 found (item 3): each answers 200, 400 or 404, never a 500.

"²" passes str.isdigit() but not int(); a NUL character is refused by PostgreSQL in text. The values are now read
with form fields (core.forms.parse_query, core.forms.id_field), and core.middleware.RefuseBadCharactersMiddleware
answers 400 for NUL characters and lone surrogates anywhere in the path, the query or a POST.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.middleware import has_bad_characters
from stadtdialog.sortition.services.register import parse_seed
from tests.factories import UserFactory, published_process, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = staff_user(kind=Role.Kind.ADMIN)
    client.force_login(user)
    return user


@pytest.mark.parametrize("value", ["²", "٣" * 30, "-1", str(10**20), "abc"])
def test_public_lists_ignore_a_bad_filter(client, value):
    published_process()
    assert client.get("/veranstaltungen/", {"beteiligung": value}).status_code == 200
    assert client.get("/initiativen/", {"bezirk": value, "stand": value, "art": value}).status_code == 200


@pytest.mark.parametrize("value", ["²", "-1", str(10**20)])
def test_staff_forms_ignore_a_bad_preset(client, admin, value):
    assert client.get(reverse("events:staff_create"), {"beteiligung": value}).status_code == 200
    assert client.get(reverse("organisation:unit_create"), {"unter": value}).status_code == 200


@pytest.mark.parametrize("value", ["²", "-1", str(10**20), "x"])
def test_bad_ids_sent_by_post_give_404(client, admin, value):
    process = published_process()
    case = client.get(reverse("moderation:case"), {"inhalt": f"contribution-{value}"})
    assert case.status_code == 302 and case["Location"] == reverse("moderation:queue")  # back to the queue
    assert client.post(reverse("moderation:accounts"), {"account": value}).status_code == 404
    assert client.post(reverse("evaluation:staff_overview"), {"process": value}).status_code == 404
    for name in ("staff_documents", "staff_updates"):
        url = reverse(f"outcomes:{name}", kwargs={"process_pk": process.pk})
        assert client.post(url, {"delete": value}).status_code == 404


@pytest.mark.parametrize("value", ["²", "-1", str(10**20)])
def test_following_a_bad_id_gives_404(client, value):
    client.force_login(UserFactory())
    assert client.post(reverse("notifications:follow"), {"type": "plan", "id": value}).status_code == 404


def test_a_nul_character_is_refused_with_a_german_page(client, admin):
    response = client.get(reverse("plans:staff_list"), {"q": "Bahn\x00hof"})
    assert response.status_code == 400
    assert "Zeichen" in response.content.decode()
    assert client.post(reverse("notifications:follow"), {"type": "plan", "id": "1\x00"}).status_code == 400
    assert client.get("/seite/a%00b/").status_code == 400


def test_a_lone_surrogate_is_refused():
    assert has_bad_characters("a\ud800b") and has_bad_characters("\x00")
    assert not has_bad_characters("Straße ² ٣ 😀")


def test_a_seed_of_unicode_digits_is_refused():
    with pytest.raises(ValidationError):
        parse_seed("²")
    assert parse_seed("4711") == 4711
