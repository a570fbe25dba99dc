"""Staff forms that explain themselves (issue 16, item 7) in a real browser under the site's strict CSP: the rich-text
editor filled with JavaScript on and off, "add another" rows, the marker of the parts publishing needs, and the focus
on the error summary after a failed submit; axe finds nothing on the enhanced forms."""

import datetime

import pytest
from django.utils import timezone

from stadtdialog.plans.models import Plan
from stadtdialog.processes import services as process_services
from tests.factories import PlanFactory, districts

from .conftest import assert_no_axe_violations, axe_report, login
from .data import department, department_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_errors(page) -> list[str]:
    """Script errors and CSP refusals (console errors) of the page."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def save(page):
    page.locator("main form button[type=submit]:not([name])").first.click()
    page.wait_for_load_state()


@pytest.fixture
def staff_and_plan():
    unit = department()
    staff = department_staff(unit, full_name="Jana Petersen")
    plan = PlanFactory(title="Neugestaltung Küchengarten", lead_unit=unit, districts=districts(10))
    return staff, plan


def iso(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_the_rich_text_editor_with_javascript(page, live_server, staff_and_plan):
    staff, plan = staff_and_plan
    errors = watch_errors(page)
    login(page, live_server, staff)
    page.goto(f"{live_server.url}/verwaltung/vorhaben/{plan.pk}/bearbeiten/")
    editor = page.locator("#id_description-editor")
    assert editor.is_visible()
    assert not page.locator("#id_description").is_visible()  # the textarea stays in the form, hidden
    assert editor.get_attribute("role") == "textbox"
    assert editor.get_attribute("aria-label").startswith("Beschreibung")
    assert page.get_by_role("toolbar", name="Formatierung").is_visible()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("Mehr Schatten für den Platz. ")
    page.get_by_role("button", name="Fett").click()
    page.keyboard.type("Bäume zuerst")
    page.get_by_role("button", name="Fett").click()  # bold off again
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Liste", exact=True).click()
    page.keyboard.type("Linden")
    save(page)
    plan.refresh_from_db()
    assert "Mehr Schatten für den Platz." in plan.description
    assert "<b>Bäume zuerst</b>" in plan.description or "<strong>Bäume zuerst</strong>" in plan.description
    assert "<li>Linden</li>" in plan.description
    assert "style=" not in plan.description
    assert errors == []  # no script error, no CSP refusal


def test_the_rich_text_field_without_javascript_is_a_plain_textarea(no_js_page, live_server, staff_and_plan):
    staff, plan = staff_and_plan
    page = no_js_page
    login(page, live_server, staff)
    page.goto(f"{live_server.url}/verwaltung/vorhaben/{plan.pk}/bearbeiten/")
    assert page.locator("#id_description-editor").count() == 0
    area = page.locator("#id_description")
    assert area.is_visible()
    area.fill('<p>Ohne Skript <strong>geht es auch</strong>.</p><script>alert(1)</script><p style="color:red">rot</p>')
    save(page)
    plan = Plan.objects.get(pk=plan.pk)
    assert "<strong>geht es auch</strong>" in plan.description
    assert "<script" not in plan.description and "style=" not in plan.description  # sanitised as before


def test_goals_and_phases_several_at_a_time_and_the_publishing_marker(page, live_server, staff_and_plan):
    staff, plan = staff_and_plan
    process = process_services.create_process(staff, plan, title="Bäume am Küchengarten")
    errors = watch_errors(page)
    login(page, live_server, staff)
    page.goto(f"{live_server.url}/verwaltung/beteiligung/{process.pk}/konzept/")
    subject_label = page.locator("label[for=id_subject]").inner_text()
    assert "für die Veröffentlichung nötig" in subject_label and "optional" not in subject_label
    assert "optional" in page.locator("label[for=id_advisory_group]").inner_text()
    goal_rows = page.locator("#goals [data-formset-rows] > fieldset")
    assert goal_rows.count() == 2  # the server's two empty rows ...
    assert page.locator("#goals [data-formset-rows] > fieldset:visible").count() == 1  # ... one shown with JS
    add = page.get_by_role("button", name="Weiteres Ziel hinzufügen")
    add.click()
    add.click()  # the hidden row, then a new one from the template
    assert page.locator("#goals [data-formset-rows] > fieldset:visible").count() == 3
    assert page.locator("#id_goals-TOTAL_FORMS").input_value() == "3"
    assert page.evaluate("document.activeElement.id") == "id_goals-2-description"
    for index, (goal, indicator) in enumerate(
        [("Schatten", "Zahl der Bäume"), ("Mitreden", "Beiträge"), ("Wasser", "Trinkbrunnen")]
    ):
        page.locator(f"#id_goals-{index}-description").fill(goal)
        page.locator(f"#id_goals-{index}-indicator").fill(indicator)
        page.locator(f"#id_goals-{index}-target_value").fill("mindestens 3")
        page.locator(f"#id_goals-{index}-due_date").fill(iso(90))
    page.get_by_role("button", name="Weitere Phase hinzufügen").click()
    for index, title in enumerate(["Online-Dialog", "Werkstatt"]):
        page.locator(f"#id_phases-{index}-title").fill(title)
        page.locator(f"#id_phases-{index}-kind").select_option(index=1)
        page.locator(f"#id_phases-{index}-format").select_option(index=1)
        page.locator(f"#id_phases-{index}-channel").select_option(index=1)
        page.locator(f"#id_phases-{index}-start").fill(iso(10 + index * 30))
        page.locator(f"#id_phases-{index}-end").fill(iso(30 + index * 30))
    save(page)
    process.refresh_from_db()
    assert sorted(g.description for g in process.concept.goals.all()) == ["Mitreden", "Schatten", "Wasser"]
    assert sorted(p.title for p in process.phases.all()) == ["Online-Dialog", "Werkstatt"]
    assert errors == []


def test_without_javascript_the_empty_rows_are_there(no_js_page, live_server, staff_and_plan):
    staff, plan = staff_and_plan
    process = process_services.create_process(staff, plan, title="Bäume am Küchengarten")
    page = no_js_page
    login(page, live_server, staff)
    page.goto(f"{live_server.url}/verwaltung/beteiligung/{process.pk}/konzept/")
    assert page.locator("#goals [data-formset-rows] > fieldset:visible").count() == 2
    assert page.locator("#phases [data-formset-rows] > fieldset:visible").count() == 2
    assert page.get_by_role("button", name="Weiteres Ziel hinzufügen").count() == 0
    for index, goal in enumerate(["Schatten", "Wasser"]):
        page.locator(f"#id_goals-{index}-description").fill(goal)
        page.locator(f"#id_goals-{index}-indicator").fill("Zahl")
        page.locator(f"#id_goals-{index}-target_value").fill("3")
        page.locator(f"#id_goals-{index}-due_date").fill(iso(90))
    save(page)
    process.refresh_from_db()
    assert process.concept.goals.count() == 2


def test_after_a_failed_submit_the_focus_is_on_the_error_summary(page, live_server, staff_and_plan):
    staff, plan = staff_and_plan
    process = process_services.create_process(staff, plan, title="Bäume am Küchengarten")
    login(page, live_server, staff)
    page.goto(f"{live_server.url}/verwaltung/beteiligung/{process.pk}/konzept/")
    page.locator("#id_goals-0-description").fill("Ein Ziel ohne Messgröße")
    save(page)
    summary = page.locator("#form-errors")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert page.locator("#id_goals-0-description").input_value() == "Ein Ziel ohne Messgröße"  # kept


def test_axe_finds_nothing_on_the_enhanced_forms(axe_page, live_server, staff_and_plan):
    staff, plan = staff_and_plan
    process = process_services.create_process(staff, plan, title="Bäume am Küchengarten")
    login(axe_page, live_server, staff)
    for path in (f"/verwaltung/vorhaben/{plan.pk}/bearbeiten/", f"/verwaltung/beteiligung/{process.pk}/konzept/"):
        axe_page.goto(f"{live_server.url}{path}")
        axe_page.locator("#id_description-editor, [data-formset] .formset-add").first.wait_for()
        assert_no_axe_violations(axe_page)


# --- one look (issue 16): the staff pages whose hand-made components became the shared ones -------------------------

WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) wide.push(el.tagName.toLowerCase() + "." + el.className);
  }
  return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 5)};
}"""


