"""Reads of the notifications pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from . import targets
from .models import Follow

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User
    from stadtdialog.organisation.models import District
    from stadtdialog.plans.models import Plan
    from stadtdialog.processes.models import Process


def follows_of(user: User) -> list[dict]:
    """The user's follows with their objects, one query per kind of object (at most five queries)."""
    follows = list(Follow.objects.filter(user=user).order_by("created_at", "id"))
    by_type = defaultdict(list)
    for item in follows:
        by_type[item.content_type_id].append(item.object_id)
    objects = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for obj in model._default_manager.filter(pk__in=ids):
            objects[(content_type_id, obj.pk)] = obj
    rows = []
    for item in follows:
        obj = objects.get((item.content_type_id, item.object_id))
        if obj is not None:
            rows.append({"follow": item, "object": obj, "type": targets.type_name(obj), "url": targets.url_of(obj)})
    return rows


def places_to_follow(user: User, follows: list[dict]) -> dict:
    """The districts and fields of action with whether the user follows each, for the follow buttons of the
    settings page (two queries; `follows` is follows_of(user))."""
    from stadtdialog.organisation.models import District, FieldOfAction

    followed = {(row["type"], row["object"].pk) for row in follows}

    def rows(name: str, queryset: Iterable[Model]) -> list[dict]:
        return [{"object": obj, "type": name, "following": (name, obj.pk) in followed} for obj in queryset]

    return {
        "districts": rows("district", District.objects.order_by("number", "name")),
        "fields": rows("field", FieldOfAction.objects.order_by("position", "name")),
    }


def follow_state(user: User, obj: Model) -> dict:
    """Whether the user follows obj (one query; none for visitors)."""
    name = targets.type_name(obj)
    following = False
    if user.is_authenticated and name is not None:
        content_type = ContentType.objects.get_for_model(obj)
        following = Follow.objects.filter(user=user, content_type=content_type, object_id=obj.pk).exists()
    return {"type": name, "id": obj.pk, "following": following}


def plan_follow_section(request: HttpRequest, plan: Plan) -> dict | None:
    """The section "follow" of the public plan page (core/extensions.py): the follow button of a published plan
    (none on a draft); its template reads the follow state."""
    return {"object": plan} if plan.is_published else None


def process_follow_section(request: HttpRequest, process: Process) -> dict:
    """The section "follow" of the public process page (core/extensions.py): the process's follow button."""
    return {"object": process}


def district_follow_section(request: HttpRequest, district: District) -> dict:
    """The section "follow" of the public district page (districts): the district's follow button."""
    return {"object": district}
