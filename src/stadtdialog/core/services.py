"""Writes of the core app: the staff-editable pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import audit
from .models import Page

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


def require_page_editor(user: AbstractBaseUser | AnonymousUser) -> None:
    """Raise PermissionDenied unless the user may edit the staff-editable pages."""
    if not rules.has_perm("core.edit_page", user):
        raise PermissionDenied


def update_page(user: AbstractBaseUser | AnonymousUser, page: Page, *, title: str, body: str) -> Page:
    """Save the page's title and body (as PageForm checked them) with an audit entry."""
    require_page_editor(user)
    with transaction.atomic():
        before = audit.snapshot(page, ["title", "body"])
        page.title, page.body = title, body
        page.save()
        audit.record(user, "page.update", page, audit.diff(before, audit.snapshot(page, ["title", "body"])))
    return page