def check_at_375_px(page, base_url, paths, problems):
    """axe-core finds nothing and the page is not wider than a 375 px phone; what is wrong goes into problems."""
    for path in paths:
        if path.startswith("post:"):  # the page as it is now, after a submit
            path = path[5:]
        else:
            assert page.goto(f"{base_url}{path}").status == 200, path
        width = page.evaluate(WIDER_THAN_THE_SCREEN)
        if width["scroll"] > width["width"]:
            problems.append(f"{path}: {width['scroll']} px wide > {width['width']} px: {width['wide']}")
        report = axe_report(page)
        if report:
            problems.append(report)


def test_the_staff_pages_with_shared_components_pass_axe_at_375_px(new_page, live_server):
    from stadtdialog.accounts.models import Role
    from stadtdialog.districts import services_concerns
    from stadtdialog.moderation import services as moderation
    from stadtdialog.office import services as office_services
    from stadtdialog.sortition.services.selection import feasibility, set_quotas
    from tests.dialog.dialog_factories import ContributionFactory
    from tests.districts.test_concerns import bring, concern_world
    from tests.evaluation.factories import started
    from tests.factories import UserFactory, staff_user
    from tests.office.factories import at, equipment, next_weekday, request, room
    from tests.organisation.helpers import admin
    from tests.sortition_app.factories import balanced_bounds, coordinator, sortition_with_pool

    base = live_server.url
    problems: list[str] = []

    def phone(user):
        page = new_page(viewport={"width": 375, "height": 800}, bypass_csp=True)
        login(page, live_server, user)
        return page

    # moderation: a reported contribution, its quote and the moderator's steps as form stacks
    moderator = staff_user(kind=Role.Kind.MODERATOR, full_name="Mona Moderation")
    contribution = ContributionFactory(title="Gemeiner Beitrag", text="Einsehrlangeswortohneleerzeichen" * 6)
    moderation.flag(None, contribution, "Beleidigt die Nachbarschaft.")
    page = phone(moderator)
    case = f"/verwaltung/moderation/fall/?inhalt=contribution-{contribution.pk}"
    check_at_375_px(page, base, [case], problems)
    assert page.locator("blockquote.quote").count() == 1
    page.get_by_role("button", name="Ausblenden").click()  # no reason: the shared error summary
    page.wait_for_load_state()
    assert page.locator("#form-errors").count() == 1
    check_at_375_px(page, base, [f"post:{case}"], problems)

    # a concern the manager takes care of, with a step to mark as done (the inline form)
    world = concern_world()
    concern = bring(world).concern
    services_concerns.take_care(world["manager"], concern)
    services_concerns.add_step(
        world["manager"], concern, what="Prüfen", unit=world["parks"], due_on=timezone.localdate()
    )
    page = phone(world["manager"])
    check_at_375_px(page, base, [f"/verwaltung/anliegen/{concern.pk}/"], problems)
    assert page.locator("form.inline-form").count() >= 1

    # the office's pages with the shared section navigation, a late return with its KERN badge
    office = staff_user(Role.Kind.COORDINATION)
    hall, projector = room(slug="saal"), equipment(slug="beamer")
    booking = request(UserFactory(), room=hall, quantities={projector: 1}, start=at(next_weekday(1), 18))
    office_services.approve_booking(office, booking)
    page = phone(office)
    office_pages = [
        "/verwaltung/raeume/",
        "/verwaltung/raeume/kalender/",
        "/verwaltung/raeume/auslastung/",
        "/verwaltung/raeume/sperrzeiten/",
        f"/verwaltung/raeume/buchungen/{booking.pk}/",
    ]
    check_at_375_px(page, base, office_pages, problems)
    page.goto(f"{base}/verwaltung/raeume/auslastung/")
    current = page.locator("nav.section-nav a[aria-current=page]")
    assert current.count() == 1 and current.inner_text() == "Auslastung"

    # the sortition's quotas that the pool cannot meet: the blocking row
    sortition_staff = coordinator()
    sortition = sortition_with_pool(sortition_staff, respondents=12)
    values = {v.key: v for f in sortition.features.all() for v in f.values.all()}
    bounds = balanced_bounds(sortition)
    bounds[values["alt"].pk] = (6, 6)
    bounds[values["jung"].pk] = (0, 0)
    bounds[values["mittel"].pk] = (0, 0)
    bounds[values["w"].pk] = (4, 6)
    bounds[values["m"].pk] = (0, 2)
    set_quotas(sortition_staff, sortition, bounds)
    assert feasibility(sortition) is not None
    page = phone(sortition_staff)
    check_at_375_px(page, base, [f"/verwaltung/losverfahren/{sortition.pk}/quoten/"], problems)
    assert page.locator("tr.is-blocking").count() == 1

    # the goal assessment with an error: the shared summary links to the field
    process, _evaluation, lead = started()
    page = phone(lead)
    goals = f"/verwaltung/beteiligung/{process.pk}/evaluation/ziele/"
    page.goto(f"{base}{goals}")
    page.locator("main form textarea, main form input[type=text]").last.fill("nur ein Kommentar")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    summary = page.locator("#form-errors")
    assert summary.count() == 1 and summary.locator("a").count() >= 1
    target = summary.locator("a").first.get_attribute("href")
    assert page.locator(target).count() == 1, target
    check_at_375_px(page, base, [f"post:{goals}"], problems)

    # organisation: the unit tree
    page = phone(admin())
    check_at_375_px(page, base, ["/verwaltung/organisation/"], problems)

    assert not problems, "\n\n".join(problems)
