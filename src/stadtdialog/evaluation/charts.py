"""Small server-rendered SVG charts: no JavaScript, no library.

A horizontal bar chart is an <svg role="img"> with a <title> (its accessible name) and a <desc>
listing every value; labels and numbers are SVG text, so they are read out, selectable and land in
a PDF's text. Pages show the same numbers as a table next to the chart.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

BAR_COLOUR = "#1d5e9b"  # KERN blue, contrast 6.8:1 on white
TEXT_COLOUR = "#1b1b1b"
GRID_COLOUR = "#757575"


def bar_chart(
    rows: list[tuple[str, int]],
    title: str,
    chart_id: str,
    width: int = 640,
    label_width: int = 220,
    bar_height: int = 22,
    gap: int = 10,
) -> str:
    """A horizontal bar per (label, count); bars scaled to the largest count, each with its number."""
    total = sum(count for _label, count in rows)
    biggest = max([count for _label, count in rows] or [0]) or 1
    number_width = 90
    plot = width - label_width - number_width
    height = len(rows) * (bar_height + gap) + gap
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" width="{}" height="{}" '
            'viewBox="0 0 {} {}" aria-labelledby="{}-title {}-desc">',
            width,
            height,
            width,
            height,
            chart_id,
            chart_id,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, title),
        format_html('<desc id="{}-desc">{}</desc>', chart_id, "; ".join(f"{label}: {count}" for label, count in rows)),
        format_html(
            '<line x1="{}" y1="0" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            label_width,
            label_width,
            height,
            GRID_COLOUR,
        ),
    ]
    for index, (label, count) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = round(plot * count / biggest) if count else 0
        share = f" ({round(100 * count / total)} %)" if total else ""
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="14" fill="{}">{}</text>',
                label_width - 8,
                y + bar_height * 0.72,
                TEXT_COLOUR,
                label,
            )
        )
        if length:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    label_width,
                    y,
                    length,
                    bar_height,
                    BAR_COLOUR,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="14" fill="{}">{}{}</text>',
                label_width + length + 6,
                y + bar_height * 0.72,
                TEXT_COLOUR,
                count,
                share,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))
