"""Template tags of the dialog: the process page's dialog box loads its own data (three queries, however many
contributions)."""

from django import template

from stadtdialog.core.antibot import make_token
from stadtdialog.dialog import queries
from stadtdialog.dialog.models import Response
from stadtdialog.dialog.phases import window_of

register = template.Library()


@register.simple_tag
def process_dialog(process, count=5):
    """The state of the online dialog, the counts by answer status and the newest contributions."""
    if process is None or process.pk is None:
        return None
    counts = queries.counts_by_status(process)
    return {
        "window": window_of(process),
        "total": counts["total"],
        "answered": counts["total"] - counts.get(queries.NOT_ANSWERED, 0),
        "statuses": queries.status_summary(counts),
        "latest": queries.latest(process, count) if counts["total"] else [],
    }


@register.simple_tag
def antibot_token():
    """A fresh signed timestamp for the small reply forms (see core.antibot)."""
    return make_token()


@register.filter
def status_label(value: str) -> str:
    """The German label of an answer status stored on a contribution ("" when unanswered)."""
    return Response.Status(value).label if value in Response.Status.values else ""
