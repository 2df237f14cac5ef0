"""The chart as plain text: a year axis, a row of glyphs per bar, the marks, a legend."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from aloe_cli.i18n import _
from aloe_cli.questions.chart import (
    AFTER,
    BEFORE,
    DASHED,
    LEGEND,
    MAX_LABEL,
    MIN_LABEL,
    SOLID,
    UNKNOWN,
    UNKNOWN_END,
    runs_after,
    runs_before,
    span_kind,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from aloe_cli.presentation.dating import Dating
    from aloe_cli.questions.chart import Chart


def render_chart(chart: Chart, width: int) -> str:
    """The chart as plain text, `width` columns wide at most (80 or more reads best)."""
    label_width = max(MIN_LABEL, min(MAX_LABEL, max((len(b.label) for b in chart.bars), default=0) + 1))
    years = chart.last_year - chart.first_year + 1
    per_year = max(1, (width - label_width) // years)
    axis_width = per_year * years
    first_day, last_day = date(chart.first_year, 1, 1), date(chart.last_year, 12, 31)
    total_days = (last_day - first_day).days + 1

    def column(day: date) -> int:
        return min(axis_width - 1, max(0, (day - first_day).days * axis_width // total_days))

    def day_at(col: int) -> date:
        return first_day + timedelta(days=(col * total_days + total_days // 2) // axis_width)

    step = 1 if per_year >= 5 else 2 if per_year >= 3 else 5
    ruler = [" "] * axis_width
    for offset in range(0, years, step):
        label = str(chart.first_year + offset)
        start = offset * per_year
        if start + len(label) <= axis_width:
            ruler[start : start + len(label)] = list(label)
    lines = [" " * label_width + "".join(ruler).rstrip()]
    for bar in chart.bars:
        lines.append(
            _fit(bar.label, label_width)
            + "".join(_bar_cells(bar.dating, axis_width, day_at, first_day, last_day)).rstrip()
        )
    for kind, label in (("milestone", _("Milestones")), ("event", _("Events"))):
        cells = [" "] * axis_width
        for mark in (m for m in chart.marks if m.kind == kind):
            position = column(mark.day)
            cells[position] = mark.glyph if cells[position] == " " else _more(cells[position])
        lines.append(_fit(label, label_width) + "".join(cells).rstrip())
    lines += ["", *_columns([_(entry) for entry in LEGEND], width), "", _("By year:")]
    for year in range(chart.first_year, chart.last_year + 1):
        marks = [f"{m.glyph} {m.record_id}" for m in chart.marks if m.day.year == year]
        if marks:
            lines += _wrap(marks, f"  {year}  ", width)
    if chart.outside:
        lines += ["", *_wrap(chart.outside, _("Not on the axis: "), width, separator=", ")]
    return "\n".join(lines) + "\n"


def _columns(items: list[str], width: int) -> list[str]:
    """Legend entries two to a line where they fit, one per line where they do not."""
    half = max(len(item) for item in items) + 3
    if 2 * half > width:
        return items
    return [
        (items[i].ljust(half) + (items[i + 1] if i + 1 < len(items) else "")).rstrip()
        for i in range(0, len(items), 2)
    ]


def _wrap(items: list[str], lead: str, width: int, separator: str = "  ") -> list[str]:
    """Items joined into lines no wider than `width`, continuation lines indented under the first."""
    lines: list[str] = []
    current = lead
    for item in items:
        addition = item if current == lead or current.isspace() else separator + item
        if len(current) + len(addition) > width and current.strip() != lead.strip():
            lines.append(current.rstrip())
            current = " " * len(lead) + item
        else:
            current += addition
    lines.append(current.rstrip())
    return lines


def _fit(label: str, width: int) -> str:
    return (label if len(label) < width else label[: width - 2] + "…").ljust(width)


def _more(glyph: str) -> str:
    """The glyph for one more mark in a place: 2, then 3 ... up to 9."""
    return str(min(int(glyph) + 1, 9)) if glyph.isdigit() else "2"


SPAN_GLYPHS = {"none": " ", "agreed": SOLID, "doubtful": DASHED, "unknown": UNKNOWN}


def _bar_cells(
    dating: Dating, axis_width: int, day_at: Callable[[int], date], first_day: date, last_day: date
) -> list[str]:
    """One glyph per column: solid where every claim agrees and is sure, dashed where it is doubtful.

    `day_at` gives the day in the middle of a column.
    """
    cells = [SPAN_GLYPHS[span_kind(dating, day_at(col))] for col in range(axis_width)]
    if cells and cells[0] != " " and runs_before(dating, first_day):
        cells[0] = BEFORE
    if cells and cells[-1] == UNKNOWN:
        cells[-1] = UNKNOWN_END
    elif cells and cells[-1] != " " and runs_after(dating, last_day):
        cells[-1] = AFTER
    return cells
