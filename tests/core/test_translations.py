"""German first: every interface string of the project has a German translation."""

from pathlib import Path

from stadtdialog.core.i18n_check import untranslated

SOURCE = Path(__file__).resolve().parents[2] / "src" / "stadtdialog"


def test_every_interface_string_has_a_german_translation():
    missing = untranslated(SOURCE)
    listing = "\n".join(f"  {msgid!r} in {', '.join(sorted(files))}" for msgid, files in sorted(missing.items()))
    assert not missing, (
        f"{len(missing)} strings have no German translation. Add them to the catalogue of your area "
        f"(locale/<area>/de/LC_MESSAGES/django.po) and compile it with msgfmt:\n{listing}"
    )
