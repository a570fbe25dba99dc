#!/usr/bin/env bash
# Rebuild the German catalogue locale/base from the base layout, core, organisation, accounts and
# the models of plans and processes, filling translations from locale/base/translations.json.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export DJANGO_SETTINGS_MODULE=stadtdialog.settings PYTHONPATH="$top/src"
src="$top/src/stadtdialog"
mkdir -p "$tmp/src/locale"
cp -r "$src/core" "$src/organisation" "$src/accounts" "$tmp/src/"
cp "$src/plans/models.py" "$tmp/src/plans_models.py"; cp "$src/processes/models.py" "$tmp/src/processes_models.py"
cp "$src/settings.py" "$tmp/src/settings_strings.py"; cp "$src/dialog/models.py" "$tmp/src/dialog_models.py"
for app in "$src"/*/apps.py; do cp "$app" "$tmp/src/$(basename "$(dirname "$app")")_apps.py"; done
(cd "$tmp/src" && "$top/.venv/bin/django-admin" makemessages -l de --no-location --no-wrap >/dev/null)
out="$top/locale/base/de/LC_MESSAGES"
python3 "$top/scripts/fill_po.py" "$tmp/src/locale/de/LC_MESSAGES/django.po" "$top/locale/base/translations.json" "$out/django.po"
msgfmt --check-format -o "$out/django.mo" "$out/django.po"
echo "locale/base rebuilt"
