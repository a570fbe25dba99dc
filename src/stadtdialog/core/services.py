"""Writes of the core app: the staff-editable pages."""

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import audit
from .models import Page


def require_page_editor(user) -> None:
    if not rules.has_perm("core.edit_page", user):
        raise PermissionDenied


def update_page(user, page: Page, data: dict) -> Page:
    require_page_editor(user)
    with transaction.atomic():
        before = audit.snapshot(page, ["title", "body"])
        page.title, page.body = data["title"], data["body"]
        page.save()
        audit.record(user, "page.update", page, audit.diff(before, audit.snapshot(page, ["title", "body"])))
    return page
