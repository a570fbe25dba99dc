import pytest
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry, Page
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["impressum", "datenschutz", "barrierefreiheit", "leichte-sprache"])
def test_legal_pages_are_public_and_linked_from_every_page(client, slug):
    response = client.get(reverse("core:page", args=[slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#main"' in html
    assert "Zum Inhalt springen" in html
    for linked in ["impressum", "datenschutz", "barrierefreiheit", "leichte-sprache"]:
        assert reverse("core:page", args=[linked]) in html
    assert '<html lang="de">' in html


def test_coordination_office_edits_a_page_and_html_is_sanitised(client):
    editor = staff_user(Role.Kind.COORDINATION)
    client.force_login(editor)
    old_body = Page.objects.get(slug="impressum").body
    url = reverse("core:page_edit", args=["impressum"])
    response = client.post(
        url, {"title": "Impressum", "body": '<p onclick="x()">Stadt Hannover</p><script>alert(1)</script>'}
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="impressum")
    assert page.body == "<p>Stadt Hannover</p>"
    entry = AuditEntry.objects.get(action="core.page.update")
    assert entry.actor == editor
    assert entry.changes["body"] == [old_body, "<p>Stadt Hannover</p>"]


@pytest.mark.parametrize("kind", [Role.Kind.DEPARTMENT, Role.Kind.MODERATOR, Role.Kind.DISTRICT_MANAGER])
def test_other_roles_cannot_edit_pages(client, kind):
    client.force_login(staff_user(kind))
    assert client.get(reverse("core:page_edit", args=["impressum"])).status_code == 403
    response = client.post(reverse("core:page_edit", args=["impressum"]), {"title": "Gehackt", "body": "x"})
    assert response.status_code == 403
    assert Page.objects.get(slug="impressum").title == "Impressum"


def test_strict_content_security_policy(client):
    response = client.get(reverse("core:page", args=["impressum"]))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
