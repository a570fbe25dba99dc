"""What each app holds about an account: for the data export and for the deletion of an account.

accounts sits below the apps that store residents' input, so it must not import them. Instead each
app may have a module ``account_data.py`` that registers functions here (found like Django finds
``admin.py``)::

    from stadtdialog.accounts.personal_data import register_exporter, register_deletion_hook, register_profile_section

    register_exporter("contributions", lambda user: [...])          # JSON-ready data of the user only
    register_deletion_hook("supports", lambda user: ...)              # runs in the deletion's transaction
    register_owned_objects("contributions", lambda user: Contribution.objects.filter(author=user))
    register_profile_section("contributions", "dialog/_account_profile.html", lambda user: {...})

The owned objects are what the person wrote or holds; when the account is deleted, the audit entries
about them lose the person's name and e-mail address (see accounts.services.delete_account).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

_exporters: dict[str, Callable] = {}
_deletion_hooks: dict[str, Callable] = {}
_profile_sections: dict[str, "ProfileSection"] = {}
_owned_objects: dict[str, Callable] = {}
_discovered = False


@dataclass(frozen=True)
class ProfileSection:
    name: str
    template: str
    context: Callable  # user -> dict


def register_exporter(name: str, fn: Callable) -> None:
    """fn(user) returns JSON-serialisable data of that user only; it appears under `name` in the export."""
    _exporters[name] = fn


def register_deletion_hook(name: str, fn: Callable) -> None:
    """fn(user) tidies up the app's data before the account row is deleted (inside one transaction)."""
    _deletion_hooks[name] = fn


def register_owned_objects(name: str, fn: Callable) -> None:
    """fn(user) returns a queryset of the objects the user wrote or holds (read before anything is deleted)."""
    _owned_objects[name] = fn


def register_profile_section(name: str, template: str, context: Callable) -> None:
    """A part of the profile page: `template` rendered with context(user) (keep it to a fixed number of queries)."""
    _profile_sections[name] = ProfileSection(name, template, context)


def discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("account_data")
        _discovered = True


def exporters() -> dict[str, Callable]:
    discover()
    return dict(sorted(_exporters.items()))


def deletion_hooks() -> dict[str, Callable]:
    discover()
    return dict(_deletion_hooks)


def owned_objects() -> dict[str, Callable]:
    discover()
    return dict(_owned_objects)


def profile_sections() -> list[ProfileSection]:
    discover()
    return list(_profile_sections.values())
