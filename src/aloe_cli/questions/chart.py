"""A picture of the decade as text: organisations' spans as bars, milestones and events as marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable

    from aloe_cli.evidence.views import Lookup
    from aloe_cli.model.edtf import EdtfDate
    from aloe_cli.model.models import Dataset, DatedRecord
    from aloe_cli.questions.lineage import LineageNode

SOLID, DASHED, BEFORE, AFTER = "━", "┄", "◀", "▶"
UNKNOWN, UNKNOWN_END = "·", "?"  # the span after the last day a source gives, where no source says it ended
MARKS = {("milestone", False): "●", ("milestone", True): "○", ("event", False): "▲", ("event", True): "△"}
LEGEND = [
    "━ span the sources agree on",
    "┄ approximate, uncertain or disputed",
    "◀ ▶ runs on beyond the axis",
    "· ? end unknown: no source says when",
    "● milestone   ○ milestone, date uncertain or disputed",
    "▲ event       △ event, date uncertain or disputed",
    "2-9 that many marks in one place",
]
MIN_LABEL, MAX_LABEL = 10, 22


class Mark(NamedTuple):
    """A milestone or event placed on the axis."""

    record_id: str
    kind: str
    day: date
    doubtful: bool  # approximate, uncertain, open-ended or disputed
    title: str = ""  # the record's title, in the chosen language
    words: str = ""  # its date in the sources' words, with the doubt

    @property
    def glyph(self) -> str:
        """The mark drawn for it."""
        return MARKS[(self.kind, self.doubtful)]


class Bar(NamedTuple):
    """An organisation's span."""

    label: str
    record: DatedRecord


@dataclass(frozen=True)
class Chart:
    """What the chart shows: the years of its axis, the bars, the marks, and what falls outside."""

    first_year: int
    last_year: int
    bars: list[Bar]
    marks: list[Mark]
    outside: list[str] = field(default_factory=list)  # records dated outside the axis, or undated
    eras: list[Bar] = field(default_factory=list)  # the periods of the timeline, drawn as bands


def default_years(dataset: Dataset) -> tuple[int, int]:
    """The axis: from the first known start of an era to the last known day of any record."""
    era_starts = [e.earliest.year for e in dataset.eras if e.earliest is not None]
    records: list[DatedRecord] = [*dataset.milestones, *dataset.events, *dataset.eras]
    starts = [r.earliest.year for r in records if r.dates and r.earliest is not None]
    ends = [r.latest.year for r in records if r.dates and r.latest is not None]
    first = min(era_starts) if era_starts else min(starts, default=date.today().year)
    last = max(ends, default=first)
    return first, max(first, last)


def build_chart(dataset: Dataset, lookup: Lookup, first_year: int | None, last_year: int | None) -> Chart:
    """Bars for the organisations of the lineage (then the others), marks for milestones and events."""
    from aloe_cli.evidence.views import date_cell
    from aloe_cli.model.models import localized
    from aloe_cli.questions.lineage import lineage_forest

    default_first, default_last = default_years(dataset)
    first, last = first_year or default_first, last_year or default_last
    if first > last:  # one end given beyond the data's other end: the axis is that one year
        first, last = (first, first) if first_year else (last, last)
    order: list[str] = []

    stack: list[LineageNode] = list(reversed(lineage_forest(dataset)))
    while stack:  # depth first, without recursion: a lineage may be thousands of links deep
        node = stack.pop()
        order.append(node.organisation.id)
        stack.extend(reversed(node.children))
    order += [o.id for o in dataset.organisations if o.id not in order]
    organisations = {o.id: o for o in dataset.organisations}
    bars = [Bar(lookup.organisation_name(i), organisations[i]) for i in order if organisations[i].dates]
    first_day, last_day = date(first, 1, 1), date(last, 12, 31)
    marks: list[Mark] = []
    outside: list[str] = []
    for kind, records in (("milestone", dataset.milestones), ("event", dataset.events)):
        for record in records:
            day = _mark_day(record)
            if day is None or not first_day <= day <= last_day:
                words = record.dates[0].words if record.dates else "undated"
                outside.append(f"{record.id} ({words}{', disputed' if record.disputed else ''})")
            else:
                title = localized(record.title, lookup.lang)
                words = date_cell(record, disputed_mark="(disputed)").replace("\n", " ")
                marks.append(Mark(record.id, kind, day, record.uncertain or record.disputed, title, words))
    marks.sort(key=lambda m: (m.day, m.record_id))
    eras = [Bar(localized(era.title, lookup.lang), era) for era in dataset.eras if era.dates]
    return Chart(first, last, bars, marks, outside, eras)


