"""Reads of the site search: matches per kind with counts, each kind's best results, one kind page by page.

The matching is the plan list's (core/textsearch.py): German full-text search of the normalised words on the
stored weighted vector of the index (PostgreSQL), and when no entry has the words, each word may also be one of
its most similar words of the index's words table (pg_trgm); on SQLite each word is contained in or close to a
word of the normalised text.

Cost that does not grow with the matches: the counts per kind are one grouped count, cached until the index
changes; the best results of a kind read and rank (ts_rank) only its CANDIDATES most recent matches, the rest
follow by date (as the plan list does). The number of queries does not depend on the data: at most 2 + one per kind.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.core.cache import cache
from django.db.models import Count, F, Value
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
TOP_CANDIDATES = 50  # the overview ranks the 50 most recent matches of each kind for its five
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
    similar = not entries.alias(search=vector()).filter(search=query).exists()
    if similar:
        query = textsearch.similar_words_query("search_searchword", q)
        if query is None:
            return None
    return Matches(entries.alias(search=vector()).filter(search=query), similar=similar, query=query)


def counts(q: str, found: Matches) -> dict[str, int]:
    """The number of matches per kind (kinds without matches left out), cached until the index changes."""
    key = f"search:counts:{index.version()}:{_digest(q)}"
    result = cache.get(key)
    if result is None:
        rows = found.entries.order_by().values_list("kind").annotate(n=Count("id"))
        result = dict(rows)
        cache.set(key, result, COUNT_TIMEOUT)
    return result


def ranked(found: Matches, kind: str, candidates: int = CANDIDATES) -> textsearch.TopRanked | QuerySet[SearchEntry]:
    """The matches of one kind as rows (ROW), best first: on PostgreSQL its CANDIDATES most recent matches by
    ts_rank, then the others by date, without reading those (TopRanked); on SQLite by date."""
    entries = found.entries.filter(kind=kind)
    recency = ["-published_at", "-id"]  # the order of the index (kind, -published_at, -id): it gives the candidates
    if textsearch.uses_postgres():
        rank = SearchRank(vector(), found.query)
        return textsearch.TopRanked(entries, SearchEntry.objects.all(), rank, recency, _rows, candidates)
    return _rows(entries.order_by(*recency))


def _rows(entries: QuerySet[SearchEntry]) -> QuerySet:
    return entries.values(*ROW)


@dataclass
class Group:
    kind: str
    label: str
    count: int
    results: list


def groups(q: str) -> tuple[list[Group], bool]:
    """Per kind with matches (in the order of Kind): its label, count and TOP best results (ranked among the
    TOP_CANDIDATES most recent matches of the kind); and whether similar words found them. Cached until the index
    changes (a repeated search costs two cache reads)."""
    key = f"search:groups:{index.version()}:{_digest(q)}"
    cached = cache.get(key)
    if cached is None:
        found = matches(q)
        if found is None:
            cached = ([], False)
        else:
            per_kind = counts(q, found)
            cached = (
                [
                    (kind, per_kind[kind], list(ranked(found, kind, TOP_CANDIDATES)[:TOP]))
                    for kind in Kind.values
                    if per_kind.get(kind)
                ],
                found.similar,
            )
        cache.set(key, cached, COUNT_TIMEOUT)
    rows, similar = cached
    labels = dict(Kind.choices)
    return [Group(kind, labels[kind], count, results) for kind, count, results in rows], similar


def _digest(q: str) -> str:
    return hashlib.sha256(textsearch.normalise(q).encode()).hexdigest()
