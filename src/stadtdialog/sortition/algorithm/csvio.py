"""Readers for the replication-data CSV formats of Flanigan et al. (Nature 2021).

``respondents.csv``: one row per person, an optional ``id`` column and one column per feature
(further columns are ignored). ``categories.csv``: columns ``category,feature,min,max`` where
*category* is the feature name (e.g. ``gender``) and *feature* its value (e.g. ``female``).
Every problem is reported with its 1-based line number as shown in an editor (the header is
line 1); nothing is returned unless the whole input is valid.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .errors import InputIssue, InvalidInput
from .model import Instance, Quota, Respondent, validate_quotas

CATEGORY_COLUMNS = ("category", "feature", "min", "max")


def _rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line number, row) pairs; line numbers count physical lines."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    line = 1
    for record in reader:
        if not header:
            header = [h.strip() for h in record]
            line = reader.line_num + 1
            continue
        if any(cell.strip() for cell in record):
            padded = record + [""] * (len(header) - len(record))
            rows.append((line, {h: c.strip() for h, c in zip(header, padded)}))
        line = reader.line_num + 1
    return header, rows


def parse_categories(text: str, k: int, source: str = "categories.csv") -> tuple[Quota, ...]:
    """Parse the categories file; raises :class:`InvalidInput` with every problem."""
    header, rows = _rows(text)
    issues = [InputIssue("Spalte fehlt", 1, column, source) for column in CATEGORY_COLUMNS if column not in header]
    if issues:
        raise InvalidInput(issues)
    quotas: list[Quota] = []
    lines: list[int] = []
    for line, row in rows:
        row_ok = True
        numbers = {}
        for column in ("category", "feature"):
            if not row[column]:
                issues.append(InputIssue("leerer Wert", line, column, source))
                row_ok = False
        for column in ("min", "max"):
            try:
                numbers[column] = int(row[column])
            except ValueError:
                issues.append(InputIssue(f"keine ganze Zahl: '{row[column]}'", line, column, source))
                row_ok = False
        if row_ok:
            quotas.append(Quota(row["category"], row["feature"], numbers["min"], numbers["max"]))
            lines.append(line)
    if not rows:
        issues.append(InputIssue("Die Datei enthält keine Quoten", source=source))
    quota_issues = validate_quotas(tuple(quotas), k, lines)
    issues.extend(InputIssue(i.message, i.line, i.column, source) if i.line or i.column else i for i in quota_issues)
    if issues:
        raise InvalidInput(issues)
    return tuple(quotas)


def parse_respondents(text: str, quotas: tuple[Quota, ...], source: str = "respondents.csv") -> tuple[Respondent, ...]:
    """Parse the respondents file against the quotas; raises :class:`InvalidInput`."""
    header, rows = _rows(text)
    allowed: dict[str, set[str]] = {}
    for q in quotas:
        allowed.setdefault(q.feature, set()).add(q.value)
    issues = [InputIssue("Spalte fehlt", 1, feature, source) for feature in allowed if feature not in header]
    if issues:
        raise InvalidInput(issues)
    has_id = "id" in header
    first_line: dict[str, int] = {}
    people: list[Respondent] = []
    for number, (line, row) in enumerate(rows, start=1):
        person_id = row["id"] if has_id else str(number)
        if has_id and not person_id:
            issues.append(InputIssue("leere Kennung", line, "id", source))
        elif person_id in first_line:
            issues.append(
                InputIssue(
                    f"doppelte Kennung '{person_id}' (bereits in Zeile {first_line[person_id]})",
                    line,
                    "id",
                    source,
                )
            )
        else:
            first_line[person_id] = line
        for feature, values in allowed.items():
            value = row[feature]
            if not value:
                issues.append(InputIssue("leerer Wert", line, feature, source))
            elif value not in values:
                issues.append(InputIssue(f"unbekannter Wert '{value}'", line, feature, source))
        people.append(Respondent(person_id, {f: row[f] for f in allowed}))
    if not rows:
        issues.append(InputIssue("Die Datei enthält keine Personen", source=source))
    if issues:
        raise InvalidInput(issues)
    return tuple(people)


def load_instance(respondents_path: str | Path, categories_path: str | Path, k: int) -> Instance:
    """Read both files and return a validated :class:`Instance`.

    Problems in both files are collected into one :class:`InvalidInput`.
    """
    issues: list[InputIssue] = []
    texts: dict[str, str] = {}
    for path in (categories_path, respondents_path):
        try:
            texts[str(path)] = _read(path, Path(path).name)
        except InvalidInput as error:
            issues.extend(error.issues)
    if issues:
        raise InvalidInput(issues)
    cat_text, resp_text = texts[str(categories_path)], texts[str(respondents_path)]
    try:
        quotas = parse_categories(cat_text, k, Path(categories_path).name)
    except InvalidInput as error:
        issues.extend(error.issues)
        # Go on with the values that were named, so respondent problems are reported too.
        quotas = _values_only(cat_text)
    try:
        respondents = parse_respondents(resp_text, quotas, Path(respondents_path).name)
    except InvalidInput as error:
        issues.extend(error.issues)
    if issues:
        raise InvalidInput(issues)
    return Instance(respondents, quotas, k)


def _values_only(text: str) -> tuple[Quota, ...]:
    """The (feature, value) pairs of a possibly invalid categories file."""
    header, rows = _rows(text)
    if "category" not in header or "feature" not in header:
        return ()
    pairs = dict.fromkeys((r["category"], r["feature"]) for _, r in rows if r["category"])
    return tuple(Quota(f, v, 0, 0) for f, v in pairs)


def _read(path: str | Path, name: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput([InputIssue("Datei nicht gefunden", source=name)]) from None
    except UnicodeDecodeError:
        raise InvalidInput([InputIssue("Datei ist nicht UTF-8-kodiert", source=name)]) from None
