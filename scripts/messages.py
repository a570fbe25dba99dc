"""Build the German catalogue of every app: `make messages` (or `.venv/bin/python scripts/messages.py`).

For every app under src/stadtdialog (a folder with apps.py) the script collects the strings its
Python modules, templates/ and jinja2/ templates translate (stadtdialog.core.i18n_check; the modules
at the project level, settings.py and urls.py, count for core), takes their German from the
catalogues that exist, writes <app>/locale/de/LC_MESSAGES/django.po and compiles django.mo with
GNU msgfmt (the .mo files are committed, so that the site needs no gettext).

Where the German comes from, first match wins:
  1. the app catalogues, in the order of INSTALLED_APPS (the order in which Django looks a string
     up), so running the script again after code moved between apps keeps every translation;
  2. catalogues of the former layout, locale/<area>/de/LC_MESSAGES/django.po and translations.json
     at the top level, in the order of the former settings.LOCALE_PATHS (the first one won); the
     script folds them into the app catalogues and removes the folder (after a merge, a branch
     that still added strings there brings them in this way);
  3. the catalogues of Django and of the other installed packages (strings the project uses that
     Django already translates).
A string with different German in two catalogues gets the first one everywhere (the list says which).
Every string without German stays in its app's catalogue with an empty msgstr, is listed, and the
script exits with status 1: write the German into that django.po and run the script again.
`--check` writes nothing and exits with status 1 when a catalogue is not up to date.
"""

from __future__ import annotations

