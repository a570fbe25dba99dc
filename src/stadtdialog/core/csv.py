"""CSV for spreadsheet programs, safe against formula injection ("CSV injection").

A cell that begins with =, +, -, @, a tab or a carriage return is read as a formula by Excel and LibreOffice
(`=HYPERLINK("http://…","…")` becomes a link); such a cell gets a leading single quote, so that it stays text.
Every CSV the project writes goes through `safe_writer` (tests/core/test_safe_exports.py).
"""

import csv
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The cell as text, with a leading single quote if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object that returns what is written: lets csv.writer produce lines for a streaming response."""

    def write(self, value):
        return value


class SafeWriter:
    """csv.writer with every cell passed through `safe_cell`. writerow returns what the file's write returned."""

    def __init__(self, handle, **kwargs):
        self._writer = csv.writer(handle, **kwargs)

    def writerow(self, row: Iterable):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(handle=None, **kwargs) -> SafeWriter:
    """A safe CSV writer on a file, or (without one) a writer whose writerow returns the line, for streaming."""
    return SafeWriter(_Echo() if handle is None else handle, **kwargs)
