"""Labels of the processes' audit actions and who sees a process's history (imported by ProcessesConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from . import versioning
from .models import Process

register_actions(
    {
        "process.create": _("Process created"),
        "process.publish": _("Process published"),
        "process.unpublish": _("Process taken back to draft"),
        "concept.update": _("Concept changed"),
        "concept.goals": _("Goals changed"),
        "concept.phases": _("Phases changed"),
        "concept.contacts": _("Contacts changed"),
    }
)
# A process's entries carry the fields of its concept: their labels are the concept's sections.
register_history(
    Process,
    "processes.change_process",
    url=lambda process: reverse("processes:staff_detail", args=[process.pk]),
    labels={
        **dict(versioning.SECTIONS),
        "version": _("Version"),
        "change_note": _("What changed and why"),
        "plan": _("Plan"),
        "published_at": _("Published"),
    },
)
