"""Cursor pagination of the API lists: every list is ordered by its sort key and the id, and a page is the rows after
the last one of the page before ("keyset" paging). The cursor names that row, opaque to the client (base64 of a small
JSON object): an item that arrives while a client pages comes after every cursor already handed out, so no item is
skipped or repeated, and page 1 000 costs the same as page 1 (an index range, never an OFFSET).

The sort key of every list is the id (oldest first): new items appear at the end, so a harvester that keeps the
last `next_cursor` fetches exactly what is new the next time.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from ninja.errors import HttpError

from stadtdialog.core.forms import MAX_ID

if TYPE_CHECKING:
    from django.db.models import QuerySet

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


def page_of(queryset: QuerySet, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """The rows of one page (one query: the next `limit` rows by id, plus one to know whether more follow) and the
    cursor of the next page (None on the last page)."""
    after = decode(cursor)
    queryset = queryset.order_by("id")
    if after is not None:
        queryset = queryset.filter(id__gt=after)
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    if not more or not rows:
        return rows, None
    last = rows[-1]
    return rows, encode(last["id"] if isinstance(last, dict) else last.id)
