"""Interface strings and German catalogues of the apps, in pure Python (no GNU gettext needed).

Every app under ``src/stadtdialog`` keeps its German translations in its own catalogue,
``<app>/locale/de/LC_MESSAGES/django.po`` with the compiled ``django.mo`` beside it. The modules at
the project level (``settings.py``, ``urls.py``, ...) belong to core's catalogue.

This module finds the translatable strings of an app (Python modules, Django templates under
``templates/`` and Jinja2 templates under ``jinja2/``), reads and writes PO files and reads MO files.
``scripts/messages.py`` (``make messages``) uses it to build the catalogues;
``tests/core/test_translations.py`` uses it to check them.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation.template import templatize

# (context or None, msgid): the key of a message in a catalogue
Key = tuple[str | None, str]

CORE_APP = "core"
PROJECT_LEVEL_APP = CORE_APP
SKIPPED_DIRS = {"migrations", "algorithm", "locale", "static", "__pycache__"}

# name -> (index of the context argument or None, index of the msgid, index of the plural or None)
PYTHON_FUNCTIONS: dict[str, tuple[int | None, int, int | None]] = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
# templatize turns {% translate %}, {% blocktranslate %} and _("...") into calls of these
TEMPLATE_FUNCTIONS = {name: PYTHON_FUNCTIONS[name] for name in ("_", "gettext", "ngettext", "pgettext", "npgettext")}
_LITERAL = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_TEMPLATIZED_CALL = re.compile(
    rf"(?<![\w.])(npgettext|pgettext|ngettext|gettext|_)\(\s*((?:{_LITERAL}\s*,\s*)*{_LITERAL})"
)
_LITERAL_RE = re.compile(_LITERAL)
# a printf-style directive as xgettext recognises it for python-format
_PYTHON_FORMAT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")

PO_HEADER = (
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Language: de\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


@dataclass
class Message:
    """One translatable string as the code uses it."""

    context: str | None
    msgid: str
    plural: str | None = None
    files: set[str] = field(default_factory=set)

    @property
    def key(self) -> Key:
        return (self.context, self.msgid)


@dataclass
class Entry:
    """One entry of a PO catalogue; msgstrs holds one text, or one per plural form."""

    context: str | None
    msgid: str
    plural: str | None
    msgstrs: tuple[str, ...]
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> Key:
        return (self.context, self.msgid)

    @property
    def translated(self) -> bool:
        return "fuzzy" not in self.flags and bool(self.msgstrs) and all(self.msgstrs)


# --- where the strings are


def app_dirs(source: Path) -> dict[str, Path]:
    """{app label: folder} for every app (a folder with apps.py) under the source package."""
    return {path.parent.name: path.parent for path in sorted(source.glob("*/apps.py"))}


def catalogue_path(app_dir: Path) -> Path:
    return app_dir / "locale" / "de" / "LC_MESSAGES" / "django.po"


def _add(found: dict[Key, Message], context: str | None, msgid: str, plural: str | None, where: str) -> None:
    if not msgid:
        return
    message = found.setdefault((context, msgid), Message(context, msgid, plural))
    message.plural = message.plural or plural
    message.files.add(where)


def _python_messages(path: Path, where: str, found: dict[Key, Message]) -> None:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in PYTHON_FUNCTIONS:
            continue
        values = [
            arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None for arg in node.args
        ]
        context_at, msgid_at, plural_at = PYTHON_FUNCTIONS[name]
        if len(values) <= max(i for i in (context_at, msgid_at, plural_at) if i is not None):
            continue
        context = values[context_at] if context_at is not None else None
        msgid = values[msgid_at]
        plural = values[plural_at] if plural_at is not None else None
        if msgid is None or (context_at is not None and context is None) or (plural_at is not None and plural is None):
            continue
        _add(found, context, msgid, plural, where)


def _template_messages(path: Path, where: str, found: dict[Key, Message]) -> None:
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for name, arguments in _TEMPLATIZED_CALL.findall(code):
        values = [ast.literal_eval(literal) for literal in _LITERAL_RE.findall(arguments)]
        context_at, msgid_at, plural_at = TEMPLATE_FUNCTIONS[name]
        if len(values) <= max(i for i in (context_at, msgid_at, plural_at) if i is not None):
            continue
        context = values[context_at] if context_at is not None else None
        plural = values[plural_at] if plural_at is not None else None
        _add(found, context, values[msgid_at], plural, where)


def _jinja2_environment():
    import jinja2  # only needed when an app has Jinja2 templates

    extensions = ["jinja2.ext.i18n"]
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        backends = settings.TEMPLATES
    except ImproperlyConfigured:  # no settings: the i18n extension alone parses trans blocks
        backends = []
    for backend in backends:
        if backend["BACKEND"].endswith("Jinja2"):
            extensions += [e for e in backend.get("OPTIONS", {}).get("extensions", []) if e not in extensions]
    return jinja2.Environment(extensions=extensions)


def _jinja2_messages(path: Path, where: str, found: dict[Key, Message], environment) -> None:
    # yields (line, function, message); message is a str, or a tuple for ngettext/pgettext/npgettext
    for _line, name, message in environment.extract_translations(path.read_text(encoding="utf-8")):
        values = (message,) if isinstance(message, str) else tuple(message)
        if name not in TEMPLATE_FUNCTIONS:
            continue
        context_at, msgid_at, plural_at = TEMPLATE_FUNCTIONS[name]
        if len(values) <= msgid_at or not isinstance(values[msgid_at], str):
            continue
        context = values[context_at] if context_at is not None else None
        plural = values[plural_at] if plural_at is not None and len(values) > plural_at else None
        _add(found, context, values[msgid_at], plural if isinstance(plural, str) else None, where)


def messages_in(folder: Path, root: Path, files: list[Path] | None = None) -> dict[Key, Message]:
    """{key: message} for every translatable string in the folder's code and templates (or in files)."""
    found: dict[Key, Message] = {}
    environment = None
    paths = files if files is not None else sorted(folder.rglob("*"))
    for path in paths:
        parts = path.relative_to(folder).parts if files is None else ()
        if SKIPPED_DIRS.intersection(parts[:-1]) or not path.is_file():
            continue
        where = str(path.relative_to(root))
        if path.suffix == ".py":
            _python_messages(path, where, found)
        elif "jinja2" in parts[:-1]:
            environment = environment or _jinja2_environment()
            _jinja2_messages(path, where, found, environment)
        elif path.suffix in {".html", ".txt", ".xml", ".ics"} and "templates" in parts[:-1]:
            _template_messages(path, where, found)
    return found


