"""Issue 10's acceptance flow in a real browser: the city runs its staff administration itself.

The admin creates a unit, invites a member of it as department staff and a district manager for Linden-Limmer;
each sets a password from the link in the real invitation mail, logs in and sees exactly their area. The admin
revokes the department role, and the member's next request is refused.
"""

import re

import pytest
from django.core import mail

from stadtdialog.accounts.models import Role, User
from stadtdialog.organisation.models import OrgUnit

from .conftest import assert_no_axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Leine-Ufer-2026!"


def submit(page):
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def invitation_link(address: str) -> str:
    message = next(m for m in mail.outbox if address in m.to)
    return re.search(r"https?://\S+/konto/einladung/\S+/", message.body).group(0)


def invite(page, base, *, email, name, role, unit=None, district=None):
    page.goto(f"{base}/verwaltung/mitarbeitende/einladen/")
    page.locator("#id_email").fill(email)
    page.locator("#id_full_name").fill(name)
    if unit is not None:
        page.locator("#id_org_unit").select_option(str(unit.pk))
    if district is not None:
        page.locator("#id_district").select_option(label=district)
    page.locator(f"input[name=roles][value={role}]").check()
    assert_no_axe_violations(page)
    submit(page)
    assert "/einladen/" not in page.url, page.locator("main").inner_text()[:1500]


def accept_and_log_in(browser_context_page, base, link, email, display_name):
    page = browser_context_page
    page.goto(link)
    assert_no_axe_violations(page)
    page.locator("#id_display_name").fill(display_name)
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    submit(page)
    if "/anmelden/" in page.url or page.locator("#id_username").count():
        page.locator("#id_username").fill(email)
        page.locator("#id_password").fill(PASSWORD)
        submit(page)
    assert "/anmelden/" not in page.url, page.locator("main").inner_text()[:800]


def status(page, url) -> int:
    return page.goto(url).status


def test_admin_creates_a_unit_invites_staff_each_sees_their_area_and_a_revoked_role_is_refused(
    new_page, live_server, settings
):
    from tests.factories import staff_user

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    base = live_server.url
    admin = staff_user(kind=Role.Kind.ADMIN, email="admin@hannover-stadt.example", full_name="Anna Admin")
    admin_page = new_page(bypass_csp=True)
    login(admin_page, live_server, admin)

    # 1. a new unit in the tree
    admin_page.goto(f"{base}/verwaltung/organisation/neu/")
    admin_page.locator("#id_short_name").fill("FB 67")
    admin_page.locator("#id_name").fill("Fachbereich Umwelt und Stadtgrün")
    admin_page.locator("#id_kind").select_option("department")
    admin_page.locator("#id_email").fill("67@hannover-stadt.example")
    submit(admin_page)
    unit = OrgUnit.objects.get(short_name="FB 67")
    admin_page.goto(f"{base}/verwaltung/organisation/")
    assert "Fachbereich Umwelt und Stadtgrün" in admin_page.locator("main").inner_text()

    # 2. two invitations, each with its role and scope
    invite(
        admin_page,
        base,
        email="lena.gruen@hannover-stadt.example",
        name="Lena Grün",
        role="department",
        unit=unit,
    )
    invite(
        admin_page,
        base,
        email="timo.linden@hannover-stadt.example",
        name="Timo Linden",
        role="district_manager",
        district="10 Linden-Limmer",
    )
    assert len(mail.outbox) == 2

    # 3. each sets a password from the mailed link, logs in and sees exactly their area
    member_page = new_page(bypass_csp=True)
    accept_and_log_in(
        member_page,
        base,
        invitation_link("lena.gruen@hannover-stadt.example"),
        "lena.gruen@hannover-stadt.example",
        "Lena Grün",
    )
    member_page.goto(f"{base}/konto/")
    home = member_page.locator("main").inner_text()
    assert "Vorhaben und Beteiligungsverfahren" in home
    assert "Mitarbeitende und Rollen" not in home
    assert status(member_page, f"{base}/verwaltung/vorhaben/") == 200
    assert status(member_page, f"{base}/verwaltung/mitarbeitende/") == 403
    assert status(member_page, f"{base}/verwaltung/organisation/") == 403

    manager_page = new_page(bypass_csp=True)
    accept_and_log_in(
        manager_page,
        base,
        invitation_link("timo.linden@hannover-stadt.example"),
        "timo.linden@hannover-stadt.example",
        "Timo Linden",
    )
    manager = User.objects.get(email="timo.linden@hannover-stadt.example")
    assert [(r.kind, r.district.number) for r in manager.role_set.select_related("district")] == [
        ("district_manager", 10)
    ]
    manager_page.goto(f"{base}/konto/")
    home = manager_page.locator("main").inner_text()
    assert "Veranstaltungen" in home
    assert "Vorhaben und Beteiligungsverfahren" not in home
    assert status(manager_page, f"{base}/verwaltung/veranstaltungen/") == 200
    assert status(manager_page, f"{base}/verwaltung/vorhaben/") == 403
    assert status(manager_page, f"{base}/verwaltung/mitarbeitende/") == 403

    # 4. the admin revokes the department role; the member's next request is refused
    member = User.objects.get(email="lena.gruen@hannover-stadt.example")
    admin_page.goto(f"{base}/verwaltung/mitarbeitende/{member.pk}/")
    admin_page.get_by_role("link", name=re.compile("^Entziehen")).first.click()
    admin_page.wait_for_load_state()
    assert_no_axe_violations(admin_page)
    submit(admin_page)
    assert not member.role_set.exists()
    assert status(member_page, f"{base}/verwaltung/vorhaben/") == 403
