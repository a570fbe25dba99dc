"""Data for the sortition app tests: register extracts as CSV and sortitions at each step."""

import random

from stadtdialog.accounts.models import Role
from stadtdialog.sortition.models import Respondent, SelectionRun, Sortition
from stadtdialog.sortition.services.register import (
    add_feature,
    create_sortition,
    draw_invitations,
    import_register,
    open_signup,
    sign_up,
)
from stadtdialog.sortition.services.runs import compute_run, request_run
from stadtdialog.sortition.services.selection import draw_panel, publish_lottery, set_quotas
from tests.factories import staff_user

FIRST = ["Anna", "Ben", "Clara", "Deniz", "Emil", "Fatma", "Greta", "Hasan", "Ida", "Jonas", "Kübra", "Lars"]
LAST = ["Müller", "Schmidt", "Yılmaz", "Schneider", "Fischer", "Weber", "Nowak", "Becker", "Hoffmann", "Schulz"]
STREETS = ["Limmerstraße", "Lister Meile", "Podbielskistraße", "Engelbosteler Damm", "Hildesheimer Straße"]
HEADER = "Vorname;Nachname;Straße;Hausnummer;Adresszusatz;PLZ;Ort;Stadtbezirk"


def register_rows(n: int = 60, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        rows.append(
            [
                f"{rng.choice(FIRST)}{i}",
                rng.choice(LAST),
                rng.choice(STREETS),
                str(i + 1),
                "",
                f"30{159 + i % 40}",
                "Hannover",
                str(i % 13 + 1),
            ]
        )
    return rows


def register_csv(rows=None, header: str = HEADER) -> bytes:
    rows = register_rows() if rows is None else rows
    return ("\n".join([header] + [";".join(r) for r in rows]) + "\n").encode("utf-8")


def coordinator():
    return staff_user(kind=Role.Kind.COORDINATION, org_unit=None, full_name="Kora Koordination")


def new_sortition(actor, **fields) -> Sortition:
    fields = {"title": "Bürgerrat Klima", "panel_size": 6, "lottery_size": 100, **fields}
    return create_sortition(actor, **fields)


FEATURES = [
    ("gender", "Geschlecht", [("w", "weiblich", 50), ("m", "männlich", 50)]),
    (
        "age",
        "Alter",
        [("jung", "16 bis 39 Jahre", 40), ("mittel", "40 bis 64 Jahre", 35), ("alt", "65 Jahre und älter", 25)],
    ),
]


def sortition_with_invitations(actor, invitations: int = 30, **fields) -> Sortition:
    sortition = new_sortition(actor, **fields)
    import_register(actor, sortition, register_csv())
    draw_invitations(actor, sortition, invitations, seed="4711")
    for key, name, values in FEATURES:
        add_feature(actor, sortition, key, name, values)
    return sortition


def answers_for(i: int) -> dict[str, str]:
    return {"gender": "w" if i % 2 else "m", "age": ["jung", "mittel", "alt"][i % 3]}


def sortition_with_pool(actor, respondents: int = 20, **fields) -> Sortition:
    sortition = sortition_with_invitations(actor, **fields)
    open_signup(actor, sortition)
    codes = list(
        sortition.register_entries.filter(invited_at__isnull=False)
        .order_by("line")
        .values_list("response_code", flat=True)
    )
    for i, code in enumerate(codes[:respondents]):
        sign_up(sortition, code, answers_for(i), email=f"p{i}@example.org")
    return sortition


def balanced_bounds(sortition) -> dict[int, tuple[int, int]]:
    bounds = {}
    for feature in sortition.features.prefetch_related("values"):
        for value in feature.values.all():
            bounds[value.pk] = {"w": (2, 4), "m": (2, 4), "jung": (1, 3), "mittel": (1, 3), "alt": (1, 3)}[value.key]
    return bounds


def computed_run(actor, sortition, algorithm=SelectionRun.Algorithm.LEXIMIN, **options) -> SelectionRun:
    """A run requested as on the page and computed as the task worker does it (whatever the backend)."""
    run = request_run(actor, sortition, algorithm, **options)
    compute_run(run.pk)
    run.refresh_from_db()
    return run


def drawn_sortition(actor, number: str = "4-17-23-38-41") -> Sortition:
    sortition = sortition_with_pool(actor)
    set_quotas(actor, sortition, balanced_bounds(sortition))
    run = computed_run(actor, sortition)
    publish_lottery(actor, sortition, run)
    draw_panel(actor, sortition, number)
    sortition.refresh_from_db()
    return sortition


def panel(sortition) -> list[Respondent]:
    return list(sortition.respondents.filter(status=Respondent.Status.SELECTED))
