"""Labels of the concerns' audit actions and who sees a concern's history (imported by the app's ready())."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models.concerns import Concern, ConcernCategory, Open311Client

register_actions(
    {
        "concern.submit": _("Concern brought"),
        "concern.confirm": _("E-mail address of the concern confirmed"),
        "concern.review": _("Concern taken into review"),
        "concern.refer": _("Concern referred"),
        "concern.take_care": _("Caretaking of the concern started"),
        "concern.add_step": _("Step added"),
        "concern.finish_step": _("Step done"),
        "concern.update": _("Status update sent"),
        "concern.note": _("Internal note added"),
        "concern.close": _("Concern closed"),
        "concern.move": _("Concern moved to another district"),
        "concern.initiative": _("Concern turned into an initiative"),
        "concern.publish": _("Anonymised summary published"),
        "concern.unpublish": _("Anonymised summary taken back"),
        "concern.delete_by_resident": _("Personal data deleted by the resident"),
        "concern.purge": _("Personal data deleted after the retention period"),
        "concern_category.save": _("Concern category saved"),
        "open311_client.create": _("Open311 application added"),
        "open311_client.deactivate": _("Open311 application deactivated"),
    }
)
register_history(
    Concern, "districts.view_concern", url=lambda concern: reverse("districts:staff_concern", args=[concern.pk])
)
register_history(
    ConcernCategory,
    "districts.manage_concern_categories",
    url=lambda category: reverse("districts:staff_concern_category_edit", args=[category.pk]),
)
register_history(
    Open311Client, "districts.manage_open311_clients", url=lambda client: reverse("districts:staff_open311_clients")
)
