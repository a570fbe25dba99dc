"""Versions of a published concept: what the public saw at each step, and a readable diff between two.

A snapshot is plain JSON (codes and ISO dates, no translated text), so it reads the same in any
language later; labels are added when a diff is shown.
"""

import decimal
import difflib
import re

import nh3
from django.db import transaction
from django.db.models import Max
from django.utils.dateparse import parse_date
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadtdialog.core.sanitize import html_to_text

from .models import Concept, ConceptVersion, Phase

# The public parts of a concept, in the order of the concept (and of the form).
SECTIONS = [
    ("title", gettext_lazy("Title of the process")),
    ("subject", gettext_lazy("Subject of participation")),
    ("goals", gettext_lazy("Goals")),
    ("scope_open", gettext_lazy("What can still be shaped or decided")),
    ("scope_fixed", gettext_lazy("What is already fixed")),
    ("decision_maker", gettext_lazy("Decision maker")),
    ("decision_where", gettext_lazy("Where the decision is taken")),
    ("decision_when", gettext_lazy("When the decision is taken")),
    ("phases", gettext_lazy("Procedure (phases)")),
    ("results_handling", gettext_lazy("Handling of the results")),
    ("implementation", gettext_lazy("Implementation")),
    ("staff_time", gettext_lazy("Internal staff time")),
    ("external_costs", gettext_lazy("External costs")),
    ("external_moderation", gettext_lazy("External moderation")),
    ("lead_contact", gettext_lazy("Lead contact")),
    ("deputy", gettext_lazy("Deputy")),
    ("project_group", gettext_lazy("Project group")),
    ("advisory_group", gettext_lazy("Advisory group")),
]
SECTION_LABELS = dict(SECTIONS)
TEXT_FIELDS = [
    "subject",
    "scope_open",
    "scope_fixed",
    "decision_maker",
    "decision_where",
    "decision_when",
    "results_handling",
    "implementation",
    "staff_time",
    "project_group",
    "advisory_group",
]


def _contact(user) -> dict | None:
    if user is None:
        return None
    unit = user.org_unit
    return {"name": str(user), "unit": str(unit) if unit else ""}


def snapshot_goals(concept: Concept) -> list[dict]:
    return [
        {
            "description": g.description,
            "indicator": g.indicator,
            "target_value": g.target_value,
            "due_date": g.due_date.isoformat() if g.due_date else None,
        }
        for g in concept.goals.all()
    ]


def snapshot_phases(process) -> list[dict]:
    return [
        {
            "title": p.title,
            "kind": p.kind,
            "format": p.format,
            "channel": p.channel,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "description": p.description,
            "target_groups": p.target_groups,
            "multipliers": p.multipliers,
        }
        for p in process.phases.all()
    ]


def snapshot(concept: Concept) -> dict:
    """All public parts of the concept as plain JSON."""
    process = concept.process
    data = {"title": process.title}
    for name in TEXT_FIELDS:
        data[name] = getattr(concept, name)
    costs = concept.external_costs
    data["external_costs"] = None if costs is None else str(decimal.Decimal(costs).quantize(decimal.Decimal("0.01")))
    data["external_moderation"] = concept.external_moderation
    data["goals"] = snapshot_goals(concept)
    data["phases"] = snapshot_phases(process)
    data["lead_contact"] = _contact(process.lead_contact)
    data["deputy"] = _contact(process.deputy)
    return data


def record_version(concept: Concept, author, change_note: str) -> ConceptVersion:
    """Store the concept's current state as the next version and make it the current one."""
    with transaction.atomic():
        Concept.objects.select_for_update().filter(pk=concept.pk).exists()
        last = concept.versions.aggregate(last=Max("number"))["last"] or 0
        process = concept.process
        unit = getattr(author, "org_unit", None) or process.plan.lead_unit
        version = ConceptVersion.objects.create(
            concept=concept,
            number=last + 1,
            author=author if getattr(author, "is_authenticated", False) else None,
            org_unit=unit,
            change_note=(change_note or "")[:500],
            snapshot=snapshot(concept),
        )
        concept.current_version = version.number
        Concept.objects.filter(pk=concept.pk).update(current_version=version.number)
    return version


# --- Showing a snapshot as text -------------------------------------------------------------------


def _date(iso) -> str:
    value = parse_date(iso) if isinstance(iso, str) else iso
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _choice(choices, code) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code or ""


