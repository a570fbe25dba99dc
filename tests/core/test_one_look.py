"""One look (issue 16, item 3): staff pages use the components of the public pages. A static scan of the templates
for the hand-made components that were retired: own paginations, error summaries and tab navigations."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "stadtdialog"
# other helpers own these apps' templates this round; processes/_staff_concept_errors.html lists formset rows and
# evaluation/staff_goals.html several forms (both in the KERN alert of the one summary)
NOT_SCANNED = ("dialog/", "office/", "api/")
OWN_SUMMARIES = {
    "processes/templates/processes/_staff_concept_errors.html",
    "evaluation/templates/evaluation/staff_goals.html",
}
RETIRED = {
    "outcomes-nav": r'class="[^"]*\boutcomes-nav\b',
    "evaluation-nav": r'class="[^"]*\bevaluation-nav\b',
    "a list of pages of its own": r'<ul class="pagination"',
    "an error summary of its own": r"Please check your input",
}
SHARED = {"core/jinja2/core/_page_links.html", "core/templates/core/_error_summary.html"}


def templates():
    for path in sorted(SRC.glob("*/*/**/*.html")):
        name = path.relative_to(SRC).as_posix()
        shown = "/templates/" in name or "/jinja2/" in name
        if shown and not name.startswith(NOT_SCANNED) and name not in SHARED:
            yield name, path.read_text(encoding="utf-8")


def test_no_template_has_a_retired_hand_made_component():
    found = [
        f"{name}: {what}"
        for name, text in templates()
        for what, pattern in RETIRED.items()
        if re.search(pattern, text) and not (what == "an error summary of its own" and name in OWN_SUMMARIES)
    ]
    assert found == []


def test_the_retired_classes_have_no_css_left():
    css = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [*SRC.parent.parent.glob("static/css/*.css"), *SRC.glob("*/static/*/*.css")]
    )
    assert ".outcomes-nav" not in css and ".evaluation-nav" not in css
    assert ".section-nav" in css


def test_staff_section_navigations_use_the_shared_one():
    for name in (
        "sortition/templates/sortition/_staff_nav.html",
        "evaluation/templates/evaluation/_staff_nav.html",
        "outcomes/templates/outcomes/_staff_nav.html",
        "core/templates/core/staff_barrier_reports.html",
    ):
        assert 'class="section-nav"' in (SRC / name).read_text(encoding="utf-8"), name
