"""What a plan says about its participation: one function decides the status shown, the badge and the fact
"Participation" from the plan's stored status, whether participation is planned and whether a published process
of the plan has a phase running today (processes provides "running_now", plans/registry.py). The list, the map's
table and the plan page use it, so they never contradict each other (issue 16, item 8: a plan said "Participation
running" and "Participation is planned." at once)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Plan


@dataclass(frozen=True)
class ParticipationState:
    key: str  # "running", "planned" or "none"
    status_label: str  # the plan's status as shown: the stored one, unless the processes say otherwise
    badge_class: str
    badge_label: str
    fact: str  # the fact "Participation" of the plan page


def participation_state(status: str, participation_planned: bool, running: bool) -> ParticipationState:
    """The one answer for a plan. A phase running today wins over the stored values: the status reads
    "Participation running" and the plan counts as with participation. A stored status "Participation running"
    without a running phase reads "Participation planned" (or "No participation running" when none is planned)."""
    labels = dict(Plan.Status.choices)
    status_label = str(labels.get(status, status))
    if running:
        return ParticipationState(
            "running",
            str(labels[Plan.Status.PARTICIPATION]),
            "kern-badge--success",
            _("Participation running now"),
            _("A participation is running now."),
        )
    if status == Plan.Status.PARTICIPATION:
        status_label = _("Participation planned") if participation_planned else _("No participation running")
    if participation_planned:
        return ParticipationState(
            "planned", status_label, "kern-badge--info", _("Participation planned"), _("Participation is planned.")
        )
    return ParticipationState(
        "none", status_label, "", _("No participation planned"), _("No participation is planned.")
    )
