"""Reads of the accounts app: what the start page after login shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadtdialog.core.extensions import links_for

if TYPE_CHECKING:
    from .models import User


def home_context(user: User) -> dict:
    """What the start page after login shows: the user's roles and the sections open to them."""
    return {"roles": user.roles, "links": links_for("staff_home", user)}
