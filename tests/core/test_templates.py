"""Partials are named with a leading underscore, pages without one.

A partial is a template that is included in another (`{% include "…" %}`) or extended as a piece of a
page (`{% extends "…" %}`). A page is a template that a view renders (render(), template_name,
render_to_string for an e-mail body, render_pdf for a PDF).
"""

import re
from pathlib import Path

import stadtdialog

SRC = Path(stadtdialog.__file__).parent
TEMPLATE_DIRS = sorted(p for p in SRC.glob("*/templates") if p.is_dir()) + sorted(
    p for p in SRC.glob("*/jinja2") if p.is_dir()
)

INCLUDE = re.compile(r"""{%-?\s*include\s+["']([^"']+)["']""")
EXTENDS = re.compile(r"""{%-?\s*extends\s+["']([^"']+)["']""")
RENDERED = re.compile(
    r"""\b(?:render|render_to_string|render_pdf)\(\s*(?:request\s*,\s*)?["']([\w/.-]+\.(?:html|txt))["']"""
)
# class-based views name their page in an attribute (a widget's template_name is a piece, not a page)
VIEW_ATTRIBUTE = re.compile(
    r"""\b(?:template_name|email_template_name|subject_template_name)\s*=\s*["']([\w/.-]+)["']"""
)

# base.html is the frame every page extends; it is a layout, not a piece, and keeps its name.
EXTENDED_LAYOUTS = {"base.html"}


def template_files():
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.suffix in {".html", ".txt"}:
                yield path.relative_to(directory).as_posix(), path


def pieces() -> dict[str, set[str]]:
    """Every template name that another template includes or extends (base.html aside), with where."""
    found: dict[str, set[str]] = {}
    for name, path in template_files():
        text = path.read_text(encoding="utf-8")
        for pattern in (INCLUDE, EXTENDS):
            for target in pattern.findall(text):
                if target not in EXTENDED_LAYOUTS and not target.startswith("django/"):  # Django's own
                    found.setdefault(target, set()).add(name)
    return found


def pages() -> dict[str, set[str]]:
    """Every template name that Python code renders as a whole page, e-mail or PDF, with where."""
    found: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        names = RENDERED.findall(text) + (VIEW_ATTRIBUTE.findall(text) if path.name.startswith("views") else [])
        for name in names:
            found.setdefault(name, set()).add(str(path.relative_to(SRC)))
    return found


def is_partial_name(name: str) -> bool:
    return name.rsplit("/", 1)[-1].startswith("_")


def test_the_walk_finds_templates_includes_and_pages():
    names = {name for name, _path in template_files()}
    assert "base.html" in names
    assert "core/_field.html" in names
    assert "core/_form_fields.html" in pieces()
    assert "core/staff_confirm.html" in pages()


def test_every_included_or_extended_template_is_named_as_a_partial():
    wrong = {name: sorted(where) for name, where in pieces().items() if not is_partial_name(name)}
    assert wrong == {}, "included or extended as a piece, but its name does not start with '_'"


def test_no_partial_is_rendered_as_a_page():
    wrong = {name: sorted(where) for name, where in pages().items() if is_partial_name(name)}
    assert wrong == {}, "rendered as a page, but its name starts with '_'"


def test_every_named_template_exists():
    names = {name for name, _path in template_files()}
    missing = {name: sorted(where) for name, where in {**pieces(), **pages()}.items() if name not in names}
    assert missing == {}, "named in an include, extends or render, but no such template"
