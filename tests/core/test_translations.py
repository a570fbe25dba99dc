"""German first: every interface string has German in the catalogue of the app that uses it.

The catalogues are <app>/locale/de/LC_MESSAGES/django.po with their compiled django.mo; the checks read
them in pure Python (no GNU gettext needed). `make messages` (scripts/messages.py) builds them.
"""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings

from stadtdialog.core import i18n_check
from stadtdialog.core.i18n_check import Entry

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "stadtdialog"
HOW_TO_FIX = (
    "Write the German into <app>/locale/de/LC_MESSAGES/django.po (or into the former locale/<area> catalogue "
    "after a merge) and run `make messages`, which fills, compiles and lists what is still missing."
)


def _listing(lines):
    return "\n".join(f"  {line}" for line in sorted(lines))


def test_every_interface_string_has_german_in_its_apps_own_catalogue():
    missing = i18n_check.missing_in_own_catalogue(SOURCE)
    lines = [
        f"{app}: {message.msgid!r} in {', '.join(sorted(message.files))}"
        for app, messages in missing.items()
        for message in messages.values()
    ]
    assert not lines, f"{len(lines)} strings have no German in their app's catalogue. {HOW_TO_FIX}\n{_listing(lines)}"


def test_a_string_in_several_catalogues_has_the_same_german_in_each():
    # Django takes a string from the first app in INSTALLED_APPS that has it; one word per string
    # makes that order irrelevant.
    german: dict[tuple, dict[tuple[str, ...], list[str]]] = {}
    for app, entries in i18n_check.catalogues(SOURCE).items():
        for key, texts in i18n_check.po_translations(entries).items():
            german.setdefault(key, {}).setdefault(texts, []).append(app)
    lines = [
        f"{key[1]!r}: " + "; ".join(f"{' | '.join(texts)!r} in {', '.join(apps)}" for texts, apps in versions.items())
        for key, versions in german.items()
        if len(versions) > 1
    ]
    assert not lines, f"{len(lines)} strings have different German in different apps:\n{_listing(lines)}"


def test_every_compiled_catalogue_matches_its_po():
    apps = i18n_check.app_dirs(SOURCE)
    assert i18n_check.catalogues(SOURCE), "no app has a German catalogue"
    for app in i18n_check.catalogues(SOURCE):
        po = i18n_check.catalogue_path(apps[app])
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"{mo.relative_to(ROOT)} is missing: run `make messages`"
        po_texts = i18n_check.po_translations(i18n_check.read_po(po))
        mo_texts = i18n_check.read_mo(mo)
        differing = sorted(
            key[1] for key in po_texts.keys() | mo_texts.keys() if po_texts.get(key) != mo_texts.get(key)
        )
        assert not differing, f"{mo.relative_to(ROOT)} does not match its .po: run `make messages`: {differing[:10]}"


