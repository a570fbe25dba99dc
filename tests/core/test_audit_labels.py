"""Every action code that a service writes to the audit log has a German label (core.audit.register_actions).

The codes are found in the source: the second argument of every `record(...)` call, and the argument of every
function that hands its parameter on to `record` (e.g. core.publishing.unpublish, processes' _run), as a
literal, a conditional of literals or an f-string (which must match at least one registered code). A new app
fails here until its `audit_actions.py` registers its codes."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

from stadtdialog.core import audit

SRC = Path(__file__).resolve().parents[2] / "src" / "stadtdialog"


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _functions(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _params(function) -> list[str]:
    return [arg.arg for arg in function.args.posonlyargs + function.args.args]


def _argument(call: ast.Call, index: int, name: str):
    if len(call.args) > index and not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
        return call.args[index]
    return next((keyword.value for keyword in call.keywords if keyword.arg == name), None)


def recording_functions(trees) -> dict[tuple[Path | None, str], tuple[int, str]]:
    """(module for a private function, else None; name) -> (position, name) of the parameter that becomes the
    action code of an audit entry."""
    found = {(None, "record"): (1, "action")}
    changed = True
    while changed:
        changed = False
        for path, tree in trees:
            for function in _functions(tree):
                params = _params(function)
                key = (path if function.name.startswith("_") else None, function.name)
                for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                    target = _target(found, path, call)
                    argument = target and _argument(call, *target)
                    if isinstance(argument, ast.Name) and argument.id in params and key not in found:
                        found[key] = (params.index(argument.id), argument.id)
                        changed = True
    return found


def _target(recording, path, call):
    name = _name(call)
    return recording.get((path, name)) or recording.get((None, name))


def _codes(node) -> list[str | re.Pattern]:
    """The codes an expression can give: strings, or a pattern for an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _codes(node.body) + _codes(node.orelse)
    if isinstance(node, ast.JoinedStr):
        variants = [""]
        for part in node.values:
            if isinstance(part, ast.Constant):
                variants = [v + re.escape(part.value) for v in variants]
            else:
                try:
                    options = [re.escape(code) for code in _codes(part.value)]
                except (AssertionError, TypeError):
                    options = ["[a-z_]+"]  # a variable: some registered code must match
                variants = [v + option for v in variants for option in options]
        return [re.compile(v) if "[a-z_]+" in v else v.replace("\\", "") for v in variants]
    raise AssertionError(f"cannot tell which action code this gives: {ast.unparse(node)}")


def _calls_by_scope(tree):
    """(innermost enclosing function or None, call) for every call of a module."""

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call):
                yield function, child
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            yield from visit(child, inner)

    yield from visit(tree, None)


def codes_in_source() -> list[tuple[str, int, str | re.Pattern]]:
    trees = list(_modules())
    recording = recording_functions(trees)
    found = []
    for path, tree in trees:
        where = str(path.relative_to(SRC))
        for function, call in _calls_by_scope(tree):
            params = _params(function) if function is not None else []
            target = _target(recording, path, call)
            if target is not None:
                argument = _argument(call, *target)
                if argument is None or (isinstance(argument, ast.Name) and argument.id in params):
                    continue  # not given here, or handed on by a recording function (checked at its callers)
                found += [(where, call.lineno, code) for code in _codes(argument)]
            elif _name(call) == "create" and "AuditEntry" in ast.unparse(call.func):
                action = next((k.value for k in call.keywords if k.arg == "action"), None)
                if action is not None and not (isinstance(action, ast.Name) and action.id in params):
                    found += [(where, call.lineno, code) for code in _codes(action)]
    return sorted(set(found), key=lambda item: (item[0], item[1], str(item[2])))


def test_the_scan_finds_the_codes_of_the_services():
    codes = {code for _where, _line, code in codes_in_source() if isinstance(code, str)}
    assert len(codes) > 90
    # handed on through helpers, conditionals and f-strings
    assert {"plan.unpublish", "concept.update", "evaluation.unaccompany", "account.delete"} <= codes
    assert {"notifications.unsubscribe_answers", "notifications.unsubscribe_all"} <= codes


def unlabelled(labels) -> list[str]:
    missing = []
    for where, line, code in codes_in_source():
        if isinstance(code, str):
            if code not in labels:
                missing.append(f"{where}:{line} {code}")
        elif not any(code.fullmatch(known) for known in labels):
            missing.append(f"{where}:{line} {code.pattern} (f-string: no registered code matches)")
    return missing


def test_every_recorded_action_has_a_label():
    missing = unlabelled(audit.registered_actions())
    assert not missing, "action codes without a label; register them in <app>/audit_actions.py:\n" + "\n".join(missing)


def test_a_code_without_a_label_is_found():
    labels = audit.registered_actions()
    del labels["plan.create"], labels["concept_comment.adopted"], labels["concept_comment.declined"]
    del labels["concept_comment.open"], labels["concept_comment.create"]
    missing = unlabelled(labels)
    assert any(line.startswith("plans/services.py:") and line.endswith(" plan.create") for line in missing)
    assert any("concept_comment\\.[a-z_]+" in line for line in missing)


def test_every_label_is_german():
    untranslated = []
    for code, label in audit.registered_actions().items():
        with translation.override("en"):
            english = str(label)
        with translation.override("de"):
            if str(label) == english:
                untranslated.append(code)
    assert not untranslated


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("dialog.response.publish", "Rückmeldung veröffentlicht"),
        ("plan.unpublish", "Vorhaben zurück in den Entwurf gesetzt"),
        ("concept_comment.adopted", "Kommentar zum Konzept übernommen"),
        ("city.district_rename", "City district rename"),
        ("", ""),
    ],
)
def test_label_of_a_code_and_the_readable_form_of_an_unknown_one(code, label):
    assert audit.label_of(code) == label


def test_registering_a_dict_of_labels_is_enough():
    audit.register_actions({"test.thing.done": "Erledigt"})
    try:
        assert audit.label_of("test.thing.done") == "Erledigt"
    finally:
        audit._ACTION_LABELS.pop("test.thing.done")
