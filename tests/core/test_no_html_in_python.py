"""Markup lives in templates: no module under src/stadtdialog writes HTML in a Python string literal.

Allowed: docstrings (they may name an element), and inside templatetags modules a format_html() whose format
string is a single element. Demo data texts are content (rich text of plans, processes and reports as an
editor would type it), not markup of the interface.
"""

import ast
import re
from pathlib import Path

import stadtdialog

SOURCE = Path(stadtdialog.__file__).parent
# An element's start or end tag (<p>, <a href="…">, </li>, <br/>), a comment or a doctype; not a URL pattern's
# converter such as <int:pk>, nor a comparison.
MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>|<!--|<!DOCTYPE", re.IGNORECASE)
START_TAG = re.compile(r"<[a-zA-Z]")
# Demo data: the texts of the Hannover demo are content, not interface markup.
EXEMPT = [SOURCE / "demo"]
# Single modules whose strings hold HTML that is not interface markup, with the reason.
EXEMPT_MODULES = {
    SOURCE
    / "core"
    / "migrations"
    / "0002_default_pages.py": "the first rich text of the legal and help pages (content)",
    SOURCE / "core" / "migrations" / "0005_pages_barrier_reports.py": "the first rich text of the sign-language page",
    SOURCE / "core" / "sanitize.py": "turns sanitised rich text into plain text: reads tags, writes none",
}


def modules() -> list[Path]:
    return sorted(
        path
        for path in SOURCE.rglob("*.py")
        if path not in EXEMPT_MODULES and not any(path.is_relative_to(folder) for folder in EXEMPT)
    )


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def url_patterns(tree: ast.AST) -> set[int]:
    """The routes of path() and re_path() ("passwort-neu/<uidb64>/<token>/"): converters, not elements."""
    return {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("path", "re_path")
    }


def single_element_format_html(tree: ast.AST) -> set[int]:
    """The format strings of format_html() calls that hold one element."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            value = node.args[0].value
            if name == "format_html" and isinstance(value, str) and len(START_TAG.findall(value)) == 1:
                found.add(id(node.args[0]))
    return found


def markup_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    allowed = docstrings(tree) | url_patterns(tree)
    if "templatetags" in path.parts:
        allowed |= single_element_format_html(tree)
    return [
        f"{path.relative_to(SOURCE.parent) if path.is_relative_to(SOURCE) else path}:{node.lineno}: {node.value[:80]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in allowed
        and MARKUP.search(node.value)
    ]


def test_no_module_writes_html_in_a_string():
    found = [line for path in modules() for line in markup_in(path)]
    assert not found, "HTML markup in Python strings (move it to a template):\n" + "\n".join(found)


def test_the_check_finds_markup_and_allows_docstrings_routes_and_single_elements(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""A <p> in a docstring is allowed."""\n'
        "def f(x):\n"
        "    return f'<li class=\"a\">{x}</li>'\n"
        "urlpatterns = [path('<int:pk>/<token>/', view)]\n"
    )
    assert [line.split(": ", 1)[1] for line in markup_in(sample)] == ["'<li class=\"a\">'", "'</li>'"]
    tags = tmp_path / "templatetags"
    tags.mkdir()
    (tags / "sample.py").write_text("def f(u):\n    return format_html('<a href=\"{}\">x</a>', u)\n")
    assert markup_in(tags / "sample.py") == []
    (tags / "two.py").write_text("def f(u):\n    return format_html('<li><a href=\"{}\">x</a></li>', u)\n")
    assert len(markup_in(tags / "two.py")) == 1