def _mark_day(record: DatedRecord) -> date | None:
    """Where a record's mark goes: the middle of its finest claim's days, or its one known end."""
    if not record.dates:
        return None
    claim = record.finest_claim or record.dates[0]  # the exact days, where claims that agree give them
    start, end = claim.edtf.earliest, claim.edtf.latest
    if start is not None and end is not None:
        return start + (end - start) / 2
    return start or end


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
            + "".join(_bar_cells(bar.record, axis_width, day_at, first_day, last_day)).rstrip()
        )
    for kind, label in (("milestone", "Milestones"), ("event", "Events")):
        cells = [" "] * axis_width
        for mark in (m for m in chart.marks if m.kind == kind):
            position = column(mark.day)
            cells[position] = mark.glyph if cells[position] == " " else _more(cells[position])
        lines.append(_fit(label, label_width) + "".join(cells).rstrip())
    lines += ["", *_columns(LEGEND, width), "", "By year:"]
    for year in range(chart.first_year, chart.last_year + 1):
        marks = [f"{m.glyph} {m.record_id}" for m in chart.marks if m.day.year == year]
        if marks:
            lines += _wrap(marks, f"  {year}  ", width)
    if chart.outside:
        lines += ["", *_wrap(chart.outside, "Not on the axis: ", width, separator=", ")]
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


SpanKind = str  # "none", "agreed", "doubtful" or "unknown": what a bar is on a given day


def span_kind(record: DatedRecord, day: date) -> SpanKind:
    """What a record's bar is on a day: agreed and sure, doubtful, past a known start with no known end."""
    claims = [claim.edtf for claim in record.dates]
    inside = [
        c
        for c in claims
        if (c.earliest is None or c.earliest <= day) and (c.latest is None or day <= c.latest)
    ]
    if not inside:
        return "none"
    if all(_past_known_end(c, day) for c in inside):
        return "unknown"  # only a claim with an unknown end reaches this day
    year = timedelta(days=365)
    # Differences, not sums: a date near year 1 or 9999 has no day a year beyond it.
    doubtful = len(inside) < len(claims) or any(
        (c.qualified_start and c.earliest is not None and day - c.earliest < year)
        or (c.qualified_end and c.latest is not None and c.latest - day < year)
        for c in claims
    )
    agreed_start = max((c.earliest for c in claims if c.earliest is not None), default=None)
    agreed_end = min((c.latest for c in claims if c.latest is not None), default=None)
    agreed = (agreed_start is None or day >= agreed_start) and (agreed_end is None or day <= agreed_end)
    return "agreed" if agreed and not doubtful else "doubtful"


class Segment(NamedTuple):
    """A stretch of days over which a bar is one kind: drawn as one shape."""

    first: date
    last: date
    kind: SpanKind


def bar_segments(record: DatedRecord, first_day: date, last_day: date) -> list[Segment]:
    """A record's bar between two days, as stretches of one kind each (no "none" stretches).

    The kind can change only at a claim's ends, a year inside a qualified end, or a known start: the
    stretches between those days are classified once each, at their first day.
    """
    year, one = timedelta(days=365), timedelta(days=1)

    def shifted(day: date, by: timedelta) -> date | None:  # None past year 1 or 9999
        try:
            return day + by
        except OverflowError:
            return None

    starts = {first_day}
    for claim in (c.edtf for c in record.dates):
        for day in (claim.earliest, claim.start_latest):
            if day is not None:
                starts |= {day, shifted(day, year)} - {None}  # type: ignore[arg-type]
        for day in (claim.latest, claim.end_earliest):
            if day is not None:
                starts |= {shifted(day, one), shifted(day, one - year)} - {None}  # type: ignore[arg-type]
    bounds = sorted(day for day in starts if first_day <= day <= last_day)
    segments: list[Segment] = []
    for number, start in enumerate(bounds):
        kind = span_kind(record, start)
        if kind == "none":
            continue
        end = bounds[number + 1] - one if number + 1 < len(bounds) else last_day
        if segments and segments[-1].kind == kind and shifted(segments[-1].last, one) == start:
            segments[-1] = Segment(segments[-1].first, end, kind)
        else:
            segments.append(Segment(start, end, kind))
    return segments


def runs_before(record: DatedRecord, first_day: date) -> bool:
    """Whether a bar goes on to the left of the axis: a claim starts before it, or has no known start."""
    return any(c.edtf.earliest is None or c.edtf.earliest < first_day for c in record.dates)


def runs_after(record: DatedRecord, last_day: date) -> bool:
    """Whether a bar goes on to the right of the axis because a source says it does (an open end)."""
    return any(c.edtf.open_end or (c.edtf.latest or date.min) > last_day for c in record.dates)


SPAN_GLYPHS = {"none": " ", "agreed": SOLID, "doubtful": DASHED, "unknown": UNKNOWN}


def _bar_cells(
    record: DatedRecord, axis_width: int, day_at: Callable[[int], date], first_day: date, last_day: date
) -> list[str]:
    """One glyph per column: solid where every claim agrees and is sure, dashed where it is doubtful.

    `day_at` gives the day in the middle of a column.
    """
    cells = [SPAN_GLYPHS[span_kind(record, day_at(col))] for col in range(axis_width)]
    if cells and cells[0] != " " and runs_before(record, first_day):
        cells[0] = BEFORE
    if cells and cells[-1] == UNKNOWN:
        cells[-1] = UNKNOWN_END
    elif cells and cells[-1] != " " and runs_after(record, last_day):
        cells[-1] = AFTER
    return cells


def _past_known_end(claim: EdtfDate, day: date) -> bool:
    """Whether `day` lies after all a claim with an unknown end says (`2005-10/`: after October 2005)."""
    return claim.unknown_end and (claim.start_latest is None or day > claim.start_latest)