def app_messages(source: Path) -> dict[str, dict[Key, Message]]:
    """{app label: {key: message}}; the modules at the project level count for core."""
    apps = app_dirs(source)
    result = {label: messages_in(folder, source.parent) for label, folder in apps.items()}
    project_level = messages_in(source, source.parent, files=sorted(source.glob("*.py")))
    for key, message in project_level.items():
        target = result[PROJECT_LEVEL_APP].setdefault(key, Message(message.context, message.msgid, message.plural))
        target.files |= message.files
        target.plural = target.plural or message.plural
    return result


# --- PO and MO files


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(line: str) -> str:
    text = line.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"not a quoted PO string: {line!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def read_po(path: Path) -> dict[Key, Entry]:
    """{key: entry} of a PO file; the header and obsolete (#~) entries are left out."""
    entries: dict[Key, Entry] = {}
    fields: dict[str, str] = {}
    flags: set[str] = set()
    current: str | None = None

    def finish() -> None:
        if "msgid" in fields and fields["msgid"]:
            plural_forms = sorted((int(k[7:-1]), v) for k, v in fields.items() if k.startswith("msgstr["))
            msgstrs = tuple(v for _i, v in plural_forms) if plural_forms else (fields.get("msgstr", ""),)
            entry = Entry(fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"), msgstrs, set(flags))
            entries[entry.key] = entry
        fields.clear()
        flags.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line and fields:
                finish()
            current = None if not line else current
            continue
        if line.startswith("#"):
            if fields and "msgid" in fields and current is not None and current.startswith("msgstr"):
                finish()
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"{path}: continuation without a keyword: {raw!r}")
            fields[current] += _unquote(line)
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword in {"msgctxt", "msgid"} and current is not None and current.startswith("msgstr"):
            finish()
        current = keyword
        fields[keyword] = _unquote(rest)
    finish()
    return entries


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    if "\n" not in text[:-1]:
        return '"' + escaped.replace("\n", "\\n") + '"'
    lines = escaped.split("\n")
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{part}"' for part in parts)


