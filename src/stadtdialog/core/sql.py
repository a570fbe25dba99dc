"""Pieces of the hand-written SQL of the apps' queries (the few places where the ORM's compilation cost more than
the query: plans.queries._page_links, processes.queries.running_plans_sql, api.queries._plan_details), and how
PostgreSQL's timestamps are read (use_compiled_timestamp_loader)."""

from __future__ import annotations

import datetime
import functools

from django.db import connection


def in_ids(column: str, ids: list[int]) -> tuple[str, list]:
    """The condition `column IN (ids)` and its parameters. On PostgreSQL `column = ANY(%s)` with the ids as one
    array parameter, so the statement stays the same for any number of ids: psycopg converts the %s placeholders in
    Python and keeps the result only for statements with at most 50 parameters
    (psycopg._queries.MAX_CACHED_STATEMENT_PARAMS); with one parameter per id, the plan list API's 200 ids cost a
    quarter of its CPU in parsing the statement. The array travels as its text form, which psycopg passes as it is
    (a Python list of ints is dumped element by element in Python). Elsewhere one placeholder per id."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return f"{column} = ANY(CAST(%s AS bigint[]))", ["{" + ",".join(map(str, ids)) + "}"]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", ids


def use_compiled_timestamp_loader(sender, connection, **kwargs) -> None:  # noqa: ANN001, ARG001
    """connection_created receiver: PostgreSQL's `timestamptz` values parsed by psycopg's compiled loader.

    Django registers a loader of its own for them (django.db.backends.postgresql.psycopg_any.BaseTzLoader), a
    subclass of psycopg's pure-Python loader that sets the time zone afterwards: it parses every timestamp in Python
    (an eighth of the CPU of an API list with 180 timestamps). With the connection's time zone UTC (Django sets it
    so with USE_TZ and no TIME_ZONE of the database), psycopg's compiled loader returns the same values, datetimes
    in `datetime.timezone.utc`. It cannot be subclassed, so UtcTimestamptzLoader hands each value to it; it carries
    the `timezone` Django's create_cursor compares with its own, so Django keeps it."""
    if connection.vendor != "postgresql" or connection.timezone != datetime.UTC:
        return
    if connection.connection.info.parameter_status("TimeZone") != "UTC":
        return
    loader = _utc_loader()
    if loader is not None:
        connection.connection.adapters.register_loader("timestamptz", loader)


@functools.cache
def _utc_loader() -> type | None:
    import psycopg
    from psycopg.adapt import Loader

    oid = psycopg.adapters.types["timestamptz"].oid
    compiled = psycopg.adapters.get_loader(oid, psycopg.pq.Format.TEXT)
    if compiled is None or compiled.__module__.startswith("psycopg.types"):  # psycopg without its C extension
        return None

    class UtcTimestamptzLoader(Loader):
        timezone = datetime.UTC

        def __init__(self, oid: int, context=None) -> None:  # noqa: ANN001
            super().__init__(oid, context)
            self.load = compiled(oid, context).load  # psycopg looks `load` up once per column

        def load(self, data):  # noqa: ANN001, ANN201  (replaced per instance in __init__)
            raise NotImplementedError

    return UtcTimestamptzLoader
