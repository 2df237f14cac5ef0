"""A picture of the decade as text: organisations' spans as bars, milestones and events as marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from aloe_cli.i18n import N_, _
from aloe_cli.questions.lineage import lineage_forest

if TYPE_CHECKING:
    from aloe_cli.model.models import DatasetLists, DatedRecord
    from aloe_cli.presentation.build import Presentation
    from aloe_cli.presentation.dating import ClaimView, Dating
    from aloe_cli.questions.lineage import LineageNode

SOLID, DASHED, BEFORE, AFTER = "━", "┄", "◀", "▶"
UNKNOWN, UNKNOWN_END = "·", "?"  # the span after the last day a source gives, where no source says it ended
MARKS = {("milestone", False): "●", ("milestone", True): "○", ("event", False): "▲", ("event", True): "△"}
# English msgids, translated where the legend is drawn.
LEGEND = [
    N_("━ span the sources agree on"),
    N_("┄ approximate, uncertain or disputed"),
    N_("◀ ▶ runs on beyond the axis"),
    N_("· ? end unknown: no source says when"),
    N_("● milestone   ○ milestone, date uncertain or disputed"),
    N_("▲ event       △ event, date uncertain or disputed"),
    N_("2-9 that many marks in one place"),
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
    dating: Dating


@dataclass(frozen=True)
class Chart:
    """What the chart shows: the years of its axis, the bars, the marks, and what falls outside."""

    first_year: int
    last_year: int
    bars: list[Bar]
    marks: list[Mark]
    outside: list[str] = field(default_factory=list)  # records dated outside the axis, or undated
    eras: list[Bar] = field(default_factory=list)  # the periods of the timeline, drawn as bands


def default_years(dataset: DatasetLists) -> tuple[int, int]:
    """The axis: from the first known start of an era to the last known day of any record."""
    era_starts = [e.earliest.year for e in dataset.eras if e.earliest is not None]
    records: list[DatedRecord] = [*dataset.milestones, *dataset.events, *dataset.eras]
    starts = [r.earliest.year for r in records if r.dates and r.earliest is not None]
    ends = [r.latest.year for r in records if r.dates and r.latest is not None]
    first = min(era_starts) if era_starts else min(starts, default=date.today().year)
    last = max(ends, default=first)
    return first, max(first, last)


def build_chart(presentation: Presentation, first_year: int | None, last_year: int | None) -> Chart:
    """Bars for the organisations of the lineage (then the others), marks for milestones and events."""
    dataset = presentation.dataset
    default_first, default_last = default_years(dataset)
    first, last = first_year or default_first, last_year or default_last
    if first > last:  # one end given beyond the data's other end: the axis is that one year
        first, last = (first, first) if first_year else (last, last)
    order: list[str] = []

    stack: list[LineageNode] = list(reversed(lineage_forest(presentation)))
    while stack:  # depth first, without recursion: a lineage may be thousands of links deep
        node = stack.pop()
        order.append(node.organisation.id)
        stack.extend(reversed(node.children))
    order += [o.id for o in dataset.organisations if o.id not in order]
    organisations = presentation.organisations
    bars = [Bar(organisations[i].label, dating) for i in order if (dating := organisations[i].dating)]
    first_day, last_day = date(first, 1, 1), date(last, 12, 31)
    marks: list[Mark] = []
    outside: list[str] = []
    for kind, records in (("milestone", dataset.milestones), ("event", dataset.events)):
        for view in presentation.happenings(records):
            dating = view.dating
            day = _mark_day(dating) if dating else None
            if dating is None or day is None or not first_day <= day <= last_day:
                words = dating.first.words if dating else _("undated")
                disputed = _(", disputed") if dating and dating.disputed else ""
                outside.append(f"{view.id} ({words}{disputed})")
            else:
                marks.append(Mark(view.id, kind, day, dating.doubtful, view.title.value, dating.one_line()))
    marks.sort(key=lambda m: (m.day, m.record_id))
    eras = [Bar(era.title.value, era.dating) for era in presentation.eras.values() if era.dating]
    return Chart(first, last, bars, marks, outside, eras)


def _mark_day(dating: Dating) -> date | None:
    """Where a record's mark goes: the middle of its finest claim's days, or its one known end."""
    claim = dating.shown  # the exact days, where claims that agree give them
    start, end = claim.earliest, claim.latest
    if start is not None and end is not None:
        return start + (end - start) / 2
    return start or end


SpanKind = str  # "none", "agreed", "doubtful" or "unknown": what a bar is on a given day


def span_kind(dating: Dating, day: date) -> SpanKind:
    """What a record's bar is on a day: agreed and sure, doubtful, past a known start with no known end."""
    claims = dating.claims
    inside = [
        c
        for c in claims
        if (c.earliest is None or c.earliest <= day) and (c.latest is None or day <= c.latest)
    ]
    if not inside:
        return "none"
    if all(past_known_end(c, day) for c in inside):
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


def bar_segments(dating: Dating, first_day: date, last_day: date) -> list[Segment]:
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
    for claim in dating.claims:
        for day in (claim.earliest, claim.start_latest):
            if day is not None:
                starts |= {day, shifted(day, year)} - {None}  # type: ignore[arg-type]
        for day in (claim.latest, claim.end_earliest):
            if day is not None:
                starts |= {shifted(day, one), shifted(day, one - year)} - {None}  # type: ignore[arg-type]
    bounds = sorted(day for day in starts if first_day <= day <= last_day)
    segments: list[Segment] = []
    for number, start in enumerate(bounds):
        kind = span_kind(dating, start)
        if kind == "none":
            continue
        end = bounds[number + 1] - one if number + 1 < len(bounds) else last_day
        if segments and segments[-1].kind == kind and shifted(segments[-1].last, one) == start:
            segments[-1] = Segment(segments[-1].first, end, kind)
        else:
            segments.append(Segment(start, end, kind))
    return segments


def runs_before(dating: Dating, first_day: date) -> bool:
    """Whether a bar goes on to the left of the axis: a claim starts before it, or has no known start."""
    return any(c.earliest is None or c.earliest < first_day for c in dating.claims)


def runs_after(dating: Dating, last_day: date) -> bool:
    """Whether a bar goes on to the right of the axis because a source says it does (an open end)."""
    return any(c.open_end or (c.latest or date.min) > last_day for c in dating.claims)


def past_known_end(claim: ClaimView, day: date) -> bool:
    """Whether `day` lies after all a claim with an unknown end says (`2005-10/`: after October 2005)."""
    return claim.unknown_end and (claim.start_latest is None or day > claim.start_latest)
