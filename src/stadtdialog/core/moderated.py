"""The kinds of content that anyone may report to the moderators and that the moderators may hide.

Each app that owns such content (models with dialog's `Hideable` fields and an `author`) registers
it here in its AppConfig.ready(); the moderation app reads the registry, so that it does not import
the apps it moderates. A kind is named in URLs and forms (``comment``, ``report-comment``).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ModeratedKind:
    kind: str  # the name in URLs: "contribution", "comment", "report-comment", ...
    model: type
    related: tuple[str, ...]  # select_related() to show the author and the process without more queries
    process_of: Callable  # content -> its Process
    url_of: Callable  # content -> where the public sees it, with an anchor


_kinds: dict[str, ModeratedKind] = {}


def register_moderated(
    kind: str, model: type, *, related: tuple[str, ...], process_of: Callable, url_of: Callable
) -> None:
    """Make `model` reportable and hideable under the name `kind`."""
    _kinds[kind] = ModeratedKind(kind, model, tuple(related), process_of, url_of)


def moderated_kinds() -> dict[str, ModeratedKind]:
    """Every registered kind by its name, in the order of registration."""
    return dict(_kinds)


def kind_for_model(model: type) -> ModeratedKind | None:
    return next((k for k in _kinds.values() if k.model is model), None)
