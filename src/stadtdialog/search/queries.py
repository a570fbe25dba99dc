"""Reads of the site search: matches per kind with counts, each kind's best results, one kind page by page.

The matching is the plan list's (core/textsearch.py): German full-text search of the normalised words on the
stored weighted vector of the index (PostgreSQL), and when no entry has the words, each word may also be similar
to a word of a title (pg_trgm); on SQLite each word is contained in or close to a word of the normalised text.

Cost that does not grow with the matches: the counts per kind are one grouped count, cached until the index
changes; the best results of a kind rank (ts_rank) only its CANDIDATES most recent matches, the rest follow by
date (as the plan list does). The number of queries does not depend on the data: at most 2 + one per kind.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.core.cache import cache
from django.db.models import Case, Count, F, FloatField, Value, When
from django.db.models.expressions import Col
from django.db.models.functions import Concat

from stadtdialog.core import textsearch

from . import index
from .models import SearchEntry

if TYPE_CHECKING:
    from django.db.models import QuerySet

Kind = SearchEntry.Kind
TOP = 5
PAGE_SIZE = 20
CANDIDATES = 200
COUNT_TIMEOUT = 300
ROW = ("id", "kind", "object_id", "title", "summary", "url", "published_at")


def vector() -> Col:
    """The column search_searchentry.vector (PostgreSQL only, migration 0001)."""
    column = SearchVectorField()
    column.set_attributes_from_name("vector")
    column.model = SearchEntry
    return Col(SearchEntry._meta.db_table, column)


@dataclass
class Matches:
    """The matches of a search: the queryset and whether they were found by similar words (a typo)."""

    entries: QuerySet[SearchEntry]
    similar: bool = False
    query: object = None


def matches(q: str) -> Matches | None:
    """Entries matching the search words, not yet ordered; None when the search has no words."""
    if not textsearch.query_terms(q):
        return None
    entries = SearchEntry.objects.all()
    if not textsearch.uses_postgres():
        condition = textsearch.sqlite_condition("text_norm", q)
        if condition is None:
            return None
        text = Concat(F("title"), Value(" "), F("summary"), Value(" "), F("body"))
        return Matches(entries.alias(text_norm=textsearch.normalised(text)).filter(condition))
    query = textsearch.ts_query(q)
    found = entries.alias(search=vector()).filter(search=query)
    if found.exists():
        return Matches(found, query=query)
    condition = textsearch.fuzzy_condition(vector(), "title_norm", q)
    if condition is None:
        return None
    similar = entries.alias(title_norm=textsearch.normalised(F("title"))).filter(condition)
    return Matches(similar, similar=True, query=query)


def counts(q: str, found: Matches) -> dict[str, int]:
    """The number of matches per kind (kinds without matches left out), cached until the index changes."""
    key = f"search:counts:{index.version()}:{hashlib.sha256(textsearch.normalise(q).encode()).hexdigest()}"
    result = cache.get(key)
    if result is None:
        rows = found.entries.order_by().values_list("kind").annotate(n=Count("id"))
        result = dict(rows)
        cache.set(key, result, COUNT_TIMEOUT)
    return result


def ranked(found: Matches, kind: str) -> QuerySet[SearchEntry]:
    """The matches of one kind, best first: on PostgreSQL by ts_rank among its CANDIDATES most recent matches,
    then by date; on SQLite by date."""
    entries = found.entries.filter(kind=kind)
    if textsearch.uses_postgres() and not found.similar:
        candidates = entries.order_by("-published_at", "-id").values("pk")[:CANDIDATES]
        rank = Case(
            When(pk__in=candidates, then=SearchRank(vector(), found.query)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return entries.alias(rank=rank).order_by("-rank", F("published_at").desc(nulls_last=True), "-id")
    return entries.order_by(F("published_at").desc(nulls_last=True), "-id")


@dataclass
class Group:
    kind: str
    label: str
    count: int
    results: list


def groups(q: str) -> tuple[list[Group], Matches | None]:
    """Per kind with matches (in the order of Kind): its label, count and TOP best results."""
    found = matches(q)
    if found is None:
        return [], None
    per_kind = counts(q, found)
    result = []
    for kind, label in Kind.choices:
        if per_kind.get(kind):
            rows = list(ranked(found, kind).values(*ROW)[:TOP])
            result.append(Group(kind, label, per_kind[kind], rows))
    return result, found
