"""Labels of the dialog's audit actions and who sees a contribution's history (imported by DialogConfig.ready).

A contribution's history is for the staff who answer it and for the moderators; a comment's for the moderators."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import Comment, Contribution

register_actions(
    {
        "dialog.contribution.create": _("Contribution submitted"),
        "dialog.comment.create": _("Comment written"),
        "dialog.contribution.edit": _("Contribution edited by its author"),
        "dialog.contribution.withdraw": _("Contribution withdrawn by its author"),
        "dialog.comment.edit": _("Comment edited by its author"),
        "dialog.comment.withdraw": _("Comment withdrawn by its author"),
        "dialog.support.add": _("Support given"),
        "dialog.support.withdraw": _("Support withdrawn"),
        "dialog.response.publish": _("Answer published"),
    }
)
register_history(
    Contribution,
    ("dialog.answer_contribution", "moderation.moderate"),
    url=lambda contribution: reverse("dialog:answer", args=[contribution.pk]),
)
register_history(Comment, "moderation.moderate")
