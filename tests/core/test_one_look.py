"""One look (issue 16, item 3): staff pages use the components of the public pages. A static scan of the templates
for the hand-made components that were retired: own paginations, error summaries and tab navigations, classes that
no stylesheet defines, drafts marked in plain text."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "stadtdialog"
# other helpers own these apps' templates this round
NOT_SCANNED = ("dialog/", "api/")
# a booking request lists the dates that cannot be booked in place of the form's own message (public page)
OWN_SUMMARIES = {"office/templates/office/request.html"}
# alerts that carry id="form-errors" for the focus script but are no form's error summary: a refusal to remove a
# committee member, the notice that the comment period has ended (with the text that was not saved)
NOT_A_SUMMARY = {
    "office/templates/office/funding/staff_member_remove.html",
    "reports/templates/reports/report_detail.html",
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


def test_the_focus_target_of_an_error_summary_is_only_the_shared_one():
    """id="form-errors" marks the one error summary (static/js/error-summary.js moves the focus there)."""
    found = [
        name for name, text in templates() if 'id="form-errors"' in text and name not in OWN_SUMMARIES | NOT_A_SUMMARY
    ]
    assert found == []
    shared = (SRC / "core/templates/core/_error_summary.html").read_text(encoding="utf-8")
    assert 'id="form-errors"' in shared and "{% include more %}" in shared
    # the pages with several forms or formsets hand their linked items to the shared summary
    for name in (
        "processes/templates/processes/staff_concept.html",
        "evaluation/templates/evaluation/staff_goals.html",
    ):
        assert 'include "core/_error_summary.html" with' in (SRC / name).read_text(encoding="utf-8"), name


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
        "office/templates/office/_staff_nav.html",
    ):
        assert 'class="section-nav"' in (SRC / name).read_text(encoding="utf-8"), name


# --- every class of a staff page has a rule in a stylesheet ---------------------------------------------------------

TEMPLATE_DIRS = ("templates", "jinja2")
# KERN's own markup without a rule of its own in kern.min.css (KERN styles the table's rows and cells)
NO_RULE_NEEDED = {"kern-table__head"}
# hooks for scripts (static/js) that carry no look; none on staff pages yet
JS_HOOKS: set[str] = set()


def _all_templates():
    found = {}
    for folder in TEMPLATE_DIRS:
        for path in SRC.glob(f"*/{folder}/**/*.html"):
            found[path.relative_to(SRC / path.relative_to(SRC).parts[0] / folder).as_posix()] = path
    return found


def staff_templates():
    """The templates the staff views render (views_staff*.py), those named staff, and all they include."""
    every = _all_templates()
    names = {n for n in every if "staff" in n}
    for module in SRC.glob("*/views_staff*.py"):
        names |= {n for n in re.findall(r'"([\w/.-]+\.html)"', module.read_text(encoding="utf-8")) if n in every}
    todo = list(names)
    while todo:
        for used in re.findall(r'{%\s*(?:include|extends)\s+"([^"]+)"', every[todo.pop()].read_text(encoding="utf-8")):
            if used in every and used not in names and used != "base.html":
                names.add(used)
                todo.append(used)
    return {name: every[name] for name in sorted(names)}


def defined_classes():
    sheets = [
        SRC.parent.parent / "static/vendor/kern/kern.min.css",
        *SRC.parent.parent.glob("static/css/*.css"),
        *SRC.glob("*/static/*/*.css"),
    ]
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", "\n".join(p.read_text(encoding="utf-8") for p in sheets)))


def used_classes(text):
    """The fixed class names of a template; a name made with a template variable (kern-badge--{{ x }}) is left out."""
    for value in re.findall(r'class="([^"]*)"', text):
        yield from re.sub(r"[\w-]*{[{%].*?[}%]}[\w-]*", " ", value).split()


def test_staff_templates_are_found():
    names = staff_templates()
    assert len(names) > 150
    assert {"moderation/case.html", "sortition/staff_quotas.html", "office/_staff_nav.html"} <= names.keys()


def test_every_class_on_a_staff_page_has_a_css_rule():
    defined = defined_classes() | NO_RULE_NEEDED | JS_HOOKS
    missing = sorted(
        f"{name}: {cls}"
        for name, path in staff_templates().items()
        for cls in set(used_classes(path.read_text(encoding="utf-8")))
        if cls not in defined
    )
    assert missing == []


def test_the_class_check_catches_a_class_without_css():
    defined = defined_classes()
    assert "form-narrow" not in defined and "inline-form" in defined and "quote" in defined
    assert list(used_classes('<form class="form-narrow kern-badge--{{ state }} {% if x %}is-y{% endif %}">')) == [
        "form-narrow"
    ]


def test_a_draft_is_marked_with_the_one_badge():
    badge = (SRC / "core/templates/core/_draft_badge.html").read_text(encoding="utf-8")
    assert "kern-badge" in badge and 'translate "Draft – not public"' in badge
    plain = [
        name
        for name, path in staff_templates().items()
        if name != "core/_draft_badge.html"
        and re.search(r'translate "Draft( – not public)?"', path.read_text(encoding="utf-8"))
    ]
    assert plain == []
