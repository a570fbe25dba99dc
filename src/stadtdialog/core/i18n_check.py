"""Find interface strings that have no German translation.

Collects the msgids of every template (Django's and Jinja2's) and Python module of the project in pure Python (no GNU
gettext needed) and compares them with the German catalogues Django has loaded.
"""

import ast
import re
from pathlib import Path

from django.utils import translation
from django.utils.translation.template import templatize

GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
# templatize turns {% translate %} and {% blocktranslate %} into gettext(u'...') calls
_LITERAL = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
TEMPLATIZED_CALL = re.compile(rf"\b(?:n?gettext\(|pgettext\({_LITERAL}\s*,\s*)({_LITERAL})")


def _python_msgids(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT_NAMES:
            args = node.args[1:] if node.func.id.startswith("pgettext") else node.args
            if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                found.add(args[0].value)
    return found


def _template_msgids(path: Path) -> set[str]:
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    return {ast.literal_eval(literal) for literal in TEMPLATIZED_CALL.findall(code)}


def _jinja_msgids(path: Path) -> set[str]:
    """The msgids of a Jinja2 template (<app>/jinja2/): _(), gettext() and ngettext() calls and trans blocks."""
    from jinja2 import Environment

    found = set()
    for _line, _function, message in Environment(extensions=["jinja2.ext.i18n"]).extract_translations(
        path.read_text(encoding="utf-8")
    ):
        singular = message[0] if isinstance(message, tuple) else message  # a plural is keyed by its singular
        if isinstance(singular, str):
            found.add(singular)
    return found


def project_msgids(root: Path) -> dict[str, set[str]]:
    """{msgid: {files}} for every translatable string under root."""
    found: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*")):
        if "migrations" in path.parts or "algorithm" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            ids = _python_msgids(path)
        elif path.suffix in {".html", ".txt"} and "templates" in path.parts:
            ids = _template_msgids(path)
        elif path.suffix == ".html" and "jinja2" in path.parts:
            ids = _jinja_msgids(path)
        else:
            continue
        for msgid in ids:
            found.setdefault(msgid, set()).add(str(path.relative_to(root)))
    return found


def untranslated(root: Path) -> dict[str, set[str]]:
    catalog = translation.trans_real.translation("de")._catalog
    # plural entries are keyed (msgid, form) in the catalogue
    return {
        msgid: files
        for msgid, files in project_msgids(root).items()
        if msgid and msgid not in catalog and (msgid, 0) not in catalog
    }
