"""The geometry of the server-rendered SVG charts of the indicators (the markup is in
templates/districts/_indicator_chart.html; the numbers are in the table beside each chart)."""

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 16, 16, 24, 40


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: Decimal
    series: str  # "district" or "city"


@dataclass
class Group:
    label: str
    x: float  # centre of the group, for its label
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Chart:
    width: int
    height: int
    baseline: float
    groups: list[Group]
    with_city: bool


def bar_chart(years: list[int], district: dict[int, Decimal], city: dict[int, Decimal] | None) -> Chart:
    """Bars per year: the district's value and, when given, the city's beside it, scaled to the largest value."""
    values = list(district.values()) + (list(city.values()) if city else [])
    top = max([abs(v) for v in values] + [Decimal(1)])
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(years), 1)
    per_group = 2 if city else 1
    bar_width = min(48.0, slot * 0.8 / per_group)
    baseline = TOP + plot_height
    groups = []
    for index, year in enumerate(years):
        centre = LEFT + slot * index + slot / 2
        group = Group(label=str(year), x=round(centre, 1))
        start = centre - bar_width * per_group / 2
        series = [("district", district.get(year))] + ([("city", city.get(year))] if city else [])
        for offset, (name, value) in enumerate(series):
            if value is None:
                continue
            height = float(abs(value) / top) * plot_height
            group.bars.append(
                Bar(
                    x=round(start + offset * bar_width, 1),
                    y=round(baseline - height, 1),
                    width=round(bar_width - 2, 1),
                    height=round(height, 1),
                    value=value,
                    series=name,
                )
            )
        groups.append(group)
    return Chart(width=WIDTH, height=HEIGHT, baseline=baseline, groups=groups, with_city=bool(city))