import argparse
import gettext
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parents[1]
SOURCE = TOP / "src" / "stadtdialog"
LEGACY = TOP / "locale"
# the order of settings.LOCALE_PATHS in the former layout (the first catalogue won)
LEGACY_ORDER = (
    "base",
    "public",
    "staff",
    "demo",
    "sortition",
    "dialog",
    "moderation",
    "participation",
    "events",
    "notifications",
    "outcomes",
    "evaluation",
    "security",
)
sys.path.insert(0, str(TOP / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtdialog.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps as django_apps  # noqa: E402
from django.conf import settings  # noqa: E402

from stadtdialog.core import i18n_check as i18n  # noqa: E402
from stadtdialog.core.i18n_check import Entry, Key  # noqa: E402

COMMENT = (
    "German translation of the strings of the app {app}{extra}.\n"
    "Built by scripts/messages.py (make messages): add or change German here, then run it again."
)


class German:
    """The German texts found so far, first source wins; remembers disagreeing sources."""

    def __init__(self) -> None:
        self.texts: dict[Key, tuple[tuple[str, ...], str | None, str]] = {}
        self.disagreements: dict[Key, list[tuple[str, tuple[str, ...]]]] = {}

    def add(self, entries: dict[Key, Entry], source: str, *, note_disagreement: bool = True) -> None:
        for key, entry in entries.items():
            if not entry.translated:
                continue
            if key not in self.texts:
                self.texts[key] = (entry.msgstrs, entry.plural, source)
            elif note_disagreement and self.texts[key][0] != entry.msgstrs:
                self.disagreements.setdefault(key, []).append((source, entry.msgstrs))

    def for_message(self, message: i18n.Message) -> tuple[tuple[str, ...], str] | None:
        found = self.texts.get(message.key)
        if found is None:
            return None
        msgstrs, plural, source = found
        if (plural is None) != (message.plural is None):
            return None  # singular German for a plural string or the other way round
        return msgstrs, source


def legacy_sources() -> list[tuple[str, Path]]:
    """(name, folder) of the top-level area catalogues, in the order Django looked them up."""
    if not LEGACY.is_dir():
        return []
    listed = [Path(p).resolve() for p in getattr(settings, "LOCALE_PATHS", [])]
    listed += [(LEGACY / area).resolve() for area in LEGACY_ORDER]
    folders = sorted(p.resolve() for p in LEGACY.iterdir() if p.is_dir())
    ordered = list(dict.fromkeys(p for p in listed if p in folders)) + [p for p in folders if p not in listed]
    return [(f"locale/{p.name}", p) for p in ordered]


def json_entries(path: Path) -> dict[Key, Entry]:
    with path.open(encoding="utf-8") as file:
        return {(None, k): Entry(None, k, None, (v,)) for k, v in json.load(file).items() if k and v}


def installed_package_entries() -> list[tuple[str, dict[Key, Entry]]]:
    """German of Django and of the installed apps outside the project, in Django's lookup order."""
    result = []
    folders = [(config.name, Path(config.path) / "locale") for config in django_apps.get_app_configs()]
    folders.append(("django", Path(django.__file__).parent / "conf" / "locale"))
    for name, folder in folders:
        if name.startswith("stadtdialog.") or not (folder / "de" / "LC_MESSAGES" / "django.mo").exists():
            continue
        with (folder / "de" / "LC_MESSAGES" / "django.mo").open("rb") as file:
            translation = gettext.GNUTranslations(file)
        plural_ids = {k[0] for k in translation._catalog if isinstance(k, tuple)}
        entries = {}
        for key, msgstrs in i18n.read_mo(folder / "de" / "LC_MESSAGES" / "django.mo").items():
            full_id = key[1] if key[0] is None else f"{key[0]}\x04{key[1]}"
            plural = "(plural)" if full_id in plural_ids else None
            entries[key] = Entry(key[0], key[1], plural, msgstrs)
        result.append((name, entries))
    return result


def compile_mo(po: Path, mo: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        sys.exit("msgfmt not found: install GNU gettext (apt-get install gettext) to compile the catalogues")
    subprocess.run([msgfmt, "--check-format", "-o", str(mo), str(po)], check=True)


def render(app: str, messages: dict[Key, i18n.Message], german: German, missing: list, from_django: list) -> str:
    entries = []
    for key in sorted(messages, key=lambda k: (k[1].casefold(), k[1], k[0] or "")):
        message = messages[key]
        found = german.for_message(message)
        if found is None:
            missing.append((app, message))
            msgstrs = ("", "") if message.plural is not None else ("",)
        else:
            msgstrs, source = found
            if not source.startswith(("locale/", "app ")):
                from_django.append((app, message, source))
        text = message.msgid + (message.plural or "")
        flags = {"python-format"} if i18n.python_format(text) else set()
        entries.append(Entry(message.context, message.msgid, message.plural, msgstrs, flags))
    extra = " and of the project level (settings.py, urls.py)" if app == i18n.PROJECT_LEVEL_APP else ""
    return i18n.format_po(entries, COMMENT.format(app=app, extra=extra))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail when a catalogue is out of date")
    return build(check=parser.parse_args(argv).check)


def build(*, check: bool) -> int:
    """Write (or with check only compare) every app's catalogue; print what it did; 1 when German is missing."""
    apps = i18n.app_dirs(SOURCE)
    messages = i18n.app_messages(SOURCE)
    german = German()
    order = [config.label for config in django_apps.get_app_configs() if config.name.startswith("stadtdialog.")]
    order += [label for label in apps if label not in order]
    catalogued_keys: set[Key] = set()
    for label in order:
        path = i18n.catalogue_path(apps[label]) if label in apps else None
        if path and path.exists():
            entries = i18n.read_po(path)
            german.add(entries, f"app {label}")
            catalogued_keys |= set(entries)
    legacy = legacy_sources()
    legacy_keys: set[Key] = set()
    for name, folder in legacy:
        po = folder / "de" / "LC_MESSAGES" / "django.po"
        dictionary = folder / "translations.json"
        for source, entries in (
            (name, i18n.read_po(po) if po.exists() else {}),
            (f"{name}/translations.json", json_entries(dictionary) if dictionary.exists() else {}),
        ):
            german.add(entries, source)
            legacy_keys |= set(entries)
    for name, entries in installed_package_entries():
        german.add(entries, name, note_disagreement=False)

    missing: list[tuple[str, i18n.Message]] = []
    from_django: list[tuple[str, i18n.Message, str]] = []
    stale: list[Path] = []
    written = []
    for label, folder in apps.items():
        path = i18n.catalogue_path(folder)
        if not messages[label]:
            if path.exists():
                stale.append(path)
            continue
        text = render(label, messages[label], german, missing, from_django)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        mo = path.with_suffix(".mo")
        up_to_date = old == text and mo.exists() and i18n.read_mo(mo) == i18n.po_translations(i18n.read_po(path))
        if not up_to_date:
            written.append(path)
        if check:
            continue
        if old != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        compile_mo(path, mo)

    used = {key for app_messages in messages.values() for key in app_messages}
    dropped = sorted((legacy_keys | catalogued_keys) - used, key=lambda k: k[1])
    for key, others in sorted(german.disagreements.items(), key=lambda item: item[0][1]):
        if key in used:
            chosen = german.texts[key]
            alternatives = "; ".join(f"{' | '.join(texts)!r} in {source}" for source, texts in others)
            print(f"one German for {key[1]!r}: {' | '.join(chosen[0])!r} from {chosen[2]} (not {alternatives})")
    for app, message, source in from_django:
        print(f"{app}: German of {message.msgid!r} taken from the catalogue of {source}")
    for key in dropped:
        print(f"dropped, no code uses it: {key[1]!r}" + (f" (context {key[0]!r})" if key[0] else ""))
    if check:
        for path in written + stale:
            print(f"out of date: {path.relative_to(TOP)}")
    else:
        for path in stale:
            shutil.rmtree(path.parents[2])
            print(f"removed {path.parents[2].relative_to(TOP)} (the app has no strings)")
        if legacy:
            shutil.rmtree(LEGACY)
            print(f"folded {', '.join(name for name, _f in legacy)} into the app catalogues and removed locale/")
        for path in written:
            print(f"wrote {path.relative_to(TOP)} and its .mo")
    for app, message in missing:
        context = f" (context {message.context!r})" if message.context else ""
        print(f"NO GERMAN in {app}: {message.msgid!r}{context} used in {', '.join(sorted(message.files))}")
    total = sum(len(m) for m in messages.values())
    catalogued = sum(1 for m in messages.values() if m)
    if missing:
        print(f"{len(missing)} of {total} strings have no German; write it into the django.po named above")
        return 1
    if check and (written or stale or legacy):
        print(f"{len(written) + len(stale) + bool(legacy)} catalogue(s) out of date: run make messages")
        return 1
    print(f"all {total} strings of {catalogued} app catalogues have German; the .mo files match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
