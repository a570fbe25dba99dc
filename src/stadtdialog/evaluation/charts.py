"""Small server-rendered SVG charts: no JavaScript, no library.

bar_chart() computes the geometry of a horizontal bar chart; evaluation/_bar_chart.html draws it as an
<svg role="img"> with a <title> (its accessible name) and a <desc> listing every value; labels and numbers are SVG
text, so they are read out, selectable and land in a PDF's text. Pages show the same numbers as a table next to
the chart.
"""

from dataclasses import dataclass, field

BAR_COLOUR = "#1d5e9b"  # KERN blue, contrast 6.8:1 on white
TEXT_COLOUR = "#1b1b1b"
GRID_COLOUR = "#757575"


@dataclass
class Bar:
    label: str
    count: int
    share: str  # " (67 %)", or "" when nothing was counted
    y: int  # top of the bar
    text_y: float  # baseline of its label and number
    length: int  # 0: no bar drawn
    number_x: int  # where its number starts


@dataclass
class BarChart:
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar] = field(default_factory=list)
    bar_colour: str = BAR_COLOUR
    text_colour: str = TEXT_COLOUR
    grid_colour: str = GRID_COLOUR

    @property
    def label_x(self) -> int:
        return self.label_width - 8


def bar_chart(
    rows: list[tuple[str, int]],
    title: str,
    chart_id: str,
    width: int = 640,
    label_width: int = 220,
    bar_height: int = 22,
    gap: int = 10,
) -> BarChart:
    """A horizontal bar per (label, count); bars scaled to the largest count, each with its number."""
    total = sum(count for _label, count in rows)
    biggest = max([count for _label, count in rows] or [0]) or 1
    number_width = 90
    plot = width - label_width - number_width
    chart = BarChart(
        chart_id=chart_id,
        title=title,
        description="; ".join(f"{label}: {count}" for label, count in rows),
        width=width,
        height=len(rows) * (bar_height + gap) + gap,
        label_width=label_width,
        bar_height=bar_height,
    )
    for index, (label, count) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = round(plot * count / biggest) if count else 0
        chart.bars.append(
            Bar(
                label=label,
                count=count,
                share=f" ({round(100 * count / total)} %)" if total else "",
                y=y,
                text_y=y + bar_height * 0.72,
                length=length,
                number_x=label_width + length + 6,
            )
        )
    return chart
