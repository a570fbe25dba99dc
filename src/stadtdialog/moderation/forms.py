"""Forms of the moderation: the public report form (protected against bots) and the moderators' forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.antibot import AntiBotMixin
from stadtdialog.core.forms import id_field, max_length_of
from stadtdialog.dialog.models import Contribution

from .models import Flag


class AccountChoice(forms.Form):
    """The blocked account a moderator unblocks (core.forms.parse_query)."""

    account = id_field()


class FlagForm(AntiBotMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why should the moderators look at this?"),
        max_length=max_length_of(Flag, "reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: insulting, discriminating, advertising, personal data of others, off topic."),
        error_messages={"required": _("Please give a reason.")},
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown to the public"),
        max_length=max_length_of(Contribution, "hidden_reason"),  # every Hideable's limit
        help_text=_("Everyone sees this reason in place of the content. Do not repeat the hidden content."),
        error_messages={"required": _("Please give a reason.")},
    )


class BlockForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for blocking the account"),
        max_length=max_length_of(Flag, "reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit log; not shown in public."),
        error_messages={"required": _("Please give a reason.")},
    )
