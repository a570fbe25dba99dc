"""What residents can follow, by the short name used in forms and URLs."""

from django.contrib.contenttypes.models import ContentType

from stadtdialog.organisation.models import District, FieldOfAction
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process

MODELS = {"plan": Plan, "process": Process, "district": District, "field": FieldOfAction}


def type_name(obj) -> str | None:
    for name, model in MODELS.items():
        if isinstance(obj, model):
            return name
    return None


def url_of(obj) -> str:
    """Where a followed object is shown: its page; a district's district page, a field of action's plan list."""
    from urllib.parse import urlencode

    from django.urls import reverse

    if isinstance(obj, District):
        return reverse("districts:detail", args=[obj.slug])
    if isinstance(obj, FieldOfAction):
        return reverse("plans:list") + "?" + urlencode({"field": obj.slug})
    return obj.get_absolute_url()


def content_type_for(name: str) -> ContentType:
    return ContentType.objects.get_for_model(MODELS[name])


def is_public(obj) -> bool:
    """Plans and processes can be followed once published; districts and fields of action always."""
    if isinstance(obj, Plan):
        return obj.is_published
    if isinstance(obj, Process):
        return obj.is_published and obj.plan.is_published
    return isinstance(obj, (District, FieldOfAction))
