"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser), and axe-core.

Run with `make test-browser` (= pytest -m browser). Pages are served by pytest-django's live_server.
"""

import importlib
import os
import shutil
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture(autouse=True)
def _shipped_data(transactional_db):
    """Browser tests need a transactional database (the live server reads in another thread), which is
    emptied after each test; load the pages the migrations ship again (the city: tests/conftest.py)."""
    from django.apps import apps

    for module in (
        "stadtdialog.core.migrations.0002_default_pages",
        "stadtdialog.core.migrations.0005_pages_barrier_reports",  # the sign-language page, the footer's order
    ):
        migration = importlib.import_module(module)
        (getattr(migration, "create", None) or migration.forwards)(apps, None)


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install chromium (.ci/run does this)")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            yield instance
            instance.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _local_only(route):
    """Tests never reach the internet (map tiles and the like are answered with an error)."""
    host = route.request.url.split("/")[2].split(":")[0]
    if host in {"localhost", "127.0.0.1"} or route.request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def _context(browser, **options):
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin", **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", _local_only)
    return context


@pytest.fixture
def page(browser):
    """A page in a fresh context (no cookies), German locale, Berlin time; the site's CSP applies."""
    context = _context(browser)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_page(browser):
    """A page whose context bypasses the CSP, so that axe-core can be injected."""
    context = _context(browser, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = _context(browser, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_page(browser):
    """Make more pages (e.g. a staff member and an anonymous visitor side by side)."""
    contexts = []

    def make(**options):
        context = _context(browser, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def login(page, live_server, user, password=None):
    """Log in through the login form, as a person would."""
    from tests.factories import PASSWORD

    page.goto(f"{live_server.url}/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(user.email)
    page.get_by_label("Passwort").fill(password or PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/anmelden/" not in page.url, f"login failed: {page.locator('main').inner_text()[:400]}"


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')).slice(0, 8),
            }));
        }""",
        AXE_TAGS,
    )


def axe_report(page) -> str:
    """A readable list of axe-core's violations on the current page ("" when there are none)."""
    violations = axe_violations(page)
    if not violations:
        return ""
    lines = [f"axe-core found {len(violations)} violation(s) on {page.url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    at {target}" for target in v["targets"])
    return "\n".join(lines)


def assert_no_axe_violations(page) -> None:
    report = axe_report(page)
    if report:
        pytest.fail(report, pytrace=False)


def check_pages_with_axe(page, base_url: str, paths: list[str]) -> None:
    """Visit every path (one h1 each) and fail once, listing the violations of all pages."""
    reports = []
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, f"{path} must have exactly one h1"
        report = axe_report(page)
        if report:
            reports.append(report)
    if reports:
        pytest.fail("\n\n".join(reports), pytrace=False)


def fill_rich_text(page, selector: str, text: str) -> None:
    """Type into the rich-text editor (static/js/richtext.js) that replaces the textarea `selector`, as a person
    would: select what is there and write over it."""
    editor = page.locator(f"{selector}-editor")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)
