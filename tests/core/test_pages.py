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


# --- pages the city adds, orders and removes --------------------------------------------------------

FOOTER_SLUGS = ["impressum", "datenschutz", "barrierefreiheit", "leichte-sprache", "gebaerdensprache"]


def _coordination(client):
    user = staff_user(Role.Kind.COORDINATION)
    client.force_login(user)
    return user


def test_staff_add_a_page_that_appears_in_the_footer_in_its_order(client):
    editor = _coordination(client)
    response = client.post(
        reverse("core:page_create"),
        {"slug": "leitlinien", "title": "Leitlinien für Bürgerbeteiligung", "body": "<p>Text</p>", "in_footer": "on"},
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="leitlinien")
    assert page.position > Page.objects.get(slug="netiquette").position  # placed after the others
    entry = AuditEntry.objects.get(action="core.page.create")
    assert entry.actor == editor and entry.changes["slug"] == [None, "leitlinien"]
    html = client.get(reverse("core:page", args=["leitlinien"])).content.decode()
    footer = html[html.index("site-footer") :]
    assert "Leitlinien für Bürgerbeteiligung" in footer
    assert footer.index("Impressum") < footer.index("Leitlinien für Bürgerbeteiligung")

    # moved to the front: the footer follows the new order, one audit entry per moved page
    order = {f"position_{p.pk}": p.position for p in Page.objects.all()}
    order[f"position_{page.pk}"] = 1
    assert client.post(reverse("core:page_order"), order).status_code == 302
    assert AuditEntry.objects.filter(action="core.page.reorder").count() == 1
    footer = client.get(reverse("core:page", args=["impressum"])).content.decode().split("site-footer", 1)[1]
    assert footer.index("Leitlinien für Bürgerbeteiligung") < footer.index("Impressum")


def test_a_taken_or_malformed_address_is_refused_in_german_and_keeps_the_input(client):
    _coordination(client)
    response = client.post(
        reverse("core:page_create"), {"slug": "netiquette", "title": "Meine neue Seite", "body": "<p>Entwurf</p>"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Es gibt schon eine Seite mit dieser Adresse" in html
    assert 'value="Meine neue Seite"' in html and "Entwurf" in html
    response = client.post(reverse("core:page_create"), {"slug": "Über Uns", "title": "Über uns", "body": ""})
    assert "Bitte nur Kleinbuchstaben" in response.content.decode()
    assert Page.objects.count() == 6


def test_a_page_keeps_its_address_when_another_one_is_renamed_onto_it(client):
    _coordination(client)
    client.post(reverse("core:page_create"), {"slug": "leitlinien", "title": "Leitlinien", "body": ""})
    response = client.post(
        reverse("core:page_edit", args=["leitlinien"]), {"slug": "impressum", "title": "Leitlinien", "body": ""}
    )
    assert "Es gibt schon eine Seite mit dieser Adresse" in response.content.decode()
    assert Page.objects.filter(slug="leitlinien").exists()


@pytest.mark.parametrize("slug", [s.value for s in Page.Slug])
def test_required_pages_cannot_be_removed_nor_readdressed(client, slug):
    _coordination(client)
    url = reverse("core:page_delete", args=[slug])
    assert "kann nicht entfernt werden" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 200
    assert Page.objects.filter(slug=slug).exists()
    assert not AuditEntry.objects.filter(action="core.page.delete").exists()
    page = Page.objects.get(slug=slug)
    client.post(reverse("core:page_edit", args=[slug]), {"slug": "anders", "title": page.title, "body": "<p>x</p>"})
    assert Page.objects.filter(slug=slug).exists()


def test_an_added_page_is_removed_through_the_confirm_page(client):
    _coordination(client)
    client.post(reverse("core:page_create"), {"slug": "alt", "title": "Alte Seite", "body": "", "in_footer": "on"})
    url = reverse("core:page_delete", args=["alt"])
    assert "Seite entfernen" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Page.objects.filter(slug="alt").exists()
    assert AuditEntry.objects.get(action="core.page.delete").changes["slug"] == ["alt", None]
    assert "Alte Seite" not in client.get(reverse("core:page", args=["impressum"])).content.decode()


@pytest.mark.parametrize("kind", [Role.Kind.DEPARTMENT, Role.Kind.MODERATOR])
def test_other_roles_cannot_add_order_or_remove_pages(client, kind):
    client.force_login(staff_user(kind))
    assert client.post(reverse("core:page_create"), {"slug": "x", "title": "x", "body": ""}).status_code == 403
    assert client.post(reverse("core:page_order"), {}).status_code == 403
    assert client.post(reverse("core:page_delete", args=["netiquette"])).status_code == 403
    assert Page.objects.count() == 6


@pytest.mark.parametrize("added", [0, 12])
def test_the_footer_comes_from_the_pages_with_bounded_queries(client, django_assert_max_num_queries, added):
    for number in range(added):
        Page.objects.create(slug=f"seite-{number}", title=f"Seite {number}", body="", in_footer=True, position=200)
    with django_assert_max_num_queries(2):  # the page, and one query for all the footer's links
        html = client.get(reverse("core:page", args=["netiquette"])).content.decode()
    footer = html.split("site-footer", 1)[1]
    for slug in FOOTER_SLUGS + [f"seite-{number}" for number in range(added)]:
        assert f'href="{reverse("core:page", args=[slug])}"' in footer
    assert f'href="{reverse("core:page", args=["netiquette"])}"' not in footer  # not linked in the footer


# --- the imprint and privacy flagged while they hold placeholder text ------------------------------


def test_placeholder_pages_are_flagged_on_the_staff_home_until_written(client):
    _coordination(client)
    assert set(Page.objects.filter(needs_review=True).values_list("slug", flat=True)) == {"impressum", "datenschutz"}
    html = client.get(reverse("core:staff_home")).content.decode()
    assert "Seiten, die noch zu schreiben sind" in html
    assert reverse("core:page_edit", args=["impressum"]) in html
    client.post(
        reverse("core:page_edit", args=["impressum"]),
        {"title": "Impressum", "body": "<p>Landeshauptstadt Hannover, Trammplatz 2, 30159 Hannover</p>"},
    )
    assert not Page.objects.get(slug="impressum").needs_review
    html = client.get(reverse("core:staff_home")).content.decode()
    assert reverse("core:page_edit", args=["impressum"]) not in html
    assert reverse("core:page_edit", args=["datenschutz"]) in html


def test_the_placeholder_flag_is_not_shown_to_who_may_not_edit_pages(client):
    client.force_login(staff_user(Role.Kind.DEPARTMENT))
    assert "Seiten, die noch zu schreiben sind" not in client.get(reverse("core:staff_home")).content.decode()
