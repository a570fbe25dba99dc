"""Cursor pagination of the API lists: every list is ordered by its sort key and the id, and a page is the rows after
the last one of the page before ("keyset" paging). The cursor names that row, opaque to the client (base64 of a small
JSON object): an item that arrives while a client pages comes after every cursor already handed out, so no item is
skipped or repeated, and page 1 000 costs the same as page 1 (an index range, never an OFFSET).

The sort key of every list is the id (oldest first): new items appear at the end, so a harvester that keeps the
last `next_cursor` fetches exactly what is new the next time.

On PostgreSQL the SQL of a page is compiled once per list, filter values and page size (`key`) and kept
(CompiledPages): building and compiling the queryset was a fifth of a short list's CPU. Only the cursor's id changes
between the pages of one list; it is the one parameter put in afresh. A query whose parameters hold a date or a
time (a condition on "today") is never kept, nor one whose columns need the ORM's converters.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from stadtdialog.core.forms import MAX_ID

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

CURSOR_VERSION = 1
DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode(after: int) -> str:
    raw = json.dumps({"v": CURSOR_VERSION, "after": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str | None) -> int | None:
    """The id after which the page starts, or None for the first page; a cursor the API did not make is a 400."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        after = data["after"] if isinstance(data, dict) and data.get("v") == CURSOR_VERSION else None
    except (binascii.Error, ValueError, UnicodeDecodeError, KeyError, TypeError):
        after = None
    if type(after) is not int or not 0 <= after <= MAX_ID:
        raise HttpError(400, _("The cursor is not valid. Use the value of next_cursor from the previous page."))
    return after


def page_of(
    rows: QuerySet | Callable[[], QuerySet], cursor: str | None, limit: int, key: Hashable = None
) -> tuple[list, str | None]:
    """The rows of one page (one query: the next `limit` rows by id, plus one to know whether more follow) and the
    cursor of the next page (None on the last page). `rows`: the list's values() queryset, or a function that
    builds it (then not even built when the compiled page is kept); `key`: what the queryset depends on besides the
    cursor and the limit (the list and its filter values), None to compile it every time."""
    after = decode(cursor)
    found = PAGES.rows(key, rows, after, limit) if key is not None else None
    if found is None:
        found = list(_page_queryset(rows, after, limit))
    more = len(found) > limit
    found = found[:limit]
    if not more or not found:
        return found, None
    last = found[-1]
    return found, encode(last["id"] if isinstance(last, dict) else last.id)


def _page_queryset(rows: QuerySet | Callable[[], QuerySet], after: int | None, limit: int) -> QuerySet:
    """The page's queryset: the rows after the cursor's id, by id, `limit` + 1 of them."""
    queryset = (rows if isinstance(rows, QuerySet) else rows()).order_by("id")
    if after is not None:
        queryset = queryset.filter(id__gt=after)
    return queryset[: limit + 1]


class CompiledPages:
    """The compiled SQL of recent pages, per process: {(key, cursor or not, limit, database): (sql, parameters, the
    position of the cursor's id among them, the column names)}, the least recently used forgotten beyond SIZE."""

    SIZE = 512
    MARKER = 987_654_321  # stands for the cursor's id while compiling; must appear once, as a parameter
    UNKEPT = object()

    def __init__(self) -> None:
        self.compiled: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def rows(
        self, key: Hashable, rows: QuerySet | Callable[[], QuerySet], after: int | None, limit: int
    ) -> list[dict] | None:
        """The page's rows read with the kept SQL, or None where the page is not kept (the caller compiles)."""
        if connection.vendor != "postgresql":
            return None
        full_key = (key, after is not None, limit, connection.alias)
        try:
            with self.lock:
                entry = self.compiled.get(full_key)
                if entry is not None:
                    self.compiled.move_to_end(full_key)
        except TypeError:  # a filter value that cannot be a key
            return None
        if entry is None:
            entry = self._compile(rows, after is not None, limit)
            with self.lock:
                self.compiled[full_key] = entry
                while len(self.compiled) > self.SIZE:
                    self.compiled.popitem(last=False)
        if entry is self.UNKEPT:
            return None
        sql, params, position, names = entry
        if position is not None:
            params = [*params[:position], after, *params[position + 1 :]]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            width = len(names)
            return [dict(zip(names, row[:width], strict=True)) for row in cursor.fetchall()]

    def _compile(self, rows: QuerySet | Callable[[], QuerySet], with_cursor: bool, limit: int) -> tuple | object:
        queryset = _page_queryset(rows, self.MARKER if with_cursor else None, limit)
        if queryset._iterable_class is not ValuesIterable:  # noqa: SLF001  (only values() rows are read so)
            return self.UNKEPT
        query = queryset.query
        compiler = query.get_compiler(connection.alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a condition that nothing matches: the ORM answers without a query
            return self.UNKEPT
        params = list(params)
        # the names as django.db.models.query.ValuesIterable gives them
        names = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        if compiler.get_converters([column for column, _sql, _alias in compiler.select[: len(names)]]):
            return self.UNKEPT
        if any(isinstance(value, (datetime.date, datetime.time, datetime.timedelta)) for value in params):
            return self.UNKEPT  # e.g. "today": it would be kept past midnight
        position = None
        if with_cursor:
            places = [i for i, value in enumerate(params) if type(value) is int and value == self.MARKER]
            if len(places) != 1 or str(self.MARKER) in sql:
                return self.UNKEPT
            position = places[0]
        elif str(self.MARKER) in sql:
            return self.UNKEPT
        return sql, params, position, names


PAGES = CompiledPages()