def test_catalogues_are_as_make_messages_writes_them(capsys):
    spec = importlib.util.spec_from_file_location("messages_script", ROOT / "scripts" / "messages.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    status = script.build(check=True)
    assert status == 0, f"the catalogues are not up to date: run `make messages`\n{capsys.readouterr().out}"


def test_the_german_texts_keep_the_placeholders_of_the_english():
    lines = []
    for app, entries in i18n_check.catalogues(SOURCE).items():
        for entry in entries.values():
            allowed = i18n_check.placeholders(entry.msgid) | i18n_check.placeholders(entry.plural or "")
            for text in entry.msgstrs:
                if not i18n_check.placeholders(text) <= allowed:
                    lines.append(f"{app}: {entry.msgid!r} -> {text!r}")
    assert not lines, "German with a placeholder the English does not have:\n" + _listing(lines)


def test_the_project_catalogues_come_before_djangos_own():
    # the project's German wins over the German of Django and of other packages for the same string
    names = list(settings.INSTALLED_APPS)
    project = [i for i, name in enumerate(names) if name.startswith("stadtdialog.")]
    others = [i for i, name in enumerate(names) if not name.startswith("stadtdialog.")]
    assert max(project) < min(others), names


def test_there_is_one_layout_the_app_catalogues():
    assert not getattr(settings, "LOCALE_PATHS", []), "catalogues live in the apps; LOCALE_PATHS stays empty"
    assert not (ROOT / "locale").exists(), "locale/ at the top level is the former layout: run `make messages`"


# --- the reader and writer of catalogues and the extraction keep plurals and contexts


def test_po_files_keep_plurals_contexts_flags_and_special_characters(tmp_path):
    entries = [
        Entry(None, "%(n)s comment", "%(n)s comments", ("%(n)s Kommentar", "%(n)s Kommentare"), {"python-format"}),
        Entry("month", "May", None, ("Mai",)),
        Entry("verb", "May", None, ("Darf",)),
        Entry(None, 'Say "hello"\\now\nnext line\n', None, ("Sag „hallo“\\jetzt\nnächste Zeile\n",)),
        Entry(None, "Not yet", None, ("",)),
    ]
    path = tmp_path / "django.po"
    path.write_text(i18n_check.format_po(entries, "a test catalogue"), encoding="utf-8")
    read = i18n_check.read_po(path)
    assert list(read.values()) == entries
    assert set(i18n_check.po_translations(read)) == {e.key for e in entries[:4]}


def test_the_extraction_finds_contexts_and_plurals_in_python_and_templates(tmp_path):
    app = tmp_path / "app"
    (app / "templates" / "app").mkdir(parents=True)
    (app / "migrations").mkdir()
    (app / "views.py").write_text(
        "from django.utils.translation import gettext_lazy as _, npgettext_lazy, pgettext\n"
        "A = _('Plain')\n"
        "B = pgettext('month', 'May')\n"
        "C = npgettext_lazy('people', '%(n)s resident', '%(n)s residents', 'n')\n"
        "D = f\"{_('Photo %(number)s') % {'number': 1}}\"\n"
        "E = _(name)\n",
        encoding="utf-8",
    )
    (app / "migrations" / "0001_initial.py").write_text("X = _('In a migration')\n", encoding="utf-8")
    (app / "templates" / "app" / "page.html").write_text(
        "{% load i18n %}{% translate 'Title' context 'heading' %}{{ _('Inline') }}"
        "{% blocktranslate count n=items|length %}{{ n }} item{% plural %}{{ n }} items{% endblocktranslate %}",
        encoding="utf-8",
    )
    found = i18n_check.messages_in(app, tmp_path)
    assert set(found) == {
        (None, "Plain"),
        ("month", "May"),
        ("people", "%(n)s resident"),
        (None, "Photo %(number)s"),
        ("heading", "Title"),
        (None, "Inline"),
        (None, "%(n)s item"),
    }
    assert found[("people", "%(n)s resident")].plural == "%(n)s residents"
    assert found[(None, "%(n)s item")].plural == "%(n)s items"
    assert found[(None, "Plain")].files == {"app/views.py"}


def test_the_extraction_reads_jinja2_templates(tmp_path):
    pytest.importorskip("jinja2")
    folder = tmp_path / "app" / "jinja2" / "app"
    folder.mkdir(parents=True)
    (folder / "_row.html").write_text(
        '{{ _("Open") }} {{ gettext("Closed") }} {% trans %}Hello {{ name }}{% endtrans %}'
        '{{ ngettext("%(num)d vote", "%(num)d votes", n) }}',
        encoding="utf-8",
    )
    found = i18n_check.messages_in(tmp_path / "app", tmp_path)
    assert set(found) == {(None, "Open"), (None, "Closed"), (None, "Hello %(name)s"), (None, "%(num)d vote")}
    assert found[(None, "%(num)d vote")].plural == "%(num)d votes"
