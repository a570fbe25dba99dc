"""Search that forgives (issue 16, item 6): the matching shared by the plan list and the site search.

One spelling for the index and the query: `normalise` (Python) and the SQL function `stadtdialog_search_norm`
(PostgreSQL: created by plans/migrations/0006 with the extensions `unaccent` and `pg_trgm`; SQLite: registered on
every connection by core's AppConfig) both turn a text into lower case without accents, "ue"/"oe"/"ae" into
"u"/"o"/"a" and "ß" into "ss". So "Kuechengarten", "Küchengarten" and "KÜCHENGARTEN" are one word, on both sides.

PostgreSQL: German full-text search (stemming: "Spielplätze" finds "Spielplatz") on a stored, weighted vector of
the normalised text; when the words find nothing, each word may also match a title word that is similar to it
(`pg_trgm` word similarity on the normalised title, GIN-indexed: "Spielpaltz" finds "Spielplatz").
SQLite (development and tests): each word is contained in the normalised text or close to one of its words
(difflib), without an index.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, TextField, Value

if TYPE_CHECKING:
    from django.db.models import Expression

NORMALISE = "stadtdialog_search_norm"
SIMILAR = "stadtdialog_search_similar"
CONFIG = "german"
MAX_WORDS = 8
# SQLite's fallback: how close a word must be to a word of the text (difflib's ratio; "spielplatze" and
# "spielplatz" are 0.95 apart, "spielpaltz" and "spielplatz" 0.9).
SIMILAR_RATIO = 0.8

# pg_trgm's word similarity for the typo fallback (set on every PostgreSQL connection).
WORD_SIMILARITY = 0.5

_PAIRS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_WORD = re.compile(r"\w+")

# The SQL function of PostgreSQL, created by plans/migrations/0006 (IMMUTABLE so that a generated column and an
# expression index may use it; unaccent is immutable for a fixed dictionary).
POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {NORMALISE}(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT replace(replace(replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)),
    'ae', 'a'), 'oe', 'o'), 'ue', 'u')
$$
"""


def normalise(text: str | None) -> str:
    """The spelling the index and the query share (what the SQL function gives): no accents, lower case,
    ue/oe/ae as u/o/a, ß as ss."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", str(text).replace("ß", "ss").replace("ẞ", "SS"))
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    for pair, single in _PAIRS:
        text = text.replace(pair, single)
    return text


def query_terms(q: str) -> list[tuple[str, bool]]:
    """The words of a search (at most MAX_WORDS), normalised, each with whether it is excluded ("-word");
    quotes and "or" dropped."""
    terms = []
    for token in normalise(q).split():
        excluded = token.startswith("-")
        terms += [(word, excluded) for word in _WORD.findall(token) if word != "or"]
    return terms[:MAX_WORDS]


def similar(text: str | None, word: str | None) -> bool:
    """SQLite's fallback: whether a word of `text` (normalised) is close to `word` (normalised)."""
    if not text or not word:
        return False
    if word in text:
        return True
    return any(
        abs(len(candidate) - len(word)) <= 3 and difflib.SequenceMatcher(None, candidate, word).ratio() >= SIMILAR_RATIO
        for candidate in set(_WORD.findall(text))
    )


def prepare_connection(sender, connection, **kwargs) -> None:
    """connection_created receiver. PostgreSQL: the word similarity a typo needs (pg_trgm's default of 0.6 misses
    "Spielpaltz" in "Spielplatz", 0.55). SQLite: the two functions of the fallback."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET pg_trgm.word_similarity_threshold = {WORD_SIMILARITY}")
    elif connection.vendor == "sqlite":
        connection.connection.create_function(NORMALISE, 1, normalise, deterministic=True)
        connection.connection.create_function(SIMILAR, 2, similar, deterministic=True)


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def normalised(expression: Expression | str) -> Func:
    """SQL: the normalised spelling of a column or value."""
    if isinstance(expression, str):
        expression = Value(expression)
    return Func(expression, function=NORMALISE, output_field=TextField())


def ts_query(q: str) -> SearchQuery:
    """PostgreSQL: the German web-search query of the normalised words (quotes, "or" and "-" keep their meaning)."""
    return SearchQuery(normalised(q), config=CONFIG, search_type="websearch")


def word_ts_query(word: str) -> SearchQuery:
    """PostgreSQL: the German query of one normalised word."""
    return SearchQuery(Value(word), config=CONFIG, search_type="plain")


def fuzzy_condition(vector: Expression, title_norm_alias: str, q: str) -> Q | None:
    """PostgreSQL: every word found in the vector or similar to a word of the title (pg_trgm's `%>` on the alias of
    the normalised title, which the trigram index covers). None when the search has no words."""
    terms = query_terms(q)
    if not any(not excluded for _word, excluded in terms):
        return None
    condition = Q()
    for word, excluded in terms:
        found = Q(_VectorMatch(vector, word_ts_query(word)))
        if excluded:
            condition &= ~found
        else:
            condition &= found | Q(_WordSimilar(F(title_norm_alias), Value(word)))
    return condition


class _VectorMatch(Func):
    """vector @@ query as a boolean expression (to combine with Q objects)."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class _WordSimilar(Func):
    """title %> word (pg_trgm): the word is similar to a part of the title (word_similarity at least
    pg_trgm.word_similarity_threshold, WORD_SIMILARITY); the trigram index of the normalised title serves it."""

    template = "%(expressions)s"
    arg_joiner = " %%> "
    output_field = BooleanField()


def sqlite_condition(text_norm_alias: str, q: str) -> Q | None:
    """SQLite: every word contained in the normalised text or close to one of its words."""
    terms = query_terms(q)
    if not any(not excluded for _word, excluded in terms):
        return None
    condition = Q()
    for word, excluded in terms:
        if excluded:
            condition &= ~Q(**{f"{text_norm_alias}__contains": word})
        else:
            condition &= Q(Func(F(text_norm_alias), Value(word), function=SIMILAR, output_field=BooleanField()))
    return condition
