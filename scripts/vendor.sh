#!/usr/bin/env bash
# Refreshes the vendored front-end files from the npm registry at pinned versions.
# Run by `make vendor`; needs npm. The two everyday commands (make run, make test) never need it.
set -euo pipefail
KERN=2.7.2; HTMX=2.0.8; LEAFLET=1.9.4; AXE=4.11.0; ALTCHA=2.3.0
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "@kern-ux/native@$KERN" "htmx.org@$HTMX" "leaflet@$LEAFLET" "axe-core@$AXE" "altcha@$ALTCHA" >/dev/null
for f in *.tgz; do mkdir "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done
v="$top/static/vendor"; rm -rf "$v"; mkdir -p "$v/kern/fonts/fira-sans" "$v/htmx" "$v/leaflet" "$v/altcha"
k="kern-ux-native-$KERN/package"
cp "$k/dist/kern.min.css" "$k/LICENSE.md" "$v/kern/"
for w in Regular Italic SemiBold Bold; do cp "$k/dist/fonts/fira-sans/FiraSans-$w.woff2" "$v/kern/fonts/fira-sans/"; done
python3 - "$k/dist/fonts/fira-sans.css" "$v/kern/fonts/fira-sans.css" <<'PY'
import re, sys
css = open(sys.argv[1]).read()
blocks = re.findall(r"@font-face \{.*?\}", css, re.S)
keep = [b for b in blocks if re.search(r"FiraSans-(Regular|Bold|Italic|SemiBold)\.woff2", b)]
open(sys.argv[2], "w").write("\n\n".join(keep) + "\n")
PY
cp "htmx.org-$HTMX/package/dist/htmx.min.js" "$v/htmx/"; cp "htmx.org-$HTMX/package/LICENSE" "$v/htmx/"
cp -r "leaflet-$LEAFLET/package/dist/leaflet.js" "leaflet-$LEAFLET/package/dist/leaflet.css" \
      "leaflet-$LEAFLET/package/dist/images" "leaflet-$LEAFLET/package/LICENSE" "$v/leaflet/"
# ALTCHA: the build without inline styles or blob workers (strict CSP), its worker, CSS and German texts.
a="altcha-$ALTCHA/package"
cp "$a/dist_external/altcha.js" "$a/dist_external/worker.js" "$a/dist_external/altcha.css" "$a/LICENSE.txt" "$v/altcha/"
cp "$a/dist_i18n/de.js" "$v/altcha/de.js"
# Source maps are not vendored; drop their references so collectstatic's manifest finds every file.
find "$v" -name "*.js" -exec sed -i '/^\/\/# sourceMappingURL=/d' {} +
cp "axe-core-$AXE/package/axe.min.js" "$top/tests/browser/vendor/"
cp "axe-core-$AXE/package/LICENSE" "$top/tests/browser/vendor/axe-LICENSE"
cat > "$v/VERSIONS" <<TXT
@kern-ux/native $KERN (EUPL-1.2)
htmx.org $HTMX (0BSD)
leaflet $LEAFLET (BSD-2-Clause)
axe-core $AXE (MPL-2.0, tests only, in tests/browser/vendor)
altcha $ALTCHA (MIT)
TXT
echo "vendored files refreshed"
