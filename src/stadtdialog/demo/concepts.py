"""Concept parts, goals and phases of demo processes, dated relative to today so that the status fits.

Shared by the base demo (through the services) and the bulk generator.
"""

import datetime
import decimal

from stadtdialog.processes.models import Phase

DAY = datetime.timedelta(days=1)

# Phases by plan status: (title, kind, format, channel, start offset, end offset in days from today)
PHASE_PLANS = {
    "preparation": [
        ("Information zum Auftakt", "information", "info_event", "both", 20, 35),
        ("Online-Dialog", "dialog", "online_dialog", "online", 36, 80),
        ("Auswertung und Rückmeldung", "evaluation", "other", "online", 81, 120),
        ("Entscheidung", "decision", "other", "on_site", 150, 150),
    ],
    "participation": [
        ("Information und Auftakt", "information", "info_event", "on_site", -45, -15),
        ("Online-Dialog", "dialog", "online_dialog", "online", -14, 21),
        ("Werkstatt vor Ort", "on_site", "workshop", "on_site", 8, 8),
        ("Auswertung und Rückmeldung", "evaluation", "other", "online", 22, 70),
        ("Entscheidung", "decision", "other", "on_site", 100, 100),
    ],
    "evaluation": [
        ("Information", "information", "info_event", "both", -150, -120),
        ("Dialog online und vor Ort", "dialog", "survey", "both", -119, -40),
        ("Auswertung und Rückmeldung", "evaluation", "other", "online", -39, 30),
        ("Entscheidung", "decision", "other", "on_site", 75, 75),
    ],
    "decided": [
        ("Information", "information", "info_event", "both", -300, -270),
        ("Dialog", "dialog", "online_dialog", "online", -269, -200),
        ("Auswertung", "evaluation", "other", "online", -199, -120),
        ("Entscheidung", "decision", "other", "on_site", -40, -40),
    ],
    "implementation": [
        ("Dialog", "dialog", "walk", "on_site", -400, -330),
        ("Auswertung", "evaluation", "other", "online", -329, -260),
        ("Entscheidung", "decision", "other", "on_site", -200, -200),
        ("Umsetzung", "implementation", "other", "on_site", -120, 240),
    ],
    "completed": [
        ("Dialog", "dialog", "walk", "on_site", -700, -640),
        ("Entscheidung", "decision", "other", "on_site", -560, -560),
        ("Umsetzung", "implementation", "other", "on_site", -500, -60),
    ],
    "stopped": [
        ("Information", "information", "info_event", "both", -260, -230),
        ("Dialog", "dialog", "online_dialog", "online", -229, -170),
    ],
}

PHASE_TEXTS = {
    "information": "Die Verwaltung stellt das Vorhaben, den Zeitplan und den Gestaltungsspielraum vor.",
    "dialog": "Alle können Ideen, Hinweise und Bedenken einbringen; die Verwaltung antwortet auf jeden Beitrag.",
    "on_site": "In einer Werkstatt werden die Ideen an Plänen vor Ort vertieft.",
    "evaluation": "Die Beiträge werden ausgewertet; die Rückmeldungen werden hier veröffentlicht.",
    "decision": "Das zuständige Gremium entscheidet; Abweichungen von den Ergebnissen werden begründet.",
    "implementation": "Die Umsetzung beginnt; über den Stand wird hier berichtet.",
}
STAFF_TIMES = ["etwa 15 Arbeitstage", "etwa 25 Arbeitstage", "etwa 40 Arbeitstage", "etwa 60 Arbeitstage"]
EXTERNAL_COSTS = [0, 4500, 9800, 14_500, 22_000, 35_000]


def phases(status: str, spec: dict, today: datetime.date) -> list[dict]:
    result = []
    for title, kind, format_, channel, start, end in PHASE_PLANS.get(status, PHASE_PLANS["preparation"]):
        result.append(
            {
                "title": title,
                "kind": kind,
                "format": format_,
                "channel": channel,
                "start": today + start * DAY,
                "end": today + end * DAY,
                "description": PHASE_TEXTS[kind],
                "target_groups": spec["groups"] if kind in {"information", "dialog", "on_site"} else "",
                "multipliers": spec["mult"] if kind in {"information", "dialog"} else "",
            }
        )
    return result


def goals(spec: dict, phase_list: list[dict]) -> list[dict]:
    decision = max(p["end"] for p in phase_list)
    what, indicator, target = spec["goal"]
    return [
        {"description": what, "indicator": indicator, "target_value": target, "due_date": decision},
        {
            "description": "Ergebnisse nachvollziehbar zurückmelden",
            "indicator": "Anteil der Beiträge mit veröffentlichter Rückmeldung",
            "target_value": "100 Prozent",
            "due_date": decision + 60 * DAY,
        },
    ]


def concept_data(spec: dict, rng, department, other_units: list[str]) -> dict:
    costs = rng.choice(EXTERNAL_COSTS)
    return {
        "subject": spec["subject"],
        "scope_open": spec["open"],
        "scope_fixed": spec["fixed"],
        "decision_maker": spec["dm"],
        "decision_where": spec["where"],
        "decision_when": spec["when"],
        "results_handling": (
            "Alle Beiträge werden gesichtet, thematisch ausgewertet und mit einer Rückmeldung der Verwaltung "
            f"veröffentlicht. Die Auswertung wird der Entscheidung durch „{spec['dm']}“ als Anlage beigefügt."
        ),
        "implementation": (
            "Die Verwaltung berichtet auf dieser Seite, was aus den Ergebnissen umgesetzt wird, und begründet, "
            "was nicht umgesetzt werden kann."
        ),
        "staff_time": rng.choice(STAFF_TIMES),
        "external_costs": decimal.Decimal(costs),
        "external_moderation": costs >= 9800,
        "project_group": ", ".join([f"{department.short_name} {department.name}", *other_units]),
        "advisory_group": f"Vertretungen des Stadtbezirksrats und von {spec['mult'].split(',')[0].strip()}"
        if rng.random() < 0.7
        else "",
    }


def phase_kinds_valid() -> bool:
    """Guard for the tables above (used in tests)."""
    kinds, formats, channels = set(Phase.Kind.values), set(Phase.Format.values), set(Phase.Channel.values)
    return all(
        k in kinds and f in formats and c in channels for rows in PHASE_PLANS.values() for _, k, f, c, _s, _e in rows
    )
