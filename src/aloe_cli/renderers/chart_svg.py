"""The decade chart as a figure: drawn shapes, a year grid, era bands, a legend that reads in greyscale.

Reads the same `Chart` as the text picture. Doubt is drawn by shape and pattern, not colour alone: a
solid bar where the sources agree and are sure, a hatched bar with a dashed outline where the date is
approximate, uncertain or disputed, a dotted line ending in "?" where no source says when it ended;
filled marks for sure dates, hollow ones for doubtful dates. Every mark and bar carries a `<title>`
(its name, its date in the sources' words): a tooltip in a browser, a name for a screen reader.
"""

from __future__ import annotations

import textwrap
from datetime import date
from typing import TYPE_CHECKING

from aloe_cli.i18n import _
from aloe_cli.questions.chart import bar_segments, runs_after, runs_before
from aloe_cli.sanitize import xml_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from aloe_cli.questions.chart import Bar, Chart, Mark

WIDTH, LABELS, RIGHT = 960, 270, 24
LABEL_CHARACTERS = 34  # a bar's name wraps onto a second line beyond this: it must end before the axis
TOP, ROW, MARK_ROW = 74, 30, 46
INK, PAPER, FAINT = "#1a1a1a", "#ffffff", "#e6e6e6"
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


def _text(value: str) -> str:
    return xml_text(value)


def chart_svg(chart: Chart, title: str, *, link_marks: bool = False) -> str:
    """The chart as standalone SVG; with `link_marks`, each mark links to `#its-id` (in a page of records)."""
    first_day, last_day = date(chart.first_year, 1, 1), date(chart.last_year, 12, 31)
    span = (last_day - first_day).days + 1
    axis = WIDTH - LABELS - RIGHT

    def x(day: date) -> float:
        return LABELS + (day - first_day).days * axis / span

    rows = [("era", bar) for bar in chart.eras] + [("organisation", bar) for bar in chart.bars]
    marks_top = TOP + len(rows) * ROW + 8
    legend_top = marks_top + 2 * MARK_ROW + 24
    height = legend_top + 100
    description = _(
        "{eras} eras and {bars} organisations as bars across {first}-{last}, and {marks} milestones and "
        "events as marks. Solid bars: dates the sources agree on; hatched: approximate, uncertain or "
        "disputed; dotted with a question mark: no source gives the end. Filled marks: sure dates; hollow: "
        "doubtful."
    ).format(
        eras=len(chart.eras),
        bars=len(chart.bars),
        first=chart.first_year,
        last=chart.last_year,
        marks=len(chart.marks),
    )
    # A picture is an image; with links inside it is a group of them, which an image may not hold.
    role = "group" if link_marks else "img"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="{role}" aria-labelledby="chart-title chart-desc" '
        f'font-family="{FONT}" font-size="13" fill="{INK}">',
        f'<title id="chart-title">{_text(title)}</title>',
        f'<desc id="chart-desc">{_text(description)}</desc>',
        "<defs>",
        '<pattern id="doubt" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{PAPER}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" '
        'stroke-width="2"/></pattern>',
        "</defs>",
        f'<rect width="{WIDTH}" height="{height}" fill="{PAPER}"/>',
        f'<text x="12" y="24" font-size="17" font-weight="bold">{_text(title)}</text>',
        '<text x="12" y="42" font-size="12">'
        + _text(
            _(
                "Eras (our periodisation, in grey) and organisations as bars, milestones and events as "
                "marks, {first}-{last}"
            ).format(first=chart.first_year, last=chart.last_year)
        )
        + "</text>",
    ]
    # The year grid, labelled every year (every other where years are narrow).
    step = 1 if axis / (chart.last_year - chart.first_year + 1) >= 34 else 2
    for year in range(chart.first_year, chart.last_year + 1):
        left = x(date(year, 1, 1))
        out.append(f'<line x1="{left:.1f}" y1="{TOP - 8}" x2="{left:.1f}" y2="{marks_top + 2 * MARK_ROW}" '
                   f'stroke="{FAINT}"/>')  # fmt: skip
        if (year - chart.first_year) % step == 0:
            out.append(f'<text x="{left + 3:.1f}" y="{TOP - 14}" font-size="12">{year}</text>')
    for number, (kind, bar) in enumerate(rows):
        out += _bar_row(bar, kind, TOP + number * ROW, x, first_day, last_day)
    for number, (kind, label) in enumerate((("milestone", _("Milestones")), ("event", _("Events")))):
        top = marks_top + number * MARK_ROW
        out.append(f'<text x="12" y="{top + 20}" font-weight="bold">{_text(label)}</text>')
        out += _marks([m for m in chart.marks if m.kind == kind], top, x, link_marks)
    out += _legend(legend_top)
    if chart.outside:
        out.append(f'<text x="12" y="{height - 10}" font-size="12">{_text(_("Not on the axis: "))}'
                   f"{_text(', '.join(chart.outside))}</text>")  # fmt: skip
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _bar_row(
    bar: Bar, kind: str, top: int, place: Callable[[date], float], first_day: date, last_day: date
) -> list[str]:
    """One bar: its label, then a shape per stretch of one kind, its ends marked where it runs on."""
    words = _text(bar.label)
    style = ' font-style="italic"' if kind == "era" else ""
    lines = textwrap.wrap(bar.label, LABEL_CHARACTERS, max_lines=2, placeholder="…") or [""]
    if len(lines) == 1:
        label = f'<text x="12" y="{top + 19}"{style}>{words}</text>'
    else:  # two lines, a little smaller, centred on the bar
        spans = "".join(
            f'<tspan x="12" y="{top + 12 + 13 * number}">{_text(line)}</tspan>'
            for number, line in enumerate(lines)
        )
        label = f'<text x="12" font-size="12"{style}>{spans}</text>'
    out = [f"<g><title>{words} ({_text(_(kind))})</title>", label]  # 'era', 'organisation': catalogue words
    height = 12 if kind == "era" else 16
    middle = top + 14
    for segment in bar_segments(bar.dating, first_day, last_day):
        left, right = place(segment.first), place(segment.last) + 1
        if segment.kind == "unknown":
            out.append(f'<line x1="{left:.1f}" y1="{middle}" x2="{right:.1f}" y2="{middle}" stroke="{INK}" '
                       'stroke-width="2" stroke-dasharray="1 5" stroke-linecap="round"/>')  # fmt: skip
            if segment.last >= last_day:  # just past the axis: no source says when it ended
                out.append(f'<text x="{WIDTH - RIGHT + 6}" y="{middle + 5}" font-weight="bold">?</text>')
            continue
        fill = INK if segment.kind == "agreed" else "url(#doubt)"
        if kind == "era" and segment.kind == "agreed":
            fill = "#7a7a7a"
        dash = ' stroke-dasharray="4 2"' if segment.kind == "doubtful" else ""
        out.append(f'<rect x="{left:.1f}" y="{middle - height / 2:.1f}" width="{max(right - left, 1):.1f}" '
                   f'height="{height}" fill="{fill}" stroke="{INK}"{dash}/>')  # fmt: skip
    if runs_before(bar.dating, first_day):
        out.append(f'<path d="M {LABELS - 8} {middle} l 8 -6 v 12 z" fill="{INK}"/>')
    if runs_after(bar.dating, last_day) and not any(c.unknown_end for c in bar.dating.claims):
        edge = WIDTH - RIGHT
        out.append(f'<path d="M {edge + 8} {middle} l -8 -6 v 12 z" fill="{INK}"/>')
    out.append("</g>")
    return out