def goal_text(goal: dict) -> str:
    lines = [
        (_("Goal"), goal.get("description", "")),
        (_("Indicator"), goal.get("indicator", "")),
        (_("Target value"), goal.get("target_value", "")),
        (_("To be reached by"), _date(goal.get("due_date"))),
    ]
    return "\n".join(f"{label}: {value}" for label, value in lines)


def phase_text(phase: dict) -> str:
    dates = f"{_date(phase.get('start'))} – {_date(phase.get('end'))}"
    kind = _("Kind")
    format_ = _("Format")
    lines = [
        f"{phase.get('title', '')} ({dates})",
        f"{kind}: {_choice(Phase.Kind, phase.get('kind'))}; {format_}: {_choice(Phase.Format, phase.get('format'))}; "
        f"{_choice(Phase.Channel, phase.get('channel'))}",
    ]
    for key, label in (
        ("description", _("Description")),
        ("target_groups", _("Target groups and how they are reached")),
        ("multipliers", _("Multipliers")),
    ):
        if phase.get(key):
            lines.append(f"{label}: {phase[key]}")
    return "\n".join(lines)


def rich_text_lines(value: str) -> str:
    """A long text (Concept.RICH_TEXT_FIELDS) as its words, one line per paragraph, line or list item, so that a diff
    shows changed words and not tags. Snapshots from before the texts were HTML hold plain text: both give the same
    lines, so converting a text to HTML alone is no change; nor is a change of formatting only (bold, a heading)."""
    text = html_to_text(value) if nh3.is_html(value) else value
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def value_text(key: str, value) -> str:
    """A section's value as readable text (for diffs and plain display)."""
    if value is None or value == "":
        return ""
    if key in Concept.RICH_TEXT_FIELDS:
        return rich_text_lines(value)
    if key == "external_costs":
        return f"{number_format(float(value), 2, force_grouping=True)} €"
    if key == "external_moderation":
        return _("yes") if value else _("no")
    if key in {"lead_contact", "deputy"}:
        return f"{value.get('name', '')}, {value.get('unit', '')}".strip(", ")
    return str(value)


# --- Diffs ----------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
SAME, DELETED, INSERTED = "same", "deleted", "inserted"


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The new text as segments (SAME, DELETED or INSERTED, text): words removed from the old one and added ones."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append((SAME, "".join(a[i1:i2])))
        else:
            segments.append((DELETED, "".join(a[i1:i2])))
            segments.append((INSERTED, "".join(b[j1:j2])))
    return [(kind, text) for kind, text in segments if text]


def _list_diff(old_items: list[str], new_items: list[str], noun: str) -> list[dict]:
    """Items added, removed or changed, each as {heading, segments} with its number."""
    entries = []
    matcher = difflib.SequenceMatcher(None, old_items, new_items, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        changed = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(changed):
            heading = _("%(noun)s %(number)s changed") % {"noun": noun, "number": j1 + k + 1}
            entries.append({"heading": heading, "segments": word_diff(old_items[i1 + k], new_items[j1 + k])})
        for k in range(i1 + changed, i2):
            heading = _("%(noun)s removed") % {"noun": noun}
            entries.append({"heading": heading, "segments": [(DELETED, old_items[k])] if old_items[k] else []})
        for k in range(j1 + changed, j2):
            heading = _("%(noun)s %(number)s added") % {"noun": noun, "number": k + 1}
            entries.append({"heading": heading, "segments": [(INSERTED, new_items[k])] if new_items[k] else []})
    return entries


def diff_versions(old: dict, new: dict) -> list[dict]:
    """Changed sections between two snapshots, in concept order: {key, label, and either segments (a text, see
    word_diff) or entries (a list of goals or phases, see _list_diff)}; processes/_diff.html shows them."""
    old, new = old or {}, new or {}
    changes = []
    for key, label in SECTIONS:
        before, after = old.get(key), new.get(key)
        if key in ("goals", "phases"):
            text, noun = (goal_text, _("Goal")) if key == "goals" else (phase_text, _("Phase"))
            a, b = [text(item) for item in before or []], [text(item) for item in after or []]
            if a != b:
                changes.append({"key": key, "label": str(label), "entries": _list_diff(a, b, noun)})
        else:
            a, b = value_text(key, before), value_text(key, after)
            if a != b:
                changes.append({"key": key, "label": str(label), "segments": word_diff(a, b)})
    return changes
