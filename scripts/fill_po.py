"""Fill a PO catalogue's empty translations from a JSON dictionary {msgid: msgstr}.

Used when a catalogue is written by hand: `python scripts/fill_po.py in.po translations.json out.po`.
Every msgid without a translation is listed on stderr; tests/core/test_translations.py checks that
every interface string is translated in some catalogue.
"""

import json
import re
import sys


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(source: str, dictionary: str, target: str) -> int:
    with open(dictionary, encoding="utf-8") as file:
        translations = json.load(file)
    with open(source, encoding="utf-8") as file:
        text = file.read()
    entries = re.findall(r'((?:#.*\n)*)msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', text + "\n")
    out = [
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    ]
    missing = []
    for comments, raw_id, _ in entries:
        msgid = "".join(json.loads(part) for part in raw_id.strip().split("\n"))
        if not msgid:
            continue
        german = translations.get(msgid)
        if german is None:
            missing.append(msgid)
            continue
        flags = "".join(line + "\n" for line in comments.splitlines() if line.startswith("#,") and "fuzzy" not in line)
        out.append(f"{flags}msgid {quote(msgid)}\nmsgstr {quote(german)}\n")
    # Entries of the dictionary that the extraction did not see (strings of other areas' templates
    # that this area adds, e.g. links registered into another app's page) are kept too.
    seen = {"".join(json.loads(p) for p in raw.strip().split("\n")) for _c, raw, _s in entries}
    for msgid, german in sorted(translations.items()):
        if msgid not in seen:
            out.append(f"msgid {quote(msgid)}\nmsgstr {quote(german)}\n")
    with open(target, "w", encoding="utf-8") as file:
        file.write("\n".join(out))
    for msgid in missing:
        print(f"not in this dictionary (translated elsewhere?): {msgid}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
