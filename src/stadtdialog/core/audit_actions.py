"""Labels of core's audit actions and who sees the history of a site page (imported by CoreConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .audit import register_actions, register_history
from .models import BarrierReport, Page

register_actions(
    {
        "page.update": _("Page changed"),  # the code before the pages had their own services
        "core.page.create": _("Page added"),
        "core.page.update": _("Page changed"),
        "core.page.delete": _("Page removed"),
        "core.page.reorder": _("Order of the pages changed"),
        "core.barrier_report.create": _("Barrier reported"),
        "core.barrier_report.answer": _("Barrier report answered"),
        "core.barrier_report.close": _("Barrier report closed"),
    }
)
register_history(Page, "core.edit_page", url=lambda page: reverse("core:page_edit", args=[page.slug]))
register_history(
    BarrierReport,
    "core.answer_barrier_reports",
    url=lambda report: reverse("core:barrier_report", args=[report.pk]),
)
