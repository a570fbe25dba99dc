"""docs/architecture.md stays true: every app is in it, in its layer, and its worked examples name files and
names that exist."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
APPS = sorted(name.removeprefix("stadtdialog.") for name in settings.INSTALLED_APPS if name.startswith("stadtdialog."))


def _layers_table() -> dict[str, str]:
    """{app: layer text} from the table under "The apps and their layers"."""
    section = DOC.split("## The apps and their layers", 1)[1].split("\n## ", 1)[0]
    found = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and "`" in cells[1]:
            for app in re.findall(r"`([a-z_]+)`", cells[1]):
                found[app] = cells[0]
    return found


def test_every_installed_app_is_in_the_layers_table():
    missing = [app for app in APPS if app not in _layers_table()]
    assert not missing, f"apps missing from docs/architecture.md: {missing}"


def test_the_table_names_no_app_that_does_not_exist():
    unknown = [app for app in _layers_table() if app not in APPS]
    assert not unknown, f"docs/architecture.md names apps that are not installed: {unknown}"


def test_every_app_folder_is_installed():
    folders = sorted(p.parent.name for p in (ROOT / "src" / "stadtdialog").glob("*/apps.py"))
    assert folders == APPS


def test_every_app_is_in_the_import_linter_contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layered = set()
    for contract in config["contracts"]:
        for layer in contract.get("layers", []):
            layered.update(part.strip() for part in layer.split("|"))
        layered.update(module.removeprefix("stadtdialog.") for module in contract.get("source_modules", []))
    missing = [app for app in APPS if app not in layered]
    assert not missing, f"apps in no import-linter contract: {missing}"


def test_every_file_the_document_names_exists():
    paths = sorted(set(re.findall(r"`((?:src|tests|bench|scripts|docs)/[^`\s<]+)`", DOC)))
    assert paths, "the document names no files"
    missing = [path for path in paths if not (ROOT / path).exists()]
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"


def test_the_worked_examples_name_what_their_files_define():
    examples = DOC.split("## Six worked examples", 1)[1].split("\n## ", 1)[0]
    answers = re.split(r"\n\d\. ", examples)[1:]
    assert len(answers) == 6
    checked = 0
    for answer in answers:
        text = " ".join(answer.split())
        # "`name` in `file`" and "`file`, `name`": the file must define the name
        pairs = re.findall(r"`([A-Za-z_][\w]*)` (?:\([^)]*\) )?in `([^`]+\.py)`", text)
        pairs += [(name, path) for path, name in re.findall(r"`([^`]+\.py)`, (?:the \w+ )?`([A-Za-z_]\w*)`", text)]
        for name, path in pairs:
            source = (ROOT / path).read_text(encoding="utf-8")
            assert re.search(rf"^\s*(def|class) {name}\b|^{name} =", source, re.M), f"{name} not in {path}"
            checked += 1
    assert checked >= 8, checked
