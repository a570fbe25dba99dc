"""The one shape of every figure in the report: a table, optionally drawn as a bar chart.

Cells are plain values (text, whole numbers, decimals rounded for display), so that the page, the CSV file
and the PDF show exactly the same figures. Charts are drawn by a template as SVG from the geometry that
`Table.chart` computes here; no markup is made in Python.
"""

import math
from dataclasses import dataclass, field

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 230
BAR_AREA = 300
CHART_WIDTH = LABEL_WIDTH + BAR_AREA + 70


@dataclass
class Bar:
    label: str
    value: float
    y: int
    width: float
    text_y: int


@dataclass
class Chart:
    title: str
    description: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    bar_x: int


@dataclass
class Table:
    """One table of the report: its key (unique in the report, part of the CSV address), title, column
    headings, rows, an optional note, and which column a bar chart draws (None: no chart)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    chart_column: int | None = None

    def chart(self) -> Chart | None:
        """The bar chart of the first column's labels against `chart_column`, or None."""
        if self.chart_column is None or not self.rows:
            return None
        values = [_number(row[self.chart_column]) for row in self.rows]
        top = max(values) if values else 0
        bars = []
        for index, (row, value) in enumerate(zip(self.rows, values)):
            y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
            width = 0 if top <= 0 else round(BAR_AREA * value / top, 1)
            bars.append(Bar(str(row[0]), value, y, width, y + BAR_HEIGHT - 6))
        description = "; ".join(f"{bar.label}: {_display(bar.value)}" for bar in bars)
        return Chart(
            title=f"{self.title} ({self.columns[self.chart_column]})",
            description=description,
            bars=bars,
            width=CHART_WIDTH,
            height=BAR_GAP + len(bars) * (BAR_HEIGHT + BAR_GAP),
            label_width=LABEL_WIDTH,
            bar_x=LABEL_WIDTH + 8,
        )

    def csv_rows(self) -> list[list[str]]:
        """The heading and the rows as the CSV file has them (text; decimals with a point)."""
        return [list(self.columns)] + [[_text(cell) for cell in row] for row in self.rows]


def _number(value) -> float:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    return 0.0


def _display(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return f"{cell:.1f}"
    return str(cell)


def share(part: int, whole: int) -> float | None:
    """Percent with one decimal, or None when there is nothing to divide by."""
    return None if not whole else round(100.0 * part / whole, 1)


def nearest_rank(count: int, fraction: float) -> int:
    """The 0-based index of the nearest-rank percentile in a sorted list of `count` values."""
    return max(math.ceil(fraction * count) - 1, 0)
