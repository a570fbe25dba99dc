"""Labels of core's audit actions and who sees the history of a site page (imported by CoreConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .audit import register_actions, register_history
from .models import Page

register_actions(
    {
        "page.update": _("Page changed"),
    }
)
register_history(Page, "core.edit_page", url=lambda page: reverse("core:page_edit", args=[page.slug]))
