"""Exceptions of the sortition algorithm, with German messages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputIssue:
    """One problem in the input: where it is (1-based line, column) and what is wrong."""

    message: str
    line: int | None = None
    column: str | None = None
    source: str | None = None

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.line is not None:
            where.append(f"Zeile {self.line}")
        if self.column is not None:
            where.append(f"Spalte '{self.column}'")
        return (", ".join(where) + ": " + self.message) if where else self.message


class SortitionError(Exception):
    """Base class of all errors raised by the sortition algorithm."""


class InvalidInput(SortitionError):
    """The input files or objects are invalid; ``issues`` lists every problem found."""

    def __init__(self, issues: list[InputIssue]):
        self.issues = list(issues)
        lines = "\n".join(f"- {issue}" for issue in self.issues)
        super().__init__(f"Die Eingabe enthält {len(self.issues)} Fehler:\n{lines}")


class InfeasibleQuotas(SortitionError):
    """No panel of size k satisfies all quotas; names the blocking feature (and value)."""

    def __init__(self, message: str, feature: str | None = None, value: str | None = None):
        self.feature = feature
        self.value = value
        super().__init__(message)


class NoReplacement(SortitionError):
    """No one in the remaining pool can replace a panel member without breaking a quota."""


class InvalidLottery(SortitionError):
    """A published lottery document is malformed or its hash does not match."""


class SolverError(SortitionError):
    """The LP/MIP solver returned an unexpected status."""
