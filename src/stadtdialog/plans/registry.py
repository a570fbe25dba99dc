"""Reads of the plan list that need the participation processes, which sit above plans: processes provides
them by name in its AppConfig.ready(), plans calls them by name and imports nothing from processes.

Names in use (both from processes/queries.py):

- "running_now": ``(today: date) -> Exists``, true for a plan (``OuterRef("pk")``) with a published process
  whose phase runs today; filters the list and fills the CSV export's column.
- "running_plans_sql": ``(ids: list[int], today) -> (plan id column, "FROM ... WHERE ...", parameters)``, the
  plans among ids with such a process, as one part of the UNION ALL in queries._page_links.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_PROVIDED: dict[str, Callable] = {}


def provide(name: str, function: Callable) -> None:
    _PROVIDED[name] = function


def provided(name: str) -> Callable:
    try:
        return _PROVIDED[name]
    except KeyError:
        raise ImproperlyConfigured(f"plans needs {name!r}, which stadtdialog.processes provides") from None