def python_format(text: str) -> bool:
    """True when the text holds a printf-style directive (the strings Django formats with %)."""
    return bool(_PYTHON_FORMAT.search(text))


def placeholders(text: str) -> set[str]:
    """The named (%(name)s) and positional (%s, %d) placeholders of a text, %% left out."""
    text = text.replace("%%", "")
    return {match.group(1) or match.group(0)[-1] for match in _PLACEHOLDER.finditer(text)}


def format_po(entries: list[Entry], comment: str) -> str:
    """The text of a PO file with the German header and the entries in the given order."""
    out = [f"# {line}".rstrip() for line in comment.splitlines()]
    out += ['msgid ""', 'msgstr ""', *(f'"{line}\\n"' for line in PO_HEADER.splitlines()), ""]
    for entry in entries:
        if entry.flags:
            out.append("#, " + ", ".join(sorted(entry.flags)))
        if entry.context is not None:
            out.append(f"msgctxt {_quote(entry.context)}")
        out.append(f"msgid {_quote(entry.msgid)}")
        if entry.plural is not None:
            out.append(f"msgid_plural {_quote(entry.plural)}")
            out += [f"msgstr[{i}] {_quote(text)}" for i, text in enumerate(entry.msgstrs)]
        else:
            out.append(f"msgstr {_quote(entry.msgstrs[0])}")
        out.append("")
    return "\n".join(out)


def po_translations(entries: dict[Key, Entry]) -> dict[Key, tuple[str, ...]]:
    """{key: German texts} of the translated (not fuzzy, not empty) entries, as msgfmt compiles them."""
    return {key: entry.msgstrs for key, entry in entries.items() if entry.translated}


def read_mo(path: Path) -> dict[Key, tuple[str, ...]]:
    """{key: German texts} of a compiled MO file, read with Python's gettext module."""
    with path.open("rb") as file:
        catalog = gettext.GNUTranslations(file)._catalog
    result: dict[Key, dict[int, str]] = {}
    for raw_key, text in catalog.items():
        msgid, form = raw_key if isinstance(raw_key, tuple) else (raw_key, None)
        if not msgid:
            continue  # the header
        context, _sep, bare = msgid.rpartition("\x04")
        key = (context if _sep else None, bare)
        result.setdefault(key, {})[form or 0] = text
    return {key: tuple(forms[i] for i in sorted(forms)) for key, forms in result.items()}


# --- checks


def missing_in_own_catalogue(source: Path) -> dict[str, dict[Key, Message]]:
    """{app label: {key: message}} for every string an app uses that its own catalogue lacks in German."""
    apps = app_dirs(source)
    missing: dict[str, dict[Key, Message]] = {}
    for label, messages in app_messages(source).items():
        path = catalogue_path(apps[label])
        translated = po_translations(read_po(path)) if path.exists() else {}
        lacking = {key: message for key, message in messages.items() if key not in translated}
        if lacking:
            missing[label] = lacking
    return missing


def catalogues(source: Path) -> dict[str, dict[Key, Entry]]:
    """{app label: entries} for every app that has a German catalogue."""
    return {
        label: read_po(catalogue_path(folder))
        for label, folder in app_dirs(source).items()
        if catalogue_path(folder).exists()
    }
