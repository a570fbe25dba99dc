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

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchConfig, SearchQuery
from django.db import connection
from django.db.models import BigIntegerField, BooleanField, F, Func, IntegerField, Q, TextField, Value

if TYPE_CHECKING:
    from django.db.models import Expression

NORMALISE = "stadtdialog_search_norm"
SIMILAR = "stadtdialog_search_similar"
CONFIG = "german"
MAX_WORDS = 8
# SQLite's fallback: how close a word must be to a word of the text (difflib's ratio; "spielplatze" and
# "spielplatz" are 0.95 apart, "spielpaltz" and "spielplatz" 0.9).
SIMILAR_RATIO = 0.8

# The typo fallback: how many similar words of the words table a word may also be.
SUGGESTIONS = 3

_PAIRS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_WORD = re.compile(r"[^\W_]+")

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
    """connection_created receiver: the two functions of the fallback on SQLite."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(NORMALISE, 1, normalise, deterministic=True)
        connection.connection.create_function(SIMILAR, 2, similar, deterministic=True)


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def normalised(expression: Expression | str) -> Func:
    """SQL: the normalised spelling of a column or value."""
    if isinstance(expression, str):
        expression = Value(expression)
    return Func(expression, function=NORMALISE, output_field=TextField())


class InlineText(Value):
    """A text value written into the SQL as a quoted literal on PostgreSQL (psycopg's own quoting), not sent as a
    parameter. For the search words: with server-side parameters and prepared statements (settings:
    server_side_binding, prepare_threshold) a search repeated five times was run from a generic plan, which cannot
    see the words and so assumed few matches: it read and sorted every match of a frequent word (17 326 entries
    for "Spielplatz") instead of walking the date index to the most recent ones, 34 ms of database CPU instead of
    1 ms (bench/search/RESULTS.md). With the words in the text the plan is made for them, and a repeated search
    still reuses its plan."""

    def as_sql(self, compiler, connection):  # noqa: ANN001, ANN201
        if connection.vendor != "postgresql":
            return super().as_sql(compiler, connection)
        from psycopg import sql

        literal = sql.quote(str(self.value), connection.connection)
        return literal.replace("%", "%%"), []  # the query text still goes through psycopg's placeholder parsing


class InlineIds(Value):
    """PostgreSQL: a list of integer ids written into the SQL as an `integer[]` literal, not sent as a parameter,
    for a condition whose selectivity depends on the value (a plan's districts, `district_ids @> ARRAY[10]`): with
    prepared statements a generic plan cannot see which district and assumed many matches, read all of them and
    sorted (the district list at 100 000 plans: 10.9 ms of database CPU instead of 0.8). Only integers get here."""

    def __init__(self, ids, **kwargs) -> None:  # noqa: ANN001
        super().__init__([int(pk) for pk in ids], output_field=ArrayField(IntegerField()), **kwargs)

    def as_sql(self, compiler, connection):  # noqa: ANN001, ANN201
        if connection.vendor != "postgresql":
            return super().as_sql(compiler, connection)
        return f"ARRAY[{', '.join(str(pk) for pk in self.value)}]::integer[]", []


def ts_query(q: str) -> SearchQuery:
    """PostgreSQL: the German web-search query of the normalised words (quotes, "or" and "-" keep their meaning)."""
    return SearchQuery(normalised(InlineText(q)), config=SearchConfig(InlineText(CONFIG)), search_type="websearch")


def similar_words_query(table: str, q: str) -> SearchQuery | None:
    """PostgreSQL, when the words find nothing (a typo): the query in which each word may also be one of the
    SUGGESTIONS most similar words of the words table `table` (pg_trgm similarity, its GIN index; the table holds
    the normalised words of titles and summaries, kept by a trigger). One query for all words; None when the
    search has no words to look for."""
    terms = query_terms(q)
    wanted = [word for word, excluded in terms if not excluded]
    if not wanted:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT w.q, s.word FROM unnest(%s::text[]) AS w(q) CROSS JOIN LATERAL ("  # noqa: S608 (a fixed name)
            f"SELECT word FROM {table} WHERE word %% w.q ORDER BY similarity(word, w.q) DESC, word LIMIT %s) s",
            [wanted, SUGGESTIONS],
        )
        found: dict[str, list[str]] = {}
        for word, suggestion in cursor.fetchall():
            found.setdefault(word, []).append(suggestion)
    parts = []
    for word, excluded in terms:
        parts.append(f"!{word}" if excluded else "(" + " | ".join(dict.fromkeys([word, *found.get(word, [])])) + ")")
    return SearchQuery(InlineText(" & ".join(parts)), config=SearchConfig(InlineText(CONFIG)), search_type="raw")


def words_table_sql(table: str, source: str, columns: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """PostgreSQL statements (forward, backward) of a words table for the typo fallback: the normalised words (3
    letters or more) of `columns` of the table `source`, filled now and kept by a trigger on insert and update
    (words are never removed: a word no longer used only suggests a search that finds less)."""

    def words(prefix: str, rows: str) -> str:
        return " UNION ".join(
            f"SELECT regexp_split_to_table(stadtdialog_search_norm(COALESCE({prefix}{column}, '')), '[^[:alnum:]]+')"
            f"{rows}"
            for column in columns
        )

    def insert(select: str) -> str:
        return (
            f"INSERT INTO {table} (word) SELECT DISTINCT w FROM ({select}) AS t(w) WHERE length(w) >= 3 "
            "ON CONFLICT DO NOTHING"
        )

    forward = [
        f"CREATE TABLE IF NOT EXISTS {table} (word text PRIMARY KEY)",
        f"CREATE INDEX IF NOT EXISTS {table}_trgm ON {table} USING gin (word gin_trgm_ops)",
        f"CREATE OR REPLACE FUNCTION {table}_keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"{insert(words('NEW.', ''))}; RETURN NEW; END $$",
        f"CREATE TRIGGER {table}_keep AFTER INSERT OR UPDATE ON {source} FOR EACH ROW EXECUTE FUNCTION {table}_keep()",
        insert(words("", f" FROM {source}")),
    ]
    backward = [
        f"DROP TRIGGER IF EXISTS {table}_keep ON {source}",
        f"DROP FUNCTION IF EXISTS {table}_keep()",
        f"DROP TABLE IF EXISTS {table}",
    ]
    return forward, backward


class AnyOf(Func):
    """PostgreSQL: `column = ANY(array)`, a list of values sent as one parameter instead of one per value."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = BooleanField()


class TopRanked:
    """The matches in the order of relevance for a Paginator, without reading every match (issue 19, item 2):
    positions before `limit` are the `limit` most recent matches ranked by `rank` (only they are read and ranked),
    later positions the remaining matches by date. `shape` turns a queryset into the rows shown.

    `windows`: conditions of recent rows, narrowest first (e.g. "published since the 8 000th most recent plan"),
    tried in turn for the `limit` most recent matches. A window that holds `limit` matches holds the most recent
    ones (everything outside is older), so the answer is the same as without it; but the database finds them as
    the intersection of the text index and the window instead of walking the date index row by row and testing
    each row's text, which at 100 000 plans read 10 000 rows for 400 matches of a frequent word. When no window
    holds enough, the matches are read without one."""

    ordered = True

    def __init__(self, matches, base, rank, recency, shape, limit: int, windows=()) -> None:  # noqa: ANN001
        self.matches, self.base, self.rank, self.recency = matches, base, rank, list(recency)
        self.shape, self.limit, self.windows = shape, limit, windows

    def count(self) -> int:
        return self.matches.count()

    def __len__(self) -> int:
        return self.count()

    def candidates(self):  # noqa: ANN201
        """The pks of the `limit` most recent matches: a list when a window found them, else a subquery."""
        recent = self.matches.order_by(*self.recency).values_list("pk", flat=True)
        for window in self.windows:
            found = list(recent.filter(window)[: self.limit])
            if len(found) == self.limit:
                return found
        return recent[: self.limit]

    def __getitem__(self, key: slice) -> list:
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        rows = []
        if start < self.limit:
            candidates = self.candidates()
            if isinstance(candidates, list):  # one array parameter, not one placeholder per pk
                chosen = AnyOf(F("pk"), Value(candidates, output_field=ArrayField(BigIntegerField())))
            else:
                chosen = Q(pk__in=candidates)
            ranked = self.base.filter(chosen).alias(rank=self.rank).order_by("-rank", *self.recency)
            rows += list(self.shape(ranked)[start : min(stop, self.limit)])
        if stop > self.limit:
            rows += list(self.shape(self.matches.order_by(*self.recency))[max(start, self.limit) : stop])
        return rows


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
