"""Residents' concerns in a real browser, with JavaScript on and off: a resident without an account brings two
concerns; the district manager refers one and takes care of the other with two steps, one handed to a department
whose member adds a status update; the resident gets the mails and sees the status and the overdue mark at the
private link; another district's manager, a department not involved and an anonymous visitor see nothing of
either. axe-core finds no violations on the form, the status page and the staff pages."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from stadtdialog.districts.models.concerns import Concern, ConcernStatus
from tests.districts.test_concerns import RESIDENT, concern_world

from .conftest import assert_no_axe_violations, check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _quick_antibot(settings):
    settings.ALTCHA_MAX_NUMBER = 5000
    settings.ANTIBOT_MIN_SECONDS = 0


def bring_concern(page, base, text, category):
    page.goto(f"{base}/anliegen/neu/?bezirk=linden-limmer")
    page.get_by_label("Worum geht es in Ihrem Anliegen?").select_option(label=category)
    page.get_by_label("Ihr Anliegen", exact=True).fill(text)
    page.get_by_label("Stadtteil (freiwillig)").select_option(label="Linden-Mitte")
    page.get_by_label("Ihre E-Mail-Adresse").fill(RESIDENT)
    page.get_by_label("Ich willige ein").check()
    page.get_by_role("button", name="Anliegen absenden").click()
    page.wait_for_load_state()
    assert "Danke für Ihr Anliegen" in page.locator("h1").inner_text(), page.locator("main").inner_text()[:800]


def status_links() -> list[str]:
    return [
        re.search(r"(/anliegen/status/[^/\s]+/)", message.body).group(1)
        for message in mail.outbox
        if "/anliegen/status/" in message.body
    ]


def submit(page, button):
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_two_concerns_referral_and_caretaking(new_page, live_server, javascript):
    w = concern_world()
    base = live_server.url
    resident = new_page(java_script_enabled=javascript)
    bring_concern(
        resident, base, "Wir möchten ein Osterfeuer am Lindener Berg anmelden.", "Grünflächen und Spielplätze"
    )
    bring_concern(resident, base, "Das Klettergerüst am Spielplatz Fössestraße ist kaputt.", "Straßen und Wege")
    referred, cared = Concern.objects.order_by("pk")
    links = status_links()
    assert len(links) == 2 and all(message.to == [RESIDENT] for message in mail.outbox)

    manager = new_page(java_script_enabled=javascript)
    login(manager, live_server, w["manager"])
    manager.goto(f"{base}/verwaltung/anliegen/")
    assert f"Anliegen Nr. {referred.pk}" in manager.locator("main").inner_text()
    manager.get_by_role("link", name=f"Anliegen Nr. {referred.pk}").click()
    manager.get_by_label("oder ein Eintrag des Wegweisers").select_option(label="Bürgeramt Linden")
    manager.get_by_label("Hinweis für die Einreichenden", exact=True).fill("Das Bürgeramt genehmigt Osterfeuer.")
    submit(manager, "Weitervermitteln und abschließen")
    assert "weitervermittelt und abgeschlossen" in manager.locator("main").inner_text()

    manager.goto(f"{base}/verwaltung/anliegen/{cared.pk}/")
    submit(manager, "Als Kümmerer übernehmen")
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    later = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    for what, unit, network, due in (
        ("Klettergerüst prüfen und sperren", w["parks"].pk, "", yesterday),
        ("Spendenaktion für ein neues Gerüst", None, "Runder Tisch Linden-Süd", later),
    ):
        manager.get_by_label("Was", exact=True).fill(what)
        if unit:
            manager.get_by_label("Wer: ein Fachbereich").select_option(value=str(unit))
        else:
            manager.get_by_label("oder ein Netzwerk").fill(network)
        manager.get_by_label("Fällig am").fill(due)
        submit(manager, "Schritt hinzufügen")
        assert "Der Schritt wurde hinzugefügt" in manager.locator("main").inner_text()

    member = new_page(java_script_enabled=javascript)
    login(member, live_server, w["parks_member"])
    member.goto(f"{base}/verwaltung/anliegen/")
    member.get_by_role("link", name=f"Anliegen Nr. {cared.pk}").click()
    member.get_by_label("Nachricht zum Stand an die Einreichenden").fill(
        "Das Gerüst ist gesperrt, Ersatz ist bestellt."
    )
    submit(member, "Nachricht senden")
    assert "wurde gemailt" in member.locator("main").inner_text()

    bodies = "\n".join(message.body for message in mail.outbox if message.to == [RESIDENT])
    assert "Bürgeramt Linden" in bodies and "Osterfeuer" in bodies
    assert "Ersatz ist bestellt" in bodies and "kümmert sich" in bodies
    resident.goto(base + links[0])
    text = resident.locator("main").inner_text()
    assert "Weitervermittelt" in text and "Bürgeramt Linden" in text and "buergeramt.linden@" in text
    resident.goto(base + links[1])
    text = resident.locator("main").inner_text()
    assert "In Arbeit" in text and "Ersatz ist bestellt" in text and "Überfällig" in text
    assert "Runder Tisch Linden-Süd" in text and "Intern" not in text
    assert Concern.objects.get(pk=cared.pk).status == ConcernStatus.IN_PROGRESS

    # Nobody else sees either concern.
    for who in ("other_manager", "other_member"):
        outsider = new_page(java_script_enabled=javascript)
        login(outsider, live_server, w[who])
        for concern in (referred, cared):
            response = outsider.goto(f"{base}/verwaltung/anliegen/{concern.pk}/")
            assert response.status == 403, who
            assert RESIDENT not in outsider.content()
        outsider.goto(f"{base}/verwaltung/anliegen/?stand=alle")
        assert "Keine Anliegen" in outsider.locator("main").inner_text()
    anonymous = new_page(java_script_enabled=javascript)
    for concern in (referred, cared):
        anonymous.goto(f"{base}/verwaltung/anliegen/{concern.pk}/")
        assert "/anmelden/" in anonymous.url
    assert anonymous.goto(f"{base}/anliegen/status/erraten/").status == 404
    for path in ("/anliegen/veroeffentlicht/", "/open311/v2/requests.json"):
        anonymous.goto(base + path)
        assert "Osterfeuer" not in anonymous.content() and "Klettergerüst" not in anonymous.content()


def test_axe_on_the_form_the_status_page_and_the_staff_pages(axe_page, live_server):
    from stadtdialog.districts import services_concerns as services
    from tests.districts.test_concerns import bring

    w = concern_world()
    base = live_server.url
    check_pages_with_axe(axe_page, base, ["/anliegen/neu/", "/anliegen/danke/", "/anliegen/veroeffentlicht/"])
    axe_page.goto(f"{base}/anliegen/neu/")
    axe_page.get_by_role("button", name="Anliegen absenden").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator("#form-errors").count() == 1
    assert_no_axe_violations(axe_page)

    fresh = bring(w, consent_publish=True)
    submitted = bring(w)
    concern = submitted.concern
    services.take_care(w["manager"], concern)
    services.add_step(
        w["manager"], concern, what="Prüfen", unit=w["parks"], due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    services.add_update(w["parks_member"], concern, text="Ersatz bestellt.")
    services.add_note(w["manager"], concern, text="Intern")
    referred = bring(w).concern
    services.refer(w["manager"], referred, contact_point=w["easter"], note="Bitte dort melden.")
    services.publish_summary(w["manager"], fresh.concern, summary="Spielgerät gesperrt.")
    check_pages_with_axe(
        axe_page,
        base,
        [
            f"/anliegen/status/{submitted.token}/",
            f"/anliegen/status/{submitted.token}/loeschen/",
            f"/anliegen/status/{fresh.token}/",
            "/anliegen/veroeffentlicht/",
        ],
    )
    login(axe_page, live_server, w["manager"])
    check_pages_with_axe(
        axe_page,
        base,
        [
            "/verwaltung/anliegen/",
            "/verwaltung/anliegen/?stand=ueberfaellig",
            f"/verwaltung/anliegen/{concern.pk}/",
            f"/verwaltung/anliegen/{fresh.concern.pk}/",
            f"/verwaltung/anliegen/{referred.pk}/",
        ],
    )
    axe_page.goto(f"{base}/verwaltung/anliegen/{fresh.concern.pk}/")
    axe_page.get_by_role("button", name="Weitervermitteln und abschließen").click()
    axe_page.wait_for_load_state()
    assert axe_page.locator("#form-errors").count() == 1
    assert_no_axe_violations(axe_page)
    admin_page = axe_page.context.browser.new_context(bypass_csp=True, locale="de-DE").new_page()
    login(admin_page, live_server, w["admin"])
    check_pages_with_axe(
        admin_page,
        base,
        [
            "/verwaltung/anliegen/kategorien/",
            "/verwaltung/anliegen/kategorien/neu/",
            f"/verwaltung/anliegen/kategorien/{w['green'].pk}/",
            "/verwaltung/anliegen/open311/",
        ],
    )
    admin_page.context.close()