def _marks(marks: list[Mark], top: int, place: Callable[[date], float], link: bool) -> list[str]:
    """Marks on a row, staggered onto three levels where they would overlap."""
    out: list[str] = []
    last_on_level = [-1e9, -1e9, -1e9]
    for mark in marks:
        centre = place(mark.day)
        level = next((n for n, last in enumerate(last_on_level) if centre - last >= 12), 0)
        last_on_level[level] = centre
        y = top + 10 + level * 12
        fill = PAPER if mark.doubtful else INK
        dash = ' stroke-dasharray="2 1.5"' if mark.doubtful else ""
        shape = (
            f'<circle cx="{centre:.1f}" cy="{y}" r="5" fill="{fill}" stroke="{INK}" '
            f'stroke-width="1.5"{dash}/>'
            if mark.kind == "milestone"
            else f'<path d="M {centre:.1f} {y - 6} l 6 11 h -12 z" fill="{fill}" stroke="{INK}" '
            f'stroke-width="1.5"{dash}/>'
        )
        name = f"{mark.title} — {mark.words}"
        body = f"<title>{_text(name)}</title>{shape}"
        out.append(f'<a href="#{_text(mark.record_id)}">{body}</a>' if link else f"<g>{body}</g>")
    return out


def _legend(top: int) -> list[str]:
    """What each shape means, drawn with the shapes themselves: it reads without colour."""
    hollow = f'fill="{PAPER}" stroke="{INK}" stroke-dasharray="2 1.5"'
    entries = [
        (f'<rect x="0" y="-6" width="28" height="12" fill="{INK}"/>', _("dates the sources agree on")),
        (f'<rect x="0" y="-5" width="28" height="10" fill="#7a7a7a" stroke="{INK}"/>',
         _("an era: dates agreed")),
        (f'<rect x="0" y="-6" width="28" height="12" fill="url(#doubt)" stroke="{INK}" '
         'stroke-dasharray="4 2"/>', _("approximate, uncertain or disputed")),
        (f'<line x1="0" y1="0" x2="28" y2="0" stroke="{INK}" stroke-width="2" stroke-dasharray="1 5" '
         'stroke-linecap="round"/><text x="30" y="5" font-weight="bold">?</text>',
         _("no source gives the end")),
        (f'<circle cx="8" cy="0" r="5" fill="{INK}"/><path d="M 22 -6 l 6 11 h -12 z" fill="{INK}"/>',
         _("milestone, event: sure date")),
        (f'<circle cx="8" cy="0" r="5" {hollow}/><path d="M 22 -6 l 6 11 h -12 z" {hollow}/>',
         _("milestone, event: doubtful date")),
    ]  # fmt: skip
    out = [
        f'<g transform="translate(12 {top})"><text x="0" y="0" font-weight="bold">{_text(_("Legend"))}</text>'
    ]
    for number, (shape, words) in enumerate(entries):
        column, line = divmod(number, 3)  # three to a column
        left, y = column * 400, 22 + line * 22
        out.append(
            f'<g transform="translate({left} {y})">{shape}<text x="44" y="5">{_text(words)}</text></g>'
        )
    out.append("</g>")
    return out
