from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import id_field

from .models import NotificationSetting


class FollowTarget(forms.Form):
    """The id of what a resident follows or unfollows (the kind is one of targets.MODELS)."""

    id = id_field()


class SettingForm(forms.ModelForm):
    class Meta:
        model = NotificationSetting
        fields = ["mail_enabled", "frequency", "answers"]
        widgets = {"frequency": forms.RadioSelect}
        labels = {
            "mail_enabled": _("Send me e-mail notifications"),
            "frequency": _("How often"),
            "answers": _("E-mail when my contributions are answered"),
        }
        help_texts = {
            "mail_enabled": _("Switch this off to get no notification e-mails at all. What you follow is kept."),
            "answers": _("Also when you follow nothing."),
        }
